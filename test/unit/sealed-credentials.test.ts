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

	it('names the bad field, or the whole payload, but never a value', () => {
		const badType = encryption.encryptCredential(JSON.stringify({ ...credentials, tokenType: 12345 }));
		expect(() => openCredentials(badType, encryption)).toThrow('Sealed credentials are invalid: tokenType');
		expect(() => openCredentials(encryption.encryptCredential('["fake-access-token"]'), encryption)).toThrow(
			'Sealed credentials are invalid: not an object',
		);
	});

	it('a token sealed on a host whose clock runs ahead opens without a TTL, and not within one', () => {
		const now = Date.now();
		const spy = jest.spyOn(Date, 'now').mockReturnValue(now + 3_600_000);
		const sealed = sealCredentials(credentials, encryption);
		spy.mockRestore();
		expect(openCredentials(sealed, encryption)).toEqual(credentials);
		expect(() => openCredentials(sealed, encryption, 86_400)).toThrow('Fernet token is invalid: timestamp is in the future');
	});

	it('opens only the canonical spelling of a sealed token', () => {
		const sealed = sealCredentials(credentials, encryption);
		const unpadded = sealed.replace(/=+$/, '');
		const variants = [`${sealed}====`, `${unpadded}====`, ` ${sealed}`, `${sealed}\n`];
		// Whether the canonical form has padding depends on the payload's length: test the bare form when it differs.
		if (unpadded !== sealed) variants.push(unpadded);
		for (const variant of variants) {
			expect(() => openCredentials(variant, encryption)).toThrow('Fernet token is invalid: not base64url');
		}
	});

	it('refuses invalid credentials when sealing', () => {
		expect(() => sealCredentials({ ...credentials, accessToken: '' }, encryption)).toThrow();
	});
});
