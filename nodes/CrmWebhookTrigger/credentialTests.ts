/**
 * Credential checks for the two secret-only credentials. No server can confirm a webhook secret (the
 * sender only ever uses it to sign), so these check locally what can be checked and say so, rather
 * than calling an unrelated endpoint and calling that a test.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

const LOCAL = 'Checked locally; a webhook secret can only be proven by a signed request from the sender.';

function secretProblem(value: unknown, label: string): string | undefined {
	const secret = typeof value === 'string' ? value : '';
	if (secret === '') return `${label} is empty`;
	if (secret !== secret.trim())
		return `${label} starts or ends with white space (copied with the line break?)`;
	return undefined;
}

export async function crmHubSpotAppApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const problem = secretProblem(data.clientSecret, 'Client secret');
	if (problem) return { status: 'Error', message: problem };
	const key = typeof data.developerApiKey === 'string' ? data.developerApiKey.trim() : '';
	const appId = typeof data.appId === 'string' ? data.appId.trim() : '';
	if (Boolean(key) !== Boolean(appId)) {
		return { status: 'Error', message: 'Developer API key and app ID go together: fill in both or neither' };
	}
	if (appId && !/^\d+$/.test(appId)) return { status: 'Error', message: 'App ID must be a number' };
	const lifecycle = key
		? ' The developer API key is used, and so proven, when a workflow with this trigger is activated.'
		: ' Without a developer API key, webhook subscriptions are configured in HubSpot by hand.';
	return { status: 'OK', message: LOCAL + lifecycle };
}

export async function crmWebhookSecretApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const secret = credential.data?.secret;
	const problem = secretProblem(secret, 'Secret');
	if (problem) return { status: 'Error', message: problem };
	// A URL token or HMAC key is only as strong as it is long. n8n still lets a short one be saved.
	if ((secret as string).length < 16) {
		return { status: 'Error', message: 'Secret is shorter than 16 characters: use a long random value' };
	}
	return { status: 'OK', message: LOCAL };
}
