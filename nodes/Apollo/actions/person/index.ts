import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import type { ApolloMap } from '../../node.type';
import { enrich } from './enrich.operation';
import { search } from './search.operation';

export const operations: { [O in ApolloMap['person']]: Operation<ApolloProvider> } = { enrich, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['person'] } },
		options: [
			{
				name: 'Enrich',
				value: 'enrich',
				description:
					'Find emails, titles and companies for people (all items together, 10 per request; costs credits)',
				action: 'Enrich people',
			},
			{
				name: 'Search',
				value: 'search',
				description: "Search Apollo's people database (free; no emails or phones)",
				action: 'Search people',
			},
		] satisfies Array<{ value: ApolloMap['person'] } & Record<string, string>>,
		default: 'enrich',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
