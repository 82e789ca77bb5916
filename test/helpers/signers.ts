/**
 * Signing the way each platform documents it, for tests that play the sender: e2e scenarios and unit
 * tests that need a genuine request. Written with node:crypto only and on purpose independent of
 * src/core/signatures.ts, so a bug there cannot sign and verify alike and pass its own test
 * (test/unit/signatures.test.ts keeps hand-computed vectors for the same reason).
 *
 * Every signer returns the headers to send (content-type included where the platform sends JSON).
 */
import { createHash, createHmac } from 'node:crypto';

export type Headers = Record<string, string>;

const JSON_TYPE = { 'content-type': 'application/json' };

// ------------------------------------------------------------------------------------------------ HubSpot

/** The escapes HubSpot decodes before signing a v3 URL (its documentation lists exactly these). */
const HUBSPOT_V3_DECODED: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

function hubspotV3Uri(url: string): string {
	return url.replace(/%[0-9A-Fa-f]{2}/g, (escape) => HUBSPOT_V3_DECODED[escape.toUpperCase()] ?? escape);
}

/** v1: hex(sha256(clientSecret + body)) — a plain hash, as HubSpot designed it. */
export function hubspotV1(secret: string, body: string | Buffer): Headers {
	const signature = createHash('sha256').update(secret).update(body).digest('hex');
	return { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': 'v1', ...JSON_TYPE };
}

/** v2: hex(sha256(clientSecret + METHOD + URL + body)), the URL exactly as requested. */
export function hubspotV2(
	secret: string,
	request: { method?: string; url: string; body: string | Buffer },
): Headers {
	const signature = createHash('sha256')
		.update(`${secret}${(request.method ?? 'POST').toUpperCase()}${request.url}`)
		.update(request.body)
		.digest('hex');
	return { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': 'v2', ...JSON_TYPE };
}

/** v3: base64(HMAC-SHA256(clientSecret, METHOD + decoded URL + body + timestamp)), timestamp in ms. */
export function hubspotV3(
	secret: string,
	request: { method?: string; url: string; body: string | Buffer; timestamp: number },
): Headers {
	const signature = createHmac('sha256', secret)
		.update(`${(request.method ?? 'POST').toUpperCase()}${hubspotV3Uri(request.url)}`)
		.update(request.body)
		.update(String(request.timestamp))
		.digest('base64');
	return {
		'X-HubSpot-Signature-v3': signature,
		'X-HubSpot-Request-Timestamp': String(request.timestamp),
		...JSON_TYPE,
	};
}

/** What HubSpot really sends to an app: v3 beside the older v1 headers on the same request. */
export function hubspotV3WithV1(
	secret: string,
	request: { url: string; body: string | Buffer; timestamp: number },
): Headers {
	return { ...hubspotV1(secret, request.body), ...hubspotV3(secret, request) };
}

/** The same headers without the v3 pair: what a downgrade attacker makes of a captured request. */
export function withoutHubspotV3(headers: Headers): Headers {
	return Object.fromEntries(
		Object.entries(headers).filter(
			([name]) => !['x-hubspot-signature-v3', 'x-hubspot-request-timestamp'].includes(name.toLowerCase()),
		),
	);
}

// ----------------------------------------------------------------------------------------------- LinkedIn

const LINKEDIN_PREFIX = 'hmacsha256=';

/** X-LI-Signature as LinkedIn documents it: `hmacsha256=` + hex(HMAC-SHA256(secret, `hmacsha256=` + body)). */
export function linkedIn(secret: string, body: string | Buffer): Headers {
	const mac = createHmac('sha256', secret).update(LINKEDIN_PREFIX).update(body).digest('hex');
	return { 'X-LI-Signature': `${LINKEDIN_PREFIX}${mac}`, ...JSON_TYPE };
}

/** The answer LinkedIn expects to its validation GET: hex(HMAC-SHA256(secret, challengeCode)). */
export function linkedInChallengeResponse(secret: string, challengeCode: string): string {
	return createHmac('sha256', secret).update(challengeCode).digest('hex');
}

/**
 * A header carrying an arbitrary hex MAC, with or without the `hmacsha256=` prefix: for forgeries, e.g.
 * the MAC a challenge oracle would hand out for a body.
 */
export function linkedInHeader(mac: string, prefixed = true): Headers {
	return { 'X-LI-Signature': prefixed ? `${LINKEDIN_PREFIX}${mac}` : mac, ...JSON_TYPE };
}

// ------------------------------------------------------------------------------------------ Generic HMAC

export interface GenericHmacSigning {
	secret: string;
	body: string | Buffer;
	header?: string;
	algorithm?: 'sha1' | 'sha256' | 'sha512';
	encoding?: 'hex' | 'base64';
	prefix?: string;
	/** When given, sent in `timestampHeader`; signed too when `signed` is 'timestamp+body'. */
	timestamp?: number | string;
	timestampHeader?: string;
	signed?: 'body' | 'timestamp+body';
	separator?: string;
}

export function genericHmac(options: GenericHmacSigning): Headers {
	const signed = options.signed ?? (options.timestamp === undefined ? 'body' : 'timestamp+body');
	const mac = createHmac(options.algorithm ?? 'sha256', options.secret);
	if (signed === 'timestamp+body') {
		if (options.timestamp === undefined) throw new Error('timestamp+body signing needs a timestamp');
		mac.update(`${options.timestamp}${options.separator ?? '.'}`);
	}
	mac.update(options.body);
	const headers: Headers = {
		[options.header ?? 'X-Signature']: `${options.prefix ?? ''}${mac.digest(options.encoding ?? 'hex')}`,
		...JSON_TYPE,
	};
	if (options.timestamp !== undefined) headers[options.timestampHeader ?? 'X-Timestamp'] = String(options.timestamp);
	return headers;
}

// ------------------------------------------------------------------------------------------------- Apollo

/** Apollo does not sign: the secret rides in the callback URL's query. Returns the query string. */
export function apolloQuery(token: string, parameter = 'token'): string {
	return new URLSearchParams({ [parameter]: token }).toString();
}

/** The full callback URL to hand Apollo as webhook_url. */
export function apolloUrl(url: string, token: string, parameter = 'token'): string {
	return `${url}${url.includes('?') ? '&' : '?'}${apolloQuery(token, parameter)}`;
}
