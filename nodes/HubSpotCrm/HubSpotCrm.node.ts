import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { HUBSPOT_AUTHENTICATION_OPTIONS, hubspotCredentialType, hubspotProviderFor } from '../../src/n8n/hubspot';
import type { OperationTable } from '../../src/n8n/operations';
import { route } from '../../src/n8n/router';
import type { HubSpotProvider } from '../../src/providers/hubspot/provider';
import * as contact from './actions/contact';
import { getContactFields, getContactFieldsForUpdate, getContactFieldsForUpsert } from './methods/resourceMapping';
import type { HubSpotCrmMap } from './node.type';

const operations: OperationTable<HubSpotProvider, HubSpotCrmMap> = { contact: contact.operations };

export class HubSpotCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot CRM',
		name: 'hubSpotCrm',
		icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update, upsert (batched), search and delete HubSpot contacts',
		defaults: { name: 'HubSpot CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'crmHubSpotAppTokenApi', required: true, displayOptions: { show: { authentication: ['appToken'] } } },
			{ name: 'crmHubSpotOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: HUBSPOT_AUTHENTICATION_OPTIONS,
				default: 'appToken',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			...contact.description,
		],
	};

	methods = { resourceMapping: { getContactFields, getContactFieldsForUpsert, getContactFieldsForUpdate } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, {
			operations,
			providerFor: async (ctx) => await hubspotProviderFor(ctx, hubspotCredentialType(ctx.getNodeParameter('authentication', 0))),
		});
	}
}
