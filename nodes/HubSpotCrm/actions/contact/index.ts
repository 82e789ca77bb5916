import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import type { HubSpotCrmMap } from '../../node.type';
import { create } from './create.operation';
import { del } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getChanged } from './getChanged.operation';
import { search } from './search.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const operations: { [O in HubSpotCrmMap['contact']]: Operation<HubSpotProvider> } = {
	create,
	upsert,
	get,
	update,
	delete: del,
	search,
	getAll,
	getChanged,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a contact', action: 'Create a contact' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{ name: 'Delete', value: 'delete', description: 'Archive a contact', action: 'Delete a contact' },
			{ name: 'Get', value: 'get', description: 'Get a contact by ID or email', action: 'Get a contact' },
			{ name: 'Get Changed Since', value: 'getChanged', description: 'Get contacts created or changed since a time', action: 'Get changed contacts' },
			{ name: 'Get Many', value: 'getAll', description: 'List contacts', action: 'Get many contacts' },
			{ name: 'Search', value: 'search', description: 'Search contacts with filters', action: 'Search contacts' },
			{ name: 'Update', value: 'update', description: 'Update a contact', action: 'Update a contact' },
		] satisfies Array<{ value: HubSpotCrmMap['contact'] } & Record<string, string>>,
		default: 'upsert',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
