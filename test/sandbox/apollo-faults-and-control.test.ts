import { startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const match = () =>
	client.api('POST', '/people/bulk_match', { details: [{ email: 'ava.anderson@northwind-analytics.com' }] });

describe('Apollo sandbox: faults', () => {
	it('status: answers in Apollo error shape for the matching path only', async () => {
		await client.control('POST', '/faults', {
			platform: 'apollo',
			path: 'bulk_match$',
			kind: 'status',
			status: 503,
			times: 2,
		});
		expect((await client.api('GET', '/auth/health')).status).toBe(200);
		const failed = await match();
		expect(failed.status).toBe(503);
		expect(failed.body).toEqual({
			error: 'Injected sandbox fault: HTTP 503',
			error_code: 'INTERNAL_SERVER_ERROR',
		});
		expect((await match()).status).toBe(503);
		expect((await match()).status).toBe(200);
		// Faulted calls spend no credits.
		expect(client.sandbox.apollo.creditSnapshot().consumed).toBe(1);
	});

	it('rate-limit: a 429 in Apollo format for the window named by policyName, with headers and Retry-After', async () => {
		client.sandbox.faults.add({ platform: 'apollo', kind: 'rate-limit', policyName: 'daily' });
		const limited = await match();
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			error_code: 'RATE_LIMITED',
			rate_limit_window: 'daily',
			limit: 60,
			retry_after_seconds: 86_400,
		});
		expect(limited.headers.get('retry-after')).toBe('86400');
		expect(limited.headers.get('x-daily-requests-left')).toBe('0');
		expect(limited.headers.get('x-minute-requests-left')).toBe('5');
		client.sandbox.faults.add({ platform: 'apollo', kind: 'status', status: 429 });
		const minute = await client.api('GET', '/auth/health');
		expect(minute.body).toMatchObject({ rate_limit_window: 'minute', limit: 200 });
		expect(minute.headers.get('retry-after')).toBe('60');
	});

	it('latency and drop work for Apollo like any platform', async () => {
		client.sandbox.faults.add({ platform: 'apollo', kind: 'latency', latencyMs: 200 });
		const started = Date.now();
		expect((await client.api('GET', '/auth/health')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		client.sandbox.faults.add({ platform: 'apollo', kind: 'drop' });
		await expect(client.api('GET', '/auth/health')).rejects.toThrow();
		expect(client.sandbox.requests.list({ platform: 'apollo' }).map((entry) => entry.status)).toEqual([
			200, 0,
		]);
	});
});

describe('Apollo sandbox: control API and seeding', () => {
	it('ships a deterministic default seed: 300 people at 30 companies, some in GDPR countries', async () => {
		const people = await client.control('GET', '/apollo/people');
		const organizations = await client.control('GET', '/apollo/organizations');
		expect(people.body.count).toBe(300);
		expect(organizations.body.count).toBe(30);
		expect(new Set(people.body.results.map((person: { email: string }) => person.email)).size).toBe(300);
		expect(people.body.results[0]).toMatchObject({
			first_name: 'Ava',
			last_name: 'Anderson',
			email: 'ava.anderson@northwind-analytics.com',
		});
		expect(people.body.results.some((person: { country: string }) => person.country === 'Germany')).toBe(
			true,
		);
		const before = people.body.results.map((person: { id: string }) => person.id);
		client.sandbox.reset();
		expect(
			(await client.control('GET', '/apollo/people')).body.results.map((person: { id: string }) => person.id),
		).toEqual(before);
	});

	it('seeds people, organizations and contacts over HTTP, all or nothing', async () => {
		await client.control('DELETE', '/apollo/directory');
		expect(
			(
				await client.control('POST', '/apollo/organizations', [
					{ name: 'Initech', domain: 'initech.example' },
				])
			).status,
		).toBe(201);
		const people = await client.control('POST', '/apollo/people', {
			people: [
				{
					first_name: 'Peter',
					last_name: 'Gibbons',
					email: 'peter@initech.example',
					domain: 'initech.example',
				},
			],
		});
		expect(people.status).toBe(201);
		expect(people.body).toEqual({ count: 1, ids: [expect.stringMatching(/^[0-9a-f]{24}$/)] });
		const found = await client.api('POST', '/people/match', {
			name: 'Peter Gibbons',
			domain: 'initech.example',
		});
		expect(found.body.person.organization.name).toBe('Initech');
		const bad = await client.control('POST', '/apollo/people', [{ first_name: 'Only' }]);
		expect(bad.status).toBe(400);
		expect((await client.control('GET', '/apollo/people')).body.count).toBe(1);
		const contacts = await client.control('POST', '/apollo/contacts', [{ email: 'c@initech.example' }]);
		expect(contacts.status).toBe(201);
		expect((await client.control('GET', '/apollo/contacts')).body.results).toEqual([
			expect.objectContaining({ id: contacts.body.ids[0], email: 'c@initech.example' }),
		]);
		expect((await client.control('POST', '/apollo/contacts', [{ email: 5, label_names: 'x' }])).status).toBe(
			400,
		);
	});

	it('reports credits, lets a test set the balance, and reset restores both', async () => {
		await match();
		const credits = await client.control('GET', '/apollo/credits');
		expect(credits.body).toEqual({
			starting: 10_000,
			consumed: 1,
			balance: 9_999,
			byEndpoint: { '/people/bulk_match': 1 },
			entries: [{ path: '/people/bulk_match', credits: 1, at: expect.any(Number) }],
		});
		expect((await client.control('POST', '/apollo/credits', { balance: 0 })).body.balance).toBe(0);
		expect((await match()).body).toMatchObject({ error_code: 'INSUFFICIENT_CREDITS' });
		await client.control('POST', '/reset');
		expect((await client.control('GET', '/apollo/credits')).body).toMatchObject({
			consumed: 0,
			balance: 10_000,
		});
	});

	it('validates configuration and restores the start configuration on reset', async () => {
		const ok = await client.control('POST', '/config', {
			apollo: { enrichmentLimits: { minute: 7 }, credits: 5 },
		});
		expect(ok.status).toBe(200);
		expect(ok.body.apollo.enrichmentLimits).toEqual({ minute: 7, hourly: 200, daily: 600 });
		for (const bad of [
			{ apollo: { enrichmentLimit: {} } },
			{ apollo: { windowMs: { minute: 0 } } },
			{ apollo: { apiKeys: [''] } },
		]) {
			expect((await client.control('POST', '/config', bad)).status).toBe(400);
		}
		await client.control('POST', '/reset');
		expect((await client.control('GET', '/config')).body.apollo).toMatchObject({
			enrichmentLimits: { minute: 50, hourly: 200, daily: 600 },
			apiKeys: ['sandbox-apollo-key'],
			credits: 10_000,
		});
	});
});
