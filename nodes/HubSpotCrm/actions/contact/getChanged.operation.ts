import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from '../types';
import { propertiesOption, splitList } from './fields';
import { drain, limitOf, returnAllFields } from './paging';

export const description: INodeProperties[] = [
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Contacts created or changed at or after this time, oldest change first. HubSpot search is eventually consistent: changes from the last few seconds may not show yet.',
		displayOptions: { show: { resource: ['contact'], operation: ['getChanged'] } },
	},
	...returnAllFields('getChanged'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['getChanged'] } },
		options: [propertiesOption()],
	},
];

export const execute: ItemOperation = async function (provider, i) {
	const since = new Date(this.getNodeParameter('since', i) as string);
	const properties = splitList(this.getNodeParameter('options.properties', i, ''));
	const limit = limitOf(this, i);
	return drain(provider.getUpdatedContacts(since, { properties, limit }), limit);
};
