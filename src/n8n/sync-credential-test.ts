/**
 * The encryption key credential's test: nothing remote can confirm a Fernet key, so it is checked locally
 * (a well-formed key that seals and opens a token) and the answer says so.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { CredentialEncryption } from '../core/encryption';

export const ENCRYPTION_KEY_CREDENTIAL_TYPE = 'crmEncryptionKeyApi';

/** The CredentialEncryption for a key, or why the key cannot be used (never echoing the key). */
export function encryptionFor(key: unknown): CredentialEncryption | string {
	const text = typeof key === 'string' ? key : '';
	if (text === '') return 'Encryption key is empty';
	if (text !== text.trim()) return 'Encryption key starts or ends with white space (copied with the line break?)';
	try {
		const encryption = new CredentialEncryption(text);
		if (encryption.decryptCredential(encryption.encryptCredential('check')) !== 'check') return 'Encryption key does not round-trip';
		return encryption;
	} catch {
		return 'Not a Fernet key: it must be 32 bytes encoded as url-safe base64 (44 characters)';
	}
}

export async function crmEncryptionKeyApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const checked = encryptionFor(credential.data?.secretKey);
	if (typeof checked === 'string') return { status: 'Error', message: checked };
	return { status: 'OK', message: 'Checked locally: a valid Fernet key (it seals and opens a token).' };
}
