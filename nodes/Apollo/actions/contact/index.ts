import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import type { ApolloMap } from '../../node.type';
import { create } from './create.operation';
import { get } from './get.operation';
import { search } from './search.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const operations: { [O in ApolloMap['contact']]: Operation<ApolloProvider> } = {
	create,
	upsert,
	get,
	update,
	search,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact in your Apollo CRM',
				action: 'Create a contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{ name: 'Get', value: 'get', description: 'Get a contact by ID or email', action: 'Get a contact' },
			{
				name: 'Search',
				value: 'search',
				description: 'Search your Apollo contacts',
				action: 'Search contacts',
			},
			{ name: 'Update', value: 'update', description: 'Update a contact', action: 'Update a contact' },
		] satisfies Array<{ value: ApolloMap['contact'] } & Record<string, string>>,
		default: 'upsert',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
