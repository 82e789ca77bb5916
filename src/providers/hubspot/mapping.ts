/**
 * The one place that knows which HubSpot property holds which unified Contact field.
 */
import type { Contact, ContactInput } from '../../core/models';

/** Unified field → HubSpot internal property name. */
export const FIELD_TO_PROPERTY = {
	email: 'email',
	firstName: 'firstname',
	lastName: 'lastname',
	company: 'company',
	title: 'jobtitle',
	phone: 'phone',
	linkedinUrl: 'hs_linkedin_url',
	domain: 'website',
} as const;

const LOCATION_TO_PROPERTY = { city: 'city', state: 'state', country: 'country' } as const;

/** What every read asks for, so a unified Contact is always complete. */
export const DEFAULT_PROPERTIES = [
	...Object.values(FIELD_TO_PROPERTY),
	...Object.values(LOCATION_TO_PROPERTY),
	'createdate',
	'lastmodifieddate',
];

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
	for (const [field, property] of Object.entries(FIELD_TO_PROPERTY)) {
		const value = contact[field as keyof typeof FIELD_TO_PROPERTY];
		if (value !== undefined) out[property] = String(value);
	}
	for (const [field, property] of Object.entries(LOCATION_TO_PROPERTY)) {
		const value = contact.location?.[field as keyof typeof LOCATION_TO_PROPERTY];
		if (value !== undefined) out[property] = String(value);
	}
	for (const [name, value] of Object.entries(contact.properties ?? {})) {
		if (value === undefined) continue;
		out[name] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	if (out.email !== undefined) out.email = out.email.trim().toLowerCase();
	return out;
}

export function fromHubSpot(object: HubSpotObject): Contact {
	const p = object.properties ?? {};
	const text = (name: string): string | undefined => {
		const value = p[name];
		return value === null || value === undefined || value === '' ? undefined : value;
	};
	const location = {
		city: text('city'),
		state: text('state'),
		country: text('country'),
	};
	return {
		id: object.id,
		email: text('email'),
		firstName: text('firstname'),
		lastName: text('lastname'),
		company: text('company'),
		title: text('jobtitle'),
		phone: text('phone'),
		linkedinUrl: text('hs_linkedin_url'),
		domain: text('website'),
		location: Object.values(location).some((v) => v !== undefined) ? location : undefined,
		properties: { ...p },
		ids: { hubspot: object.id },
		createdAt: object.createdAt ?? text('createdate'),
		updatedAt: object.updatedAt ?? text('lastmodifieddate'),
	};
}
