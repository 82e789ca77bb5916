import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import type { LinkedInMap } from '../../node.type';
import { create } from './create.operation';
import { del } from './delete.operation';
import { getAll } from './getAll.operation';

export const operations: { [O in LinkedInMap['leadNotification']]: Operation<LinkedInProvider> } = {
	create,
	getAll,
	delete: del,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['leadNotification'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: "Send an owner's new leads to a webhook",
				action: 'Create a lead notification',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Stop a lead notification subscription',
				action: 'Delete a lead notification',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List an owner's lead notification subscriptions",
				action: 'Get many lead notifications',
			},
		] satisfies Array<{ value: LinkedInMap['leadNotification'] } & Record<string, string>>,
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
