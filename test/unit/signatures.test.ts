/**
 * Every expected signature below was computed once in a shell with printf + openssl, never with the
 * code under test; the command is next to each value. $S, $B, $LB, $GB are defined here:
 *   S='yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy'   (HubSpot's documentation example secret)
 *   B='[{"eventId":1,...,"appId":54321}]'      (HUBSPOT_BODY below, HubSpot's documentation example body)
 */
import {
	checkTimestamp,
	decodeHubSpotUri,
	decodeSignature,
	genericHmacConfigProblem,
	isLinkedInChallengeCode,
	linkedInChallengeResponse,
	safeEqual,
	verifyGenericHmac,
	verifyHubSpot,
	verifyHubSpotV1,
	verifyHubSpotV2,
	verifyHubSpotV3,
	verifyLinkedIn,
	verifyToken,
	type GenericHmacOptions,
	type HubSpotRequest,
} from '../../src/core/signatures';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const HUBSPOT_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const body = (text: string) => Buffer.from(text, 'utf8');

describe('HubSpot v1', () => {
	// printf '%s' "${S}${B}" | openssl dgst -sha256   (also the value in HubSpot's v1 documentation)
	const V1 = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';
	const headers = { 'X-HubSpot-Signature': V1, 'X-HubSpot-Signature-Version': 'v1' };

	it('accepts the documented example', () => {
		expect(verifyHubSpotV1({ rawBody: body(HUBSPOT_BODY), headers, clientSecret: SECRET })).toEqual({
			ok: true,
			version: 'v1',
		});
	});

	it('accepts the hex digest in upper case', () => {
		const upper = { ...headers, 'X-HubSpot-Signature': V1.toUpperCase() };
		expect(verifyHubSpotV1({ rawBody: body(HUBSPOT_BODY), headers: upper, clientSecret: SECRET }).ok).toBe(
			true,
		);
	});

	it('rejects a tampered body, a re-serialised body and a wrong secret', () => {
		const tampered = HUBSPOT_BODY.replace('"objectId":123', '"objectId":124');
		const reserialised = JSON.stringify(JSON.parse(HUBSPOT_BODY), null, 1);
		for (const [raw, secret] of [
			[tampered, SECRET],
			[reserialised, SECRET],
			[HUBSPOT_BODY, SECRET.replace(/y$/, 'z')],
		]) {
			expect(verifyHubSpotV1({ rawBody: body(raw), headers, clientSecret: secret })).toEqual({
				ok: false,
				reason: 'signature mismatch',
			});
		}
	});

	it('rejects a missing, truncated or non-hex signature without comparing a prefix', () => {
		const check = (signature?: string) =>
			verifyHubSpotV1({
				rawBody: body(HUBSPOT_BODY),
				headers: signature === undefined ? {} : { 'x-hubspot-signature': signature },
				clientSecret: SECRET,
			});
		expect(check()).toEqual({ ok: false, reason: 'missing signature header' });
		expect(check(V1.slice(0, 62))).toEqual({ ok: false, reason: 'signature mismatch' });
		expect(check(V1.slice(0, 63))).toEqual({ ok: false, reason: 'malformed signature' });
		// Buffer.from('ab..zz', 'hex') would silently stop at "zz" and compare a truncated digest.
		expect(check(V1.slice(0, 62) + 'zz')).toEqual({ ok: false, reason: 'malformed signature' });
	});
});

describe('HubSpot v2', () => {
	it('accepts the documented GET example (no body)', () => {
		// printf '%s' "${S}GEThttps://www.example.com/webhook_uri" | openssl dgst -sha256   (HubSpot's v2 documentation value)
		const signature = 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e';
		const result = verifyHubSpotV2({
			rawBody: Buffer.alloc(0),
			headers: { 'x-hubspot-signature': signature, 'x-hubspot-signature-version': 'v2' },
			clientSecret: SECRET,
			method: 'get',
			url: 'https://www.example.com/webhook_uri',
		});
		expect(result).toEqual({ ok: true, version: 'v2' });
	});

	// printf '%s' "${S}POSThttps://www.example.com/webhook_uri${B}" | openssl dgst -sha256
	const V2 = '276a2548f0a0181a076d456de09c0e7477ae101ccc16a11600488a77714e9b8d';
	const request = {
		rawBody: body(HUBSPOT_BODY),
		headers: { 'x-hubspot-signature': V2, 'x-hubspot-signature-version': 'v2' },
		clientSecret: SECRET,
		method: 'POST',
		url: 'https://www.example.com/webhook_uri',
	};

	it('accepts a POST with a body', () => {
		expect(verifyHubSpotV2(request).ok).toBe(true);
	});

	it('rejects a different URL, method, body or secret', () => {
		expect(verifyHubSpotV2({ ...request, url: 'https://www.example.com/webhook_uri?x=1' }).ok).toBe(false);
		expect(verifyHubSpotV2({ ...request, url: 'http://www.example.com/webhook_uri' }).ok).toBe(false);
		expect(verifyHubSpotV2({ ...request, method: 'PUT' }).ok).toBe(false);
		expect(verifyHubSpotV2({ ...request, rawBody: body(HUBSPOT_BODY + ' ') }).ok).toBe(false);
		expect(verifyHubSpotV2({ ...request, clientSecret: 'other' }).ok).toBe(false);
	});
});

describe('HubSpot v3', () => {
	const TS = '1700000000000';
	const NOW = 1_700_000_000_000 + 60_000;
	const URL = 'https://n8n.example.com/webhook/abc/webhook';
	// printf '%s' "POST${URL}${B}1700000000000" | openssl dgst -sha256 -hmac "$S" -binary | base64
	const V3 = 'Wdupy1gWz5xy/AVoZZ96SzzCsasa9gK6ysn9Xqkj3Ug=';
	const request = (
		overrides: Partial<HubSpotRequest> = {},
		headers: Record<string, string> = {},
	): HubSpotRequest => ({
		rawBody: body(HUBSPOT_BODY),
		headers: { 'x-hubspot-signature-v3': V3, 'x-hubspot-request-timestamp': TS, ...headers },
		method: 'POST',
		url: URL,
		clientSecret: SECRET,
		now: NOW,
		...overrides,
	});

	it('accepts a fresh, correctly signed request and returns a replay key', () => {
		const result = verifyHubSpotV3(request());
		expect(result).toMatchObject({ ok: true, version: 'v3' });
		expect(result.ok && typeof result.replayKey === 'string' && result.replayKey.length > 16).toBe(true);
	});

	it('gives the same replay key however the signature is spelled', () => {
		const unpadded = verifyHubSpotV3(request({}, { 'x-hubspot-signature-v3': V3.replace(/=+$/, '') }));
		const plain = verifyHubSpotV3(request());
		expect(unpadded.ok && plain.ok && unpadded.replayKey === plain.replayKey).toBe(true);
	});

	it('rejects a tampered body, URL, method, timestamp or secret', () => {
		expect(verifyHubSpotV3(request({ rawBody: body(HUBSPOT_BODY.replace('123', '124')) }))).toEqual({
			ok: false,
			reason: 'signature mismatch',
		});
		expect(verifyHubSpotV3(request({ url: URL + '?a=1' })).ok).toBe(false);
		expect(verifyHubSpotV3(request({ url: URL.replace('https', 'http') })).ok).toBe(false);
		expect(verifyHubSpotV3(request({ method: 'PUT' })).ok).toBe(false);
		expect(verifyHubSpotV3(request({}, { 'x-hubspot-request-timestamp': '1700000000001' }))).toEqual({
			ok: false,
			reason: 'signature mismatch',
		});
		expect(verifyHubSpotV3(request({ clientSecret: 'another-secret' })).ok).toBe(false);
	});

	it('enforces the 5-minute window and a bound on future timestamps', () => {
		const ts = 1_700_000_000_000;
		expect(verifyHubSpotV3(request({ now: ts + 300_000 })).ok).toBe(true);
		expect(verifyHubSpotV3(request({ now: ts + 300_001 }))).toEqual({ ok: false, reason: 'stale timestamp' });
		expect(verifyHubSpotV3(request({ now: ts - 60_000 })).ok).toBe(true);
		expect(verifyHubSpotV3(request({ now: ts - 60_001 }))).toEqual({
			ok: false,
			reason: 'timestamp in the future',
		});
	});

	it('rejects missing or malformed timestamps before any HMAC is computed', () => {
		const without = request();
		delete (without.headers as Record<string, string>)['x-hubspot-request-timestamp'];
		expect(verifyHubSpotV3(without)).toEqual({ ok: false, reason: 'missing timestamp' });
		for (const bad of ['1.7e12', '0x1', '-1700000000000', '17000000000001700', 'abc']) {
			expect(verifyHubSpotV3(request({}, { 'x-hubspot-request-timestamp': bad }))).toEqual({
				ok: false,
				reason: 'malformed timestamp',
			});
		}
	});

	it('signs the URL with exactly the documented sequences decoded (hex case-insensitive)', () => {
		// printf '%s' "POSThttps://n8n.example.com/webhook/abc/webhook?from=a:b/c@d?e&list=(1,2);x!*\$'${B}1700000000000" \
		//   | openssl dgst -sha256 -hmac "$S" -binary | base64
		const expected = 'XyvMsmGpYHox3LzeXoercherF3gpx9pzcTzqgs/4Cl4=';
		const encoded = `${URL}?from=a%3ab%2Fc%40d%3Fe&list=%281%2C2%29%3Bx%21%2A%24%27`;
		expect(verifyHubSpotV3(request({ url: encoded }, { 'x-hubspot-signature-v3': expected })).ok).toBe(true);
	});

	it('leaves every other escape alone, including a double-encoded colon', () => {
		// printf '%s' "POSThttps://n8n.example.com/webhook/abc/webhook?q=a%20b%2Bc%26d%3De%23f%253A${B}1700000000000" \
		//   | openssl dgst -sha256 -hmac "$S" -binary | base64
		const expected = 'Ag9g4owk40Af0hHrs/NxAMqAWQohukL5CdMHagLuTww=';
		const url = `${URL}?q=a%20b%2Bc%26d%3De%23f%253A`;
		expect(verifyHubSpotV3(request({ url }, { 'x-hubspot-signature-v3': expected })).ok).toBe(true);
	});

	it('hashes the raw UTF-8 bytes of the body', () => {
		const raw =
			'[{"eventId":7,"subscriptionType":"contact.propertyChange","occurredAt":1700000000000,"objectId":9,"propertyName":"firstname","propertyValue":"Zoë"}]';
		// printf '%s' "POST${URL}${raw}1700000000000" | openssl dgst -sha256 -hmac "$S" -binary | base64
		const expected = 'ybDvDLEFIpnvZlDYPe4hWbtnHv3ahrz0CqE7QNVlHU8=';
		expect(verifyHubSpotV3(request({ rawBody: body(raw) }, { 'x-hubspot-signature-v3': expected })).ok).toBe(
			true,
		);
		const latin1 = Buffer.from(raw, 'latin1');
		expect(verifyHubSpotV3(request({ rawBody: latin1 }, { 'x-hubspot-signature-v3': expected })).ok).toBe(
			false,
		);
	});

	it('rejects a signature that is not base64', () => {
		expect(verifyHubSpotV3(request({}, { 'x-hubspot-signature-v3': 'not base64!' }))).toEqual({
			ok: false,
			reason: 'malformed signature',
		});
	});
});

describe('decodeHubSpotUri', () => {
	it.each([
		['%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B', ":/?@!$'()*,;"],
		['%3a%2f%3f', ':/?'],
		['%253A', '%253A'],
		['%20%2B%26%3D%23%25%5B%5D', '%20%2B%26%3D%23%25%5B%5D'],
		['a%3A%3Ab', 'a::b'],
		['%3', '%3'],
		['%%3A', '%:'],
		['https://h.example/p?x=%E2%9C%93', 'https://h.example/p?x=%E2%9C%93'],
	])('%s → %s', (input, output) => {
		expect(decodeHubSpotUri(input)).toBe(output);
	});
});

describe('verifyHubSpot version selection', () => {
	const V1 = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';
	const V3 = 'Wdupy1gWz5xy/AVoZZ96SzzCsasa9gK6ysn9Xqkj3Ug=';
	const base: HubSpotRequest = {
		rawBody: body(HUBSPOT_BODY),
		headers: {},
		method: 'POST',
		url: 'https://n8n.example.com/webhook/abc/webhook',
		clientSecret: SECRET,
		now: 1_700_000_000_000,
	};
	const both = {
		'x-hubspot-signature': V1,
		'x-hubspot-signature-version': 'v1',
		'x-hubspot-signature-v3': V3,
		'x-hubspot-request-timestamp': '1700000000000',
	};

	it('auto prefers v3 when present', () => {
		expect(verifyHubSpot({ ...base, headers: both })).toMatchObject({ ok: true, version: 'v3' });
	});

	it('auto never falls back to v1 when the v3 signature is bad', () => {
		expect(
			verifyHubSpot({ ...base, headers: { ...both, 'x-hubspot-signature-v3': V3.replace('W', 'X') } }).ok,
		).toBe(false);
	});

	it('auto uses the named version when v3 is absent', () => {
		expect(
			verifyHubSpot({ ...base, headers: { 'x-hubspot-signature': V1, 'x-hubspot-signature-version': 'v1' } }),
		).toMatchObject({
			ok: true,
			version: 'v1',
		});
		expect(
			verifyHubSpot({ ...base, headers: { 'x-hubspot-signature': V1, 'x-hubspot-signature-version': 'v9' } }),
		).toEqual({
			ok: false,
			reason: 'unsupported signature version',
		});
		expect(verifyHubSpot({ ...base, headers: {} })).toEqual({
			ok: false,
			reason: 'missing signature header',
		});
	});

	it('pinned v3 refuses a request that only carries v1', () => {
		expect(
			verifyHubSpot(
				{ ...base, headers: { 'x-hubspot-signature': V1, 'x-hubspot-signature-version': 'v1' } },
				'v3',
			),
		).toEqual({
			ok: false,
			reason: 'missing signature header',
		});
	});

	it('pinned v1 refuses a request HubSpot labelled v2', () => {
		expect(
			verifyHubSpot(
				{ ...base, headers: { 'x-hubspot-signature': V1, 'x-hubspot-signature-version': 'v2' } },
				'v1',
			),
		).toEqual({
			ok: false,
			reason: 'signature version mismatch',
		});
	});
});

describe('LinkedIn', () => {
	const SECRET_LI = 'linkedin-client-secret';
	const LB =
		'{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:abc-123","leadAction":"CREATED","occurredAt":1700000000000,"leadType":"SPONSORED"}';
	// printf '%s' "hmacsha256=${LB}" | openssl dgst -sha256 -hmac 'linkedin-client-secret'
	const PREFIXED = '7d1a4034430bdfc52f33a05bdabe268adc2afe1ce5b9e61c0ac2ef4aabdad645';
	// printf '%s' "${LB}" | openssl dgst -sha256 -hmac 'linkedin-client-secret'
	const BODY_ONLY = 'cd02f24cdc65fdd0173676503ec104641635a030a17eedce7db53c0a91f7a2cb';
	const verify = (signature: string | undefined, raw = LB, secret = SECRET_LI) =>
		verifyLinkedIn({
			rawBody: body(raw),
			headers: signature === undefined ? {} : { 'x-li-signature': signature },
			clientSecret: secret,
		});

	it('answers the challenge with hex HMAC-SHA256 of the code', () => {
		// printf '%s' 'f5d8b2a0-1234-4c1e-9e33-0123456789ab' | openssl dgst -sha256 -hmac 'linkedin-client-secret'
		expect(linkedInChallengeResponse('f5d8b2a0-1234-4c1e-9e33-0123456789ab', SECRET_LI)).toBe(
			'530c1043f28670fb7fbe63e4aa4e7da3a93356f9a0cf64f58764660194f7fd15',
		);
	});

	it('answers only challenge codes shaped like LinkedIn UUIDs, so it is no signing oracle', () => {
		expect(isLinkedInChallengeCode('f5d8b2a0-1234-4c1e-9e33-0123456789ab')).toBe(true);
		expect(isLinkedInChallengeCode('F5D8B2A0-1234-4C1E-9E33-0123456789AB')).toBe(true);
		for (const code of [
			LB,
			`hmacsha256=${LB}`,
			'',
			'f5d8b2a0-1234-4c1e-9e33-0123456789a',
			'f5d8b2a0-1234-4c1e-9e33-0123456789abc',
			'{f5d8b2a0-1234-4c1e-9e33-0123456789ab}',
			' f5d8b2a0-1234-4c1e-9e33-0123456789ab',
			'f5d8b2a0-1234-4c1e-9e33-0123456789ab\n',
			'g5d8b2a0-1234-4c1e-9e33-0123456789ab',
			undefined,
			42,
		]) {
			expect(isLinkedInChallengeCode(code)).toBe(false);
			if (typeof code === 'string') {
				expect(() => linkedInChallengeResponse(code, SECRET_LI)).toThrow(
					'LinkedIn challenge refused: the code is not a UUID',
				);
			}
		}
	});

	it.each([
		['bare', PREFIXED],
		['with prefix', `hmacsha256=${PREFIXED}`],
		['upper-case hex', PREFIXED.toUpperCase()],
		['upper-case prefix', `HMACSHA256=${PREFIXED}`],
	])('accepts the documented message, header %s', (_label, header) => {
		expect(verify(header)).toEqual({ ok: true, version: 'prefixed-body' });
	});

	it('also accepts an HMAC over the body alone (the other reading of the docs)', () => {
		expect(verify(`hmacsha256=${BODY_ONLY}`)).toEqual({ ok: true, version: 'body' });
	});

	it('rejects tampering, a wrong secret, a missing or malformed header', () => {
		expect(verify(PREFIXED, LB.replace('CREATED', 'DELETED'))).toEqual({
			ok: false,
			reason: 'signature mismatch',
		});
		expect(verify(PREFIXED, LB, 'another-secret')).toEqual({ ok: false, reason: 'signature mismatch' });
		expect(verify(undefined)).toEqual({ ok: false, reason: 'missing signature header' });
		expect(verify(PREFIXED.slice(0, 40))).toEqual({ ok: false, reason: 'malformed signature' });
		expect(verify(`sha256=${PREFIXED}`)).toEqual({ ok: false, reason: 'malformed signature' });
	});
});

describe('Apollo token', () => {
	it('accepts the exact token only', () => {
		expect(verifyToken('s3cr3t-token-value-1234', 's3cr3t-token-value-1234')).toEqual({
			ok: true,
			version: 'token',
		});
		expect(verifyToken('s3cr3t-token-value-123', 's3cr3t-token-value-1234')).toEqual({
			ok: false,
			reason: 'token mismatch',
		});
		expect(verifyToken('S3cr3t-token-value-1234', 's3cr3t-token-value-1234')).toEqual({
			ok: false,
			reason: 'token mismatch',
		});
		expect(verifyToken(undefined, 's3cr3t-token-value-1234')).toEqual({ ok: false, reason: 'missing token' });
		expect(verifyToken('', 's3cr3t-token-value-1234')).toEqual({ ok: false, reason: 'missing token' });
	});

	it('refuses everything when no token is configured', () => {
		expect(verifyToken('', '')).toEqual({ ok: false, reason: 'no token configured' });
		expect(verifyToken('anything', '')).toEqual({ ok: false, reason: 'no token configured' });
	});
});

describe('Generic HMAC', () => {
	const GB = '{"id":"evt_1","type":"contact.updated","name":"Zoë"}';
	const HMAC_FIXTURE = 'generic-secret-0123456789';
	const options = (overrides: Partial<GenericHmacOptions>): GenericHmacOptions => ({
		rawBody: body(GB),
		headers: {},
		secret: HMAC_FIXTURE,
		now: 1_700_000_000_000,
		headerName: 'X-Signature',
		algorithm: 'sha256',
		encoding: 'hex',
		signed: 'body',
		...overrides,
	});

	// printf '%s' "$GB" | openssl dgst -<alg> -hmac "$HMAC_FIXTURE"            (hex)
	// printf '%s' "$GB" | openssl dgst -<alg> -hmac "$HMAC_FIXTURE" -binary | base64
	it.each([
		['sha1', 'hex', '615acab3ff366e2ad01e4042f966970559b79d74'],
		['sha1', 'base64', 'YVrKs/82birQHkBC+WaXBVm3nXQ='],
		['sha256', 'hex', 'f530b5c486193865cb8f941c84262748e6b4a3011a54df41efb007e218ff09e7'],
		['sha256', 'base64', '9TC1xIYZOGXLj5QchCYnSOa0owEaVN9B77AH4hj/Cec='],
		[
			'sha512',
			'hex',
			'f16501ad1cc751441e50f88e2dd331934a948430422e7060a57f4f814c176ac24e65e057f52fc7d6c8fc51359f6ab2c71a1ee86c36253a6ceb35b9ac316471c0',
		],
		[
			'sha512',
			'base64',
			'8WUBrRzHUUQeUPiOLdMxk0qUhDBCLnBgpX9PgUwXasJOZeBX9S/H1sj8UTWfarLHGh7obDYlOmzrNbmsMWRxwA==',
		],
	] as const)('%s/%s', (algorithm, encoding, signature) => {
		expect(
			verifyGenericHmac(options({ algorithm, encoding, headers: { 'x-signature': signature } })),
		).toEqual({ ok: true, version: algorithm });
		const other = algorithm === 'sha1' ? 'sha256' : 'sha1';
		expect(
			verifyGenericHmac(options({ algorithm: other, encoding, headers: { 'x-signature': signature } })).ok,
		).toBe(false);
		expect(
			verifyGenericHmac(
				options({ algorithm, encoding, headers: { 'x-signature': signature }, rawBody: body(GB + '\n') }),
			).ok,
		).toBe(false);
		expect(
			verifyGenericHmac(
				options({ algorithm, encoding, headers: { 'x-signature': signature }, secret: HMAC_FIXTURE + 'x' }),
			).ok,
		).toBe(false);
	});

	it('requires and strips a configured prefix', () => {
		const sig = 'f530b5c486193865cb8f941c84262748e6b4a3011a54df41efb007e218ff09e7';
		expect(
			verifyGenericHmac(options({ prefix: 'sha256=', headers: { 'x-signature': `sha256=${sig}` } })).ok,
		).toBe(true);
		expect(verifyGenericHmac(options({ prefix: 'sha256=', headers: { 'x-signature': sig } }))).toEqual({
			ok: false,
			reason: 'malformed signature',
		});
	});

	describe('timestamp + separator + body', () => {
		// printf '%s' "1700000000.${GB}" | openssl dgst -sha256 -hmac "$HMAC_FIXTURE"
		const SIG = '94334519bc53b156c80becd6c117ca727424975a881b71e047ffc6964f97a30a';
		const signed = (now: number, ts = '1700000000', extra: Partial<GenericHmacOptions> = {}) =>
			verifyGenericHmac(
				options({
					signed: 'timestamp+body',
					separator: '.',
					timestampHeader: 'X-Timestamp',
					toleranceMs: 300_000,
					now,
					headers: { 'x-signature': SIG, 'x-timestamp': ts },
					...extra,
				}),
			);

		it('accepts a fresh request (timestamp in seconds) and returns a replay key', () => {
			const result = signed(1_700_000_100_000);
			expect(result.ok && result.replayKey !== undefined).toBe(true);
		});

		it('rejects stale, future, tampered and missing timestamps, and a different separator', () => {
			expect(signed(1_700_000_300_001)).toEqual({ ok: false, reason: 'stale timestamp' });
			expect(signed(1_699_999_939_999)).toEqual({ ok: false, reason: 'timestamp in the future' });
			expect(signed(1_700_000_000_000, '1700000001')).toEqual({ ok: false, reason: 'signature mismatch' });
			expect(signed(1_700_000_000_000, '')).toEqual({ ok: false, reason: 'missing timestamp' });
			expect(signed(1_700_000_000_000, '1700000000', { separator: ':' })).toEqual({
				ok: false,
				reason: 'signature mismatch',
			});
			// A configuration without a timestamp header cannot verify this scheme at all (the reason used to be
			// 'missing timestamp'; it now names the configuration, as genericHmacConfigProblem does).
			expect(signed(1_700_000_000_000, '1700000000', { timestampHeader: undefined })).toEqual({
				ok: false,
				reason: 'signing timestamp + body needs a timestamp header',
			});
		});
	});

	// Changed on purpose: this combination used to be accepted (freshness checked, no replay key), which
	// read as replay protection although anyone can rewrite a timestamp no MAC covers.
	it('refuses a timestamp header when only the body is signed, however fresh the timestamp', () => {
		const sig = 'f530b5c486193865cb8f941c84262748e6b4a3011a54df41efb007e218ff09e7';
		const reason =
			'timestamp header is not covered by the signature: sign timestamp + body, or clear the timestamp header';
		for (const timestamp of ['1700000000000', '1700000000', '9999999999999']) {
			const headers = { 'x-signature': sig, 'x-timestamp': timestamp };
			expect(
				verifyGenericHmac(
					options({ headers, timestampHeader: 'X-Timestamp', toleranceMs: 1000, now: 1_700_000_000_500 }),
				),
			).toEqual({ ok: false, reason });
		}
		// The same signature without the header option is a plain body signature and verifies.
		expect(verifyGenericHmac(options({ headers: { 'x-signature': sig } }))).toEqual({
			ok: true,
			version: 'sha256',
		});
	});

	it('genericHmacConfigProblem explains the same thing at activation', () => {
		expect(genericHmacConfigProblem({ signed: 'body', timestampHeader: 'X-Timestamp' })).toBe(
			'timestamp header is not covered by the signature: sign timestamp + body, or clear the timestamp header',
		);
		expect(genericHmacConfigProblem({ signed: 'timestamp+body' })).toBe(
			'signing timestamp + body needs a timestamp header',
		);
		expect(genericHmacConfigProblem({ signed: 'timestamp+body', timestampHeader: '  ' })).toBe(
			'signing timestamp + body needs a timestamp header',
		);
		expect(genericHmacConfigProblem({ signed: 'body' })).toBeUndefined();
		expect(genericHmacConfigProblem({ signed: 'body', timestampHeader: '' })).toBeUndefined();
		expect(genericHmacConfigProblem({ signed: 'timestamp+body', timestampHeader: 'X-Timestamp' })).toBeUndefined();
	});
});

/**
 * An HMAC (or HubSpot's salted hash) keyed with the empty string is computable by anyone: every value
 * below is such a forgery, made with an empty -hmac key, and every verifier must refuse it.
 */
describe('no secret configured', () => {
	const NO_SECRET = { ok: false, reason: 'no secret configured' };
	const EMPTY_SECRETS = ['', '   ', undefined as unknown as string];

	it('HubSpot v1, v2, v3 and auto refuse to verify without a secret', () => {
		// printf '%s' "$B" | openssl dgst -sha256
		const v1 = '94d4cf868ba813b5247912fd7fe48cb78d43dfd44e382dc91c568dca526929b1';
		const url = 'https://n8n.example.com/webhook/abc/webhook';
		// printf '%s' "POST${url}${B}" | openssl dgst -sha256
		const v2 = '319bfda3a782dac2080e707dbf9b66fec71007b4993720504fa23845b0551734';
		// printf '%s' "POST${url}${B}1700000000000" | openssl dgst -sha256 -hmac '' -binary | base64
		const v3 = 'msz9grmx2QYHONiGt6TokqmEaVyFzDJjO90flGzzROU=';
		for (const clientSecret of EMPTY_SECRETS) {
			const base = { rawBody: body(HUBSPOT_BODY), method: 'POST', url, clientSecret, now: 1_700_000_030_000 };
			const v1Headers = { 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v1' };
			const v2Headers = { 'x-hubspot-signature': v2, 'x-hubspot-signature-version': 'v2' };
			const v3Headers = { 'x-hubspot-signature-v3': v3, 'x-hubspot-request-timestamp': '1700000000000' };
			expect(verifyHubSpotV1({ ...base, headers: v1Headers })).toEqual(NO_SECRET);
			expect(verifyHubSpotV2({ ...base, headers: v2Headers })).toEqual(NO_SECRET);
			expect(verifyHubSpotV3({ ...base, headers: v3Headers })).toEqual(NO_SECRET);
			for (const headers of [v1Headers, v2Headers, v3Headers]) {
				expect(verifyHubSpot({ ...base, headers })).toEqual(NO_SECRET);
			}
		}
	});

	it('LinkedIn refuses to verify without a secret, with or without the prefix in the message', () => {
		const LB =
			'{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:abc-123","leadAction":"CREATED","occurredAt":1700000000000,"leadType":"SPONSORED"}';
		// printf '%s' "hmacsha256=${LB}" | openssl dgst -sha256 -hmac ''
		const prefixed = 'c0ca037d6b82bb510c4745904cf01e47e5dbc3e945b869295c5ab348c7b7480c';
		for (const clientSecret of EMPTY_SECRETS) {
			expect(
				verifyLinkedIn({ rawBody: body(LB), headers: { 'x-li-signature': prefixed }, clientSecret }),
			).toEqual(NO_SECRET);
		}
	});

	it('the LinkedIn challenge answer is never computed without a secret', () => {
		for (const secret of EMPTY_SECRETS) {
			// printf '%s' 'f5d8b2a0-1234-4c1e-9e33-0123456789ab' | openssl dgst -sha256 -hmac ''  would be
			// d84df6c9ec879fdf71a91c45cfe06fcd808fd7e0ea305e58a33fa2a1ba635659: it must not come back.
			expect(() => linkedInChallengeResponse('f5d8b2a0-1234-4c1e-9e33-0123456789ab', secret)).toThrow(
				'LinkedIn challenge refused: no secret configured',
			);
		}
	});

	it('generic HMAC refuses to verify without a secret, body or timestamp + body', () => {
		const GB = '{"id":"evt_1","type":"contact.updated","name":"Zoë"}';
		// printf '%s' "$GB" | openssl dgst -sha256 -hmac ''
		const bodyOnly = '903dedef8fb99ffdff5441ced9b7b284ccfaddcab51d3e7a0e3ac646fb640b47';
		// printf '%s' "1700000000.${GB}" | openssl dgst -sha256 -hmac ''
		const withTimestamp = 'f214c7c25f5f45e1dca66543c0efffc35335451a9546d070dbad3194e83ecf9f';
		const base = {
			rawBody: body(GB),
			now: 1_700_000_000_000,
			headerName: 'X-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
		} as const;
		for (const secret of EMPTY_SECRETS) {
			expect(
				verifyGenericHmac({ ...base, secret, signed: 'body', headers: { 'x-signature': bodyOnly } }),
			).toEqual(NO_SECRET);
			expect(
				verifyGenericHmac({
					...base,
					secret,
					signed: 'timestamp+body',
					separator: '.',
					timestampHeader: 'X-Timestamp',
					headers: { 'x-signature': withTimestamp, 'x-timestamp': '1700000000' },
				}),
			).toEqual(NO_SECRET);
		}
	});
});

describe('helpers', () => {
	it('safeEqual compares any lengths without throwing', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual(Buffer.alloc(0), Buffer.alloc(64))).toBe(false);
	});

	it('decodeSignature is strict', () => {
		expect(decodeSignature('0a0B', 'hex')).toEqual(Buffer.from([10, 11]));
		expect(decodeSignature('0a0', 'hex')).toBeUndefined();
		expect(decodeSignature('', 'hex')).toBeUndefined();
		expect(decodeSignature('AQID', 'base64')).toEqual(Buffer.from([1, 2, 3]));
		expect(decodeSignature('AQI', 'base64')).toEqual(Buffer.from([1, 2]));
		expect(decodeSignature('A', 'base64')).toBeUndefined();
		expect(decodeSignature('AQ*D', 'base64')).toBeUndefined();
		expect(decodeSignature('-_8', 'base64')).toEqual(Buffer.from([0xfb, 0xff]));
	});

	it('checkTimestamp reads 13-digit values as milliseconds and shorter ones as seconds', () => {
		expect(checkTimestamp('1700000000', 1_700_000_000_000, { maxAgeMs: 1 })).toEqual({
			ok: true,
			ms: 1_700_000_000_000,
		});
		expect(checkTimestamp('1700000000000', 1_700_000_000_000, { maxAgeMs: 1 })).toEqual({
			ok: true,
			ms: 1_700_000_000_000,
		});
		expect(checkTimestamp('1700000000', 1_700_000_000_000, { maxAgeMs: 1, unit: 'ms' }).ok).toBe(false);
	});

	it('never puts the secret or a digest into a reason', () => {
		const results = [
			verifyHubSpotV1({
				rawBody: body('[]'),
				headers: { 'x-hubspot-signature': 'ab' },
				clientSecret: SECRET,
			}),
			verifyLinkedIn({
				rawBody: body('{}'),
				headers: { 'x-li-signature': 'ab'.repeat(32) },
				clientSecret: SECRET,
			}),
			verifyToken('nope', SECRET),
		];
		for (const result of results) {
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.reason).not.toMatch(/yyyy|[0-9a-f]{16}/);
		}
	});
});
