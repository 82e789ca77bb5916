import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A shared webhook secret: the token in Apollo callback URLs, or the HMAC key of any other signing
 * sender. There is no server to test a secret against, so the CRM Webhook Trigger checks it locally
 * (testedBy) and says so.
 */
export class CrmWebhookSecretApi implements ICredentialType {
	name = 'crmWebhookSecretApi';

	displayName = 'CRM Bridge Webhook Secret API';

	icon: Icon = { light: 'file:webhookSecret.svg', dark: 'file:webhookSecret.dark.svg' };

	documentationUrl = 'https://en.wikipedia.org/wiki/HMAC';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'For Apollo: a long random token you also put in the callback URL. For HMAC senders: the signing secret they gave you.',
		},
	];
}
