import { CredentialEncryption } from '../../src/core/encryption';
import { CRMEncryptionError } from '../../src/core/errors';
import { openCredentials, sealCredentials } from '../../src/core/sealed-credentials';

describe('sealed credentials', () => {
	const encryption = new CredentialEncryption(CredentialEncryption.generateKey());
	const credentials = {
		platform: 'hubspot' as const,
		accessToken: 'fake-access-token-for-tests',
		refreshToken: 'fake-refresh-token',
		tokenType: 'Bearer',
		expiresAt: '2026-11-25T18:30:00.000Z',
		scopes: ['crm.objects.contacts.read'],
	};

	it('round-trips and hides the token', () => {
		const sealed = sealCredentials(credentials, encryption);
		expect(sealed).not.toContain('fake-access-token');
		expect(openCredentials(sealed, encryption)).toEqual(credentials);
	});

	it('refuses another key', () => {
		const sealed = sealCredentials(credentials, encryption);
		const other = new CredentialEncryption(CredentialEncryption.generateKey());
		expect(() => openCredentials(sealed, other)).toThrow(CRMEncryptionError);
	});

	it('refuses a sealed payload that is not credentials', () => {
		const sealed = encryption.encryptCredential(JSON.stringify({ platform: 'myspace' }));
		expect(() => openCredentials(sealed, encryption)).toThrow(/platform/);
		expect(() => openCredentials(encryption.encryptCredential('not json'), encryption)).toThrow(/not JSON/);
	});

	it('refuses invalid credentials when sealing', () => {
		expect(() => sealCredentials({ ...credentials, accessToken: '' }, encryption)).toThrow();
	});
});
