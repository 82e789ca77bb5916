/**
 * Webhook authenticity checks for every platform the package listens to. Pure functions of the raw
 * request bytes, the headers, the URL the sender signed, the secret and an injected `now`, so each
 * scheme can be proven against hand-computed vectors. Verifiers never throw on bad input and never
 * put a secret, a signature or a computed digest into a reason: reasons are answered to the sender
 * as-is. None of them verifies, or computes anything, without a secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type VerifyResult =
	| {
			ok: true;
			/** Which scheme or variant matched, e.g. HubSpot `v3`. */
			version?: string;
			/**
			 * Set when the signature covers a timestamp: a digest of the expected MAC, so a caller can
			 * refuse the exact same signed request inside the freshness window. Derived from the MAC,
			 * not from the header text, so re-encoding a signature (case, padding) cannot dodge it.
			 */
			replayKey?: string;
	  }
	| { ok: false; reason: string };

export type HeaderBag = Record<string, string | string[] | undefined>;

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

export const HUBSPOT_V3_MAX_AGE_MS = 5 * 60 * 1000;
/** Clocks drift; a timestamp further ahead than this was not made by an honest sender just now. */
export const DEFAULT_MAX_FUTURE_MS = 60 * 1000;

const fail = (reason: string): VerifyResult => ({ ok: false, reason });

export const NO_SECRET_REASON = 'no secret configured';

/**
 * An HMAC keyed with the empty string is one anyone can compute, so no verifier may run without a
 * secret, whatever its caller checked. Whitespace alone counts as missing: it is a blank form field,
 * not a key.
 */
function missingSecret(secret: unknown): boolean {
	return typeof secret !== 'string' || secret.trim() === '';
}

/** First value of a header, looked up case-insensitively (Node lower-cases, test doubles may not). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const first = Array.isArray(value) ? value[0] : value;
		return first === undefined ? undefined : first.trim();
	}
	return undefined;
}

/**
 * Constant-time equality for inputs of any length: both sides are hashed first, so the comparison
 * always runs over two 32-byte digests and neither the length nor the first differing byte leaks.
 */
export function safeEqual(a: Buffer | string, b: Buffer | string): boolean {
	const da = createHash('sha256').update(a).digest();
	const db = createHash('sha256').update(b).digest();
	return timingSafeEqual(da, db);
}

/**
 * Strict decoding of a signature header. Buffer.from is lenient (it stops at the first bad
 * character), which would let a malformed header compare against a truncated digest.
 */
export function decodeSignature(value: string, encoding: SignatureEncoding): Buffer | undefined {
	if (encoding === 'hex') {
		if (value.length === 0 || value.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(value)) return undefined;
		return Buffer.from(value, 'hex');
	}
	// Standard or URL-safe alphabet, padding optional: senders differ, the bytes are what count.
	const normal = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
	if (normal.length === 0 || normal.length % 4 === 1 || !/^[A-Za-z0-9+/]+$/.test(normal)) return undefined;
	return Buffer.from(normal, 'base64');
}

function hmac(algorithm: HmacAlgorithm, secret: string, ...parts: Buffer[]): Buffer {
	const mac = createHmac(algorithm, Buffer.from(secret, 'utf8'));
	for (const part of parts) mac.update(part);
	return mac.digest();
}

function sha256(...parts: Buffer[]): Buffer {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part);
	return hash.digest();
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

function replayKeyOf(mac: Buffer): string {
	return createHash('sha256').update(mac).digest('base64url').slice(0, 32);
}

function matches(
	provided: string,
	encoding: SignatureEncoding,
	expected: Buffer,
): 'ok' | 'malformed' | 'mismatch' {
	const bytes = decodeSignature(provided, encoding);
	if (!bytes) return 'malformed';
	return safeEqual(bytes, expected) ? 'ok' : 'mismatch';
}

function compare(
	provided: string,
	encoding: SignatureEncoding,
	expected: Buffer,
	version?: string,
): VerifyResult {
	const outcome = matches(provided, encoding, expected);
	if (outcome === 'malformed') return fail('malformed signature');
	if (outcome === 'mismatch') return fail('signature mismatch');
	return { ok: true, version };
}

export interface TimestampRule {
	/** Oldest accepted age. */
	maxAgeMs: number;
	/** Furthest accepted distance into the future. */
	maxFutureMs?: number;
	/** How the header counts time; 'auto' reads 13-digit values as milliseconds and shorter ones as seconds. */
	unit?: 'ms' | 's' | 'auto';
}

/** Parses and bounds a timestamp header; returns its value in milliseconds or a reason. */
export function checkTimestamp(
	value: string | undefined,
	now: number,
	rule: TimestampRule,
): { ok: true; ms: number } | { ok: false; reason: string } {
	if (value === undefined || value === '') return { ok: false, reason: 'missing timestamp' };
	// Digits only: Number() would also accept '1e12', ' 0x10' or '1.5' and open ambiguities.
	if (!/^\d{1,16}$/.test(value)) return { ok: false, reason: 'malformed timestamp' };
	const raw = Number(value);
	const unit = rule.unit ?? 'auto';
	const ms = unit === 'ms' || (unit === 'auto' && raw >= 1e11) ? raw : raw * 1000;
	if (now - ms > rule.maxAgeMs) return { ok: false, reason: 'stale timestamp' };
	if (ms - now > (rule.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS))
		return { ok: false, reason: 'timestamp in the future' };
	return { ok: true, ms };
}

// ---------------------------------------------------------------------------------------------- HubSpot

/**
 * The characters HubSpot decodes in the URI before signing v3 requests, and only these. Percent
 * escapes are case-insensitive (RFC 3986 §2.1), so `%3a` counts as `%3A`. One pass, left to right:
 * `%253A` stays `%253A` because `%25` is not in the list.
 */
const HUBSPOT_DECODED: Record<string, string> = {
	'3A': ':',
	'2F': '/',
	'3F': '?',
	'40': '@',
	'21': '!',
	'24': '$',
	'27': "'",
	'28': '(',
	'29': ')',
	'2A': '*',
	'2C': ',',
	'3B': ';',
};

export function decodeHubSpotUri(uri: string): string {
	return uri.replace(
		/%([0-9A-Fa-f]{2})/g,
		(escape, hex: string) => HUBSPOT_DECODED[hex.toUpperCase()] ?? escape,
	);
}

export interface HubSpotRequest {
	rawBody: Buffer;
	headers: HeaderBag;
	/** HTTP method as received (upper-cased before signing). */
	method: string;
	/** The full public URL the sender called: scheme, host, path and the raw query string. */
	url: string;
	clientSecret: string;
	now: number;
	maxAgeMs?: number;
	maxFutureMs?: number;
}

export type HubSpotVersion = 'v1' | 'v2' | 'v3';

/** v1: hex(sha256(clientSecret + body)). A plain hash, not an HMAC: that is HubSpot's design. */
export function verifyHubSpotV1(
	request: Pick<HubSpotRequest, 'rawBody' | 'headers' | 'clientSecret'>,
): VerifyResult {
	if (missingSecret(request.clientSecret)) return fail(NO_SECRET_REASON);
	const signature = headerValue(request.headers, 'x-hubspot-signature');
	if (!signature) return fail('missing signature header');
	return compare(signature, 'hex', sha256(utf8(request.clientSecret), request.rawBody), 'v1');
}

/** v2: hex(sha256(clientSecret + METHOD + URI + body)), the URI exactly as requested. */
export function verifyHubSpotV2(
	request: Pick<HubSpotRequest, 'rawBody' | 'headers' | 'clientSecret' | 'method' | 'url'>,
): VerifyResult {
	if (missingSecret(request.clientSecret)) return fail(NO_SECRET_REASON);
	const signature = headerValue(request.headers, 'x-hubspot-signature');
	if (!signature) return fail('missing signature header');
	const prefix = utf8(request.clientSecret + request.method.toUpperCase() + request.url);
	return compare(signature, 'hex', sha256(prefix, request.rawBody), 'v2');
}

/** v3: base64(HMAC-SHA256(clientSecret, METHOD + decodedURI + body + timestamp)), timestamp in ms. */
export function verifyHubSpotV3(request: HubSpotRequest): VerifyResult {
	if (missingSecret(request.clientSecret)) return fail(NO_SECRET_REASON);
	const signature = headerValue(request.headers, 'x-hubspot-signature-v3');
	if (!signature) return fail('missing signature header');
	const timestamp = headerValue(request.headers, 'x-hubspot-request-timestamp');
	const fresh = checkTimestamp(timestamp, request.now, {
		maxAgeMs: request.maxAgeMs ?? HUBSPOT_V3_MAX_AGE_MS,
		maxFutureMs: request.maxFutureMs,
		unit: 'ms',
	});
	if (!fresh.ok) return fail(fresh.reason);
	const mac = hmac(
		'sha256',
		request.clientSecret,
		utf8(request.method.toUpperCase() + decodeHubSpotUri(request.url)),
		request.rawBody,
		utf8(timestamp as string),
	);
	const result = compare(signature, 'base64', mac, 'v3');
	return result.ok ? { ...result, replayKey: replayKeyOf(mac) } : result;
}

/**
 * 'auto' takes the strongest signature present: v3 whenever its header is there (never falling back
 * to v1 when a v3 signature fails), else the version HubSpot names in X-HubSpot-Signature-Version.
 * Pin 'v3' to refuse requests that only carry the replayable v1/v2 forms.
 */
export function verifyHubSpot(
	request: HubSpotRequest,
	version: HubSpotVersion | 'auto' = 'auto',
): VerifyResult {
	if (missingSecret(request.clientSecret)) return fail(NO_SECRET_REASON);
	const named = headerValue(request.headers, 'x-hubspot-signature-version')?.toLowerCase();
	let chosen: HubSpotVersion;
	if (version !== 'auto') {
		chosen = version;
		if (version !== 'v3' && named !== undefined && named !== version)
			return fail('signature version mismatch');
	} else if (headerValue(request.headers, 'x-hubspot-signature-v3') !== undefined) {
		chosen = 'v3';
	} else if (named === 'v1' || named === 'v2') {
		chosen = named;
	} else if (named !== undefined) {
		return fail('unsupported signature version');
	} else {
		return fail('missing signature header');
	}
	if (chosen === 'v3') return verifyHubSpotV3(request);
	return chosen === 'v2' ? verifyHubSpotV2(request) : verifyHubSpotV1(request);
}

// --------------------------------------------------------------------------------------------- LinkedIn

const LINKEDIN_PREFIX = 'hmacsha256=';

/** LinkedIn's challenge codes are UUIDs (8-4-4-4-12 hex digits). */
const LINKEDIN_CHALLENGE_CODE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a `challengeCode` has the shape LinkedIn sends. Answering any other text would hand out
 * HMAC(secret, text) for text an attacker chooses, which is exactly what a delivery signature is.
 */
export function isLinkedInChallengeCode(challengeCode: unknown): challengeCode is string {
	return typeof challengeCode === 'string' && LINKEDIN_CHALLENGE_CODE.test(challengeCode);
}

/**
 * The validation answer: hex(HMAC-SHA256(clientSecret, challengeCode)). Throws (a programming error
 * in the caller, who must answer 400/401 first) rather than compute a MAC without a secret or over a
 * code that is not a UUID: this function must never be usable as a signing oracle.
 */
export function linkedInChallengeResponse(challengeCode: string, clientSecret: string): string {
	if (missingSecret(clientSecret)) throw new Error(`LinkedIn challenge refused: ${NO_SECRET_REASON}`);
	if (!isLinkedInChallengeCode(challengeCode)) throw new Error('LinkedIn challenge refused: the code is not a UUID');
	return hmac('sha256', clientSecret, utf8(challengeCode)).toString('hex');
}

/**
 * X-LI-Signature. LinkedIn documents an HMAC-SHA256 over "hmacsha256=" + body; whether the prefix is
 * part of the signed message or only of the header value is not settled, so both readings are
 * accepted (each still needs the secret), the header with or without the prefix, hex in either case.
 */
export function verifyLinkedIn(request: {
	rawBody: Buffer;
	headers: HeaderBag;
	clientSecret: string;
}): VerifyResult {
	if (missingSecret(request.clientSecret)) return fail(NO_SECRET_REASON);
	let signature = headerValue(request.headers, 'x-li-signature');
	if (!signature) return fail('missing signature header');
	if (signature.toLowerCase().startsWith(LINKEDIN_PREFIX))
		signature = signature.slice(LINKEDIN_PREFIX.length);
	const bytes = decodeSignature(signature, 'hex');
	if (!bytes || bytes.length !== 32) return fail('malformed signature');
	const prefixed = hmac('sha256', request.clientSecret, utf8(LINKEDIN_PREFIX), request.rawBody);
	const bodyOnly = hmac('sha256', request.clientSecret, request.rawBody);
	// Both comparisons always run, so timing does not tell which reading was tried.
	const first = safeEqual(bytes, prefixed);
	const second = safeEqual(bytes, bodyOnly);
	if (first) return { ok: true, version: 'prefixed-body' };
	if (second) return { ok: true, version: 'body' };
	return fail('signature mismatch');
}

// ------------------------------------------------------------------------------------------------ Apollo

/** Apollo does not sign callbacks: the secret travels in the URL and is compared in constant time. */
export function verifyToken(provided: string | undefined, expected: string): VerifyResult {
	if (!expected) return fail('no token configured');
	if (provided === undefined || provided === '') return fail('missing token');
	return safeEqual(utf8(provided), utf8(expected)) ? { ok: true, version: 'token' } : fail('token mismatch');
}

// ----------------------------------------------------------------------------------------- Generic HMAC

export interface GenericHmacOptions {
	rawBody: Buffer;
	headers: HeaderBag;
	secret: string;
	now: number;
	headerName: string;
	algorithm: HmacAlgorithm;
	encoding: SignatureEncoding;
	/** Text before the signature in the header, e.g. `sha256=`; matched case-insensitively. */
	prefix?: string;
	/**
	 * Header carrying the sender's timestamp; when set, the timestamp must be present and fresh. Only
	 * allowed with `signed: 'timestamp+body'`: a timestamp no MAC covers can be rewritten by anyone.
	 */
	timestampHeader?: string;
	toleranceMs?: number;
	maxFutureMs?: number;
	timestampUnit?: TimestampRule['unit'];
	/** What the sender signed: the body, or timestamp + separator + body. */
	signed: 'body' | 'timestamp+body';
	separator?: string;
}

/**
 * Why a generic HMAC set-up cannot authenticate requests as configured, or undefined when it can.
 * Pure, so the trigger can say the same thing at activation that the verifier answers per request.
 */
export function genericHmacConfigProblem(
	options: Pick<GenericHmacOptions, 'signed' | 'timestampHeader'>,
): string | undefined {
	const hasTimestamp = (options.timestampHeader ?? '').trim() !== '';
	if (hasTimestamp && options.signed !== 'timestamp+body') {
		return 'timestamp header is not covered by the signature: sign timestamp + body, or clear the timestamp header';
	}
	if (!hasTimestamp && options.signed === 'timestamp+body') {
		return 'signing timestamp + body needs a timestamp header';
	}
	return undefined;
}

export function verifyGenericHmac(options: GenericHmacOptions): VerifyResult {
	if (missingSecret(options.secret)) return fail(NO_SECRET_REASON);
	// Refused rather than checked: freshness of a header anyone can rewrite is no replay protection.
	const problem = genericHmacConfigProblem(options);
	if (problem) return fail(problem);
	let signature = headerValue(options.headers, options.headerName);
	if (!signature) return fail('missing signature header');
	const prefix = options.prefix ?? '';
	if (prefix) {
		if (!signature.toLowerCase().startsWith(prefix.toLowerCase())) return fail('malformed signature');
		signature = signature.slice(prefix.length);
	}

	let timestamp: string | undefined;
	if (options.timestampHeader) {
		timestamp = headerValue(options.headers, options.timestampHeader);
		const fresh = checkTimestamp(timestamp, options.now, {
			maxAgeMs: options.toleranceMs ?? 5 * 60 * 1000,
			maxFutureMs: options.maxFutureMs,
			unit: options.timestampUnit,
		});
		if (!fresh.ok) return fail(fresh.reason);
	}

	const parts =
		timestamp !== undefined
			? [utf8(timestamp + (options.separator ?? '')), options.rawBody]
			: [options.rawBody];
	const mac = hmac(options.algorithm, options.secret, ...parts);
	const result = compare(signature, options.encoding, mac, options.algorithm);
	// Only a signed timestamp makes an identical resend provably a replay.
	return result.ok && timestamp !== undefined ? { ...result, replayKey: replayKeyOf(mac) } : result;
}
