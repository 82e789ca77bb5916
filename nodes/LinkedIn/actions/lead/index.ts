import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import type { LinkedInMap } from '../../node.type';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const operations: { [O in LinkedInMap['lead']]: Operation<LinkedInProvider> } = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a lead form response as a contact',
				action: 'Get a lead',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List lead form responses of an ad account or organization as contacts',
				action: 'Get many leads',
			},
		] satisfies Array<{ value: LinkedInMap['lead'] } & Record<string, string>>,
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
