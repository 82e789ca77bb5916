import { CONTACTS, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const KEY = 'sandbox-developer-key';
const APP = '/webhooks/v3/424242';
const TARGET = 'https://n8n.example.com/webhook/abc/webhook';
const SETTINGS = { targetUrl: TARGET, throttling: { maxConcurrentRequests: 10 } };

/** A webhooks v3 call the way HubSpot takes it: developer key in the query, no bearer token. */
const dev = (method: string, path: string, body?: unknown, key: string | null = KEY) =>
	client.hs(method, key === null ? path : `${path}?hapikey=${encodeURIComponent(key)}`, body, {
		token: null,
	});

const hubspotError = (category: string, message: string | RegExp = /./) => ({
	status: 'error',
	message: typeof message === 'string' ? message : expect.stringMatching(message),
	correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
	category,
});

describe('HubSpot sandbox: webhooks v3 authentication', () => {
	it('takes the developer API key as hapikey and nothing else', async () => {
		expect(await dev('GET', `${APP}/settings`, undefined, null)).toMatchObject({
			status: 401,
			body: hubspotError('INVALID_AUTHENTICATION', /^Authentication credentials not found/),
		});
		expect(await dev('GET', `${APP}/settings`, undefined, 'not-the-key')).toMatchObject({
			status: 401,
			body: hubspotError('INVALID_AUTHENTICATION', /^The API key provided is invalid/),
		});
		// A private-app token opens the CRM, not an app's webhook settings.
		expect((await client.hs('GET', `${APP}/settings`)).status).toBe(401);
		// ...and the developer key does not open the CRM.
		expect((await client.hs('GET', `${CONTACTS}?hapikey=${KEY}`, undefined, { token: null })).status).toBe(
			401,
		);
		expect((await dev('GET', `${APP}/settings`)).status).toBe(404);
	});

	it('answers 404 for an app the developer account does not own, until configured', async () => {
		expect(await dev('GET', '/webhooks/v3/777/subscriptions')).toMatchObject({
			status: 404,
			body: hubspotError('OBJECT_NOT_FOUND', 'App 777 not found for this developer account'),
		});
		expect((await dev('PUT', '/webhooks/v3/777/settings', SETTINGS)).status).toBe(404);
		client.sandbox.configure({ hubspot: { appIds: ['424242', '777'], developerApiKeys: ['k2'] } });
		expect((await dev('GET', '/webhooks/v3/777/subscriptions', undefined, 'k2')).body).toEqual({
			results: [],
		});
		expect((await dev('GET', '/webhooks/v3/777/subscriptions')).status).toBe(401);
	});

	it('answers 405 for a method the route does not take and 404 for no route', async () => {
		expect((await dev('POST', `${APP}/settings`, SETTINGS)).status).toBe(405);
		expect((await dev('POST', `${APP}/subscriptions/batch/update`, { inputs: [] })).status).toBe(404);
	});
});

describe('HubSpot sandbox: webhooks v3 settings', () => {
	it('has none until PUT, then returns them; PUT again replaces the target URL', async () => {
		expect(await dev('GET', `${APP}/settings`)).toMatchObject({
			status: 404,
			body: hubspotError('OBJECT_NOT_FOUND', 'No webhook settings found for app 424242'),
		});
		const put = await dev('PUT', `${APP}/settings`, SETTINGS);
		expect(put.status).toBe(200);
		expect(put.body).toEqual({
			...SETTINGS,
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
			updatedAt: expect.stringMatching(/Z$/),
		});
		expect((await dev('GET', `${APP}/settings`)).body).toEqual(put.body);

		const other = {
			targetUrl: 'http://127.0.0.1:5678/webhook/x',
			throttling: { maxConcurrentRequests: 5, period: 'SECONDLY' },
		};
		const replaced = await dev('PUT', `${APP}/settings`, other);
		expect(replaced.body).toMatchObject({ ...other, createdAt: put.body.createdAt });
	});

	it('validates the target URL and throttling like HubSpot (400 VALIDATION_ERROR)', async () => {
		const bad = [
			{},
			{ targetUrl: '/relative', throttling: { maxConcurrentRequests: 10 } },
			{ targetUrl: 'ftp://example.com/x', throttling: { maxConcurrentRequests: 10 } },
			{ targetUrl: TARGET },
			{ targetUrl: TARGET, throttling: {} },
			{ targetUrl: TARGET, throttling: { maxConcurrentRequests: 2 } },
			{ targetUrl: TARGET, throttling: { maxConcurrentRequests: 10.5 } },
			{ targetUrl: TARGET, throttling: { maxConcurrentRequests: 10, period: 'HOURLY' } },
		];
		for (const body of bad) {
			const response = await dev('PUT', `${APP}/settings`, body);
			expect({ body, status: response.status, category: response.body.category }).toEqual({
				body,
				status: 400,
				category: 'VALIDATION_ERROR',
			});
		}
		expect((await dev('PUT', `${APP}/settings`, [SETTINGS])).status).toBe(400);
		expect((await dev('GET', `${APP}/settings`)).status).toBe(404);
	});

	it('DELETE clears them (204, then 404) and pauses the subscriptions, which stay', async () => {
		await dev('PUT', `${APP}/settings`, SETTINGS);
		const sub = await dev('POST', `${APP}/subscriptions`, { eventType: 'contact.creation', active: true });
		expect((await dev('DELETE', `${APP}/settings`)).status).toBe(204);
		expect((await dev('GET', `${APP}/settings`)).status).toBe(404);
		expect((await dev('DELETE', `${APP}/settings`)).status).toBe(404);
		expect((await dev('GET', `${APP}/subscriptions`)).body.results).toEqual([
			expect.objectContaining({ id: sub.body.id, eventType: 'contact.creation', active: false }),
		]);
		// A new target URL does not resume them on its own: the client activates what it needs.
		await dev('PUT', `${APP}/settings`, SETTINGS);
		expect((await dev('GET', `${APP}/subscriptions/${sub.body.id}`)).body.active).toBe(false);
	});
});

describe('HubSpot sandbox: webhooks v3 subscriptions', () => {
	it('creates (201, string id, paused unless active:true), lists, reads, pauses and deletes', async () => {
		const created = await dev('POST', `${APP}/subscriptions`, {
			eventType: 'contact.creation',
			active: true,
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			id: expect.stringMatching(/^\d+$/),
			eventType: 'contact.creation',
			active: true,
			createdAt: expect.stringMatching(/Z$/),
			updatedAt: expect.stringMatching(/Z$/),
		});
		const paused = await dev('POST', `${APP}/subscriptions`, {
			eventType: 'contact.propertyChange',
			propertyName: 'email',
		});
		expect(paused.body).toMatchObject({
			eventType: 'contact.propertyChange',
			propertyName: 'email',
			active: false,
		});
		// One per watched property.
		expect(
			(
				await dev('POST', `${APP}/subscriptions`, {
					eventType: 'contact.propertyChange',
					propertyName: 'phone',
				})
			).status,
		).toBe(201);

		const list = await dev('GET', `${APP}/subscriptions`);
		expect(list.status).toBe(200);
		expect(list.body.results.map((s: { id: string }) => s.id)).toHaveLength(3);
		expect(list.body.results[0]).toEqual(created.body);
		expect((await dev('GET', `${APP}/subscriptions/${paused.body.id}`)).body).toEqual(paused.body);

		const activated = await dev('PATCH', `${APP}/subscriptions/${paused.body.id}`, { active: true });
		expect(activated).toMatchObject({ status: 200, body: { id: paused.body.id, active: true } });
		expect((await dev('PATCH', `${APP}/subscriptions/${paused.body.id}`, {})).status).toBe(400);
		expect((await dev('PATCH', `${APP}/subscriptions/999`, { active: true })).body).toEqual(
			hubspotError('OBJECT_NOT_FOUND', 'Failed to find subscriptions by id `999`.'),
		);

		expect((await dev('DELETE', `${APP}/subscriptions/${created.body.id}`)).status).toBe(204);
		expect((await dev('DELETE', `${APP}/subscriptions/${created.body.id}`)).status).toBe(404);
		expect((await dev('GET', `${APP}/subscriptions/${created.body.id}`)).status).toBe(404);
		expect((await dev('GET', `${APP}/subscriptions`)).body.results).toHaveLength(2);
	});

	it('refuses unknown event types, property changes without a property and properties elsewhere', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{ eventType: 'contact.created' }, /Invalid eventType "contact.created"/],
			[{}, /Invalid eventType undefined/],
			[{ eventType: 'contact.propertyChange' }, /propertyName is required/],
			[{ eventType: 'contact.propertyChange', propertyName: '' }, /propertyName is required/],
			[{ eventType: 'contact.creation', propertyName: 'email' }, /only applies to propertyChange/],
			[{ eventType: 'contact.creation', active: 'yes' }, /active must be a boolean/],
		];
		for (const [body, message] of cases) {
			expect(await dev('POST', `${APP}/subscriptions`, body)).toMatchObject({
				status: 400,
				body: hubspotError('VALIDATION_ERROR', message),
			});
		}
		expect((await dev('GET', `${APP}/subscriptions`)).body).toEqual({ results: [] });
	});

	it('refuses a second identical subscription (409) but not the same event for another property', async () => {
		const spec = { eventType: 'contact.propertyChange', propertyName: 'email', active: true };
		expect((await dev('POST', `${APP}/subscriptions`, spec)).status).toBe(201);
		expect(await dev('POST', `${APP}/subscriptions`, { ...spec, active: false })).toMatchObject({
			status: 409,
			body: hubspotError('CONFLICT'),
		});
		expect((await dev('POST', `${APP}/subscriptions`, { ...spec, propertyName: 'phone' })).status).toBe(201);
	});

	it('keeps apps apart: an id from one app is a 404 in another', async () => {
		client.sandbox.configure({ hubspot: { appIds: ['424242', '777'] } });
		const created = await dev('POST', `${APP}/subscriptions`, { eventType: 'contact.deletion' });
		expect((await dev('DELETE', `/webhooks/v3/777/subscriptions/${created.body.id}`)).status).toBe(404);
		expect((await dev('GET', '/webhooks/v3/777/subscriptions')).body.results).toEqual([]);
	});
});

describe('HubSpot sandbox: webhooks v3 like every other call', () => {
	it('is rate-limited per developer key with HubSpot headers, apart from the token budget', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 2 } } });
		const first = await dev('GET', `${APP}/subscriptions`);
		expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('1');
		expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBeTruthy();
		await dev('GET', `${APP}/subscriptions`);
		expect(await dev('GET', `${APP}/subscriptions`)).toMatchObject({
			status: 429,
			body: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		expect((await client.hs('GET', CONTACTS)).status).toBe(200);
		// A refused key is not counted against anyone.
		expect((await dev('GET', `${APP}/subscriptions`, undefined, 'wrong')).status).toBe(401);
	});

	it('is logged without the key and answers injected faults HubSpot-style', async () => {
		await client.control('POST', '/faults', {
			platform: 'hubspot',
			path: '^/webhooks/',
			kind: 'status',
			status: 503,
		});
		expect(await dev('PUT', `${APP}/settings`, SETTINGS)).toMatchObject({
			status: 503,
			body: hubspotError('INTERNAL_ERROR'),
		});
		await dev('PUT', `${APP}/settings`, SETTINGS);
		const log = await client.control('GET', `/requests?path=${encodeURIComponent('^/webhooks/')}`);
		expect(log.body.requests).toEqual([
			{
				platform: 'hubspot',
				method: 'PUT',
				path: '/webhooks/v3/424242/settings',
				status: 503,
				at: expect.any(Number),
			},
			{
				platform: 'hubspot',
				method: 'PUT',
				path: '/webhooks/v3/424242/settings',
				status: 200,
				at: expect.any(Number),
			},
		]);
		expect(JSON.stringify(log.body)).not.toContain(KEY);
	});
});

describe('sandbox control API: app webhooks', () => {
	it('shows settings and subscriptions by app id, and reset empties them', async () => {
		expect((await client.control('GET', '/hubspot/webhooks')).body).toEqual({
			settings: {},
			subscriptions: {},
		});
		await dev('PUT', `${APP}/settings`, SETTINGS);
		const sub = await dev('POST', `${APP}/subscriptions`, { eventType: 'contact.creation', active: true });
		const state = await client.control('GET', '/hubspot/webhooks');
		expect(state.body).toEqual({
			settings: { '424242': expect.objectContaining(SETTINGS) },
			subscriptions: { '424242': [sub.body] },
		});
		expect(client.sandbox.hubspot.webhookState()).toEqual(state.body);
		expect((await client.control('GET', '/requests')).body.count).toBe(2);

		await client.control('POST', '/reset');
		expect((await client.control('GET', '/hubspot/webhooks')).body).toEqual({
			settings: {},
			subscriptions: {},
		});
		const next = await dev('POST', `${APP}/subscriptions`, { eventType: 'contact.creation' });
		expect(next.body.id).toBe('1');
	});

	it('configures developer keys and app ids, refusing malformed ones', async () => {
		expect((await client.control('GET', '/config')).body.hubspot).toMatchObject({
			developerApiKeys: [KEY],
			appIds: ['424242'],
		});
		expect((await client.control('POST', '/config', { hubspot: { appIds: ['abc'] } })).status).toBe(400);
		expect((await client.control('POST', '/config', { hubspot: { developerApiKeys: [''] } })).status).toBe(
			400,
		);
		expect((await client.control('POST', '/config', { hubspot: { developerApiKeys: 'k' } })).status).toBe(
			400,
		);
	});
});
