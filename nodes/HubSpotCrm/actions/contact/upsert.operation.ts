import type { INodeProperties } from 'n8n-workflow';
import type { BatchOperation } from '../types';
import { additionalFieldsField, customPropertiesField, readContact } from './fields';

const show = { resource: ['contact'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'Creates the contact, or updates the one with this email. All input items are sent together in batches of 100.',
		displayOptions: { show },
	},
	additionalFieldsField('upsert'),
	customPropertiesField(['upsert']),
];

/** All items in one call: the provider batches them 100 per request and reports each item's outcome. */
export const execute: BatchOperation = async function (provider, itemCount) {
	const inputs = [];
	for (let i = 0; i < itemCount; i++) {
		const email = this.getNodeParameter('email', i, '') as string;
		inputs.push(readContact(this, i, 'additionalFields', email.trim()));
	}
	const outcomes = await provider.upsertContacts(inputs);
	return outcomes.map((o) => (o.ok ? { ok: true, json: { ...o.value, created: o.created === true } } : { ok: false, error: o.error }));
};
