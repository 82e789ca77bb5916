import {
	CLIENT_ID,
	CLIENT_SECRET,
	issueToken,
	MEMBER,
	sleep,
	startLinkedIn,
	type LinkedInClient,
} from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const DAY_S = 86_400;

async function authorize(scope: string, extra: Record<string, string> = {}) {
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: CLIENT_ID,
		redirect_uri: REDIRECT,
		scope,
		state: 'st8',
		...extra,
	});
	const response = await fetch(`${client.sandbox.url}/linkedin/oauth/v2/authorization?${query}`, {
		redirect: 'manual',
	});
	expect(response.status).toBe(302);
	const location = new URL(response.headers.get('location') ?? '');
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('st8');
	return location.searchParams;
}

async function grant(scope = 'openid profile email w_member_social') {
	const code = (await authorize(scope)).get('code') ?? '';
	return client.form('/oauth/v2/accessToken', {
		grant_type: 'authorization_code',
		code,
		redirect_uri: REDIRECT,
		client_id: CLIENT_ID,
		client_secret: CLIENT_SECRET,
	});
}

function introspect(token: string) {
	return client.form('/oauth/v2/introspectToken', {
		client_id: CLIENT_ID,
		client_secret: CLIENT_SECRET,
		token,
	});
}

describe('LinkedIn sandbox: OAuth 2.0 authorization code', () => {
	it('gives a standard app a 60-day access token and no refresh token', async () => {
		const response = await grant();
		expect(response.status).toBe(200);
		expect(response.body.access_token).toMatch(/^sbx-li-at-/);
		expect(response.body.expires_in).toBe(60 * DAY_S);
		expect(response.body.scope).toBe('openid,profile,email,w_member_social');
		expect(response.body).not.toHaveProperty('refresh_token');
		const me = await client.li('GET', '/v2/userinfo', undefined, { token: response.body.access_token });
		expect(me.body.sub).toBe(MEMBER);
	});

	it('gives an app approved for programmatic refresh a 365-day refresh token that keeps its expiry', async () => {
		client.sandbox.configure({ linkedin: { oauth: { programmaticRefresh: true } } });
		const first = await grant();
		expect(first.body.refresh_token).toMatch(/^sbx-li-rt-/);
		expect(first.body.refresh_token_expires_in).toBe(365 * DAY_S);
		await sleep(1100);
		const refreshed = await client.form('/oauth/v2/accessToken', {
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.access_token).not.toBe(first.body.access_token);
		expect(refreshed.body.refresh_token).toBe(first.body.refresh_token);
		expect(refreshed.body.refresh_token_expires_in).toBeLessThan(365 * DAY_S);
	});

	it('refuses a refresh grant from a standard app (it never had a refresh token)', async () => {
		const response = await client.form('/oauth/v2/accessToken', {
			grant_type: 'refresh_token',
			refresh_token: 'anything',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		expect(response.status).toBe(400);
		expect(response.body.error).toBe('invalid_request');
	});

	it('redirects with unauthorized_scope_error for a scope the app has no product for', async () => {
		client.sandbox.configure({ linkedin: { oauth: { scopes: ['openid', 'profile', 'email'] } } });
		const params = await authorize('openid r_marketing_leadgen_automation');
		expect(params.get('code')).toBeNull();
		expect(params.get('error')).toBe('unauthorized_scope_error');
		expect(params.get('error_description')).toBe(
			'Scope "r_marketing_leadgen_automation" is not authorized for your application',
		);
	});

	it('uses a code once, only with its redirect_uri, and only with the right client secret', async () => {
		const code = (await authorize('openid')).get('code') ?? '';
		const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT_ID };
		const badSecret = await client.form('/oauth/v2/accessToken', { ...fields, client_secret: 'nope' });
		expect(badSecret.status).toBe(401);
		expect(badSecret.body).toEqual({
			error: 'invalid_client',
			error_description: 'Client authentication failed',
		});
		const code2 = (await authorize('openid')).get('code') ?? '';
		const wrongRedirect = await client.form('/oauth/v2/accessToken', {
			...fields,
			code: code2,
			redirect_uri: 'http://elsewhere.example/cb',
			client_secret: CLIENT_SECRET,
		});
		expect(wrongRedirect.status).toBe(400);
		const reused = await client.form('/oauth/v2/accessToken', {
			...fields,
			code: code2,
			client_secret: CLIENT_SECRET,
		});
		expect(reused.status).toBe(400);
	});
});

describe('LinkedIn sandbox: expired and revoked tokens', () => {
	it('answers 401 EXPIRED_ACCESS_TOKEN once the configured lifetime has passed', async () => {
		client.sandbox.configure({ linkedin: { oauth: { accessTokenTtlMs: 300 } } });
		const token = (await grant()).body.access_token as string;
		expect((await client.li('GET', '/v2/userinfo', undefined, { token })).status).toBe(200);
		await sleep(400);
		const response = await client.li('GET', '/v2/userinfo', undefined, { token });
		expect(response.status).toBe(401);
		expect(response.body).toEqual({
			status: 401,
			serviceErrorCode: 65602,
			code: 'EXPIRED_ACCESS_TOKEN',
			message: 'The token used in the request has expired',
		});
	});

	it('expires every issued token through the control API, and on /rest calls too', async () => {
		const token = await issueToken(client);
		expect((await client.control('POST', '/oauth/expire')).body).toEqual({ expired: 1 });
		const response = await client.li(
			'GET',
			`/rest/leadForms?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A5100001)`,
			undefined,
			{ token },
		);
		expect(response.status).toBe(401);
		expect(response.body.code).toBe('EXPIRED_ACCESS_TOKEN');
	});

	it('answers 401 REVOKED_ACCESS_TOKEN for a revoked token, static ones included', async () => {
		const token = await issueToken(client);
		expect((await client.control('POST', '/oauth/revoke', { token })).body).toEqual({ revoked: 1 });
		const issued = await client.li('GET', '/v2/userinfo', undefined, { token });
		expect(issued.status).toBe(401);
		expect(issued.body).toMatchObject({ serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN' });
		await client.control('POST', '/oauth/revoke', { token: 'sandbox-linkedin-token' });
		expect((await client.li('GET', '/v2/userinfo')).body.code).toBe('REVOKED_ACCESS_TOKEN');
		client.sandbox.reset();
		expect((await client.li('GET', '/v2/userinfo')).status).toBe(200);
	});
});

describe('LinkedIn sandbox: token introspection', () => {
	it('reports an active token with its expiry in epoch seconds (for "days left")', async () => {
		const before = Math.floor(Date.now() / 1000);
		const token = await issueToken(client, { scopes: ['openid', 'email'], ttlMs: 10 * DAY_S * 1000 });
		const response = await introspect(token);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			active: true,
			status: 'active',
			client_id: CLIENT_ID,
			scope: 'openid,email',
			auth_type: '3L',
		});
		const daysLeft = (response.body.expires_at - before) / DAY_S;
		expect(daysLeft).toBeGreaterThan(9.99);
		expect(daysLeft).toBeLessThanOrEqual(10.01);
	});

	it('reports expired, revoked and unknown tokens as inactive', async () => {
		const expired = await issueToken(client, { ttlMs: 0 });
		expect((await introspect(expired)).body).toMatchObject({ active: false, status: 'expired' });
		const revoked = await issueToken(client);
		await client.control('POST', '/oauth/revoke', { token: revoked });
		expect((await introspect(revoked)).body).toMatchObject({ active: false, status: 'revoked' });
		expect((await introspect('unknown')).body).toEqual({ active: false });
	});

	it('needs the app credentials', async () => {
		const response = await client.form('/oauth/v2/introspectToken', {
			client_id: CLIENT_ID,
			client_secret: 'x',
			token: 'sandbox-linkedin-token',
		});
		expect(response.status).toBe(401);
	});
});
