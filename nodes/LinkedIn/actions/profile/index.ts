import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import type { LinkedInMap } from '../../node.type';
import { checkToken } from './checkToken.operation';
import { getMe } from './getMe.operation';

export const operations: { [O in LinkedInMap['profile']]: Operation<LinkedInProvider> } = {
	getMe,
	checkToken,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['profile'] } },
		options: [
			{
				name: 'Check Access Token',
				value: 'checkToken',
				description: 'Whether the access token is active and how many days it has left',
				action: 'Check the access token',
			},
			{
				name: 'Get Me',
				value: 'getMe',
				description: 'Get the signed-in member (name, email, member URN) as a contact',
				action: 'Get my profile',
			},
		] satisfies Array<{ value: LinkedInMap['profile'] } & Record<string, string>>,
		default: 'getMe',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
