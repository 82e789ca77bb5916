/** "Find the contact by ID or by email": the parameters and reading them for one item. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CRMValidationError } from '../core/errors';

export type LookupBy = 'id' | 'email';

export interface Lookup {
	by: LookupBy;
	/** The id as given, or the email lowercased (platforms compare emails case-insensitively). */
	key: string;
}

/** The caller places these with `updateDisplayOptions`. */
export const lookupFields: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'Contact ID', value: 'id' },
			{ name: 'Email', value: 'email' },
		],
		default: 'id',
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { lookupBy: ['id'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show: { lookupBy: ['email'] } },
	},
];

/** The item's lookup; an empty key is the item's own validation error, not the node's. */
export function readLookup(ctx: IExecuteFunctions, itemIndex: number): Lookup {
	const by = ctx.getNodeParameter('lookupBy', itemIndex) as LookupBy;
	const field = by === 'email' ? 'email' : 'contactId';
	const raw = String(ctx.getNodeParameter(field, itemIndex, '') ?? '').trim();
	if (!raw) throw new CRMValidationError(`${field} is required`, { fields: [{ field, message: 'is required', itemIndex }] });
	return { by, key: by === 'email' ? raw.toLowerCase() : raw };
}
