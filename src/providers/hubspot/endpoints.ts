/** HubSpot CRM v3 contact paths, written once. Ids and emails are path segments, so they are encoded here. */
export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';

const CONTACTS = '/crm/v3/objects/contacts';

export type BatchAction = 'read' | 'upsert' | 'update' | 'archive';

export const CONTACT_PATHS = {
	/** List (GET) and create (POST). */
	collection: CONTACTS,
	/** One contact by id, or by email with `idProperty=email`. */
	one: (key: string): string => `${CONTACTS}/${encodeURIComponent(key)}`,
	search: `${CONTACTS}/search`,
	batch: (action: BatchAction): string => `${CONTACTS}/batch/${action}`,
	/** The account's contact property definitions. */
	properties: '/crm/v3/properties/contacts',
} as const;
