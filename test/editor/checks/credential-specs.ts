/**
 * What each credential form must show. A credential with a demo credential is opened saved (n8n then tests
 * it against the sandbox, which logs the request); the others are opened as new forms from "Add credential".
 * A credential type the package lists but this table does not know is still opened as a new form.
 */
export interface CredentialSpec {
	/** The demo credential of this type (scripts/demo/credentials.ts), opened saved. */
	demoId?: string;
	/** n8n tests it when the form opens: the sandbox platform that must see the test request. */
	testedOn?: 'hubspot' | 'apollo';
	/** An OAuth2 credential: the form shows the connected account instead of a test. */
	oauth?: boolean;
	/** Fields (parameter names) the form must show. */
	fields: string[];
}

export const CREDENTIAL_SPECS: Record<string, CredentialSpec> = {
	crmHubSpotAppTokenApi: {
		demoId: 'crmBridgeDemoHub',
		testedOn: 'hubspot',
		fields: ['accessToken', 'baseUrl'],
	},
	crmApolloApi: { demoId: 'crmBridgeDemoApollo', testedOn: 'apollo', fields: ['apiKey', 'baseUrl'] },
	crmLinkedInOAuth2Api: {
		demoId: 'crmBridgeDemoLinkedIn',
		oauth: true,
		fields: ['clientId', 'clientSecret', 'leadSync'],
	},
	crmHubSpotAppApi: { demoId: 'crmBridgeDemoHubApp', fields: ['clientSecret', 'developerApiKey', 'appId'] },
	crmEncryptionKeyApi: { demoId: 'crmBridgeDemoKey', fields: ['secretKey'] },
	crmHubSpotOAuth2Api: { fields: ['clientId', 'clientSecret'] },
	crmWebhookSecretApi: { fields: ['secret'] },
};
