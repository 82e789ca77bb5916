import { CONTACTS, TOKEN, contact, sleep, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

describe('sandbox faults', () => {
	it('status: answers the given status with a HubSpot error body, for `times` requests', async () => {
		const added = await client.control('POST', '/faults', {
			platform: 'hubspot',
			method: 'POST',
			path: '/batch/upsert$',
			kind: 'status',
			status: 502,
			times: 2,
		});
		expect(added.status).toBe(201);
		expect(added.body.id).toEqual(expect.any(String));
		const upsert = () =>
			client.hs('POST', `${CONTACTS}/batch/upsert`, {
				inputs: [{ id: 'a@example.com', idProperty: 'email', properties: {} }],
			});
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
		const failed = await upsert();
		expect(failed.status).toBe(502);
		expect(failed.body).toMatchObject({
			status: 'error',
			category: 'INTERNAL_ERROR',
			correlationId: expect.any(String),
		});
		expect((await upsert()).status).toBe(502);
		expect((await upsert()).status).toBe(200);
		expect((await client.control('GET', '/faults')).body.faults).toEqual([]);
	});

	it('status: sends a custom body, and times 0 lasts until cleared', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			kind: 'status',
			status: 503,
			body: 'upstream unavailable',
			times: 0,
		});
		for (let call = 0; call < 3; call += 1) {
			const response = await fetch(`${client.sandbox.url}/hubspot${CONTACTS}`);
			expect(response.status).toBe(503);
			expect(await response.text()).toBe('upstream unavailable');
		}
		expect((await client.control('DELETE', '/faults')).body.cleared).toBe(1);
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
	});

	it('rate-limit: answers 429 with the requested policy', async () => {
		client.sandbox.faults.add({ platform: 'hubspot', kind: 'rate-limit', policyName: 'DAILY' });
		const limited = await client.hs('GET', CONTACTS);
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			errorType: 'RATE_LIMIT',
			policyName: 'DAILY',
			message: 'You have reached your daily limit.',
		});
		expect(limited.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
		client.sandbox.faults.add({
			platform: 'hubspot',
			kind: 'rate-limit',
			path: '/search$',
			policyName: 'SECONDLY',
		});
		const search = await client.hs('POST', `${CONTACTS}/search`, {});
		expect(search.body.policyName).toBe('SECONDLY');
		expect(search.headers.get('x-hubspot-ratelimit-max')).toBeNull();
	});

	it('latency: delays, then handles the request normally', async () => {
		await client.control('POST', '/faults', { platform: 'hubspot', kind: 'latency', latencyMs: 250 });
		const started = Date.now();
		const created = await client.hs('POST', CONTACTS, { properties: contact(1) });
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		expect(created.status).toBe(201);
		expect(client.sandbox.hubspot.contacts()).toHaveLength(1);
	});

	it('drop: closes the connection without a response and logs status 0', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			kind: 'drop',
			path: '^/crm/v3/objects/contacts$',
		});
		await expect(client.hs('GET', CONTACTS)).rejects.toThrow();
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
		const log = await client.control('GET', '/requests');
		expect(log.body.requests.map((entry: { status: number }) => entry.status)).toEqual([0, 200]);
	});

	it('latency: a client that gives up still leaves its request in the log, stamped when answered', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			path: '/batch/read$',
			kind: 'latency',
			latencyMs: 300,
		});
		const sent = Date.now();
		await expect(
			fetch(`${client.sandbox.url}/hubspot${CONTACTS}/batch/read`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify({ inputs: [] }),
				signal: AbortSignal.timeout(50),
			}),
		).rejects.toThrow();
		await sleep(400);
		const log = await client.control('GET', '/requests?path=batch');
		expect(log.body.requests).toHaveLength(1);
		// Arrival = at - latencyMs: how e2e tells when an abandoned read was sent.
		expect(log.body.requests[0].at - 300).toBeGreaterThanOrEqual(sent - 5);
		expect(log.body.requests[0].at - 300).toBeLessThan(sent + 100);
	});

	it('latencyMs on another kind delays that answer: a slow 503', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			kind: 'status',
			status: 503,
			latencyMs: 250,
		});
		const started = Date.now();
		const slow = await client.hs('GET', CONTACTS);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		expect(slow.status).toBe(503);
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
	});

	it('html: answers 200 with an HTML page once, then the API answers again', async () => {
		const added = await client.control('POST', '/faults', {
			platform: 'hubspot',
			method: 'GET',
			path: '^/crm/v3/objects/contacts$',
			kind: 'html',
		});
		expect(added.status).toBe(201);
		const page = await fetch(`${client.sandbox.url}/hubspot${CONTACTS}?limit=1`, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		const text = await page.text();
		expect(text).toMatch(/^<!DOCTYPE html>/);
		expect(text).toContain(`GET /hubspot${CONTACTS}?limit=1`);
		expect(text).toContain(`Authorization: Bearer ${TOKEN}`);
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
		const log = await client.control('GET', '/requests');
		expect(log.body.requests.map((entry: { status: number }) => entry.status)).toEqual([200, 200]);
	});

	it('html: a given status and page, with the request echoed into it like a careless gateway', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			kind: 'html',
			status: 502,
			body: '<html><body>Bad gateway for {method} {url}?hapikey={bearer} ({authorization})</body></html>',
			times: 2,
		});
		for (let call = 0; call < 2; call += 1) {
			const response = await fetch(`${client.sandbox.url}/hubspot${CONTACTS}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}` },
				body: '{}',
			});
			expect(response.status).toBe(502);
			expect(await response.text()).toBe(
				`<html><body>Bad gateway for POST /hubspot${CONTACTS}?hapikey=${TOKEN} (Bearer ${TOKEN})</body></html>`,
			);
		}
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
	});

	it('rejects invalid fault specs', async () => {
		expect((await client.control('POST', '/faults', { platform: 'salesforce', kind: 'drop' })).status).toBe(
			400,
		);
		expect((await client.control('POST', '/faults', { platform: 'hubspot', kind: 'explode' })).status).toBe(
			400,
		);
		expect(
			(await client.control('POST', '/faults', { platform: 'hubspot', kind: 'drop', path: '(' })).status,
		).toBe(400);
		expect(
			(await client.control('POST', '/faults', { platform: 'hubspot', kind: 'html', body: { page: 1 } }))
				.status,
		).toBe(400);
	});
});

describe('sandbox control API', () => {
	it('is never rate-limited nor logged', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 1 } } });
		for (let call = 0; call < 5; call += 1)
			expect((await client.control('GET', '/hubspot/contacts')).status).toBe(200);
		await client.hs('GET', CONTACTS);
		expect((await client.control('GET', '/requests')).body.count).toBe(1);
	});

	it('filters and clears the request log', async () => {
		await client.hs('GET', CONTACTS);
		await client.hs('POST', CONTACTS, { properties: contact(1) });
		await client.hs('POST', `${CONTACTS}/search`, {});
		const posts = await client.control('GET', '/requests?platform=hubspot&method=post');
		expect(posts.body.count).toBe(2);
		const searches = await client.control('GET', `/requests?path=${encodeURIComponent('/search$')}`);
		expect(searches.body.requests).toEqual([
			{
				platform: 'hubspot',
				method: 'POST',
				path: '/crm/v3/objects/contacts/search',
				status: 200,
				at: expect.any(Number),
			},
		]);
		expect((await client.control('GET', '/requests?path=(')).status).toBe(400);
		await client.control('DELETE', '/requests');
		expect((await client.control('GET', '/requests')).body.count).toBe(0);
	});

	it('configures, validates and resets to the start configuration', async () => {
		const configured = await client.control('POST', '/config', {
			hubspot: { searchLagMs: 500, rateLimit: { max: 7 } },
		});
		expect(configured.status).toBe(200);
		expect(configured.body.hubspot).toMatchObject({
			searchLagMs: 500,
			rateLimit: { max: 7, intervalMs: 10_000, daily: 250_000 },
		});
		expect((await client.control('POST', '/config', { hubspot: { rateLimt: {} } })).status).toBe(400);
		expect((await client.control('POST', '/config', { hubspot: { rateLimit: { max: -1 } } })).status).toBe(
			400,
		);
		expect((await client.control('POST', '/config', { salesforce: {} })).status).toBe(400);

		client.sandbox.hubspot.seedContacts([contact(1)]);
		client.sandbox.faults.add({ platform: 'hubspot', kind: 'drop', times: 0 });
		expect((await client.control('POST', '/reset')).status).toBe(200);
		expect((await client.control('GET', '/config')).body.hubspot).toMatchObject({
			searchLagMs: 0,
			rateLimit: { max: 100 },
		});
		expect((await client.control('GET', '/hubspot/contacts')).body.count).toBe(0);
		expect((await client.control('GET', '/faults')).body.faults).toEqual([]);
		const created = await client.hs('POST', CONTACTS, { properties: contact(1) });
		expect(created.body.id).toBe('1001');
	});

	it('seeds contacts with explicit timestamps and lists archived ones too', async () => {
		const seeded = await client.control('POST', '/hubspot/contacts', [
			{
				properties: { email: 'Old@Example.com', firstname: 'Old' },
				createdate: '2020-01-01T00:00:00Z',
				lastmodifieddate: 1_600_000_000_000,
			},
			{ email: 'gone@example.com', archived: true },
		]);
		expect(seeded.status).toBe(201);
		expect(seeded.body).toEqual({ count: 2, ids: ['1001', '1002'] });
		const all = await client.control('GET', '/hubspot/contacts');
		expect(all.body.results[0]).toMatchObject({
			id: '1001',
			createdAt: '2020-01-01T00:00:00.000Z',
			updatedAt: new Date(1_600_000_000_000).toISOString(),
			properties: { email: 'old@example.com', lastmodifieddate: new Date(1_600_000_000_000).toISOString() },
		});
		expect(all.body.results[1]).toMatchObject({ id: '1002', archived: true });
		expect((await client.hs('GET', `${CONTACTS}?limit=100`)).body.results).toHaveLength(1);

		expect((await client.control('POST', '/hubspot/contacts', [{ email: 'old@example.com' }])).status).toBe(
			400,
		);
		expect((await client.control('POST', '/hubspot/contacts', [{ nonsense: 'x' }])).status).toBe(400);
	});

	it('answers 404 for unknown control routes and platform prefixes', async () => {
		expect((await client.control('GET', '/nothing')).status).toBe(404);
		expect((await fetch(`${client.sandbox.url}/salesforce/x`)).status).toBe(404);
		expect((await client.control('GET', '/health')).body).toEqual({
			ok: true,
			platforms: ['hubspot', 'apollo', 'linkedin', 'openai'],
		});
	});
});
