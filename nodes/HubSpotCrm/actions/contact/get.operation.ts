import type { INodeProperties } from 'n8n-workflow';
import { CRMNotFoundError } from '../../../../src/core/errors';
import type { ItemOperation } from '../types';
import { lookupFields } from './lookup';
import { propertiesOption, splitList } from './fields';

export const description: INodeProperties[] = [
	...lookupFields('get'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['get'] } },
		options: [propertiesOption()],
	},
];

export const execute: ItemOperation = async function (provider, i) {
	const lookupBy = this.getNodeParameter('lookupBy', i) as 'id' | 'email';
	const properties = splitList(this.getNodeParameter('options.properties', i, ''));
	if (lookupBy === 'email') {
		const email = this.getNodeParameter('email', i) as string;
		const contact = await provider.getContactByEmail(email, properties);
		if (!contact) {
			throw new CRMNotFoundError(`No HubSpot contact has the email ${email}`, { platform: 'hubspot', httpStatus: 404, resource: 'contact' });
		}
		return [contact];
	}
	return [await provider.getContact(this.getNodeParameter('contactId', i) as string, properties)];
};
