import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { LINKEDIN_CREDENTIAL_TYPE, linkedInProviderFor } from '../../src/n8n/linkedin';
import type { OperationTable } from '../../src/n8n/operations';
import { route } from '../../src/n8n/router';
import type { LinkedInProvider } from '../../src/providers/linkedin/provider';
import * as form from './actions/form';
import * as lead from './actions/lead';
import * as leadNotification from './actions/leadNotification';
import * as post from './actions/post';
import * as profile from './actions/profile';
import type { LinkedInMap } from './node.type';

const operations: OperationTable<LinkedInProvider, LinkedInMap> = {
	profile: profile.operations,
	post: post.operations,
	lead: lead.operations,
	form: form.operations,
	leadNotification: leadNotification.operations,
};

export class LinkedIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LinkedIn',
		name: 'linkedIn',
		icon: { light: 'file:linkedin.svg', dark: 'file:linkedin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read your profile, publish posts, and read Lead Gen Form leads as contacts',
		defaults: { name: 'LinkedIn' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: LINKEDIN_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Standard LinkedIn apps get no refresh token: after 60 days the node reports "reconnect this credential". Sign-in and member posts are open to every app; organization posts and leads need products LinkedIn approves for your app.',
				name: 'accessNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Lead', value: 'lead' },
					{ name: 'Lead Form', value: 'form' },
					{ name: 'Lead Notification', value: 'leadNotification' },
					{ name: 'Post', value: 'post' },
					{ name: 'Profile', value: 'profile' },
				],
				default: 'profile',
			},
			...profile.description,
			...post.description,
			...lead.description,
			...form.description,
			...leadNotification.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, { operations, providerFor: async (ctx) => await linkedInProviderFor(ctx) });
	}
}
