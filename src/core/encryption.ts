/**
 * Fernet (https://github.com/fernet/spec) encryption for credentials at rest, interoperable with Python's
 * `cryptography.fernet` and other Fernet implementations, so the same key and tokens can be shared with
 * services outside n8n.
 *
 * Errors never include the key or the token: both are secrets, and error messages end up in logs and in
 * the n8n UI.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { CRMEncryptionError } from './errors';

export interface EncryptOptions {
	/** Time to stamp into the token (a Date or milliseconds since the epoch); defaults to the current time. */
	now?: Date | number;
	/** A fixed 16-byte IV. Only for reproducing test vectors: reusing an IV with the same key leaks data. */
	iv?: Uint8Array;
}

export interface DecryptOptions {
	/**
	 * Reject tokens older than this many seconds, or stamped more than 60 s in the future. Without it,
	 * tokens of any age or date are accepted, as Python's `cryptography` does.
	 */
	ttlSeconds?: number;
	/** The time to check the token against (a Date or milliseconds since the epoch); defaults to the current time. */
	now?: Date | number;
}

const VERSION = 0x80;
const KEY_BYTES = 32;
const HALF_KEY_BYTES = 16;
const BLOCK_BYTES = 16;
const HMAC_BYTES = 32;
/** Version byte + timestamp: where the IV starts. */
const IV_OFFSET = 1 + 8;
const CIPHERTEXT_OFFSET = IV_OFFSET + BLOCK_BYTES;
/** The clock skew Python's `cryptography` tolerates, so tokens from a slightly fast clock still decrypt. */
const MAX_CLOCK_SKEW_SECONDS = 60;

const KEY_FORMAT_HINT =
	'a Fernet key must be 32 bytes encoded as url-safe base64 (44 characters), e.g. from CredentialEncryption.generateKey()';

function invalidToken(reason: string): CRMEncryptionError {
	return new CRMEncryptionError(`Fernet token is invalid: ${reason}`);
}

function toBase64Url(bytes: Uint8Array): string {
	// Node's 'base64url' drops the padding, but the Fernet spec and Python keep it.
	return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Decodes a key: unpadded or correctly padded base64 in either alphabet, since keys are pasted by hand
 * from tools that differ. Still strict about anything else, including non-canonical trailing bits.
 */
function decodeKeyBase64(text: string): Buffer | undefined {
	const pattern = /^[A-Za-z0-9+/_-]*$/;
	const padStart = text.indexOf('=');
	const body = padStart === -1 ? text : text.slice(0, padStart);
	const padding = text.length - body.length;
	if (!pattern.test(body) || body.length % 4 === 1) return undefined;
	if (padding > 0 && (!/^=+$/.test(text.slice(padStart)) || text.length % 4 !== 0)) return undefined;
	const normalized = body.replace(/\+/g, '-').replace(/\//g, '_');
	const bytes = Buffer.from(normalized, 'base64url');
	if (bytes.toString('base64url') !== normalized) return undefined;
	return bytes;
}

/**
 * A token's bytes, only when the token is their one canonical spelling: url-safe alphabet, `=` padding
 * to a multiple of 4, zero trailing bits. Unpadded, over-padded or re-spelled variants of a genuine
 * token are refused, so a token has exactly one accepted form (stores and caches can compare them).
 */
function decodeToken(token: string): Buffer | undefined {
	if (!/^[A-Za-z0-9_-]*={0,2}$/.test(token)) return undefined;
	const bytes = Buffer.from(token, 'base64url');
	return toBase64Url(bytes) === token ? bytes : undefined;
}

function toEpochSeconds(value: Date | number | undefined, option: string): number {
	const ms = value === undefined ? Date.now() : value instanceof Date ? value.getTime() : value;
	if (typeof ms !== 'number' || !Number.isFinite(ms)) {
		throw new CRMEncryptionError(
			`Fernet option "${option}" must be a valid Date or milliseconds since the epoch`,
		);
	}
	return Math.floor(ms / 1000);
}

/** The key's 32 bytes, or why it is unusable (a message that never quotes the key). */
function parseKey(key: unknown): Buffer | string {
	let bytes: Buffer | undefined;
	if (typeof key === 'string') {
		// Keys pasted into env files and credential fields often pick up a trailing newline.
		bytes = decodeKeyBase64(key.trim());
		if (bytes === undefined) return `Fernet key is not valid base64: ${KEY_FORMAT_HINT}`;
	} else if (key instanceof Uint8Array) {
		// Copy so later changes to the caller's array cannot change our key.
		bytes = Buffer.from(key);
	} else {
		return `Fernet key must be a string or a Uint8Array: ${KEY_FORMAT_HINT}`;
	}
	if (bytes.length !== KEY_BYTES) {
		return `Fernet key has ${bytes.length} bytes instead of 32: ${KEY_FORMAT_HINT}`;
	}
	return bytes;
}

export class CredentialEncryption {
	// Private fields stay out of util.inspect, JSON.stringify and spreads, so the key cannot leak by logging.
	readonly #signingKey: Buffer;
	readonly #encryptionKey: Buffer;

	/**
	 * @param key 32 bytes, either raw or as base64 (url-safe or standard alphabet, padding optional).
	 */
	constructor(key: string | Uint8Array) {
		const parsed = parseKey(key);
		if (typeof parsed === 'string') throw new CRMEncryptionError(parsed);
		this.#signingKey = parsed.subarray(0, HALF_KEY_BYTES);
		this.#encryptionKey = parsed.subarray(HALF_KEY_BYTES);
	}

	/** A new random key in the same format as Python's `Fernet.generate_key()`. */
	static generateKey(): string {
		return toBase64Url(randomBytes(KEY_BYTES));
	}

	/**
	 * Reads the key from an environment map. The caller passes `process.env`: community nodes may not touch
	 * `process` themselves.
	 */
	static fromEnv(env: Record<string, string | undefined>, name = 'CRM_ENCRYPTION_KEY'): CredentialEncryption {
		const value = env[name];
		if (value === undefined || value.trim() === '') {
			throw new CRMEncryptionError(
				`Environment variable ${name} is not set: it must hold the Fernet key used to encrypt credentials`,
			);
		}
		const parsed = parseKey(value);
		if (typeof parsed === 'string') {
			throw new CRMEncryptionError(`Environment variable ${name} does not hold a valid key: ${parsed}`);
		}
		return new CredentialEncryption(parsed);
	}

	encryptCredential(plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
		let data: Buffer;
		if (typeof plaintext === 'string') data = Buffer.from(plaintext, 'utf8');
		else if (plaintext instanceof Uint8Array) data = Buffer.from(plaintext);
		else throw new CRMEncryptionError('Fernet plaintext must be a string or a Uint8Array');

		const seconds = toEpochSeconds(options.now, 'now');
		if (seconds < 0 || seconds > Number.MAX_SAFE_INTEGER) {
			throw new CRMEncryptionError('Fernet option "now" is outside the range a token can carry');
		}
		const iv = options.iv === undefined ? randomBytes(BLOCK_BYTES) : Buffer.from(options.iv);
		if (iv.length !== BLOCK_BYTES) {
			throw new CRMEncryptionError(`Fernet IV must be 16 bytes, got ${iv.length}`);
		}

		const header = Buffer.alloc(IV_OFFSET);
		header[0] = VERSION;
		header.writeBigUInt64BE(BigInt(seconds), 1);
		const cipher = createCipheriv('aes-128-cbc', this.#encryptionKey, iv);
		const signed = Buffer.concat([header, iv, cipher.update(data), cipher.final()]);
		const mac = createHmac('sha256', this.#signingKey).update(signed).digest();
		return toBase64Url(Buffer.concat([signed, mac]));
	}

	/** Decrypts a token whose payload is UTF-8 text. */
	decryptCredential(token: string, options: DecryptOptions = {}): string {
		const bytes = this.decryptToBytes(token, options);
		const text = bytes.toString('utf8');
		// Node replaces invalid UTF-8 with U+FFFD; a round trip catches that instead of returning a corrupted secret.
		if (!Buffer.from(text, 'utf8').equals(bytes)) {
			throw new CRMEncryptionError(
				'Fernet payload is not valid UTF-8 text: use decryptToBytes for binary payloads',
			);
		}
		return text;
	}

	/** Decrypts a token to its raw payload bytes. */
	decryptToBytes(token: string, options: DecryptOptions = {}): Buffer {
		const { ttlSeconds } = options;
		if (ttlSeconds !== undefined && (typeof ttlSeconds !== 'number' || !(ttlSeconds >= 0))) {
			throw new CRMEncryptionError('Fernet option "ttlSeconds" must be a non-negative number of seconds');
		}
		const nowSeconds = toEpochSeconds(options.now, 'now');

		if (typeof token !== 'string') throw invalidToken('not a string');
		const data = decodeToken(token);
		if (data === undefined) throw invalidToken('not base64url');
		const macOffset = data.length - HMAC_BYTES;
		const ciphertextBytes = macOffset - CIPHERTEXT_OFFSET;
		// PKCS7 always adds at least one block, so a token without ciphertext cannot be genuine.
		if (ciphertextBytes <= 0) throw invalidToken('too short');
		if (data[0] !== VERSION) throw invalidToken('unsupported version');
		if (ciphertextBytes % BLOCK_BYTES !== 0) throw invalidToken('ciphertext is not a whole number of blocks');

		// Authenticate before trusting any field: the timestamp is attacker-controlled until then, and
		// decrypting unauthenticated ciphertext would open a padding oracle.
		const expected = createHmac('sha256', this.#signingKey).update(data.subarray(0, macOffset)).digest();
		if (!timingSafeEqual(expected, data.subarray(macOffset))) throw invalidToken('bad signature');

		// Time is checked only with a TTL, exactly as Python's `cryptography` does: without one a token of
		// any date decrypts, so tokens written by a host with a fast clock still open everywhere else.
		if (ttlSeconds !== undefined) {
			// BigInt because the field is 64-bit and a forged-but-signed value could exceed Number's exact range.
			const timestamp = data.readBigUInt64BE(1);
			if (Number(timestamp) + ttlSeconds < nowSeconds) throw invalidToken('expired');
			if (timestamp > BigInt(nowSeconds + MAX_CLOCK_SKEW_SECONDS)) {
				throw invalidToken('timestamp is in the future');
			}
		}

		const decipher = createDecipheriv(
			'aes-128-cbc',
			this.#encryptionKey,
			data.subarray(IV_OFFSET, CIPHERTEXT_OFFSET),
		);
		// Padding is checked by hand so a bad pad gives our error rather than OpenSSL's 'bad decrypt'.
		decipher.setAutoPadding(false);
		const padded = Buffer.concat([
			decipher.update(data.subarray(CIPHERTEXT_OFFSET, macOffset)),
			decipher.final(),
		]);
		const pad = padded[padded.length - 1];
		if (pad < 1 || pad > BLOCK_BYTES || !padded.subarray(padded.length - pad).every((byte) => byte === pad)) {
			throw invalidToken('bad padding');
		}
		return padded.subarray(0, padded.length - pad);
	}
}
