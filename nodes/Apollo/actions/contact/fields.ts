/**
 * What the contact writes share: Apollo's writable contact attributes (Apollo has no API listing them, so
 * the list is fixed), the resource mapper methods for each write, and the not-found error.
 */
import { CRMNotFoundError } from '../../../../src/core/errors';
import type { PropertyInfo } from '../../../../src/n8n/fields/contact-columns';
import { APOLLO_CONTACT_FIELDS } from '../../../../src/providers/apollo/mapping';

/** The attributes behind a unified field (first_name is First Name...), hidden from the mapper's list. */
export const SHADOWED: ReadonlySet<string> = new Set(
	APOLLO_CONTACT_FIELDS.flatMap((f) => (f.contact && !f.readOnly ? [f.contact] : [])),
);

const OWN_ATTRIBUTES: PropertyInfo[] = [
	{ name: 'account_id', label: 'Account ID', readOnly: false },
	{ name: 'owner_id', label: 'Owner ID', readOnly: false },
	{ name: 'contact_stage_id', label: 'Contact Stage ID', readOnly: false },
	{ name: 'present_raw_address', label: 'Address', readOnly: false },
	{ name: 'corporate_phone', label: 'Corporate Phone', readOnly: false },
	{ name: 'mobile_phone', label: 'Mobile Phone', readOnly: false },
	{ name: 'home_phone', label: 'Home Phone', readOnly: false },
	{ name: 'other_phone', label: 'Other Phone', readOnly: false },
];

/** Every attribute a write may set, by Apollo's name: the unified ones too, so Map Automatically takes `first_name`. */
export const APOLLO_CONTACT_ATTRIBUTES: PropertyInfo[] = [
	...[...SHADOWED].map((name) => ({ name, label: name, readOnly: false })),
	...OWN_ATTRIBUTES,
];

/** What `readContacts` asks for in Map Automatically mode. */
export const apolloContactCatalog = {
	listProperties: async (): Promise<PropertyInfo[]> => APOLLO_CONTACT_ATTRIBUTES,
};

/** The resourceMapping methods for each write (see methods/resourceMapping.ts). */
export const COLUMN_METHODS = {
	create: 'getContactFields',
	upsert: 'getContactFieldsForUpsert',
	update: 'getContactFieldsForUpdate',
} as const;

export function notFound(by: 'id' | 'email', key: string): CRMNotFoundError {
	return new CRMNotFoundError(`No Apollo contact has the ${by === 'email' ? 'email' : 'ID'} ${key}`, {
		platform: 'apollo',
		httpStatus: 404,
		resource: 'contact',
		id: key,
	});
}
