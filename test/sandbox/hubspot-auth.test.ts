import { createHash, randomBytes } from 'node:crypto';
import { CONTACTS, sleep, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const CLIENT = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };
const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

const DATED_TOKEN = '/oauth/2026-03/token';
const V1_TOKEN = '/oauth/v1/token';

/** Token requests go to the dated endpoint, as the OAuth2 credential sends them, unless told otherwise. */
async function tokenRequest(fields: Record<string, string>, endpoint = DATED_TOKEN) {
	const response = await fetch(`${client.sandbox.url}/hubspot${endpoint}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function authorize(challenge?: string) {
	const query = new URLSearchParams({
		client_id: CLIENT.client_id,
		redirect_uri: REDIRECT,
		scope: 'crm.objects.contacts.read crm.objects.contacts.write',
		state: 'xyz',
		...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
	});
	const response = await fetch(`${client.sandbox.url}/hubspot/oauth/authorize?${query}`, {
		redirect: 'manual',
	});
	expect(response.status).toBe(302);
	const location = new URL(response.headers.get('location') ?? '');
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('xyz');
	return location.searchParams.get('code') ?? '';
}

function pkce() {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function grant() {
	const { verifier, challenge } = pkce();
	const code = await authorize(challenge);
	return tokenRequest({
		grant_type: 'authorization_code',
		code,
		code_verifier: verifier,
		redirect_uri: REDIRECT,
		...CLIENT,
	});
}

describe('HubSpot sandbox: authentication', () => {
	it('answers 401 INVALID_AUTHENTICATION without or with an unknown token', async () => {
		for (const token of [null, 'wrong-token']) {
			const response = await client.hs('GET', CONTACTS, undefined, { token });
			expect(response.status).toBe(401);
			expect(response.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
			expect(response.body.message).toMatch(/^Authentication credentials not found\./);
			expect(response.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
		}
	});

	it('accepts the configured static tokens', async () => {
		client.sandbox.configure({ hubspot: { tokens: ['pat-na1-abc'] } });
		expect((await client.hs('GET', CONTACTS, undefined, { token: 'pat-na1-abc' })).status).toBe(200);
		expect((await client.hs('GET', CONTACTS)).status).toBe(401);
	});
});

describe('HubSpot sandbox: OAuth', () => {
	it('runs the PKCE authorization-code flow and serves the access token', async () => {
		const tokens = await grant();
		expect(tokens.status).toBe(200);
		expect(tokens.body).toEqual({
			token_type: 'bearer',
			access_token: expect.any(String),
			refresh_token: expect.any(String),
			expires_in: 1800,
		});
		const response = await client.hs('GET', CONTACTS, undefined, { token: tokens.body.access_token });
		expect(response.status).toBe(200);
		// OAuth apps get no daily headers on the real API.
		expect(response.headers.get('x-hubspot-ratelimit-max')).toBe('100');
		expect(response.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
	});

	it('rejects a wrong code_verifier, a reused code, a wrong secret and a wrong redirect_uri', async () => {
		const { verifier, challenge } = pkce();
		const code = await authorize(challenge);
		const wrong = await tokenRequest({
			grant_type: 'authorization_code',
			code,
			code_verifier: `${verifier}x`,
			redirect_uri: REDIRECT,
			...CLIENT,
		});
		expect(wrong).toMatchObject({ status: 400, body: { status: 'BAD_AUTH_CODE' } });
		const reused = await tokenRequest({
			grant_type: 'authorization_code',
			code,
			code_verifier: verifier,
			redirect_uri: REDIRECT,
			...CLIENT,
		});
		expect(reused).toMatchObject({ status: 400, body: { status: 'BAD_AUTH_CODE' } });

		const second = pkce();
		const code2 = await authorize(second.challenge);
		const secret = await tokenRequest({
			grant_type: 'authorization_code',
			code: code2,
			code_verifier: second.verifier,
			redirect_uri: REDIRECT,
			...CLIENT,
			client_secret: 'nope',
		});
		expect(secret).toMatchObject({ status: 400, body: { status: 'BAD_CLIENT_SECRET' } });

		const third = pkce();
		const code3 = await authorize(third.challenge);
		const redirect = await tokenRequest({
			grant_type: 'authorization_code',
			code: code3,
			code_verifier: third.verifier,
			redirect_uri: 'http://evil.invalid/cb',
			...CLIENT,
		});
		expect(redirect).toMatchObject({ status: 400, body: { status: 'BAD_REDIRECT_URI' } });

		const badClient = await fetch(
			`${client.sandbox.url}/hubspot/oauth/authorize?client_id=other&redirect_uri=${encodeURIComponent(REDIRECT)}`,
			{ redirect: 'manual' },
		);
		expect(badClient.status).toBe(400);
	});

	it('refreshes with the same refresh token and a new access token', async () => {
		const first = await grant();
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
			...CLIENT,
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).toBe(first.body.refresh_token);
		expect(refreshed.body.access_token).not.toBe(first.body.access_token);
		expect((await client.hs('GET', CONTACTS, undefined, { token: refreshed.body.access_token })).status).toBe(
			200,
		);
		const unknown = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'nope', ...CLIENT });
		expect(unknown).toMatchObject({ status: 400, body: { status: 'BAD_REFRESH_TOKEN' } });
	});

	it('answers 401 EXPIRED_AUTHENTICATION once the access token expires, until refreshed', async () => {
		client.sandbox.configure({ hubspot: { oauth: { accessTokenTtlMs: 150 } } });
		const tokens = await grant();
		expect(tokens.body.expires_in).toBe(1);
		expect((await client.hs('GET', CONTACTS, undefined, { token: tokens.body.access_token })).status).toBe(
			200,
		);
		await sleep(200);
		const expired = await client.hs('GET', CONTACTS, undefined, { token: tokens.body.access_token });
		expect(expired.status).toBe(401);
		expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
		expect(expired.body.message).toContain('expired');

		client.sandbox.configure({ hubspot: { oauth: { accessTokenTtlMs: 60_000 } } });
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: tokens.body.refresh_token,
			...CLIENT,
		});
		expect((await client.hs('GET', CONTACTS, undefined, { token: refreshed.body.access_token })).status).toBe(
			200,
		);

		const forced = await client.control('POST', '/hubspot/oauth/expire');
		expect(forced.body.expired).toBeGreaterThan(0);
		expect(
			(await client.hs('GET', CONTACTS, undefined, { token: refreshed.body.access_token })).body.category,
		).toBe('EXPIRED_AUTHENTICATION');
	});

	it('counts rate limits per installation, so refreshing does not reset the quota', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 2 } } });
		const first = await grant();
		await client.hs('GET', CONTACTS, undefined, { token: first.body.access_token });
		await client.hs('GET', CONTACTS, undefined, { token: first.body.access_token });
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
			...CLIENT,
		});
		expect((await client.hs('GET', CONTACTS, undefined, { token: refreshed.body.access_token })).status).toBe(
			429,
		);
	});
});

describe('HubSpot sandbox: token endpoints', () => {
	it('answers dated-endpoint errors the RFC 6749 way, beside the old fields', async () => {
		const unknown = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'nope', ...CLIENT });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatchObject({
			error: 'invalid_grant',
			error_description: 'missing or unknown refresh token',
			status: 'BAD_REFRESH_TOKEN',
		});
		const secret = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x', ...CLIENT, client_secret: 'no' });
		expect(secret.body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
	});

	it('refuses parameters in the query string of the dated endpoint, even with a valid form body', async () => {
		const first = await grant();
		const query = new URLSearchParams({ client_id: CLIENT.client_id }).toString();
		const response = await fetch(`${client.sandbox.url}/hubspot${DATED_TOKEN}?${query}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, ...CLIENT }).toString(),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: 'invalid_request' });
	});

	it('keeps the legacy v1 endpoint (old error shape) until its sunset, then answers 404', async () => {
		const first = await grant();
		const refresh = { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, ...CLIENT };
		const before = await tokenRequest(refresh, V1_TOKEN);
		expect(before.status).toBe(200);
		const bad = await tokenRequest({ ...refresh, refresh_token: 'nope' }, V1_TOKEN);
		expect(bad.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
		expect(bad.body.error).toBeUndefined();

		client.sandbox.configure({ hubspot: { oauth: { v1Sunset: new Date(Date.now() - 1000).toISOString() } } });
		const after = await tokenRequest(refresh, V1_TOKEN);
		expect(after.status).toBe(404);
		expect(after.body.message).toContain('/oauth/2026-03/token');
		// The dated endpoint is unaffected by the sunset.
		expect((await tokenRequest(refresh)).status).toBe(200);
	});
});
