import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import type { LinkedInMap } from '../../node.type';
import { create } from './create.operation';

export const operations: { [O in LinkedInMap['post']]: Operation<LinkedInProvider> } = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Publish a text or article post as yourself or as an organization page',
				action: 'Create a post',
			},
		] satisfies Array<{ value: LinkedInMap['post'] } & Record<string, string>>,
		default: 'create',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
