/**
 * The credentials of the demo (`npm start`) and of the examples' end-to-end tests: one place for their ids,
 * so the workflows in `examples/` reference them as they are and work after import. Each points at the local
 * sandbox; switching one to a real account (its key and Base URL) is all it takes to go live.
 */
import type { CredentialImport } from '../../test/e2e/lib/n8n-cli';
import { linkedInVersion, type Platforms } from '../../test/e2e/lib/platforms';

/** Ids and names the example workflows use (`"credentials": {"<type>": {"id", "name"}}`). */
export const DEMO_CREDENTIALS = {
	hubspot: { id: 'crmBridgeDemoHub', name: 'HubSpot sandbox', type: 'crmHubSpotAppTokenApi' },
	hubspotApp: { id: 'crmBridgeDemoHubApp', name: 'HubSpot app (sandbox)', type: 'crmHubSpotAppApi' },
	apollo: { id: 'crmBridgeDemoApollo', name: 'Apollo sandbox', type: 'crmApolloApi' },
	linkedin: { id: 'crmBridgeDemoLinkedIn', name: 'LinkedIn sandbox', type: 'crmLinkedInOAuth2Api' },
	encryptionKey: {
		id: 'crmBridgeDemoKey',
		name: 'CRM Bridge encryption key (demo)',
		type: 'crmEncryptionKeyApi',
	},
	// n8n's own OpenAI credential, pointed at the sandbox's scripted stand-in (sandbox/openai) for the AI Agent example.
	openai: { id: 'crmBridgeDemoOpenAi', name: 'Local model stand-in (sandbox)', type: 'openAiApi' },
	// The AI Agent example's public chat asks for this login: an agent that writes to the CRM is not left open.
	chatLogin: { id: 'crmBridgeDemoChatLogin', name: 'Example chat login (demo)', type: 'httpBasicAuth' },
} as const;

/** The demo chat login (example 4's hosted chat page); a demo value anyone can read, like the sandbox keys. */
export const DEMO_CHAT_LOGIN = { user: 'demo', password: 'crm-bridge-demo-chat' };

/** A Fernet key anyone can read: 32 bytes of ASCII, for the demo's sync state only. */
export const DEMO_ENCRYPTION_KEY =
	Buffer.from('crm-bridge-demo-key-not-a-secret').toString('base64url') + '=';

export function demoCredentials(platforms: Platforms): CredentialImport[] {
	const { hubspot, hubspotApp, apollo, linkedin, encryptionKey, openai, chatLogin } = DEMO_CREDENTIALS;
	return [
		{ ...hubspot, data: { accessToken: platforms.hubspot.token, baseUrl: platforms.hubspot.url } },
		{
			...hubspotApp,
			data: {
				clientSecret: platforms.hubspot.oauth.clientSecret,
				developerApiKey: platforms.hubspot.developerApiKey,
				appId: platforms.hubspot.appId,
				baseUrl: platforms.hubspot.url,
			},
		},
		{ ...apollo, data: { apiKey: platforms.apollo.apiKey, baseUrl: `${platforms.apollo.url}/api/v1` } },
		{
			...linkedin,
			data: {
				clientId: platforms.linkedin.oauth.clientId,
				clientSecret: platforms.linkedin.oauth.clientSecret,
				apiVersion: linkedInVersion(),
				baseUrl: platforms.linkedin.url,
				oauthBaseUrl: platforms.linkedin.url,
				leadSync: true,
				oauthTokenData: { access_token: platforms.linkedin.token, token_type: 'Bearer' },
			},
		},
		{ ...encryptionKey, data: { secretKey: DEMO_ENCRYPTION_KEY } },
		{ ...openai, data: { apiKey: platforms.openai.apiKey, url: platforms.openai.url } },
		{ ...chatLogin, data: { ...DEMO_CHAT_LOGIN } },
	];
}
