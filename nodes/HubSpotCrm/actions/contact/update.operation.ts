import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from '../types';
import { contactFieldOptions, customPropertiesField, readContact } from './fields';
import { lookupFields } from './lookup';

export const description: INodeProperties[] = [
	...lookupFields('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['update'] } },
		options: [{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' }, ...contactFieldOptions],
	},
	customPropertiesField(['update']),
];

export const execute: ItemOperation = async function (provider, i) {
	const lookupBy = this.getNodeParameter('lookupBy', i) as 'id' | 'email';
	const key = this.getNodeParameter(lookupBy === 'email' ? 'email' : 'contactId', i) as string;
	return [await provider.updateContact(key, readContact(this, i, 'updateFields'), lookupBy)];
};
