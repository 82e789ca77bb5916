/** What the contact writes share on HubSpot: the mapper's field list and HubSpot's own error for a miss. */
import { CRMNotFoundError } from '../../../../src/core/errors';

/** The resourceMapping methods for each write (see methods/resourceMapping.ts). */
export const COLUMN_METHODS = {
	create: 'getContactFields',
	upsert: 'getContactFieldsForUpsert',
	update: 'getContactFieldsForUpdate',
} as const;

export function notFound(by: 'id' | 'email', key: string): CRMNotFoundError {
	return new CRMNotFoundError(`No HubSpot contact has the ${by === 'email' ? 'email' : 'ID'} ${key}`, {
		platform: 'hubspot',
		httpStatus: 404,
		resource: 'contact',
		id: key,
	});
}
