import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * LinkedIn (3-legged OAuth2). The app's client secret doubles as the webhook secret: LinkedIn signs its
 * validation challenge and every notification with it.
 */
export class CrmLinkedInOAuth2Api implements ICredentialType {
	name = 'crmLinkedInOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'CRM Bridge LinkedIn OAuth2 API';

	icon: Icon = { light: 'file:linkedin.svg', dark: 'file:linkedin.dark.svg' };

	documentationUrl =
		'https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://www.linkedin.com/oauth/v2/authorization',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://www.linkedin.com/oauth/v2/accessToken',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'openid profile email w_member_social',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// LinkedIn expects client_id and client_secret in the token request body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '202511',
			placeholder: 'YYYYMM',
			description:
				'Sent as the LinkedIn-Version header (YYYYMM). LinkedIn retires versions after about a year.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.linkedin.com',
			description: 'Change only to reach a proxy or a local emulation of the LinkedIn API',
		},
	];
}
