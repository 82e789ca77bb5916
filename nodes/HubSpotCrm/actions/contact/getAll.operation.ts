import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from '../types';
import { propertiesOption, splitList } from './fields';
import { drain, limitOf, returnAllFields } from './paging';

export const description: INodeProperties[] = [
	...returnAllFields('getAll'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['getAll'] } },
		options: [propertiesOption()],
	},
];

export const execute: ItemOperation = async function (provider, i) {
	const properties = splitList(this.getNodeParameter('options.properties', i, ''));
	const limit = limitOf(this, i);
	return drain(provider.listContacts({ properties, limit }), limit);
};
