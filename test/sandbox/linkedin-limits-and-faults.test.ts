import { ACCOUNT_OWNER, issueToken, sleep, startLinkedIn, type LinkedInClient } from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn({ linkedin: { rateLimit: { memberDaily: 3, appDaily: 5 } } });
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const FORMS = `/rest/leadForms?q=owner&owner=${ACCOUNT_OWNER}`;
const THROTTLE_HEADERS = /rate|retry|limit/i;

function headerNames(headers: Headers): string[] {
	return [...headers.keys()].filter((name) => THROTTLE_HEADERS.test(name));
}

describe('LinkedIn sandbox: daily quotas', () => {
	it('answers 429 in LinkedIn’s shape once the member’s daily quota for the endpoint is spent, with no rate-limit headers', async () => {
		for (let call = 0; call < 3; call += 1) {
			const response = await client.li('GET', FORMS);
			expect(response.status).toBe(200);
			expect(headerNames(response.headers)).toEqual([]);
		}
		const response = await client.li('GET', FORMS);
		expect(response.status).toBe(429);
		expect(response.body).toEqual({
			status: 429,
			serviceErrorCode: 101,
			code: 'TOO_MANY_REQUESTS',
			message: 'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
		});
		expect(headerNames(response.headers)).toEqual([]);
	});

	it('counts per endpoint: another endpoint still answers', async () => {
		for (let call = 0; call < 3; call += 1) await client.li('GET', FORMS);
		expect((await client.li('GET', FORMS)).status).toBe(429);
		expect((await client.li('GET', '/v2/userinfo')).status).toBe(200);
		expect((await client.li('GET', '/rest/leadForms/7001')).status).toBe(200);
	});

	it('counts per application across members: the app quota answers APPLICATION DAY', async () => {
		const other = await issueToken(client, { member: 'SbxNoRole42' });
		for (let call = 0; call < 3; call += 1) expect((await client.li('GET', '/v2/userinfo')).status).toBe(200);
		for (let call = 0; call < 2; call += 1) {
			expect((await client.li('GET', '/v2/userinfo', undefined, { token: other })).body.sub).toBe(
				'SbxNoRole42',
			);
		}
		const response = await client.li('GET', '/v2/userinfo', undefined, { token: other });
		expect(response.status).toBe(429);
		expect(response.body.message).toBe(
			'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
		);
	});

	it('resets at the configured midnight (days aligned to the epoch, here 1.5 s long)', async () => {
		client.sandbox.configure({ linkedin: { rateLimit: { dayMs: 1500 } } });
		// Start right after a "midnight" so the three calls land in one day.
		await sleep(1500 - (Date.now() % 1500) + 5);
		for (let call = 0; call < 3; call += 1) await client.li('GET', FORMS);
		expect((await client.li('GET', FORMS)).status).toBe(429);
		await sleep(1500 - (Date.now() % 1500) + 5);
		expect((await client.li('GET', FORMS)).status).toBe(200);
	});

	it('resets when the control API says midnight has passed; rejected calls are not counted', async () => {
		for (let call = 0; call < 6; call += 1) await client.li('GET', FORMS);
		expect((await client.control('POST', '/rate-limit/midnight')).body).toEqual({ ok: true });
		for (let call = 0; call < 3; call += 1) expect((await client.li('GET', FORMS)).status).toBe(200);
		expect((await client.li('GET', FORMS)).status).toBe(429);
	});
});

describe('LinkedIn sandbox: faults and control', () => {
	it('renders status faults in LinkedIn’s error shape, or with the given body', async () => {
		client.sandbox.faults.add({
			platform: 'linkedin',
			kind: 'status',
			status: 503,
			path: '^/rest/leadForms',
		});
		const response = await client.li('GET', FORMS);
		expect(response.status).toBe(503);
		expect(response.body).toEqual({
			status: 503,
			serviceErrorCode: 0,
			code: 'INTERNAL_SERVER_ERROR',
			message: 'Injected sandbox fault: HTTP 503',
		});
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'status', status: 426 });
		expect((await client.li('GET', FORMS)).body.code).toBe('NONEXISTENT_VERSION');
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'status', status: 500, body: { custom: true } });
		expect((await client.li('GET', FORMS)).body).toEqual({ custom: true });
	});

	it('renders rate-limit faults as LinkedIn’s daily 429 (MEMBER with policyName MEMBER), without headers', async () => {
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'rate-limit' });
		const app = await client.li('GET', '/v2/userinfo');
		expect(app.status).toBe(429);
		expect(app.body.message).toContain('APPLICATION DAY');
		expect(headerNames(app.headers)).toEqual([]);
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'rate-limit', policyName: 'MEMBER' });
		expect((await client.li('GET', '/v2/userinfo')).body.message).toContain('MEMBER DAY');
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'status', status: 429 });
		expect((await client.li('GET', '/v2/userinfo')).body.code).toBe('TOO_MANY_REQUESTS');
	});

	it('applies latency and drop faults and logs the requests under platform linkedin', async () => {
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'latency', latencyMs: 150 });
		const started = Date.now();
		expect((await client.li('GET', '/v2/userinfo')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		client.sandbox.faults.add({ platform: 'linkedin', kind: 'drop' });
		await expect(client.li('GET', '/v2/userinfo')).rejects.toThrow();
		const logged = client.sandbox.requests.list({ platform: 'linkedin' });
		expect(logged.map((entry) => [entry.path, entry.status])).toEqual([
			['/v2/userinfo', 200],
			['/v2/userinfo', 0],
		]);
	});

	it('lists linkedin in health and config, and rejects unknown config keys', async () => {
		const health = await fetch(`${client.sandbox.url}/__sandbox/health`).then(
			(response) => response.json() as Promise<any>,
		);
		expect(health.platforms).toContain('linkedin');
		const config = await fetch(`${client.sandbox.url}/__sandbox/config`).then(
			(response) => response.json() as Promise<any>,
		);
		expect(config.linkedin).toMatchObject({ rateLimit: { memberDaily: 3, appDaily: 5, dayMs: 86_400_000 } });
		expect(config.linkedin.oauth.accessTokenTtlMs).toBe(60 * 86_400_000);
		for (const bad of [
			{ nope: 1 },
			{ rateLimit: { memberDaily: 0 } },
			{ oauth: { programmaticRefresh: 'yes' } },
			{ tokens: [{}] },
		]) {
			const response = await fetch(`${client.sandbox.url}/__sandbox/config`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ linkedin: bad }),
			});
			expect([JSON.stringify(bad), response.status]).toEqual([JSON.stringify(bad), 400]);
		}
	});

	it('accepts configured static tokens with their own scopes and member', async () => {
		client.sandbox.configure({
			linkedin: { tokens: [{ token: 'li-other', scopes: ['openid'], member: 'SbxNoRole42' }] },
		});
		expect((await client.li('GET', '/v2/userinfo', undefined, { token: 'li-other' })).body).toEqual({
			sub: 'SbxNoRole42',
		});
		expect((await client.li('GET', '/v2/userinfo')).status).toBe(401);
	});
});
