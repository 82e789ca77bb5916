import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';

import { CredentialEncryption } from '../../src/core/encryption';
import { CRMEncryptionError, CRMException } from '../../src/core/errors';

// The published Fernet spec vectors (fernet/spec on GitHub), copied unchanged; the README there says so.
const VECTOR_DIR = path.join(__dirname, '../fixtures/fernet');

interface GenerateVector {
	token: string;
	now: string;
	iv: number[];
	src: string;
	secret: string;
}
interface VerifyVector {
	token: string;
	now: string;
	ttl_sec: number;
	src: string;
	secret: string;
}
interface InvalidVector {
	desc: string;
	token: string;
	now: string;
	ttl_sec: number;
	secret: string;
}

function readVectors<T>(file: string): T[] {
	return JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as T[];
}

const generateVectors = readVectors<GenerateVector>('generate.json');
const verifyVectors = readVectors<VerifyVector>('verify.json');
const invalidVectors = readVectors<InvalidVector>('invalid.json');

// fernet@0.4.0 ships no types; this is the part of its API the tests use.
interface FernetSecret {
	signingKeyHex: string;
	encryptionKeyHex: string;
}
interface FernetTokenOptions {
	secret: FernetSecret;
	token?: string;
	ttl?: number;
	time?: Date;
	iv?: number[];
}
interface FernetModule {
	Secret: new (key: string) => FernetSecret;
	Token: new (options: FernetTokenOptions) => { encode(message: unknown): string; decode(): string };
	Hex: { parse(hex: string): unknown };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fernet = require('fernet') as FernetModule;

const SPEC_KEY = generateVectors[0].secret;
const SPEC_KEY_BYTES = Buffer.from(SPEC_KEY, 'base64url');
const SPEC_TOKEN = generateVectors[0].token;
const SPEC_NOW = new Date(generateVectors[0].now);
const SPEC_SECONDS = 499162800; // 1985-10-26T08:20:00Z, the timestamp inside the spec vectors
const IV_0_TO_15 = Uint8Array.from({ length: 16 }, (_, i) => i);

function toBase64Url(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function tokenBytes(token: string): Buffer {
	return Buffer.from(token, 'base64url');
}

/** An independent Fernet encoder built straight from the spec, anchored to the spec vector below. */
function referenceEncrypt(key: Buffer, plaintext: Buffer, seconds: number, iv: Buffer): string {
	const header = Buffer.alloc(9);
	header[0] = 0x80;
	header.writeBigUInt64BE(BigInt(seconds), 1);
	const cipher = crypto.createCipheriv('aes-128-cbc', key.subarray(16), iv);
	const body = Buffer.concat([header, iv, cipher.update(plaintext), cipher.final()]);
	return resign(key, body, false);
}

/** Appends (or, when `replace`, recomputes) the HMAC so that a deliberately broken token is still signed. */
function resign(key: Buffer, bytes: Buffer, replace = true): string {
	const body = replace ? bytes.subarray(0, bytes.length - 32) : bytes;
	const mac = crypto.createHmac('sha256', key.subarray(0, 16)).update(body).digest();
	return toBase64Url(Buffer.concat([body, mac]));
}

/** Decrypts with the reference implementation, checking the MAC first. */
function referenceDecrypt(key: Buffer, token: string): { seconds: number; iv: Buffer; plaintext: Buffer } {
	const bytes = tokenBytes(token);
	const body = bytes.subarray(0, bytes.length - 32);
	const mac = crypto.createHmac('sha256', key.subarray(0, 16)).update(body).digest();
	expect(mac.equals(bytes.subarray(bytes.length - 32))).toBe(true);
	expect(bytes[0]).toBe(0x80);
	const iv = bytes.subarray(9, 25);
	const decipher = crypto.createDecipheriv('aes-128-cbc', key.subarray(16), iv);
	const plaintext = Buffer.concat([decipher.update(body.subarray(25)), decipher.final()]);
	return { seconds: Number(bytes.readBigUInt64BE(1)), iv, plaintext };
}

function catchError(fn: () => unknown): Error {
	try {
		fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a throw');
}

function expectRejected(fn: () => unknown, reason: string, secrets: string[] = []): void {
	const error = catchError(fn);
	expect(error).toBeInstanceOf(CRMEncryptionError);
	expect(error).toBeInstanceOf(CRMException);
	expect(error.message).toBe(`Fernet token is invalid: ${reason}`);
	for (const secret of secrets) expect(error.message).not.toContain(secret);
}

const NON_ASCII = [
	'héllo wörld',
	'日本語のパスワード',
	'密码🔐',
	'👩‍👩‍👧‍👦 family ZWJ sequence',
	'👋🏽 skin tone modifier',
	'e\u0301 combining acute (not NFC)',
	'\u00e9 precomposed',
	'Z\u0351\u036b\u0343\u036a\u0302\u036b zalgo',
	'مرحبا بالعالم',
	'\u{10ffff}\u{1f600}\u0000nul inside',
	'\ufeffleading BOM',
];

const LONG_TEXT = 'a long credential '.repeat(60);

/** [label, text] pairs, so long samples do not flood the test names. */
const STRING_SAMPLES: Array<[string, string]> = ['hello', 'p@ssw0rd!', LONG_TEXT, ...NON_ASCII].map(
	(text) => [text === LONG_TEXT ? `${text.length} characters` : text, text],
);

describe('Fernet spec vectors', () => {
	it('reads all three vector files, with every invalid case this suite knows about', () => {
		expect(generateVectors).toHaveLength(1);
		expect(verifyVectors).toHaveLength(1);
		expect(invalidVectors.map((vector) => vector.desc)).toEqual([
			'incorrect mac',
			'too short',
			'invalid base64',
			'payload size not multiple of block size',
			'payload padding error',
			'far-future TS (unacceptable clock skew)',
			'expired TTL',
			'incorrect IV (causes padding error)',
		]);
	});

	it('the reference encoder used by this suite reproduces the generate vector', () => {
		const vector = generateVectors[0];
		expect(SPEC_NOW.getTime()).toBe(SPEC_SECONDS * 1000);
		expect(
			referenceEncrypt(
				Buffer.from(vector.secret, 'base64url'),
				Buffer.from(vector.src),
				SPEC_SECONDS,
				Buffer.from(vector.iv),
			),
		).toBe(vector.token);
	});

	it.each(generateVectors)('generate: $src encrypts to exactly $token', (vector) => {
		const encryption = new CredentialEncryption(vector.secret);
		const token = encryption.encryptCredential(vector.src, {
			iv: Uint8Array.from(vector.iv),
			now: new Date(vector.now),
		});
		expect(token).toBe(vector.token);
		// The same moment as epoch milliseconds gives the same token.
		expect(
			encryption.encryptCredential(vector.src, {
				iv: Uint8Array.from(vector.iv),
				now: new Date(vector.now).getTime(),
			}),
		).toBe(vector.token);
	});

	it.each(verifyVectors)('verify: $token decrypts to $src', (vector) => {
		const encryption = new CredentialEncryption(vector.secret);
		expect(
			encryption.decryptCredential(vector.token, { ttlSeconds: vector.ttl_sec, now: new Date(vector.now) }),
		).toBe(vector.src);
		expect(
			encryption.decryptToBytes(vector.token, { ttlSeconds: vector.ttl_sec, now: new Date(vector.now) }),
		).toEqual(Buffer.from(vector.src, 'utf8'));
	});

	const expectedReason: Record<string, string> = {
		'incorrect mac': 'bad signature',
		'too short': 'too short',
		'invalid base64': 'not base64url',
		'payload size not multiple of block size': 'ciphertext is not a whole number of blocks',
		'payload padding error': 'bad padding',
		'far-future TS (unacceptable clock skew)': 'timestamp is in the future',
		'expired TTL': 'expired',
		'incorrect IV (causes padding error)': 'bad padding',
	};

	it.each(invalidVectors)('invalid: rejects "$desc"', (vector) => {
		const encryption = new CredentialEncryption(vector.secret);
		expectRejected(
			() =>
				encryption.decryptCredential(vector.token, { ttlSeconds: vector.ttl_sec, now: new Date(vector.now) }),
			expectedReason[vector.desc],
			[vector.token, vector.secret, vector.token.slice(0, 20)],
		);
		expect(() =>
			encryption.decryptToBytes(vector.token, { ttlSeconds: vector.ttl_sec, now: new Date(vector.now) }),
		).toThrow(CRMEncryptionError);
	});

	it('rejects the time-based invalid vectors only because of the time', () => {
		const encryption = new CredentialEncryption(SPEC_KEY);
		const expired = invalidVectors.find((vector) => vector.desc === 'expired TTL')!;
		const future = invalidVectors.find((vector) => vector.desc.startsWith('far-future'))!;
		// Both are validly signed tokens for the empty string, so at the right moment (or with no TTL) they decrypt.
		expect(encryption.decryptCredential(expired.token, { now: new Date(expired.now) })).toBe('');
		expect(
			encryption.decryptCredential(expired.token, { ttlSeconds: expired.ttl_sec, now: new Date(future.now) }),
		).toBe('');
		const futureSeconds = Number(tokenBytes(future.token).readBigUInt64BE(1));
		expect(
			encryption.decryptCredential(future.token, { ttlSeconds: 60, now: (futureSeconds - 60) * 1000 }),
		).toBe('');
	});
});

describe('interoperability with the npm fernet@0.4.0 package', () => {
	const secret = new fernet.Secret(SPEC_KEY);
	const ours = new CredentialEncryption(SPEC_KEY);

	it('splits the key the same way we do (signing half first)', () => {
		expect(secret.signingKeyHex).toBe(SPEC_KEY_BYTES.subarray(0, 16).toString('hex'));
		expect(secret.encryptionKeyHex).toBe(SPEC_KEY_BYTES.subarray(16).toString('hex'));
	});

	it.each([...STRING_SAMPLES, ['the empty string', '']])(
		'our token for %j decodes with fernet, and both give the identical token for a fixed IV and time',
		(_, plaintext) => {
			const token = ours.encryptCredential(plaintext);
			// ttl 0 switches off fernet's TTL check, which always uses the real clock and defaults to 60 s.
			expect(new fernet.Token({ secret, token, ttl: 0 }).decode()).toBe(plaintext);
			expect(new fernet.Token({ secret, token: token.replace(/=+$/, ''), ttl: 0 }).decode()).toBe(plaintext);
			// fernet takes the unpadded spelling too; we take only the canonical one (see "one spelling per token").

			// fernet's `iv` option reads array indices, not values, so only 0..15 means what it says.
			const theirs = new fernet.Token({ secret, time: SPEC_NOW, iv: Array.from(IV_0_TO_15) }).encode(
				plaintext,
			);
			expect(ours.encryptCredential(plaintext, { iv: IV_0_TO_15, now: SPEC_NOW })).toBe(theirs);
		},
	);

	it.each([...STRING_SAMPLES, ['the empty string', '']])(
		'a fresh fernet token for %j decrypts with ours, with and without a TTL',
		(_, plaintext) => {
			const token = new fernet.Token({ secret }).encode(plaintext);
			expect(ours.decryptCredential(token)).toBe(plaintext);
			expect(ours.decryptCredential(token, { ttlSeconds: 60 })).toBe(plaintext);
			// Changed on purpose: the unpadded spelling used to be accepted as well; only the canonical one is now.
			const unpadded = token.replace(/=+$/, '');
			if (unpadded !== token) expectRejected(() => ours.decryptCredential(unpadded), 'not base64url');
		},
	);

	it('decrypts binary fernet tokens (fed a CryptoJS WordArray, since fernet itself only decodes UTF-8)', () => {
		const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
		const random = crypto.randomBytes(77);
		for (const payload of [allBytes, random]) {
			const token = new fernet.Token({ secret }).encode(fernet.Hex.parse(payload.toString('hex')));
			expect(ours.decryptToBytes(token)).toEqual(payload);
		}
	});

	it('reads the timestamp fernet writes: its 1985 token is fresh in 1985 and expired today', () => {
		const token = new fernet.Token({ secret, time: SPEC_NOW }).encode('hello');
		expect(tokenBytes(token).readBigUInt64BE(1)).toBe(BigInt(SPEC_SECONDS));
		expect(ours.decryptCredential(token, { ttlSeconds: 60, now: SPEC_NOW })).toBe('hello');
		expectRejected(() => ours.decryptCredential(token, { ttlSeconds: 60 }), 'expired');
	});

	it('fernet rejects our tokens under a different key, and we reject theirs', () => {
		const otherKey = CredentialEncryption.generateKey();
		const token = ours.encryptCredential('hello');
		expect(() => new fernet.Token({ secret: new fernet.Secret(otherKey), token, ttl: 0 }).decode()).toThrow(
			'Invalid Token: HMAC',
		);
		const theirs = new fernet.Token({ secret: new fernet.Secret(otherKey) }).encode('hello');
		expectRejected(() => ours.decryptCredential(theirs), 'bad signature');
	});
});

describe('encryptCredential / decrypt round trips', () => {
	const key = CredentialEncryption.generateKey();
	const keyBytes = Buffer.from(key, 'base64url');
	const encryption = new CredentialEncryption(key);

	it('writes the exact spec layout: version, given time, given IV, AES-CBC ciphertext, HMAC', () => {
		const iv = crypto.randomBytes(16);
		const plaintext = Buffer.from('layout check');
		const token = encryption.encryptCredential(plaintext, { iv, now: 1_700_000_123_999 });
		expect(token).toBe(referenceEncrypt(keyBytes, plaintext, 1_700_000_123, iv));
		const opened = referenceDecrypt(keyBytes, token);
		expect(opened.seconds).toBe(1_700_000_123);
		expect(opened.iv).toEqual(iv);
		expect(opened.plaintext).toEqual(plaintext);
	});

	it('decrypts tokens made by the reference encoder', () => {
		const iv = crypto.randomBytes(16);
		const plaintext = crypto.randomBytes(50);
		const token = referenceEncrypt(keyBytes, plaintext, 1_600_000_000, iv);
		expect(encryption.decryptToBytes(token)).toEqual(plaintext);
	});

	it('stamps the current time (Date.now) and a random IV by default', () => {
		const spy = jest.spyOn(Date, 'now').mockReturnValue(1_234_567_890_500);
		try {
			const first = encryption.encryptCredential('same');
			const second = encryption.encryptCredential('same');
			expect(first).not.toBe(second);
			const a = referenceDecrypt(keyBytes, first);
			const b = referenceDecrypt(keyBytes, second);
			expect(a.seconds).toBe(1_234_567_890);
			expect(b.seconds).toBe(1_234_567_890);
			expect(a.iv.equals(b.iv)).toBe(false);
		} finally {
			spy.mockRestore();
		}
	});

	it('produces url-safe base64 with padding', () => {
		for (let length = 0; length < 40; length++) {
			const token = encryption.encryptCredential(crypto.randomBytes(length));
			expect(token).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
			expect(token.length % 4).toBe(0);
		}
	});

	it('round-trips all 256 byte values, in both orders', () => {
		const ascending = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
		const descending = Buffer.from(ascending).reverse();
		for (const payload of [ascending, descending]) {
			const token = encryption.encryptCredential(payload);
			expect(encryption.decryptToBytes(token)).toEqual(payload);
			expect(referenceDecrypt(keyBytes, token).plaintext).toEqual(payload);
		}
	});

	it('round-trips random binary of every length around the block boundaries, with PKCS7 sizing', () => {
		for (const length of [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 255, 256, 257, 4096]) {
			const payload = crypto.randomBytes(length);
			const token = encryption.encryptCredential(new Uint8Array(payload));
			expect(encryption.decryptToBytes(token)).toEqual(payload);
			// 1 version + 8 time + 16 IV + padded ciphertext + 32 HMAC; PKCS7 always adds 1..16 bytes.
			expect(tokenBytes(token)).toHaveLength(57 + 16 * (Math.floor(length / 16) + 1));
		}
	});

	it.each(STRING_SAMPLES)('round-trips %j exactly, without Unicode normalisation', (_, text) => {
		const token = encryption.encryptCredential(text);
		expect(encryption.decryptCredential(token)).toBe(text);
		expect(encryption.decryptToBytes(token)).toEqual(Buffer.from(text, 'utf8'));
	});

	it('keeps composed and decomposed forms distinct', () => {
		const composed = encryption.decryptCredential(encryption.encryptCredential('\u00e9'));
		const decomposed = encryption.decryptCredential(encryption.encryptCredential('e\u0301'));
		expect(composed).toBe('\u00e9');
		expect(decomposed).toBe('e\u0301');
	});

	it('encrypts a string and its UTF-8 bytes to the same token', () => {
		const text = 'naïve 🔑';
		const options = { iv: IV_0_TO_15, now: SPEC_NOW };
		expect(encryption.encryptCredential(Buffer.from(text, 'utf8'), options)).toBe(
			encryption.encryptCredential(text, options),
		);
	});

	it('handles the empty plaintext as one block of padding', () => {
		for (const empty of ['', new Uint8Array(0)]) {
			const token = encryption.encryptCredential(empty, { iv: IV_0_TO_15, now: SPEC_NOW });
			expect(token).toBe(referenceEncrypt(keyBytes, Buffer.alloc(0), SPEC_SECONDS, Buffer.from(IV_0_TO_15)));
			expect(token).toHaveLength(100);
			expect(encryption.decryptCredential(token)).toBe('');
			expect(encryption.decryptToBytes(token)).toHaveLength(0);
		}
	});

	it('decryptCredential refuses a payload that is not UTF-8, which decryptToBytes returns', () => {
		const token = encryption.encryptCredential(Uint8Array.from([0x66, 0xff, 0xfe, 0x80]));
		const error = catchError(() => encryption.decryptCredential(token));
		expect(error).toBeInstanceOf(CRMEncryptionError);
		expect(error.message).toContain('decryptToBytes');
		expect(encryption.decryptToBytes(token)).toEqual(Buffer.from([0x66, 0xff, 0xfe, 0x80]));
	});

	it('does not change the caller’s plaintext or IV', () => {
		const plaintext = Uint8Array.from([1, 2, 3]);
		const iv = Uint8Array.from(IV_0_TO_15);
		encryption.encryptCredential(plaintext, { iv, now: SPEC_NOW });
		expect(Array.from(plaintext)).toEqual([1, 2, 3]);
		expect(iv).toEqual(IV_0_TO_15);
	});

	it('rejects bad encrypt options', () => {
		for (const iv of [new Uint8Array(15), new Uint8Array(17), new Uint8Array(0)]) {
			expect(() => encryption.encryptCredential('x', { iv })).toThrow(CRMEncryptionError);
		}
		for (const now of [Number.NaN, Infinity, new Date('not a date'), -1000, 2 ** 60 * 1000]) {
			expect(() => encryption.encryptCredential('x', { now })).toThrow(CRMEncryptionError);
		}
		expect(() => encryption.encryptCredential(42 as unknown as string)).toThrow(CRMEncryptionError);
	});
});

describe('time checks', () => {
	const encryption = new CredentialEncryption(SPEC_KEY);
	const created = 1_700_000_000;
	const token = encryption.encryptCredential('secret', { now: created * 1000 });

	it('accepts tokens of any age when no TTL is given', () => {
		expect(encryption.decryptCredential(SPEC_TOKEN)).toBe('hello');
		expect(encryption.decryptCredential(encryption.encryptCredential('epoch', { now: 0 }))).toBe('epoch');
		expect(encryption.decryptCredential(token, { now: (created + 10 * 365 * 86400) * 1000 })).toBe('secret');
	});

	it('expires a token once its time plus the TTL is before now, to the second', () => {
		expect(encryption.decryptCredential(token, { ttlSeconds: 60, now: (created + 60) * 1000 + 999 })).toBe(
			'secret',
		);
		expectRejected(
			() => encryption.decryptCredential(token, { ttlSeconds: 60, now: (created + 61) * 1000 }),
			'expired',
		);
	});

	it('treats ttlSeconds 0 as "this second only", not as "no TTL"', () => {
		expect(encryption.decryptCredential(token, { ttlSeconds: 0, now: created * 1000 + 999 })).toBe('secret');
		expectRejected(
			() => encryption.decryptCredential(token, { ttlSeconds: 0, now: (created + 1) * 1000 }),
			'expired',
		);
	});

	it('with a TTL, allows 60 s of clock skew into the future and no more', () => {
		for (const ttlSeconds of [0, 60, 3600]) {
			expect(encryption.decryptCredential(token, { ttlSeconds, now: (created - 60) * 1000 })).toBe('secret');
			expectRejected(
				() => encryption.decryptCredential(token, { ttlSeconds, now: (created - 60) * 1000 - 1 }),
				'timestamp is in the future',
			);
		}
	});

	// Changed on purpose: the future bound used to apply without a TTL too. Python's `cryptography` checks
	// time only when given a ttl, and tokens must open the same way here and there.
	it('without a TTL, accepts tokens stamped in the future, as Python does', () => {
		expect(encryption.decryptCredential(token, { now: (created - 61) * 1000 })).toBe('secret');
		expect(encryption.decryptCredential(token, { now: (created - 10 * 365 * 86400) * 1000 })).toBe('secret');
		const future = invalidVectors.find((vector) => vector.desc.startsWith('far-future'))!;
		expect(encryption.decryptCredential(future.token, { now: new Date(future.now) })).toBe('');
	});

	it('a signed token whose timestamp is beyond the safe integer range fails a TTL, and opens without one', () => {
		const bytes = tokenBytes(token);
		bytes.writeBigUInt64BE(2n ** 64n - 1n, 1);
		const huge = resign(SPEC_KEY_BYTES, bytes);
		expectRejected(() => encryption.decryptCredential(huge, { ttlSeconds: 60 }), 'timestamp is in the future');
		expectRejected(
			() => encryption.decryptCredential(huge, { ttlSeconds: Number.MAX_VALUE }),
			'timestamp is in the future',
		);
		expect(encryption.decryptCredential(huge)).toBe('secret');
	});

	it('an infinite TTL never expires, but still bounds the future', () => {
		expect(
			encryption.decryptCredential(token, { ttlSeconds: Infinity, now: (created + 100 * 365 * 86400) * 1000 }),
		).toBe('secret');
		expectRejected(
			() => encryption.decryptCredential(token, { ttlSeconds: Infinity, now: (created - 61) * 1000 }),
			'timestamp is in the future',
		);
	});

	it('rejects bad decrypt options', () => {
		for (const ttlSeconds of [-1, Number.NaN, '60' as unknown as number]) {
			expect(() => encryption.decryptCredential(token, { ttlSeconds })).toThrow(CRMEncryptionError);
		}
		for (const now of [Number.NaN, new Date('nope')]) {
			expect(() => encryption.decryptCredential(token, { now })).toThrow(CRMEncryptionError);
		}
	});
});

describe('tampering and malformed tokens', () => {
	const encryption = new CredentialEncryption(SPEC_KEY);
	const token = encryption.encryptCredential('a credential worth protecting', { now: Date.now() });
	const bytes = tokenBytes(token);

	it('rejects a flipped bit in every byte of the token', () => {
		expect(encryption.decryptCredential(token)).toBe('a credential worth protecting');
		for (let index = 0; index < bytes.length; index++) {
			for (const mask of [0x01, 0x80]) {
				const tampered = Buffer.from(bytes);
				tampered[index] ^= mask;
				// The version byte is checked before the signature; everything else fails the HMAC.
				expectRejected(
					() => encryption.decryptToBytes(toBase64Url(tampered)),
					index === 0 ? 'unsupported version' : 'bad signature',
					[token],
				);
			}
		}
	});

	it('rejects any changed character of the encoded token', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		for (let index = 0; index < token.length; index++) {
			const current = token[index];
			const replacement = current === '=' ? 'A' : alphabet[(alphabet.indexOf(current) + 1) % 64];
			const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
			expect(() => encryption.decryptCredential(tampered)).toThrow(CRMEncryptionError);
		}
	});

	it('rejects a non-canonical last character that decodes to the same bytes, padded or not', () => {
		const unpadded = SPEC_TOKEN.replace(/=+$/, '');
		// 'A' → 'B' changes only the unused low bits of the final character.
		const lastIndex = unpadded.length - 1;
		expect(unpadded[lastIndex]).toBe('A');
		const variant = unpadded.slice(0, lastIndex) + 'B';
		expect(Buffer.from(variant, 'base64url')).toEqual(tokenBytes(SPEC_TOKEN));
		expectRejected(() => encryption.decryptCredential(variant), 'not base64url');
		expectRejected(() => encryption.decryptCredential(`${variant}==`), 'not base64url');
	});

	it('rejects every spelling of every token length but the canonical one', () => {
		// Token lengths step by 16 bytes, so the three lengths below cover 0, 1 and 2 padding characters.
		for (const length of [0, 16, 32]) {
			const canonical = encryption.encryptCredential(crypto.randomBytes(length));
			expect(encryption.decryptToBytes(canonical)).toHaveLength(length);
			const bare = canonical.replace(/=+$/, '');
			const spellings = new Set([bare, `${bare}=`, `${bare}==`, `${bare}===`, `${bare}====`]);
			spellings.delete(canonical);
			expect(spellings.size).toBe(4);
			for (const spelling of spellings) {
				expectRejected(() => encryption.decryptToBytes(spelling), 'not base64url');
			}
		}
	});

	// From the fernet/spec proposal "require strict base64 decoding" (commit 8a21920, not in the published
	// vectors): noise around or inside an otherwise genuine token.
	it.each([
		[
			'trailing characters after b64 padding',
			'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==trailingdata',
		],
		[
			'invalid characters in b64',
			'*gAAAAAAdwJ6wAAECAwQFBgcI!CQoLDA0ODy021?cpGVWKZ_eEwC@GM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
		],
		[
			'invalid non-urlsafe characters in b64',
			'gAAAAAAdwJ6wAAEC/AwQFBgcICQoLDA0ODy+021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
		],
	])('rejects %s', (_, token) => {
		const vector = verifyVectors[0];
		expectRejected(
			() => new CredentialEncryption(vector.secret).decryptCredential(token, { ttlSeconds: 60, now: new Date(vector.now) }),
			'not base64url',
		);
	});

	// Changed on purpose: the unpadded spelling used to be accepted. One token, one accepted spelling.
	it('accepts only the canonical spelling: padded, url-safe, nothing around it', () => {
		expect(SPEC_TOKEN.endsWith('==')).toBe(true);
		expect(encryption.decryptCredential(SPEC_TOKEN)).toBe('hello');
		const unpadded = SPEC_TOKEN.slice(0, -2);
		for (const malformed of [
			unpadded,
			`${SPEC_TOKEN}====`,
			`${unpadded}=`,
			`${SPEC_TOKEN}=`,
			`${SPEC_TOKEN}==`,
			` ${SPEC_TOKEN}`,
			`${SPEC_TOKEN}\n`,
			SPEC_TOKEN.replace(/-/g, '+').replace(/_/g, '/'),
			`${unpadded.slice(0, 10)}=${unpadded.slice(10)}=`,
		]) {
			expectRejected(() => encryption.decryptCredential(malformed), 'not base64url', [malformed]);
		}
	});

	it('rejects truncated and extended tokens', () => {
		expectRejected(() => encryption.decryptCredential(''), 'too short');
		expectRejected(() => encryption.decryptCredential(toBase64Url(bytes.subarray(0, 57))), 'too short');
		expectRejected(
			() => encryption.decryptCredential(toBase64Url(bytes.subarray(0, bytes.length - 1))),
			'ciphertext is not a whole number of blocks',
		);
		expectRejected(
			() => encryption.decryptCredential(toBase64Url(Buffer.concat([bytes, Buffer.alloc(16)]))),
			'bad signature',
		);
		expect(() => encryption.decryptCredential(undefined as unknown as string)).toThrow(CRMEncryptionError);
	});

	it('rejects properly signed tokens with the wrong version, no ciphertext or bad padding', () => {
		const wrongVersion = Buffer.from(bytes);
		wrongVersion[0] = 0x81;
		expectRejected(
			() => encryption.decryptCredential(resign(SPEC_KEY_BYTES, wrongVersion)),
			'unsupported version',
		);

		const noCiphertext = Buffer.concat([bytes.subarray(0, 25), Buffer.alloc(32)]);
		expectRejected(() => encryption.decryptCredential(resign(SPEC_KEY_BYTES, noCiphertext)), 'too short');

		// Encrypt blocks without PKCS7 to get signed tokens whose padding is wrong after decryption.
		for (const lastBlock of [
			Buffer.alloc(16, 0), // pad byte 0
			Buffer.alloc(16, 17), // pad byte larger than a block
			Buffer.concat([Buffer.alloc(14, 0x41), Buffer.from([0x01, 0x02])]), // claims 2 bytes, one is wrong
		]) {
			const iv = crypto.randomBytes(16);
			const cipher = crypto
				.createCipheriv('aes-128-cbc', SPEC_KEY_BYTES.subarray(16), iv)
				.setAutoPadding(false);
			const header = Buffer.from(bytes.subarray(0, 9));
			const body = Buffer.concat([header, iv, cipher.update(lastBlock), cipher.final()]);
			expectRejected(() => encryption.decryptToBytes(resign(SPEC_KEY_BYTES, body, false)), 'bad padding');
		}
	});

	it('rejects a token made under another key as a bad signature', () => {
		const other = new CredentialEncryption(CredentialEncryption.generateKey());
		expectRejected(() => other.decryptCredential(token), 'bad signature', [token]);
	});
});

describe('keys', () => {
	const raw = Buffer.from(SPEC_KEY_BYTES);
	const expectVectorToken = (encryption: CredentialEncryption): void => {
		expect(encryption.encryptCredential('hello', { iv: IV_0_TO_15, now: SPEC_NOW })).toBe(SPEC_TOKEN);
	};

	it('accepts url-safe base64 with or without padding, standard base64, surrounding whitespace and raw bytes', () => {
		const standard = SPEC_KEY.replace(/-/g, '+').replace(/_/g, '/');
		expect(standard).toMatch(/\+.*\//);
		expect(Buffer.from(standard, 'base64')).toEqual(raw);
		for (const key of [
			SPEC_KEY,
			SPEC_KEY.replace(/=$/, ''),
			standard,
			standard.replace(/=$/, ''),
			`  ${SPEC_KEY}\n`,
			raw,
			new Uint8Array(raw),
		]) {
			expectVectorToken(new CredentialEncryption(key));
		}
	});

	it('copies a raw key, so later changes to the caller’s array do not affect it', () => {
		const bytes = new Uint8Array(raw);
		const encryption = new CredentialEncryption(bytes);
		bytes.fill(0);
		expectVectorToken(encryption);
	});

	const malformed: Array<[string, string | Uint8Array]> = [
		['empty', ''],
		['not base64', 'this is definitely not a fernet key!!!!!!!!!'],
		['a 31-byte key', toBase64Url(raw.subarray(0, 31))],
		['a 33-byte key', toBase64Url(Buffer.concat([raw, Buffer.from([1])]))],
		['a 64-byte key', toBase64Url(Buffer.concat([raw, raw]))],
		['a hex key', raw.toString('hex')],
		['a bad character', `${SPEC_KEY.slice(0, 10)}!${SPEC_KEY.slice(11)}`],
		['inner whitespace', `${SPEC_KEY.slice(0, 20)} ${SPEC_KEY.slice(20)}`],
		['too much padding', `${SPEC_KEY}=`],
		['a non-canonical last character', SPEC_KEY.replace('4=', '5=')],
		['16 raw bytes', raw.subarray(0, 16)],
		['0 raw bytes', new Uint8Array(0)],
		['33 raw bytes', Buffer.concat([raw, Buffer.from([1])])],
	];

	it.each(malformed)('rejects %s with a CRMEncryptionError that does not echo the key', (_, key) => {
		const error = catchError(() => new CredentialEncryption(key));
		expect(error).toBeInstanceOf(CRMEncryptionError);
		expect(error.message).toMatch(/^Fernet key /);
		expect(error.message).toContain('32 bytes');
		const text = typeof key === 'string' ? key.trim() : Buffer.from(key).toString('base64url');
		if (text.length >= 8) {
			expect(error.message).not.toContain(text);
			expect(error.message).not.toContain(text.slice(0, 8));
		}
		expect(error.message).not.toContain(SPEC_KEY.slice(0, 8));
	});

	it('reports the byte count of a wrong-length key', () => {
		expect(catchError(() => new CredentialEncryption(raw.subarray(0, 16))).message).toContain('has 16 bytes');
		expect(catchError(() => new CredentialEncryption(toBase64Url(raw.subarray(0, 31)))).message).toContain(
			'has 31 bytes',
		);
	});

	it('rejects keys that are neither strings nor byte arrays', () => {
		for (const key of [undefined, null, 42, Array.from(raw), { key: SPEC_KEY }]) {
			expect(() => new CredentialEncryption(key as unknown as string)).toThrow(CRMEncryptionError);
		}
	});

	it('does not expose the key through inspection or JSON', () => {
		const encryption = new CredentialEncryption(SPEC_KEY);
		const shown = `${inspect(encryption, { showHidden: true, depth: 5 })} ${JSON.stringify(encryption)}`;
		for (const form of [SPEC_KEY, raw.subarray(0, 16).toString('hex'), raw.subarray(16).toString('hex')]) {
			expect(shown).not.toContain(form);
		}
		expect(shown).not.toContain('Buffer');
	});

	it('generateKey gives a 44-character url-safe key of 32 random bytes that works here and in fernet', () => {
		const first = CredentialEncryption.generateKey();
		const second = CredentialEncryption.generateKey();
		expect(first).not.toBe(second);
		for (const key of [first, second]) {
			expect(key).toHaveLength(44);
			expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
			expect(Buffer.from(key, 'base64url')).toHaveLength(32);

			const encryption = new CredentialEncryption(key);
			const token = encryption.encryptCredential('generated');
			expect(encryption.decryptCredential(token)).toBe('generated');
			expect(referenceDecrypt(Buffer.from(key, 'base64url'), token).plaintext.toString()).toBe('generated');
			expect(new fernet.Token({ secret: new fernet.Secret(key), token, ttl: 0 }).decode()).toBe('generated');
		}
	});
});

describe('fromEnv', () => {
	it('reads CRM_ENCRYPTION_KEY by default, or the named variable', () => {
		expect(
			CredentialEncryption.fromEnv({ CRM_ENCRYPTION_KEY: SPEC_KEY }).encryptCredential('hello', {
				iv: IV_0_TO_15,
				now: SPEC_NOW,
			}),
		).toBe(SPEC_TOKEN);
		expect(
			CredentialEncryption.fromEnv(
				{ OTHER: SPEC_KEY, CRM_ENCRYPTION_KEY: undefined },
				'OTHER',
			).decryptCredential(SPEC_TOKEN),
		).toBe('hello');
	});

	it.each([
		['missing', {}],
		['undefined', { CRM_ENCRYPTION_KEY: undefined }],
		['empty', { CRM_ENCRYPTION_KEY: '' }],
		['blank', { CRM_ENCRYPTION_KEY: '  \n' }],
	])('errors clearly when the variable is %s', (_, env) => {
		const error = catchError(() => CredentialEncryption.fromEnv(env));
		expect(error).toBeInstanceOf(CRMEncryptionError);
		expect(error.message).toMatch(/^Environment variable CRM_ENCRYPTION_KEY is not set/);
	});

	it('names a custom variable in the error', () => {
		const error = catchError(() => CredentialEncryption.fromEnv({ CRM_ENCRYPTION_KEY: SPEC_KEY }, 'MY_KEY'));
		expect(error).toBeInstanceOf(CRMEncryptionError);
		expect(error.message).toMatch(/^Environment variable MY_KEY is not set/);
	});

	it('names the variable, but never its value, when the value is malformed', () => {
		const value = toBase64Url(SPEC_KEY_BYTES.subarray(0, 31));
		const error = catchError(() => CredentialEncryption.fromEnv({ CRM_ENCRYPTION_KEY: value }));
		expect(error).toBeInstanceOf(CRMEncryptionError);
		expect(error.message).toMatch(/^Environment variable CRM_ENCRYPTION_KEY does not hold a valid key: /);
		expect(error.message).toContain('has 31 bytes');
		expect(error.message).not.toContain(value);
		expect(error.message).not.toContain(value.slice(0, 8));
	});
});
