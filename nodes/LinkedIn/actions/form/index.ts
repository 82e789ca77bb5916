import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import type { LinkedInMap } from '../../node.type';
import { getAll } from './getAll.operation';

export const operations: { [O in LinkedInMap['form']]: Operation<LinkedInProvider> } = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['form'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the lead forms of an ad account or organization',
				action: 'Get many lead forms',
			},
		] satisfies Array<{ value: LinkedInMap['form'] } & Record<string, string>>,
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
