/**
 * The one place that knows which HubSpot property holds which unified Contact field: a single table read
 * in both directions (reads, writes, and the properties every read asks for), so a field added here is
 * read, written and requested alike.
 */
import type { Contact, ContactInput } from '../../core/models';

type LocationPart = 'city' | 'state' | 'country';
type TextField = 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'phone' | 'linkedinUrl' | 'domain' | 'createdAt' | 'updatedAt';

export interface FieldMapping {
	/** The unified field; `location.city` and friends address the nested location. */
	field: TextField | `location.${LocationPart}`;
	/** HubSpot's internal property name. */
	property: string;
	/** Kept by HubSpot itself: read, never written. */
	readOnly?: boolean;
	/** Applied to the value written to the property, whichever input it came from. */
	normalize?: (value: string) => string;
}

export const HUBSPOT_CONTACT_FIELDS: readonly FieldMapping[] = [
	// HubSpot matches emails case-insensitively but stores what it is sent; one spelling keeps upserts merging.
	{ field: 'email', property: 'email', normalize: (value) => value.trim().toLowerCase() },
	{ field: 'firstName', property: 'firstname' },
	{ field: 'lastName', property: 'lastname' },
	{ field: 'company', property: 'company' },
	{ field: 'title', property: 'jobtitle' },
	{ field: 'phone', property: 'phone' },
	{ field: 'linkedinUrl', property: 'hs_linkedin_url' },
	{ field: 'domain', property: 'website' },
	{ field: 'location.city', property: 'city' },
	{ field: 'location.state', property: 'state' },
	{ field: 'location.country', property: 'country' },
	{ field: 'createdAt', property: 'createdate', readOnly: true },
	{ field: 'updatedAt', property: 'lastmodifieddate', readOnly: true },
];

/** What every read asks for, so a unified Contact is always complete. */
export const DEFAULT_PROPERTIES = HUBSPOT_CONTACT_FIELDS.map((f) => f.property);

export interface HubSpotObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt?: string;
	updatedAt?: string;
	archived?: boolean;
}

/**
 * Unified fields plus custom properties → HubSpot properties. Explicit custom properties win over the
 * unified fields they would shadow, because the user named them on purpose. An empty string is kept:
 * it is how HubSpot clears a property.
 */
export function toProperties(contact: ContactInput): Record<string, string> {
	const out: Record<string, string> = {};
	for (const { field, property, readOnly } of HUBSPOT_CONTACT_FIELDS) {
		if (readOnly) continue;
		const value = valueOf(contact, field);
		if (value !== undefined) out[property] = String(value);
	}
	for (const [name, value] of Object.entries(contact.properties ?? {})) {
		if (value === undefined) continue;
		out[name] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	for (const { property, normalize } of HUBSPOT_CONTACT_FIELDS) {
		if (normalize && out[property] !== undefined) out[property] = normalize(out[property]);
	}
	return out;
}

export function fromHubSpot(object: HubSpotObject): Contact {
	const p = object.properties ?? {};
	// HubSpot answers an unset property with null or "": both mean the field has no value.
	const text = (property: string): string | undefined => {
		const value = p[property];
		return value === null || value === undefined || value === '' ? undefined : value;
	};
	const fields: Partial<Record<TextField, string>> = {};
	const location: Partial<Record<LocationPart, string>> = {};
	const stamps: Partial<Record<TextField, string>> = {};
	for (const { field, property, readOnly } of HUBSPOT_CONTACT_FIELDS) {
		if (field.startsWith('location.')) location[field.slice('location.'.length) as LocationPart] = text(property);
		else (readOnly ? stamps : fields)[field as TextField] = text(property);
	}
	return {
		id: object.id,
		...fields,
		location: Object.values(location).some((v) => v !== undefined) ? location : undefined,
		properties: { ...p },
		ids: { hubspot: object.id },
		// The record's own timestamps are always present; the properties only when they were asked for.
		createdAt: object.createdAt ?? stamps.createdAt,
		updatedAt: object.updatedAt ?? stamps.updatedAt,
	};
}

function valueOf(contact: ContactInput, field: FieldMapping['field']): unknown {
	if (field.startsWith('location.')) return contact.location?.[field.slice('location.'.length) as LocationPart];
	return contact[field as TextField];
}
