import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A HubSpot app, for the CRM Webhook Trigger: its client secret checks webhook signatures; the optional
 * developer API key and app ID let the trigger register and remove its own webhook subscriptions.
 * Nothing here can be proven against HubSpot without a developer key, so the check lives in the
 * trigger node (testedBy) and says exactly what it verified.
 */
export class CrmHubSpotAppApi implements ICredentialType {
	name = 'crmHubSpotAppApi';

	displayName = 'CRM Bridge HubSpot App API';

	icon: Icon = { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/api/webhooks/validating-requests';

	properties: INodeProperties[] = [
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The app's client secret (app settings → Auth). HubSpot signs every webhook request with it.",
		},
		{
			displayName: 'Developer API Key',
			name: 'developerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. With the app ID, lets the trigger set the target URL and subscriptions on activation and remove them on deactivation. Leave empty to configure webhooks in HubSpot by hand.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'Optional. Needed with the developer API key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Change only to reach a proxy or a local emulation of the HubSpot API',
		},
	];

	// Developer-key calls (webhooks v3 settings and subscriptions) take the key as the hapikey query parameter.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { hapikey: '={{$credentials.developerApiKey}}' },
		},
	};
}
