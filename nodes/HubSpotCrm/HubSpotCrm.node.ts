import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { HUBSPOT_AUTHENTICATION_OPTIONS } from '../../src/n8n/hubspot';
import * as contact from './actions/contact';
import { route } from './actions/router';
import { getContactProperties } from './methods/loadOptions';

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

	methods = { loadOptions: { getContactProperties } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this);
	}
}
