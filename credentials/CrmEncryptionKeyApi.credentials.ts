import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Fernet key (the seed's `CRM_ENCRYPTION_KEY`): the CRM Sync node seals its saved state with it, since
 * that state holds e-mail addresses. There is no server to test a key against, so the node checks it
 * locally (testedBy) and says so.
 */
export class CrmEncryptionKeyApi implements ICredentialType {
	name = 'crmEncryptionKeyApi';

	displayName = 'CRM Bridge Encryption Key API';

	icon: Icon = { light: 'file:webhookSecret.svg', dark: 'file:webhookSecret.dark.svg' };

	documentationUrl = 'https://github.com/fernet/spec/blob/master/Spec.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Encryption Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. the output of: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"',
			description: 'A Fernet key: 32 bytes as url-safe base64 (44 characters). Keep it: state saved with it cannot be read without it.',
		},
	];
}
