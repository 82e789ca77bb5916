/**
 * The one place that knows which Apollo field holds which unified Contact field: one table, read in both
 * directions. Apollo has two record kinds: people (its database, as enrichment and search answer them) and
 * contacts (the user's own CRM, read and written). A row names the field in each; a field absent from a
 * kind is not read from or written to it.
 */
import type { Contact, ContactInput } from '../../core/models';

type LocationPart = 'city' | 'state' | 'country';
type TextField =
	| 'email'
	| 'firstName'
	| 'lastName'
	| 'company'
	| 'title'
	| 'phone'
	| 'linkedinUrl'
	| 'domain'
	| 'createdAt'
	| 'updatedAt';
export type UnifiedField = TextField | `location.${LocationPart}`;

export interface ApolloFieldMapping {
	field: UnifiedField;
	/** Dotted path in a person record (`organization.name`; `phone_numbers.0.sanitized_number`). */
	person?: string;
	/** Attribute of a contact record, read and written. */
	contact?: string;
	/** Kept by Apollo itself: read, never written. */
	readOnly?: boolean;
	/** Applied to a value read from Apollo, e.g. a website URL read as a domain. */
	read?: (value: string) => string;
}

const asDomain = (value: string): string =>
	value
		.trim()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
		.replace(/^www\./i, '')
		.replace(/[/?#].*$/, '')
		.toLowerCase();

export const APOLLO_CONTACT_FIELDS: readonly ApolloFieldMapping[] = [
	{ field: 'email', person: 'email', contact: 'email' },
	{ field: 'firstName', person: 'first_name', contact: 'first_name' },
	{ field: 'lastName', person: 'last_name', contact: 'last_name' },
	{ field: 'company', person: 'organization.name', contact: 'organization_name' },
	{ field: 'title', person: 'title', contact: 'title' },
	// Enrichment answers carry no phone (they arrive by callback); search never shows one.
	{ field: 'phone', person: 'phone_numbers.0.sanitized_number', contact: 'direct_phone' },
	{ field: 'linkedinUrl', person: 'linkedin_url', contact: 'linkedin_url' },
	{ field: 'domain', person: 'organization.primary_domain', contact: 'website_url', read: asDomain },
	{ field: 'location.city', person: 'city' },
	{ field: 'location.state', person: 'state' },
	{ field: 'location.country', person: 'country' },
	{ field: 'createdAt', contact: 'created_at', readOnly: true },
	{ field: 'updatedAt', contact: 'updated_at', readOnly: true },
];

/** What people/match and bulk_match accept to identify a person, by unified field. */
export const MATCH_PARAMETERS: Readonly<Partial<Record<UnifiedField, string>>> = {
	email: 'email',
	firstName: 'first_name',
	lastName: 'last_name',
	company: 'organization_name',
	linkedinUrl: 'linkedin_url',
	domain: 'domain',
};

type Json = Record<string, unknown>;

export function fromPerson(person: Json): Contact {
	return fromRecord(person, 'person');
}

export function fromApolloContact(contact: Json): Contact {
	return fromRecord(contact, 'contact');
}

/** Unified fields → contact attributes. An empty string is kept: it is how Apollo clears a field. */
export function toContactAttributes(contact: ContactInput): Record<string, string> {
	const out: Record<string, string> = {};
	for (const { field, contact: attribute, readOnly } of APOLLO_CONTACT_FIELDS) {
		if (!attribute || readOnly) continue;
		const value = valueOf(contact, field);
		if (value !== undefined && value !== null) out[attribute] = String(value);
	}
	// Apollo matches emails case-insensitively; one spelling keeps dedupe and our pairing in step.
	if (out.email) out.email = out.email.trim().toLowerCase();
	for (const [name, value] of Object.entries(contact.properties ?? {})) {
		if (value === undefined) continue;
		out[name] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return out;
}

/** Unified fields → people/match parameters (only the ones that help find the person). */
export function toMatchParameters(contact: ContactInput): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [field, parameter] of Object.entries(MATCH_PARAMETERS) as Array<[UnifiedField, string]>) {
		const value = valueOf(contact, field);
		if (typeof value === 'string' && value.trim() !== '') out[parameter] = value.trim();
	}
	const id = contact.ids?.apollo;
	if (id) out.id = id;
	return out;
}

export function valueOf(contact: ContactInput, field: UnifiedField): unknown {
	if (field.startsWith('location.'))
		return contact.location?.[field.slice('location.'.length) as LocationPart];
	return contact[field as TextField];
}

function fromRecord(record: Json, kind: 'person' | 'contact'): Contact {
	const fields: Partial<Record<TextField, string>> = {};
	const location: Partial<Record<LocationPart, string>> = {};
	for (const mapping of APOLLO_CONTACT_FIELDS) {
		const path = mapping[kind];
		if (!path) continue;
		const raw = at(record, path);
		if (typeof raw !== 'string' && typeof raw !== 'number') continue;
		const value = mapping.read ? mapping.read(String(raw)) : String(raw).trim();
		if (value === '') continue;
		if (mapping.field.startsWith('location.'))
			location[mapping.field.slice('location.'.length) as LocationPart] = value;
		else fields[mapping.field as TextField] = value;
	}
	const id = typeof record.id === 'string' && record.id !== '' ? record.id : undefined;
	return {
		id,
		...fields,
		location: Object.keys(location).length > 0 ? location : undefined,
		properties: { ...record },
		ids: id ? { apollo: id } : {},
	};
}

function at(record: Json, path: string): unknown {
	let value: unknown = record;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}
