import type { INodeProperties } from 'n8n-workflow';
import type { BatchOperation, ItemOperation } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getChanged from './getChanged.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const itemOperations: Record<string, ItemOperation> = {
	create: create.execute,
	search: search.execute,
	getAll: getAll.execute,
	getChanged: getChanged.execute,
};

export const batchOperations: Record<string, BatchOperation> = {
	upsert: upsert.execute,
	get: get.execute,
	update: update.execute,
	delete: del.execute,
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
		],
		default: 'upsert',
	},
	...create.description,
	...upsert.description,
	...get.description,
	...update.description,
	...del.description,
	...search.description,
	...getAll.description,
	...getChanged.description,
];
