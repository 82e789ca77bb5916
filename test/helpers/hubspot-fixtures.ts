/** HubSpot API shapes the nock-based tests answer with, written out from HubSpot's documented responses. */

export type Json = Record<string, any>;

export const HUBSPOT_BASE = 'https://api.hubapi.com';
export const CONTACTS = '/crm/v3/objects/contacts';

/** What every contact read asks for, in the provider's order (written out, not imported from the code). */
export const DEFAULT_PROPERTIES = [
	'email',
	'firstname',
	'lastname',
	'company',
	'jobtitle',
	'phone',
	'hs_linkedin_url',
	'website',
	'city',
	'state',
	'country',
	'createdate',
	'lastmodifieddate',
];

export function hsContact(
	id: number | string,
	email: string,
	extra: Record<string, string | null> = {},
	stamp = '2026-01-02T03:04:05.000Z',
): Json {
	return {
		id: String(id),
		properties: { email, hs_object_id: String(id), createdate: stamp, lastmodifieddate: stamp, ...extra },
		createdAt: stamp,
		updatedAt: stamp,
		archived: false,
	};
}

export function hsError(category: string, message: string, extra: Json = {}): Json {
	return { status: 'error', message, correlationId: 'aaaabbbb-cccc-dddd-eeee-ffff00001111', category, ...extra };
}

/** A nock request body, whether nock handed it over as text or parsed. */
export function parse(body: unknown): Json {
	return (typeof body === 'string' ? JSON.parse(body) : body) as Json;
}
