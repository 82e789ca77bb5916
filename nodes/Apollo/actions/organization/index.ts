import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import type { ApolloMap } from '../../node.type';
import { enrich } from './enrich.operation';

export const operations: { [O in ApolloMap['organization']]: Operation<ApolloProvider> } = { enrich };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{
				name: 'Enrich',
				value: 'enrich',
				description: 'Get company details by domain (all items together, 10 per request; costs credits)',
				action: 'Enrich organizations',
			},
		] satisfies Array<{ value: ApolloMap['organization'] } & Record<string, string>>,
		default: 'enrich',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
