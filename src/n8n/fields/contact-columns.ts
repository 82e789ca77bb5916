/**
 * The resource mapper's field list: the unified contact fields first, then the platform properties of
 * the account that a write can set (read-only ones and those behind a unified field left out).
 */
import type { FieldType, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { UNIFIED_FIELDS } from './contact-fields';

export interface PropertyInfo {
	name: string;
	label: string;
	description?: string;
	/** The platform's own type name (HubSpot: string, number, bool, date, datetime, enumeration). */
	type?: string;
	readOnly: boolean;
}

/** Anything that lists a platform's contact properties (HubSpot's provider does). */
export interface PropertyCatalog {
	listProperties(): Promise<PropertyInfo[]>;
}

export interface ColumnOptions {
	/** Platform properties the unified fields already stand for. */
	shadowed: ReadonlySet<string>;
	/** Which fields may identify the contact (update: id or email; upsert: email). */
	matchOn: readonly string[];
	/** Offer the contact ID as a field (update). */
	withId?: boolean;
	/** Fields a write needs (upsert: email). */
	required?: readonly string[];
}

function fieldType(type: string | undefined): FieldType {
	if (type === 'number') return 'number';
	if (type === 'bool') return 'boolean';
	return 'string';
}

export function contactColumns(properties: PropertyInfo[], options: ColumnOptions): ResourceMapperFields {
	const field = (id: string, displayName: string, type: FieldType = 'string'): ResourceMapperField => ({
		id,
		displayName,
		type,
		required: options.required?.includes(id) ?? false,
		defaultMatch: options.matchOn[0] === id,
		canBeUsedToMatch: options.matchOn.includes(id),
		display: true,
	});
	const fields: ResourceMapperField[] = [];
	if (options.withId) fields.push(field('id', 'Contact ID'));
	for (const unified of UNIFIED_FIELDS) fields.push(field(unified.id, unified.displayName));
	const writable = properties
		.filter((p) => !p.readOnly && !options.shadowed.has(p.name))
		.sort((a, b) => a.label.localeCompare(b.label));
	for (const p of writable) fields.push(field(p.name, `${p.label} (${p.name})`, fieldType(p.type)));
	return { fields };
}
