/**
 * Our webhooks v3 client (src/providers/hubspot/subscriptions.ts) against the sandbox's emulation of
 * the API, over the core's own fetch transport: the calls the trigger makes on activation (checkExists,
 * create) and deactivation (delete), with real status codes, bodies and HubSpot's pause-on-clear rule.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { HttpClient, Transport } from '../../src/core/http';
import {
	isRegistered,
	register,
	subscriptionClient,
	unregister,
	type SubscriptionSpec,
} from '../../src/providers/hubspot/subscriptions';
import { FakeClock } from '../helpers/fake-clock';

const KEY = 'sandbox-developer-key';
const APP_ID = '424242';
const URL_A = 'http://127.0.0.1:5678/webhook/aaaa/webhook';
const WANTED: SubscriptionSpec[] = [
	{ eventType: 'contact.creation' },
	{ eventType: 'contact.propertyChange', propertyName: 'email' },
];

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** The transport n8n's credential amounts to: the developer key as the hapikey query parameter. */
function developerTransport(key = KEY): Transport {
	const inner = createFetchTransport({ timeoutMs: 5_000 });
	return (request) => inner({ ...request, query: { ...request.query, hapikey: key } });
}

function client(key?: string): HttpClient {
	return subscriptionClient({
		transport: developerTransport(key),
		clock: new FakeClock(),
		baseUrl: `${sandbox.url}/hubspot`,
	});
}

const app = () => ({
	targetUrl: sandbox.hubspot.webhookState().settings[APP_ID]?.targetUrl,
	subscriptions: (sandbox.hubspot.webhookState().subscriptions[APP_ID] ?? []).map(
		(s) => `${s.eventType}${s.propertyName ? `:${s.propertyName}` : ''}:${s.active ? 'active' : 'paused'}`,
	),
});

const calls = () => sandbox.requests.list({ path: '^/webhooks/' }).map((r) => `${r.method} ${r.status}`);

describe('subscriptions client against the sandbox', () => {
	it('registers, reports it as registered, and removes it again', async () => {
		const http = client();
		expect(await isRegistered(http, APP_ID, URL_A, WANTED)).toBe(false);

		const registration = await register(http, APP_ID, URL_A, WANTED);
		expect(registration).toEqual({ targetUrl: URL_A, createdIds: ['1', '2'] });
		expect(app()).toEqual({
			targetUrl: URL_A,
			subscriptions: ['contact.creation:active', 'contact.propertyChange:email:active'],
		});
		expect(sandbox.hubspot.webhookState().settings[APP_ID].throttling).toEqual({ maxConcurrentRequests: 10 });
		expect(await isRegistered(http, APP_ID, URL_A, WANTED)).toBe(true);
		expect(await isRegistered(http, APP_ID, 'http://elsewhere.example/x', WANTED)).toBe(false);

		// Registering again changes nothing: no settings write, no new subscription.
		sandbox.requests.clear();
		expect(await register(http, APP_ID, URL_A, WANTED)).toEqual({ targetUrl: URL_A, createdIds: [] });
		expect(calls()).toEqual(['GET 200', 'GET 200']);

		await unregister(http, APP_ID, registration);
		expect(app()).toEqual({ targetUrl: undefined, subscriptions: [] });
		expect(await isRegistered(http, APP_ID, URL_A, WANTED)).toBe(false);
		// Removing twice is harmless (404s are answers here).
		await unregister(http, APP_ID, registration);
	});

	it('leaves subscriptions it did not create, and reactivates them after HubSpot paused them', async () => {
		const http = client();
		const own = await register(http, APP_ID, URL_A, [{ eventType: 'contact.deletion' }]);
		const registration = await register(http, APP_ID, URL_A, WANTED);
		expect(registration.createdIds).toHaveLength(2);

		await unregister(http, APP_ID, registration);
		// Clearing the target URL pauses what remains, as HubSpot documents.
		expect(app()).toEqual({ targetUrl: undefined, subscriptions: ['contact.deletion:paused'] });

		expect(await isRegistered(http, APP_ID, URL_A, [{ eventType: 'contact.deletion' }])).toBe(false);
		const again = await register(http, APP_ID, URL_A, [{ eventType: 'contact.deletion' }]);
		expect(again.createdIds).toEqual([]);
		expect(app()).toEqual({ targetUrl: URL_A, subscriptions: ['contact.deletion:active'] });
		expect(sandbox.requests.list({ method: 'PATCH' })).toHaveLength(1);
		expect(own.createdIds).toEqual(['1']);
	});

	it('refuses to take over an app that points elsewhere, touching nothing', async () => {
		const http = client();
		await register(http, APP_ID, 'https://other.example.com/hook', [{ eventType: 'contact.deletion' }]);
		await expect(register(http, APP_ID, URL_A, WANTED)).rejects.toThrow(
			/already sends its webhooks to another URL/,
		);
		expect(app()).toEqual({
			targetUrl: 'https://other.example.com/hook',
			subscriptions: ['contact.deletion:active'],
		});
	});

	it('moves the app on from a URL it registered itself before, keeping what matches', async () => {
		const http = client();
		const first = await register(http, APP_ID, URL_A, WANTED);
		const urlB = 'http://127.0.0.1:5679/webhook/aaaa/webhook';
		const moved = await register(http, APP_ID, urlB, WANTED, URL_A);
		expect(moved).toEqual({ targetUrl: urlB, createdIds: [] });
		expect(app().targetUrl).toBe(urlB);
		await unregister(http, APP_ID, { targetUrl: urlB, createdIds: first.createdIds });
		expect(app()).toEqual({ targetUrl: undefined, subscriptions: [] });
	});

	it('undoes what it created when HubSpot refuses a later subscription, and reports why', async () => {
		const http = client();
		const wanted = [...WANTED, { eventType: 'contact.created' }];
		await expect(register(http, APP_ID, URL_A, wanted)).rejects.toThrow(
			/Invalid eventType "contact.created"/,
		);
		// The target URL stays (documented in register); the subscriptions created before the failure are gone.
		expect(app()).toEqual({ targetUrl: URL_A, subscriptions: [] });
	});

	it.each([
		['a 5xx', { kind: 'status' as const, status: 503 }, 503],
		['a dropped connection', { kind: 'drop' as const }, 0],
	])('creates each subscription once when a create fails with %s', async (_label, fault, status) => {
		sandbox.faults.add({ platform: 'hubspot', method: 'POST', path: '/subscriptions$', ...fault });
		const registration = await register(client(), APP_ID, URL_A, WANTED);
		// The client looked (GET) before sending the create again, so nothing is doubled.
		expect(calls()).toEqual([
			'GET 404',
			'PUT 200',
			'GET 200',
			`POST ${status}`,
			'GET 200',
			'POST 201',
			'POST 201',
		]);
		expect(app().subscriptions).toEqual(['contact.creation:active', 'contact.propertyChange:email:active']);
		expect(registration.createdIds).toHaveLength(2);
	});

	it('reports a wrong developer key as an authentication error without echoing the key', async () => {
		const error = await register(client('not-the-key'), APP_ID, URL_A, WANTED).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/API key provided is invalid/);
		expect(JSON.stringify(error)).not.toContain('not-the-key');
		expect((error as Error).message).not.toContain('not-the-key');
		expect(app()).toEqual({ targetUrl: undefined, subscriptions: [] });
	});

	it('reports an app the key does not own as not found', async () => {
		// GET settings' 404 reads as "no settings yet"; the PUT's 404 is the one that surfaces.
		await expect(register(client(), '999', URL_A, WANTED)).rejects.toThrow(
			/HubSpot has no app 999 for this developer API key: check the app ID \(PUT \/webhooks\/v3\/999\/settings\)/,
		);
	});
});
