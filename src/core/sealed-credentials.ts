/**
 * CRMCredentials at rest: validated, serialised and sealed with Fernet, so whatever the core stores
 * (sync checkpoints, a standalone runner's token cache) is unreadable and tamper-evident without the key.
 */
import type { CredentialEncryption } from './encryption';
import { CRMEncryptionError } from './errors';
import { CRMCredentials } from './models';

export function sealCredentials(credentials: CRMCredentials, encryption: CredentialEncryption): string {
	return encryption.encryptCredential(JSON.stringify(CRMCredentials.parse(credentials)));
}

export function openCredentials(token: string, encryption: CredentialEncryption, ttlSeconds?: number): CRMCredentials {
	const plaintext = encryption.decryptCredential(token, { ttlSeconds });
	const data = parseJson(plaintext);
	if (data === undefined) throw new CRMEncryptionError('Sealed credentials are not JSON');
	const parsed = CRMCredentials.safeParse(data);
	if (!parsed.success) {
		// The field's name only, never its value: the value may be the secret itself.
		const field = parsed.error.issues[0].path.join('.');
		throw new CRMEncryptionError(`Sealed credentials are invalid: ${field || 'not an object'}`);
	}
	return parsed.data;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
