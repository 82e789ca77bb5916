/**
 * What `npm start` prints once everything answers: where to log in, where the sandbox is, and for each demo
 * credential what to change in the editor to use a real account instead.
 */
import { DEMO_CHAT_LOGIN } from './credentials';
import type { RunningDemo } from './run-demo';

/** The fields to change per credential type (the credentials' own defaults are the real APIs). */
const GO_LIVE: Record<string, string> = {
	crmHubSpotAppTokenApi: 'Access Token (private app), Base URL https://api.hubapi.com',
	crmHubSpotAppApi: 'Client Secret, Developer API Key, App ID, Base URL https://api.hubapi.com',
	crmApolloApi: 'API Key (master key), Base URL https://api.apollo.io/api/v1',
	crmLinkedInOAuth2Api:
		'Client ID and Secret, Base URL https://api.linkedin.com, OAuth Base URL https://www.linkedin.com, Connect',
	crmEncryptionKeyApi: 'Encryption Key: a new one of your own (this one is public)',
	openAiApi: 'API Key (OpenAI), Base URL https://api.openai.com/v1',
	httpBasicAuth: `User and Password of your own (now ${DEMO_CHAT_LOGIN.user} / ${DEMO_CHAT_LOGIN.password})`,
};

export function goLiveHint(type: string): string {
	return GO_LIVE[type] ?? 'its key and Base URL, your account’s';
}

export function demoBanner(demo: RunningDemo): string {
	const width = Math.max(...demo.credentials.map((c) => c.name.length));
	const lines = [
		'',
		`  n8n editor   ${demo.editorUrl}`,
		`  login        ${demo.login.email} / ${demo.login.password}   (a local demo login, created for you)`,
		...(demo.ownerCreated
			? []
			: ['               (kept from an earlier start: if you changed it, use yours)']),
		`  webhooks     ${demo.webhookUrl}/<path>`,
		`  sandbox      ${demo.sandbox.client.url}   (HubSpot, Apollo, LinkedIn emulated; control API /__sandbox)`,
		`               ${demo.seeded.hubspotContacts} HubSpot contacts, ${demo.seeded.apolloPeople} Apollo people, ` +
			`${demo.seeded.apolloContacts} Apollo contacts, ${demo.seeded.linkedinLeads} LinkedIn leads`,
		'',
		'  credentials  pointing at the sandbox; to go live, open one in n8n and set:',
		...demo.credentials.map((c) => `    ${c.name.padEnd(width)}  ${goLiveHint(c.type)}`),
		'',
		`  examples     ${demo.examples.length} workflow(s) imported: see examples/README.md`,
		...Object.entries(demo.activationErrors).map(([id, error]) => `    WARNING ${id} not active: ${error}`),
		`  logs         ${demo.logs.n8n}, ${demo.logs.sandbox}`,
		'',
	];
	return lines.join('\n');
}
