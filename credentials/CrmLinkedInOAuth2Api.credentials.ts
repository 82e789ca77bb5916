import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_LINKEDIN_VERSION,
	LINKEDIN_API_BASE_URL,
	LINKEDIN_OAUTH_BASE_URL,
} from '../src/providers/linkedin/endpoints';
import { LEAD_SYNC, MEMBER_POSTING, ORGANIZATION_POSTING, SIGN_IN } from '../src/providers/linkedin/products';

/**
 * The scopes follow the switches: sign-in always, the rest only when enabled, because LinkedIn refuses the
 * whole authorization when an app asks for a scope whose product it was not granted. Hidden, so n8n
 * resolves the expression from this definition at every sign-in.
 */
const SCOPE =
	`=${SIGN_IN.scope}` +
	`{{ $self["memberPosting"] ? " ${MEMBER_POSTING.scope}" : "" }}` +
	`{{ $self["organizationPosting"] ? " ${ORGANIZATION_POSTING.scope}" : "" }}` +
	`{{ $self["leadSync"] ? " ${LEAD_SYNC.scope}" : "" }}`;

/**
 * LinkedIn (3-legged OAuth2). The app's client secret doubles as the webhook secret: LinkedIn signs its
 * validation challenge and every notification with it. Standard apps get no refresh token: after 60 days
 * the credential must be reconnected.
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
			displayName:
				'Standard LinkedIn apps get no refresh token: the access token lasts 60 days, then reconnect this credential. Enable only the products your app has in the LinkedIn Developer Portal; asking for another one makes LinkedIn refuse the sign-in.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Post as Member',
			name: 'memberPosting',
			type: 'boolean',
			default: true,
			description: `Whether to ask for ${MEMBER_POSTING.scope} (product "${MEMBER_POSTING.product}", open to every app): post as yourself`,
		},
		{
			displayName: 'Post as Organization',
			name: 'organizationPosting',
			type: 'boolean',
			default: false,
			description: `Whether to ask for ${ORGANIZATION_POSTING.scope} (product "${ORGANIZATION_POSTING.product}", needs LinkedIn's approval): post as a page you administer`,
		},
		{
			displayName: 'Lead Sync',
			name: 'leadSync',
			type: 'boolean',
			default: false,
			description: `Whether to ask for ${LEAD_SYNC.scope} (product "${LEAD_SYNC.product}", needs LinkedIn's approval): read Lead Gen form responses and manage lead notifications`,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_LINKEDIN_VERSION,
			placeholder: 'YYYYMM',
			description:
				'Sent as the LinkedIn-Version header (YYYYMM). LinkedIn retires a version about a year after its release; when it answers that a version is not active, set a recent one here.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: LINKEDIN_API_BASE_URL,
			description: 'API host. Change only to reach a proxy or a local emulation of the LinkedIn API.',
		},
		{
			displayName: 'OAuth Base URL',
			name: 'oauthBaseUrl',
			type: 'string',
			default: LINKEDIN_OAUTH_BASE_URL,
			description: 'Sign-in and token host. Change only to reach a proxy or a local emulation of LinkedIn.',
		},
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
			default: '={{$self["oauthBaseUrl"]}}/oauth/v2/authorization',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["oauthBaseUrl"]}}/oauth/v2/accessToken',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPE,
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
	];

	// userinfo needs only the sign-in scopes, which every configuration asks for.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v2/userinfo',
		},
	};
}
