import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { credentialShownWhen } from '../../src/n8n/credential-display';
import { crmHubSpotAppApiTest, crmWebhookSecretApiTest } from './credentialTests';
import { properties } from './description';
import { checkExists, create, remove } from './activation';
import { handleRequest } from './pipeline';

export class CrmWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Webhook Trigger',
		name: 'crmWebhookTrigger',
		icon: { light: 'file:crmWebhookTrigger.svg', dark: 'file:crmWebhookTrigger.dark.svg' },
		group: ['trigger'],
		// 1.1: HubSpot signatures default to V3 Only, the Generic HMAC timestamp header needs a signed timestamp.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["platform"]}}',
		description: 'Starts a workflow on signed webhooks from HubSpot, LinkedIn, Apollo or any HMAC sender',
		defaults: { name: 'CRM Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'crmHubSpotAppApi',
				required: true,
				testedBy: 'crmHubSpotAppApiTest',
				displayOptions: credentialShownWhen({ platform: ['hubspot'] }),
			},
			{
				name: 'crmHubSpotAppTokenApi',
				required: true,
				displayOptions: credentialShownWhen({
					platform: ['hubspot'],
					fetchContact: [true],
					hubspotApiAuthentication: ['appToken'],
				}),
			},
			{
				name: 'crmHubSpotOAuth2Api',
				required: true,
				displayOptions: credentialShownWhen({
					platform: ['hubspot'],
					fetchContact: [true],
					hubspotApiAuthentication: ['oAuth2'],
				}),
			},
			{
				name: 'crmLinkedInOAuth2Api',
				required: true,
				displayOptions: credentialShownWhen({ platform: ['linkedin'] }),
			},
			{
				name: 'crmWebhookSecretApi',
				required: true,
				testedBy: 'crmWebhookSecretApiTest',
				displayOptions: credentialShownWhen({ platform: ['apollo', 'generic'] }),
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: '={{$parameter["responseMode"]}}',
				// Without it n8n answers accepted deliveries with the literal text "firstEntryJson".
				responseData: 'noData',
			},
			{
				// LinkedIn validates the URL with GET ?challengeCode=… on the same path.
				name: 'setup',
				httpMethod: 'GET',
				path: 'webhook',
				responseMode: 'onReceived',
			},
		],
		properties,
	};

	methods = {
		credentialTest: { crmHubSpotAppApiTest, crmWebhookSecretApiTest },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleRequest(this);
	}
}
