import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

const SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];

export class CrmHubSpotOAuth2Api implements ICredentialType {
	name = 'crmHubSpotOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'CRM Bridge HubSpot OAuth2 API';

	icon: Icon = { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/api/oauth-quickstart-guide';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'API and token endpoint host. Change only for a proxy or a local sandbox.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			// PKCE: n8n sends an S256 code_challenge and the code_verifier; HubSpot still expects the client secret.
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.hubspot.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			// The dated endpoint: HubSpot retires /oauth/v1/token on 2027-02-16. Hidden, so n8n takes it from
			// this definition for credentials saved with the old URL too.
			default: '={{$self["baseUrl"]}}/oauth/2026-03/token',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPES.join(' '),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			// HubSpot reads client_id and client_secret from the form body, not a Basic header.
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/crm/v3/objects/contacts',
			qs: { limit: 1 },
		},
	};
}
