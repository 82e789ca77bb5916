/**
 * The CRM Webhook Trigger inside a real n8n: one active workflow per platform and mode, driven with
 * requests signed the way each platform documents it (test/helpers/signers.ts, independent of
 * src/core/signatures). Accepted deliveries must start exactly one execution with one item per event;
 * every forged, stale, replayed or malformed request must get its 4xx and leave n8n's execution list
 * untouched. Each check sends its own events, so one failure does not hide the next; the attacks from
 * issue 6 live in webhook-attack-*.ts.
 */
import { randomUUID } from 'node:crypto';
import {
	apolloQuery,
	genericHmac,
	hubspotV1,
	hubspotV3,
	linkedIn,
	linkedInChallengeResponse,
} from '../../helpers/signers';
import { sleep } from '../lib/processes';
import type { SandboxWebhookSubscription } from '../lib/sandbox';
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import {
	expectDelivery,
	freshSecret,
	hubspotEvent,
	TriggerFlows,
	type Expected,
	type TriggerFlow,
} from '../lib/trigger';
import type { WebhookCallOptions } from '../lib/webhook';
import { stableId } from '../lib/workflow';

const NAME = 'webhook-trigger';
const RUN = Date.now().toString(36);
const flows = new TriggerFlows(NAME);

const HUBSPOT_SECRET = freshSecret('hubspot');
const LINKEDIN_SECRET = freshSecret('linkedin');
const APOLLO_TOKEN = freshSecret('apollo');
const GENERIC_SECRET = freshSecret('generic');

const credential = (
	key: string,
	name: string,
	type: string,
	data: Record<string, unknown>,
): CredentialImport => ({ id: stableId(`${NAME}/${key}`), name: `[e2e] ${name}`, type, data });

const hubspotApp = () =>
	credential('hubspot-app', 'HubSpot app (webhooks)', 'crmHubSpotAppApi', { clientSecret: HUBSPOT_SECRET });
const hubspotManagedApp = (ctx: SetupContext) =>
	credential('hubspot-app-managed', 'HubSpot app with developer key (sandbox)', 'crmHubSpotAppApi', {
		clientSecret: HUBSPOT_SECRET,
		developerApiKey: ctx.platforms.hubspot.developerApiKey,
		appId: ctx.platforms.hubspot.appId,
		baseUrl: ctx.platforms.hubspot.url,
	});
const hubspotToken = (ctx: SetupContext) =>
	credential('hubspot-token', 'HubSpot sandbox (trigger contact reads)', 'crmHubSpotAppTokenApi', {
		accessToken: ctx.platforms.hubspot.token,
		baseUrl: ctx.platforms.hubspot.url,
	});
const linkedin = () =>
	credential('linkedin', 'LinkedIn app (webhooks)', 'crmLinkedInOAuth2Api', {
		clientId: 'e2e-linkedin-client',
		clientSecret: LINKEDIN_SECRET,
		apiVersion: '202511',
		baseUrl: 'https://api.linkedin.com',
	});
const apolloSecret = () =>
	credential('apollo', 'Apollo callback token', 'crmWebhookSecretApi', { secret: APOLLO_TOKEN });
const genericSecret = () =>
	credential('generic', 'Generic HMAC secret', 'crmWebhookSecretApi', { secret: GENERIC_SECRET });

const HUBSPOT_EVENTS = ['contact.creation', 'contact.propertyChange', 'contact.deletion'];

const FLOWS = (ctx: SetupContext): TriggerFlow[] => [
	{
		key: 'hubspot',
		name: '[e2e] CRM Webhook Trigger: HubSpot',
		// Auto pinned, so these checks hold on every typeVersion; the v3-only default has its own attack.
		parameters: { platform: 'hubspot', signatureVersion: 'auto', hubspotEvents: HUBSPOT_EVENTS },
		credentials: [hubspotApp()],
	},
	{
		key: 'hubspot-v1',
		name: '[e2e] CRM Webhook Trigger: HubSpot app signing v1 only',
		// A trigger that never sees v3: an app that signs v1 only must keep working in auto mode.
		parameters: { platform: 'hubspot', signatureVersion: 'auto', hubspotEvents: ['contact.creation'] },
		credentials: [hubspotApp()],
	},
	{
		key: 'hubspot-last-node',
		name: '[e2e] CRM Webhook Trigger: HubSpot, answer after the run',
		parameters: { platform: 'hubspot', hubspotEvents: ['contact.creation'], responseMode: 'lastNode' },
		credentials: [hubspotApp()],
	},
	{
		key: 'hubspot-contact',
		name: '[e2e] CRM Webhook Trigger: HubSpot with full contact',
		parameters: {
			platform: 'hubspot',
			hubspotEvents: ['contact.creation'],
			fetchContact: true,
			hubspotApiAuthentication: 'appToken',
			contactProperties: 'lifecyclestage',
		},
		credentials: [hubspotApp(), hubspotToken(ctx)],
	},
	{
		key: 'hubspot-managed',
		name: '[e2e] CRM Webhook Trigger: HubSpot, subscriptions managed by the node',
		parameters: {
			platform: 'hubspot',
			hubspotEvents: ['contact.creation', 'contact.propertyChange'],
			propertyNames: 'email',
		},
		credentials: [hubspotManagedApp(ctx)],
	},
	{
		key: 'linkedin',
		name: '[e2e] CRM Webhook Trigger: LinkedIn',
		parameters: { platform: 'linkedin', linkedinEvents: ['lead.created', 'lead.deleted'] },
		credentials: [linkedin()],
	},
	{
		key: 'apollo',
		name: '[e2e] CRM Webhook Trigger: Apollo',
		parameters: { platform: 'apollo', urlParameterName: 'token' },
		credentials: [apolloSecret()],
	},
	{
		key: 'generic',
		name: '[e2e] CRM Webhook Trigger: generic HMAC',
		parameters: {
			platform: 'generic',
			signatureHeader: 'X-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			signaturePrefix: 'sha256=',
			signedContent: 'timestampBody',
			timestampHeader: 'X-Timestamp',
			separator: '.',
			toleranceSeconds: 300,
			eventIdField: 'id',
			eventTypeField: 'type',
		},
		credentials: [genericSecret()],
	},
];

const send = (body: string | undefined, options: WebhookCallOptions) => ({
	body,
	options: { registrationWaitMs: 60_000, ...options },
});

/** A HubSpot delivery signed v3 for `key`'s URL (plus `query`, signed too). */
function hubspotDelivery(
	ctx: ScenarioContext,
	key: string,
	events: unknown[],
	query?: string,
	at = Date.now(),
) {
	const body = JSON.stringify(events);
	const url = `${flows.url(ctx, key)}${query ? `?${query}` : ''}`;
	return { body, headers: hubspotV3(HUBSPOT_SECRET, { url, body, timestamp: at }), query };
}

async function deliver(
	ctx: ScenarioContext,
	key: string,
	delivery: { body: string; headers: Record<string, string>; query?: string },
	expected: Expected,
) {
	return expectDelivery(
		ctx,
		flows,
		key,
		send(delivery.body, { headers: delivery.headers, query: delivery.query }),
		expected,
	);
}

async function hubspotChecks(ctx: ScenarioContext): Promise<void> {
	await ctx.check(
		'HubSpot v3: a signed batch of 3 events starts one execution with 3 normalized items',
		async () => {
			const delivery = hubspotDelivery(ctx, 'hubspot', [
				hubspotEvent(),
				hubspotEvent({ subscriptionType: 'contact.propertyChange', propertyName: 'email' }),
				hubspotEvent({ subscriptionType: 'contact.deletion' }),
			]);
			const { items } = await deliver(ctx, 'hubspot', delivery, { status: 200, executions: 1, items: 3 });
			ctx.assert.deepEqual(
				(items as Array<{ type: string }>).map((i) => i.type),
				['contact.created', 'contact.updated', 'contact.deleted'],
				'types',
			);
			const item = items[0] as Record<string, unknown>;
			ctx.assert.equal(item.platform, 'hubspot');
			ctx.assert.equal(item.verified, true);
			ctx.assert.equal(item.attempt, 0);
			ctx.assert.match(String(item.occurredAt), /^\d{4}-\d\d-\d\dT/);
		},
	);

	await ctx.check(
		'HubSpot v3: the exact same request sent twice is refused the second time as a replay (401)',
		async () => {
			const delivery = hubspotDelivery(ctx, 'hubspot', [hubspotEvent()]);
			await deliver(ctx, 'hubspot', delivery, { status: 200, executions: 1, items: 1 });
			await deliver(ctx, 'hubspot', delivery, { status: 401, executions: 0, error: 'replayed request' });
		},
	);

	await ctx.check(
		'HubSpot v3: a retry of delivered events (attemptNumber 1, new signature) is acknowledged, nothing starts',
		async () => {
			const events = [hubspotEvent(), hubspotEvent(), hubspotEvent()];
			await deliver(ctx, 'hubspot', hubspotDelivery(ctx, 'hubspot', events), {
				status: 200,
				executions: 1,
				items: 3,
			});
			const retry = events.map((e) => ({ ...e, attemptNumber: 1 }));
			const { response } = await deliver(ctx, 'hubspot', hubspotDelivery(ctx, 'hubspot', retry), {
				status: 200,
				executions: 0,
			});
			ctx.assert.deepEqual(response.json, { received: 3, started: 0, ignored: 0, duplicates: 3 });
		},
	);

	await ctx.check(
		'HubSpot v3: a batch of 100 events yields 100 items in one execution, answered within 5 s',
		async () => {
			const events = Array.from({ length: 100 }, () => hubspotEvent());
			const { response, items } = await deliver(ctx, 'hubspot', hubspotDelivery(ctx, 'hubspot', events), {
				status: 200,
				executions: 1,
				items: 100,
			});
			ctx.assert.atMost(response.durationMs, 5000, 'answer time (ms)');
			ctx.assert.equal(
				new Set((items as Array<{ objectId: string }>).map((i) => i.objectId)).size,
				100,
				'distinct objects',
			);
		},
	);

	await ctx.check('HubSpot v3: the raw query string is part of the signed URL', async () => {
		await deliver(ctx, 'hubspot', hubspotDelivery(ctx, 'hubspot', [hubspotEvent()], 'src=a%3Ab'), {
			status: 200,
			executions: 1,
			items: 1,
		});
	});

	await ctx.check('HubSpot v1: an app that signs v1 only is accepted in auto mode', async () => {
		const body = JSON.stringify([hubspotEvent()]);
		await expectDelivery(ctx, flows, 'hubspot-v1', send(body, { headers: hubspotV1(HUBSPOT_SECRET, body) }), {
			status: 200,
			executions: 1,
			items: 1,
		});
	});

	await ctx.check('HubSpot: duplicates inside one delivery are dropped', async () => {
		const event = hubspotEvent();
		await deliver(ctx, 'hubspot', hubspotDelivery(ctx, 'hubspot', [event, hubspotEvent(), event]), {
			status: 200,
			executions: 1,
			items: 2,
		});
	});

	await ctx.check('HubSpot: events of an unselected type are acknowledged, nothing starts', async () => {
		const delivery = hubspotDelivery(ctx, 'hubspot', [
			hubspotEvent({ subscriptionType: 'contact.merge', primaryObjectId: 1 }),
		]);
		const { response } = await deliver(ctx, 'hubspot', delivery, { status: 200, executions: 0 });
		ctx.assert.deepEqual(response.json, { received: 1, started: 0, ignored: 1, duplicates: 0 });
	});

	const url = flows.url(ctx, 'hubspot');
	const signed = (body: string, at = Date.now(), secret = HUBSPOT_SECRET, signedUrl = url) =>
		hubspotV3(secret, { url: signedUrl, body, timestamp: at });
	const refusals: Array<[string, () => [string, Record<string, string>], string, number]> = [
		[
			'a forged signature',
			() => one((b) => signed(b, Date.now(), 'not-the-secret')),
			'signature mismatch',
			401,
		],
		[
			'a tampered body',
			() => {
				const body = JSON.stringify([hubspotEvent()]);
				return [body.replace('"CRM"', '"API"'), signed(body)];
			},
			'signature mismatch',
			401,
		],
		[
			'a signature for another URL',
			() => one((b) => signed(b, Date.now(), HUBSPOT_SECRET, `${url}x`)),
			'signature mismatch',
			401,
		],
		[
			'a stale timestamp (6 minutes old)',
			() => one((b) => signed(b, Date.now() - 360_000)),
			'stale timestamp',
			401,
		],
		[
			'a timestamp 10 minutes ahead',
			() => one((b) => signed(b, Date.now() + 600_000)),
			'timestamp in the future',
			401,
		],

		[
			'a signed body that is not JSON (sent as text)',
			() => ['not json', { ...signed('not json'), 'content-type': 'text/plain' }],
			'malformed JSON',
			400,
		],
		[
			'a signed JSON body HubSpot would never send',
			() => {
				const body = '[{"subscriptionType":"contact.creation"}]';
				return [body, signed(body)];
			},
			'Malformed HubSpot delivery: event 0 has no valid occurredAt',
			400,
		],
	];
	for (const [label, make, reason, status] of refusals) {
		await ctx.check(`HubSpot: ${label} gets ${status} "${reason}", nothing starts`, async () => {
			const [body, headers] = make();
			await expectDelivery(ctx, flows, 'hubspot', send(body, { headers }), {
				status,
				executions: 0,
				error: reason,
			});
		});
	}

	await ctx.check(
		'HubSpot: no signature at all gets 401 "missing signature header", nothing starts',
		async () => {
			// On the trigger that has seen no v3 request: one that has answers that v1/v2 are refused.
			const [body, headers] = one(() => ({ 'content-type': 'application/json' }));
			await expectDelivery(ctx, flows, 'hubspot-v1', send(body, { headers }), {
				status: 401,
				executions: 0,
				error: 'missing signature header',
			});
		},
	);

	await ctx.check(
		'HubSpot: malformed JSON sent as application/json gets a 4xx from n8n, nothing starts',
		async () => {
			// n8n's own body parser answers this one (422) before the node runs, and logs it as an error.
			ctx.n8n.allowLogEntries(/Failed to parse request body/);
			const broken = '[{"eventId":';
			await expectDelivery(ctx, flows, 'hubspot', send(broken, { headers: signed(broken) }), {
				status: 422,
				executions: 0,
			});
		},
	);
}

/** A fresh one-event body and the headers `sign` makes for it. */
function one(sign: (body: string) => Record<string, string>): [string, Record<string, string>] {
	const body = JSON.stringify([hubspotEvent()]);
	return [body, sign(body)];
}

async function hubspotLastNodeChecks(ctx: ScenarioContext): Promise<void> {
	await ctx.check('HubSpot, answer after the run: a signed event runs and is answered 200', async () => {
		await deliver(ctx, 'hubspot-last-node', hubspotDelivery(ctx, 'hubspot-last-node', [hubspotEvent()]), {
			status: 200,
			executions: 1,
			items: 1,
		});
	});
	await ctx.check(
		'HubSpot, answer after the run: a platform retry (attemptNumber 1) runs again (at-least-once)',
		async () => {
			const event = hubspotEvent();
			await deliver(ctx, 'hubspot-last-node', hubspotDelivery(ctx, 'hubspot-last-node', [event]), {
				status: 200,
				executions: 1,
				items: 1,
			});
			const retry = hubspotDelivery(ctx, 'hubspot-last-node', [{ ...event, attemptNumber: 1 }]);
			await deliver(ctx, 'hubspot-last-node', retry, { status: 200, executions: 1, items: 1 });
		},
	);
}

async function hubspotContactChecks(ctx: ScenarioContext): Promise<void> {
	await ctx.check(
		'HubSpot: "fetch the full contact" adds the contact read from HubSpot (sandbox)',
		async () => {
			const email = `trigger-${RUN}@example.com`;
			const [id] = await ctx.sandbox.seedHubspotContacts([
				{ properties: { email, firstname: 'Ada', lifecyclestage: 'lead' } },
			]);
			ctx.assert.ok(id, 'sandbox returned a contact id');
			const delivery = hubspotDelivery(ctx, 'hubspot-contact', [hubspotEvent({ objectId: Number(id) })]);
			const { items } = await deliver(ctx, 'hubspot-contact', delivery, {
				status: 200,
				executions: 1,
				items: 1,
			});
			const item = items[0] as {
				contact?: { email?: string; firstName?: string; properties?: Record<string, unknown> };
				contactError?: string;
			};
			ctx.assert.equal(item.contactError, undefined, 'contactError');
			ctx.assert.equal(item.contact?.email, email);
			ctx.assert.equal(item.contact?.firstName, 'Ada');
		},
	);
}

/** `contact.propertyChange:email`, with ` (paused)` for an inactive one; sorted, as HubSpot's order is not ours. */
function describeSubscriptions(subscriptions: SandboxWebhookSubscription[] = []): string[] {
	return subscriptions
		.map((s) => `${s.eventType}${s.propertyName ? `:${s.propertyName}` : ''}${s.active ? '' : ' (paused)'}`)
		.sort();
}

/**
 * The credential has a developer API key and app ID, so n8n's activation at start ran the trigger's
 * checkExists/create against the sandbox's webhooks v3 API, and deactivation must run delete.
 */
async function hubspotSubscriptionChecks(ctx: ScenarioContext): Promise<void> {
	const appId = ctx.platforms.hubspot.appId;
	const url = flows.url(ctx, 'hubspot-managed');
	const app = async () => {
		const state = await ctx.sandbox.hubspotWebhooks();
		return { settings: state.settings[appId], subscriptions: state.subscriptions[appId] };
	};

	await ctx.check(
		"HubSpot app with developer key: activation pointed the app at the workflow's production webhook URL",
		async () => {
			const { settings } = await app();
			ctx.assert.equal(settings?.targetUrl, url, 'targetUrl');
			ctx.assert.equal(settings?.throttling?.maxConcurrentRequests, 10, 'maxConcurrentRequests');
		},
	);

	await ctx.check(
		'HubSpot app with developer key: exactly the chosen subscriptions exist, all active',
		async () => {
			const { subscriptions } = await app();
			ctx.assert.deepEqual(describeSubscriptions(subscriptions), [
				'contact.creation',
				'contact.propertyChange:email',
			]);
		},
	);

	const event = () =>
		hubspotEvent({
			subscriptionType: 'contact.propertyChange',
			propertyName: 'email',
			propertyValue: 'a@b.c',
		});
	await ctx.check(
		'HubSpot app with developer key: a delivery signed for the registered URL starts one execution',
		async () => {
			const registered = (await app()).settings?.targetUrl ?? '';
			const body = JSON.stringify([event()]);
			const headers = hubspotV3(HUBSPOT_SECRET, { url: registered, body, timestamp: Date.now() });
			await expectDelivery(ctx, flows, 'hubspot-managed', send(body, { headers }), {
				status: 200,
				executions: 1,
				items: 1,
			});
		},
	);

	await ctx.check(
		'HubSpot app with developer key: deactivating the workflow removes its subscriptions and the target URL',
		async () => {
			await ctx.n8n.deactivateWorkflow(flows.workflowId('hubspot-managed'));
			// n8n may finish removing the trigger after the REST call returns.
			const deadline = Date.now() + 30_000;
			let state = await app();
			while ((state.settings || state.subscriptions?.length) && Date.now() < deadline) {
				await sleep(250);
				state = await app();
			}
			ctx.assert.equal(state.settings?.targetUrl, undefined, 'targetUrl after deactivation');
			ctx.assert.deepEqual(
				describeSubscriptions(state.subscriptions),
				[],
				'subscriptions after deactivation',
			);
			const body = JSON.stringify([event()]);
			const response = await ctx.webhook(flows.path('hubspot-managed'), body, {
				headers: hubspotV3(HUBSPOT_SECRET, { url, body, timestamp: Date.now() }),
				registrationWaitMs: 0,
			});
			ctx.assert.status(response, 404, 'the production URL after deactivation');
		},
	);
}

function leadNotification(label: string): string {
	return JSON.stringify({
		type: 'LEAD_ACTION',
		leadGenFormResponse: `urn:li:leadGenFormResponse:e2e-${RUN}-${label}`,
		leadGenForm: 'urn:li:leadGenForm:77',
		leadType: 'SPONSORED',
		leadAction: 'CREATED',
		occurredAt: Date.now(),
	});
}

async function linkedinChecks(ctx: ScenarioContext): Promise<void> {
	const path = flows.path('linkedin');
	await ctx.check('LinkedIn: the challengeCode GET is answered with the HMAC, nothing starts', async () => {
		const before = await ctx.countExecutions(flows.workflowId('linkedin'));
		const code = randomUUID();
		const response = await ctx.webhook(path, undefined, {
			method: 'GET',
			query: `challengeCode=${code}&applicationId=77`,
		});
		ctx.assert.status(response, 200);
		ctx.assert.deepEqual(response.json, {
			challengeCode: code,
			challengeResponse: linkedInChallengeResponse(LINKEDIN_SECRET, code),
		});
		await sleep(700);
		ctx.assert.equal(await ctx.countExecutions(flows.workflowId('linkedin')), before, 'executions');
	});

	await ctx.check('LinkedIn: a challenge without a code gets 400', async () => {
		const response = await ctx.webhook(path, undefined, { method: 'GET' });
		ctx.assert.status(response, 400);
	});

	await ctx.check(
		'LinkedIn: a signed lead notification starts one execution with a lead.created item',
		async () => {
			const body = leadNotification('created');
			const { items } = await expectDelivery(
				ctx,
				flows,
				'linkedin',
				send(body, { headers: linkedIn(LINKEDIN_SECRET, body) }),
				{ status: 200, executions: 1, items: 1 },
			);
			ctx.assert.equal((items[0] as { type: string }).type, 'lead.created');
		},
	);
	await ctx.check(
		'LinkedIn: the same notification twice is acknowledged the second time as a duplicate, nothing starts',
		async () => {
			const body = leadNotification('twice');
			const request = send(body, { headers: linkedIn(LINKEDIN_SECRET, body) });
			await expectDelivery(ctx, flows, 'linkedin', request, { status: 200, executions: 1, items: 1 });
			await expectDelivery(ctx, flows, 'linkedin', request, { status: 200, executions: 0 });
		},
	);
	await ctx.check('LinkedIn: a forged X-LI-Signature gets 401, nothing starts', async () => {
		const body = leadNotification('forged');
		await expectDelivery(ctx, flows, 'linkedin', send(body, { headers: linkedIn('wrong', body) }), {
			status: 401,
			executions: 0,
			error: 'signature mismatch',
		});
	});
}

async function apolloChecks(ctx: ScenarioContext): Promise<void> {
	const callback = (label: string) =>
		JSON.stringify({
			request_id: `req-${RUN}-${label}`,
			person: { id: `p-${RUN}-${label}`, phone_numbers: [{ raw_number: '+1 555 0100' }] },
		});
	const options = (query?: string): WebhookCallOptions => ({
		headers: { 'content-type': 'application/json' },
		query,
	});
	await ctx.check(
		'Apollo: a callback with the URL token starts one execution (enrichment.completed)',
		async () => {
			const { items } = await expectDelivery(
				ctx,
				flows,
				'apollo',
				send(callback('ok'), options(apolloQuery(APOLLO_TOKEN))),
				{ status: 200, executions: 1, items: 1 },
			);
			ctx.assert.equal((items[0] as { type: string }).type, 'enrichment.completed');
		},
	);
	await ctx.check('Apollo: a wrong token gets 401, nothing starts', async () => {
		await expectDelivery(
			ctx,
			flows,
			'apollo',
			send(callback('wrong'), options(apolloQuery(`${APOLLO_TOKEN}x`))),
			{
				status: 401,
				executions: 0,
				error: 'token mismatch',
			},
		);
	});
	await ctx.check('Apollo: no token gets 401, nothing starts', async () => {
		await expectDelivery(ctx, flows, 'apollo', send(callback('none'), options()), {
			status: 401,
			executions: 0,
			error: 'missing token',
		});
	});
}

async function genericChecks(ctx: ScenarioContext): Promise<void> {
	const event = (label: string) =>
		JSON.stringify({ id: `evt-${RUN}-${label}`, type: 'contact.updated', name: 'Zoë' });
	const sign = (body: string, seconds = Math.floor(Date.now() / 1000), secret = GENERIC_SECRET) =>
		genericHmac({ secret, body, prefix: 'sha256=', timestamp: seconds, signed: 'timestamp+body' });
	await ctx.check(
		'Generic HMAC: a signed request starts one execution with the configured id and type',
		async () => {
			const body = event('ok');
			const { items } = await expectDelivery(ctx, flows, 'generic', send(body, { headers: sign(body) }), {
				status: 200,
				executions: 1,
				items: 1,
			});
			ctx.assert.equal((items[0] as { eventId: string }).eventId, `evt-${RUN}-ok`);
			ctx.assert.equal((items[0] as { rawType: string }).rawType, 'contact.updated');
		},
	);
	await ctx.check(
		'Generic HMAC: the same signed request twice is a replay the second time (401)',
		async () => {
			const body = event('replayed');
			const request = send(body, { headers: sign(body) });
			await expectDelivery(ctx, flows, 'generic', request, { status: 200, executions: 1, items: 1 });
			await expectDelivery(ctx, flows, 'generic', request, {
				status: 401,
				executions: 0,
				error: 'replayed request',
			});
		},
	);
	await ctx.check('Generic HMAC: a stale timestamp gets 401', async () => {
		const body = event('stale');
		await expectDelivery(
			ctx,
			flows,
			'generic',
			send(body, { headers: sign(body, Math.floor(Date.now() / 1000) - 600) }),
			{ status: 401, executions: 0, error: 'stale timestamp' },
		);
	});
	await ctx.check('Generic HMAC: a forged signature gets 401', async () => {
		const body = event('forged');
		await expectDelivery(ctx, flows, 'generic', send(body, { headers: sign(body, undefined, 'wrong') }), {
			status: 401,
			executions: 0,
			error: 'signature mismatch',
		});
	});
}

const scenario: Scenario = {
	name: NAME,
	description:
		'CRM Webhook Trigger: signed deliveries start exactly one execution per delivery; forgeries start none',
	credentials: (ctx) => flows.credentials(FLOWS(ctx)),
	workflows: (ctx) => FLOWS(ctx).map((flow) => flows.workflow(ctx, flow)),
	async run(ctx) {
		await hubspotChecks(ctx);
		await hubspotLastNodeChecks(ctx);
		await hubspotContactChecks(ctx);
		await linkedinChecks(ctx);
		await apolloChecks(ctx);
		await genericChecks(ctx);
		// Last: it deactivates its workflow.
		await hubspotSubscriptionChecks(ctx);
	},
};

export default scenario;
