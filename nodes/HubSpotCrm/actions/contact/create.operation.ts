import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from '../types';
import { additionalFieldsField, customPropertiesField, readContact } from './fields';

const show = { resource: ['contact'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email of the new contact. If a contact with this email exists, the node fails with its ID: use Upsert to update it instead.',
		displayOptions: { show },
	},
	additionalFieldsField('create'),
	customPropertiesField(['create']),
];

export const execute: ItemOperation = async function (provider, i) {
	const email = this.getNodeParameter('email', i, '') as string;
	return [await provider.createContact(readContact(this, i, 'additionalFields', email.trim()))];
};
