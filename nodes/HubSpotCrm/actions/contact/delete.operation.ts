import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		description: 'The contact is archived: HubSpot keeps it restorable for 90 days',
		displayOptions: { show: { resource: ['contact'], operation: ['delete'] } },
	},
];

export const execute: ItemOperation = async function (provider, i) {
	const id = (this.getNodeParameter('contactId', i) as string).trim();
	await provider.deleteContact(id);
	return [{ id, deleted: true }];
};
