/**
 * The trigger's activation and deactivation (webhookMethods, run by n8n-core's HookContext) against
 * the sandbox's emulation of HubSpot's webhooks v3 API on a loopback port: the app's target URL and
 * subscriptions as HubSpot would hold them, the developer API key signed onto each call by n8n's
 * request helper from the credential's own authenticate block.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { PUBLIC, SECRET, testCredentials, trigger } from '../helpers/n8n-webhook-trigger';

const KEY = 'sandbox-developer-key';
const APP_ID = '424242';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** A trigger whose HubSpot app credential manages subscriptions in the sandbox's app. */
function managedTrigger(parameters: Record<string, unknown> = {}, staticData?: Record<string, unknown>) {
	const credentials = {
		...testCredentials(),
		crmHubSpotAppApi: {
			clientSecret: SECRET,
			developerApiKey: KEY,
			appId: APP_ID,
			baseUrl: `${sandbox.url}/hubspot`,
		},
	};
	return trigger(
		{
			hubspotEvents: ['contact.creation', 'contact.propertyChange'],
			propertyNames: 'email, lifecyclestage',
			...parameters,
		},
		{ credentials, staticData: staticData as never },
	);
}

const app = () => ({
	targetUrl: sandbox.hubspot.webhookState().settings[APP_ID]?.targetUrl,
	subscriptions: (sandbox.hubspot.webhookState().subscriptions[APP_ID] ?? []).map(
		(s) =>
			`${s.id}:${s.eventType}${s.propertyName ? `:${s.propertyName}` : ''}:${s.active ? 'active' : 'paused'}`,
	),
});

const calls = () => sandbox.requests.list({ path: '^/webhooks/' }).map((r) => `${r.method} ${r.path}`);

function seedSubscription(eventType: string, propertyName?: string): string {
	return sandbox.hubspot.webhooks.addSubscription(APP_ID, { eventType, propertyName, active: true }).id;
}

describe('webhookMethods against the sandbox', () => {
	it('are honest no-ops without a developer API key, and say so in the log', async () => {
		const node = trigger();
		expect(await node.hook('checkExists')).toBe(true);
		expect(await node.hook('create')).toBe(true);
		expect(await node.hook('delete')).toBe(true);
		expect(calls()).toEqual([]);
		expect(node.logger.info).toHaveBeenCalledWith(
			expect.stringContaining('no subscriptions to manage'),
			expect.anything(),
		);
	});

	it('register the URL and the chosen subscriptions, then remove exactly those', async () => {
		const theirs = seedSubscription('contact.deletion');
		const node = managedTrigger();
		expect(await node.hook('checkExists')).toBe(false);
		expect(await node.hook('create')).toBe(true);
		const registered = app();
		expect(registered.targetUrl).toBe(PUBLIC);
		expect(registered.subscriptions.map((s) => s.replace(/^[^:]+:/, ''))).toEqual([
			'contact.deletion:active',
			'contact.creation:active',
			'contact.propertyChange:email:active',
			'contact.propertyChange:lifecyclestage:active',
		]);
		const ours = registered.subscriptions.slice(1).map((s) => s.split(':')[0]);
		expect(node.staticData).toEqual({
			'node:CRM Webhook Trigger': {
				hubspotRegistration: { appId: APP_ID, targetUrl: PUBLIC, createdIds: ours },
			},
		});
		expect(await node.hook('checkExists')).toBe(true);
		// The developer key travelled as hapikey, as HubSpot takes it: no call was refused for authentication.
		expect(sandbox.requests.list({ path: '^/webhooks/' }).map((r) => r.status)).not.toContain(401);

		expect(await node.hook('delete')).toBe(true);
		// Theirs stays; HubSpot pauses every subscription of an app whose target URL is cleared.
		expect(app()).toEqual({ targetUrl: undefined, subscriptions: [`${theirs}:contact.deletion:paused`] });
		expect(node.staticData['node:CRM Webhook Trigger']).toEqual({});
	});

	it('refuse to take over an app that sends its webhooks elsewhere', async () => {
		sandbox.hubspot.webhooks.putSettings(APP_ID, {
			targetUrl: 'https://other.example.com/hook',
			throttling: { maxConcurrentRequests: 10 },
		});
		const node = managedTrigger();
		await expect(node.hook('create')).rejects.toThrow(/already sends its webhooks to another URL/);
		expect(app()).toEqual({ targetUrl: 'https://other.example.com/hook', subscriptions: [] });
	});

	it("move the app on from a URL they registered themselves (n8n's public URL changed since)", async () => {
		const old = 'https://old.example.com/webhook/abc/webhook';
		sandbox.hubspot.webhooks.putSettings(APP_ID, {
			targetUrl: old,
			throttling: { maxConcurrentRequests: 10 },
		});
		const earlier = seedSubscription('contact.creation');
		const node = managedTrigger(
			{},
			{
				'node:CRM Webhook Trigger': {
					hubspotRegistration: { appId: APP_ID, targetUrl: old, createdIds: [earlier] },
				},
			},
		);
		expect(await node.hook('checkExists')).toBe(false);
		expect(await node.hook('create')).toBe(true);
		expect(app().targetUrl).toBe(PUBLIC);
		const record = (
			node.staticData['node:CRM Webhook Trigger'] as { hubspotRegistration: { createdIds: string[] } }
		).hubspotRegistration;
		expect(record.createdIds[0]).toBe(earlier);
		expect(record.createdIds).toHaveLength(3);
	});

	it('undo the subscriptions they created when a later one fails, and report the failure', async () => {
		// An event type HubSpot does not know fails after contact.creation was created.
		const node = managedTrigger({ hubspotEvents: ['contact.creation', 'contact.noSuchEvent'] });
		await expect(node.hook('create')).rejects.toThrow(/Invalid eventType/);
		expect(app().subscriptions).toEqual([]);
		expect(calls().filter((call) => call.startsWith('DELETE'))).toEqual([
			expect.stringMatching(new RegExp(`^DELETE /webhooks/v3/${APP_ID}/subscriptions/\\w+`)),
		]);
		expect(node.staticData['node:CRM Webhook Trigger']).toBeUndefined();
	});

	it('refuse property-change subscriptions without a property', async () => {
		const node = managedTrigger({ propertyNames: '' });
		await expect(node.hook('create')).rejects.toThrow(/needs a property name/);
		expect(calls()).toEqual([]);
	});

	it('warn when subscriptions they created can no longer be removed', async () => {
		const node = trigger(
			{},
			{
				staticData: {
					'node:CRM Webhook Trigger': {
						hubspotRegistration: { appId: APP_ID, targetUrl: PUBLIC, createdIds: ['1'] },
					},
				},
			},
		);
		expect(await node.hook('delete')).toBe(true);
		expect(node.logger.warn).toHaveBeenCalledWith(
			expect.stringContaining('remove them in HubSpot'),
			expect.anything(),
		);
		expect(calls()).toEqual([]);
	});
});
