/**
 * The CRM Webhook Trigger inside a real n8n: one active workflow per platform, driven with requests
 * signed here the way each platform documents it (node:crypto, independent of src/core/signatures).
 * Accepted deliveries must start exactly one execution with one item per event; every forged, stale,
 * replayed or malformed request must get its 4xx and leave n8n's execution list untouched.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sleep } from '../lib/processes';
import type { SandboxWebhookSubscription } from '../lib/sandbox';
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import type { WebhookCallOptions, WebhookResponse } from '../lib/webhook';
import { chainWorkflow, credentialRef, stableId, stableUuid, type NodeSpec } from '../lib/workflow';

const NAME = 'webhook-trigger';
const TRIGGER = 'CRM Webhook Trigger';
const RUN = Date.now().toString(36);

// Fresh per run: nothing in the repository is a usable secret, and the harness scans answers and logs for them.
const fresh = (label: string) => `e2e-${label}-${randomBytes(12).toString('hex')}`;
const HUBSPOT_SECRET = fresh('hubspot');
const LINKEDIN_SECRET = fresh('linkedin');
const APOLLO_TOKEN = fresh('apollo');
const GENERIC_SECRET = fresh('generic');
// The sandbox's default developer key and app (sandbox/README.md), where activation registers the trigger.
const SANDBOX_DEVELOPER_KEY = 'sandbox-developer-key';
const SANDBOX_APP_ID = '424242';

const credential = (
	key: string,
	name: string,
	type: string,
	data: Record<string, unknown>,
): CredentialImport => ({
	id: stableId(`${NAME}/${key}`),
	name: `[e2e] ${name}`,
	type,
	data,
});

const hubspotApp = () =>
	credential('hubspot-app', 'HubSpot app (webhooks)', 'crmHubSpotAppApi', { clientSecret: HUBSPOT_SECRET });
const hubspotManagedApp = (ctx: SetupContext) =>
	credential('hubspot-app-managed', 'HubSpot app with developer key (sandbox)', 'crmHubSpotAppApi', {
		clientSecret: HUBSPOT_SECRET,
		developerApiKey: SANDBOX_DEVELOPER_KEY,
		appId: SANDBOX_APP_ID,
		baseUrl: ctx.hubspotUrl,
	});
const hubspotToken = (ctx: SetupContext) =>
	credential('hubspot-token', 'HubSpot sandbox (trigger contact reads)', 'crmHubSpotAppTokenApi', {
		accessToken: ctx.hubspotToken,
		baseUrl: ctx.hubspotUrl,
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

interface Flow {
	key: string;
	name: string;
	parameters: Record<string, unknown>;
	credentials: CredentialImport[];
}

const FLOWS = (ctx: SetupContext): Flow[] => [
	{
		key: 'hubspot',
		name: '[e2e] CRM Webhook Trigger: HubSpot',
		parameters: {
			platform: 'hubspot',
			hubspotEvents: ['contact.creation', 'contact.propertyChange', 'contact.deletion'],
		},
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

const workflowId = (key: string) => stableId(`${NAME}/${key}`);
const webhookId = (key: string) => stableUuid(`${NAME}/${key}/trigger`);
const hookPath = (key: string) => `${webhookId(key)}/webhook`;

function triggerNode(ctx: SetupContext, flow: Flow): NodeSpec {
	return {
		name: TRIGGER,
		type: `${ctx.packageName}.crmWebhookTrigger`,
		typeVersion: 1,
		webhookId: webhookId(flow.key),
		parameters: flow.parameters,
		credentials: Object.assign({}, ...flow.credentials.map(credentialRef)) as NodeSpec['credentials'],
	};
}

// ---------------------------------------------------------------- signing, per each platform's documentation

/** HubSpot v3: base64(HMAC-SHA256(secret, METHOD + URI + body + timestamp)), URI with the documented escapes decoded. */
function hubspotV3(
	url: string,
	body: string,
	timestamp: number,
	secret = HUBSPOT_SECRET,
): Record<string, string> {
	const uri = url.replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%3F/gi, '?').replace(/%40/gi, '@');
	const signature = createHmac('sha256', secret).update(`POST${uri}${body}${timestamp}`).digest('base64');
	return {
		'X-HubSpot-Signature-v3': signature,
		'X-HubSpot-Request-Timestamp': String(timestamp),
		'content-type': 'application/json',
	};
}

/** HubSpot v1: hex(sha256(secret + body)). */
function hubspotV1(body: string): Record<string, string> {
	const signature = createHash('sha256')
		.update(HUBSPOT_SECRET + body)
		.digest('hex');
	return {
		'X-HubSpot-Signature': signature,
		'X-HubSpot-Signature-Version': 'v1',
		'content-type': 'application/json',
	};
}

function linkedinSignature(body: string, secret = LINKEDIN_SECRET): Record<string, string> {
	const signature = createHmac('sha256', secret).update(`hmacsha256=${body}`).digest('hex');
	return { 'X-LI-Signature': `hmacsha256=${signature}`, 'content-type': 'application/json' };
}

function genericSignature(body: string, seconds: number, secret = GENERIC_SECRET): Record<string, string> {
	const signature = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
	return {
		'X-Signature': `sha256=${signature}`,
		'X-Timestamp': String(seconds),
		'content-type': 'application/json',
	};
}

let eventSeq = 0;
function hubspotEvent(extra: Record<string, unknown> = {}) {
	eventSeq += 1;
	return {
		eventId: Number(`${Date.now() % 1e6}${eventSeq}`),
		subscriptionId: 4242,
		portalId: 62515,
		appId: 54321,
		occurredAt: Date.now() - 2000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 900_000 + eventSeq,
		changeSource: 'CRM',
		...extra,
	};
}

// ---------------------------------------------------------------- the checks

/**
 * The trigger's items of each execution the workflow started after `afterId`. Waits for the expected
 * number to appear, then a little longer, so an extra execution would be seen too.
 */
async function executionsSince(
	ctx: ScenarioContext,
	workflow: string,
	afterId: number,
	expected: number,
): Promise<unknown[][]> {
	const deadline = Date.now() + 15_000;
	while (expected > 0 && Date.now() < deadline) {
		if ((await ctx.executions.executionDetails({ workflowId: workflow, afterId })).length >= expected) break;
		await sleep(200);
	}
	await sleep(expected > 0 ? 300 : 700);
	await ctx.executions.waitForSettled(workflow);
	const details = await ctx.executions.executionDetails({ workflowId: workflow, afterId });
	return details.map((d) => {
		const outputs = (d as { outputs?: Record<string, unknown[]> }).outputs;
		if (!outputs) ctx.assert.fail('the harness does not decode node outputs (ExecutionDetails.outputs)');
		return outputs[TRIGGER] ?? [];
	});
}

/** Sends one request and checks the answer, how many executions it started, and their items. */
async function expectDelivery(
	ctx: ScenarioContext,
	key: string,
	request: { body?: string; options: WebhookCallOptions },
	expected: { status: number; executions: number; items?: number; error?: string },
): Promise<{ response: WebhookResponse; items: unknown[] }> {
	const workflow = workflowId(key);
	const before = await ctx.executions.lastExecutionId();
	const response = await ctx.webhook(hookPath(key), request.body, request.options);
	ctx.assert.status(response, expected.status);
	if (expected.error) ctx.assert.deepEqual(response.json, { error: expected.error }, 'refusal body');
	const outputs = await executionsSince(ctx, workflow, before, expected.executions);
	ctx.assert.equal(outputs.length, expected.executions, 'executions started');
	const items = outputs[0] ?? [];
	if (expected.items !== undefined) ctx.assert.equal(items.length, expected.items, 'items emitted');
	return { response, items };
}

async function hubspotChecks(ctx: ScenarioContext): Promise<void> {
	const url = ctx.webhookUrl(hookPath('hubspot'));
	const post = (body: string, headers: Record<string, string>, extra: WebhookCallOptions = {}) => ({
		body,
		options: { headers, registrationWaitMs: 60_000, ...extra },
	});
	const first = JSON.stringify([
		hubspotEvent(),
		hubspotEvent({ subscriptionType: 'contact.propertyChange', propertyName: 'email' }),
		hubspotEvent({ subscriptionType: 'contact.deletion' }),
	]);
	const firstHeaders = hubspotV3(url, first, Date.now());
	const expectedTypes = ['contact.created', 'contact.updated', 'contact.deleted'];

	await ctx.check(
		'HubSpot v3: a signed batch of 3 events starts one execution with 3 normalized items',
		async () => {
			const { items } = await expectDelivery(ctx, 'hubspot', post(first, firstHeaders), {
				status: 200,
				executions: 1,
				items: 3,
			});
			ctx.assert.deepEqual(
				(items as Array<{ type: string }>).map((i) => i.type),
				expectedTypes,
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
		'HubSpot v3: the exact same request again is refused as a replay (401), nothing starts',
		async () => {
			await expectDelivery(ctx, 'hubspot', post(first, firstHeaders), {
				status: 401,
				executions: 0,
				error: 'replayed request',
			});
		},
	);

	await ctx.check(
		'HubSpot v3: a retry of the same events (attemptNumber 1, new signature) is acknowledged, nothing starts',
		async () => {
			const retry = JSON.stringify(
				(JSON.parse(first) as Array<Record<string, unknown>>).map((e) => ({ ...e, attemptNumber: 1 })),
			);
			const { response } = await expectDelivery(
				ctx,
				'hubspot',
				post(retry, hubspotV3(url, retry, Date.now())),
				{ status: 200, executions: 0 },
			);
			ctx.assert.deepEqual(response.json, { received: 3, started: 0, ignored: 0, duplicates: 3 });
		},
	);

	await ctx.check(
		'HubSpot v3: a batch of 100 events yields 100 items in one execution, answered within 5 s',
		async () => {
			const batch = JSON.stringify(Array.from({ length: 100 }, () => hubspotEvent()));
			const { response, items } = await expectDelivery(
				ctx,
				'hubspot',
				post(batch, hubspotV3(url, batch, Date.now())),
				{ status: 200, executions: 1, items: 100 },
			);
			ctx.assert.atMost(response.durationMs, 5000, 'answer time (ms)');
			ctx.assert.equal(
				new Set((items as Array<{ objectId: string }>).map((i) => i.objectId)).size,
				100,
				'distinct objects',
			);
		},
	);

	await ctx.check('HubSpot v3: the raw query string is part of the signed URL', async () => {
		const body = JSON.stringify([hubspotEvent()]);
		const headers = hubspotV3(`${url}?src=a%3Ab`, body, Date.now());
		await expectDelivery(ctx, 'hubspot', post(body, headers, { query: 'src=a%3Ab' }), {
			status: 200,
			executions: 1,
			items: 1,
		});
	});

	await ctx.check('HubSpot v1: a request signed the v1 way is accepted in auto mode', async () => {
		const body = JSON.stringify([hubspotEvent()]);
		await expectDelivery(ctx, 'hubspot', post(body, hubspotV1(body)), {
			status: 200,
			executions: 1,
			items: 1,
		});
	});

	await ctx.check('HubSpot: duplicates inside one delivery are dropped', async () => {
		const event = hubspotEvent();
		const body = JSON.stringify([event, hubspotEvent(), event]);
		await expectDelivery(ctx, 'hubspot', post(body, hubspotV3(url, body, Date.now())), {
			status: 200,
			executions: 1,
			items: 2,
		});
	});

	await ctx.check('HubSpot: events of an unselected type are acknowledged, nothing starts', async () => {
		const body = JSON.stringify([hubspotEvent({ subscriptionType: 'contact.merge', primaryObjectId: 1 })]);
		const { response } = await expectDelivery(ctx, 'hubspot', post(body, hubspotV3(url, body, Date.now())), {
			status: 200,
			executions: 0,
		});
		ctx.assert.deepEqual(response.json, { received: 1, started: 0, ignored: 1, duplicates: 0 });
	});

	const body = JSON.stringify([hubspotEvent()]);
	const refusals: Array<[string, string, Record<string, string>, string, number]> = [
		[
			'a forged signature',
			body,
			hubspotV3(url, body, Date.now(), 'not-the-secret'),
			'signature mismatch',
			401,
		],
		[
			'a tampered body',
			body.replace('"CRM"', '"API"'),
			hubspotV3(url, body, Date.now()),
			'signature mismatch',
			401,
		],
		['a signature for another URL', body, hubspotV3(`${url}x`, body, Date.now()), 'signature mismatch', 401],
		[
			'a stale timestamp (6 minutes old)',
			body,
			hubspotV3(url, body, Date.now() - 360_000),
			'stale timestamp',
			401,
		],
		[
			'a timestamp 10 minutes ahead',
			body,
			hubspotV3(url, body, Date.now() + 600_000),
			'timestamp in the future',
			401,
		],
		['no signature at all', body, { 'content-type': 'application/json' }, 'missing signature header', 401],
		[
			'a signed body that is not JSON (sent as text)',
			'not json',
			{ ...hubspotV3(url, 'not json', Date.now()), 'content-type': 'text/plain' },
			'malformed JSON',
			400,
		],
		[
			'a signed JSON body HubSpot would never send',
			'[{"subscriptionType":"contact.creation"}]',
			hubspotV3(url, '[{"subscriptionType":"contact.creation"}]', Date.now()),
			'Malformed HubSpot delivery: event 0 has no valid occurredAt',
			400,
		],
	];
	for (const [label, payload, headers, reason, status] of refusals) {
		await ctx.check(`HubSpot: ${label} gets ${status} "${reason}", nothing starts`, async () => {
			await expectDelivery(ctx, 'hubspot', post(payload, headers), { status, executions: 0, error: reason });
		});
	}

	await ctx.check(
		'HubSpot: malformed JSON sent as application/json gets a 4xx from n8n, nothing starts',
		async () => {
			// n8n's own body parser answers this one (422) before the node runs, and logs it as an error.
			ctx.n8n.allowLogEntries(/Failed to parse request body/);
			const broken = '[{"eventId":';
			const { response } = await expectDelivery(
				ctx,
				'hubspot',
				post(broken, hubspotV3(url, broken, Date.now())),
				{
					status: 422,
					executions: 0,
				},
			);
			ctx.assert.atLeast(response.status, 400);
		},
	);
}

async function hubspotLastNodeChecks(ctx: ScenarioContext): Promise<void> {
	const url = ctx.webhookUrl(hookPath('hubspot-last-node'));
	const event = hubspotEvent();
	const body = JSON.stringify([event]);
	await ctx.check('HubSpot, answer after the run: a signed event runs and is answered 200', async () => {
		await expectDelivery(
			ctx,
			'hubspot-last-node',
			{ body, options: { headers: hubspotV3(url, body, Date.now()) } },
			{ status: 200, executions: 1, items: 1 },
		);
	});
	await ctx.check(
		'HubSpot, answer after the run: a platform retry (attemptNumber 1) runs again (at-least-once)',
		async () => {
			const retry = JSON.stringify([{ ...event, attemptNumber: 1 }]);
			await expectDelivery(
				ctx,
				'hubspot-last-node',
				{ body: retry, options: { headers: hubspotV3(url, retry, Date.now()) } },
				{ status: 200, executions: 1, items: 1 },
			);
		},
	);
}

async function hubspotContactChecks(ctx: ScenarioContext): Promise<void> {
	const url = ctx.webhookUrl(hookPath('hubspot-contact'));
	await ctx.check(
		'HubSpot: "fetch the full contact" adds the contact read from HubSpot (sandbox)',
		async () => {
			const email = `trigger-${RUN}@example.com`;
			const [id] = await ctx.sandbox.seedHubspotContacts([
				{ properties: { email, firstname: 'Ada', lifecyclestage: 'lead' } },
			]);
			ctx.assert.ok(id, 'sandbox returned a contact id');
			const body = JSON.stringify([hubspotEvent({ objectId: Number(id) })]);
			const { items } = await expectDelivery(
				ctx,
				'hubspot-contact',
				{ body, options: { headers: hubspotV3(url, body, Date.now()) } },
				{
					status: 200,
					executions: 1,
					items: 1,
				},
			);
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
	const url = ctx.webhookUrl(hookPath('hubspot-managed'));
	const app = async () => {
		const state = await ctx.sandbox.hubspotWebhooks();
		return { settings: state.settings[SANDBOX_APP_ID], subscriptions: state.subscriptions[SANDBOX_APP_ID] };
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

	const body = JSON.stringify([
		hubspotEvent({
			subscriptionType: 'contact.propertyChange',
			propertyName: 'email',
			propertyValue: 'a@b.c',
		}),
	]);
	await ctx.check(
		'HubSpot app with developer key: a delivery signed for the registered URL starts one execution',
		async () => {
			const registered = (await app()).settings?.targetUrl ?? '';
			await expectDelivery(
				ctx,
				'hubspot-managed',
				{ body, options: { headers: hubspotV3(registered, body, Date.now()), registrationWaitMs: 60_000 } },
				{ status: 200, executions: 1, items: 1 },
			);
		},
	);

	await ctx.check(
		'HubSpot app with developer key: deactivating the workflow removes its subscriptions and the target URL',
		async () => {
			await ctx.n8n.deactivateWorkflow(workflowId('hubspot-managed'));
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
			const response = await ctx.webhook(hookPath('hubspot-managed'), body, {
				headers: hubspotV3(url, body, Date.now()),
				registrationWaitMs: 0,
			});
			ctx.assert.status(response, 404, 'the production URL after deactivation');
		},
	);
}

async function linkedinChecks(ctx: ScenarioContext): Promise<void> {
	const path = hookPath('linkedin');
	await ctx.check('LinkedIn: the challengeCode GET is answered with the HMAC, nothing starts', async () => {
		const before = await ctx.countExecutions(workflowId('linkedin'));
		const code = `e2e-${RUN}-challenge`;
		const response = await ctx.webhook(path, undefined, {
			method: 'GET',
			query: `challengeCode=${code}&applicationId=77`,
		});
		ctx.assert.status(response, 200);
		const expected = createHmac('sha256', LINKEDIN_SECRET).update(code).digest('hex');
		ctx.assert.deepEqual(response.json, { challengeCode: code, challengeResponse: expected });
		await sleep(700);
		ctx.assert.equal(await ctx.countExecutions(workflowId('linkedin')), before, 'executions');
	});

	await ctx.check('LinkedIn: a challenge without a code gets 400', async () => {
		const response = await ctx.webhook(path, undefined, { method: 'GET' });
		ctx.assert.status(response, 400);
	});

	const notification = JSON.stringify({
		type: 'LEAD_ACTION',
		leadGenFormResponse: `urn:li:leadGenFormResponse:e2e-${RUN}`,
		leadGenForm: 'urn:li:leadGenForm:77',
		leadType: 'SPONSORED',
		leadAction: 'CREATED',
		occurredAt: Date.now(),
	});
	await ctx.check(
		'LinkedIn: a signed lead notification starts one execution with a lead.created item',
		async () => {
			const { items } = await expectDelivery(
				ctx,
				'linkedin',
				{ body: notification, options: { headers: linkedinSignature(notification) } },
				{
					status: 200,
					executions: 1,
					items: 1,
				},
			);
			ctx.assert.equal((items[0] as { type: string }).type, 'lead.created');
		},
	);
	await ctx.check(
		'LinkedIn: the same notification again is acknowledged as a duplicate, nothing starts',
		async () => {
			await expectDelivery(
				ctx,
				'linkedin',
				{ body: notification, options: { headers: linkedinSignature(notification) } },
				{ status: 200, executions: 0 },
			);
		},
	);
	await ctx.check('LinkedIn: a forged X-LI-Signature gets 401, nothing starts', async () => {
		await expectDelivery(
			ctx,
			'linkedin',
			{ body: notification, options: { headers: linkedinSignature(notification, 'wrong') } },
			{
				status: 401,
				executions: 0,
				error: 'signature mismatch',
			},
		);
	});
}

async function apolloChecks(ctx: ScenarioContext): Promise<void> {
	const body = JSON.stringify({
		request_id: `req-${RUN}`,
		person: { id: `p-${RUN}`, phone_numbers: [{ raw_number: '+1 555 0100' }] },
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
				'apollo',
				{ body, options: options(`token=${APOLLO_TOKEN}`) },
				{ status: 200, executions: 1, items: 1 },
			);
			ctx.assert.equal((items[0] as { type: string }).type, 'enrichment.completed');
		},
	);
	await ctx.check('Apollo: a wrong token gets 401, nothing starts', async () => {
		await expectDelivery(
			ctx,
			'apollo',
			{ body, options: options(`token=${APOLLO_TOKEN}x`) },
			{ status: 401, executions: 0, error: 'token mismatch' },
		);
	});
	await ctx.check('Apollo: no token gets 401, nothing starts', async () => {
		await expectDelivery(
			ctx,
			'apollo',
			{ body, options: options() },
			{ status: 401, executions: 0, error: 'missing token' },
		);
	});
}

async function genericChecks(ctx: ScenarioContext): Promise<void> {
	const body = JSON.stringify({ id: `evt-${RUN}`, type: 'contact.updated', name: 'Zoë' });
	const now = Math.floor(Date.now() / 1000);
	const headers = genericSignature(body, now);
	await ctx.check(
		'Generic HMAC: a signed request starts one execution with the configured id and type',
		async () => {
			const { items } = await expectDelivery(
				ctx,
				'generic',
				{ body, options: { headers } },
				{ status: 200, executions: 1, items: 1 },
			);
			ctx.assert.equal((items[0] as { eventId: string }).eventId, `evt-${RUN}`);
			ctx.assert.equal((items[0] as { rawType: string }).rawType, 'contact.updated');
		},
	);
	await ctx.check('Generic HMAC: the same signed request again is a replay (401)', async () => {
		await expectDelivery(
			ctx,
			'generic',
			{ body, options: { headers } },
			{ status: 401, executions: 0, error: 'replayed request' },
		);
	});
	await ctx.check('Generic HMAC: a stale timestamp gets 401', async () => {
		await expectDelivery(
			ctx,
			'generic',
			{ body, options: { headers: genericSignature(body, now - 600) } },
			{ status: 401, executions: 0, error: 'stale timestamp' },
		);
	});
	await ctx.check('Generic HMAC: a forged signature gets 401', async () => {
		await expectDelivery(
			ctx,
			'generic',
			{ body, options: { headers: genericSignature(body, now, 'wrong') } },
			{ status: 401, executions: 0, error: 'signature mismatch' },
		);
	});
}

const scenario: Scenario = {
	name: NAME,
	description:
		'CRM Webhook Trigger: signed deliveries start exactly one execution per delivery; forgeries start none',
	credentials: (ctx) => {
		const all = FLOWS(ctx).flatMap((flow) => flow.credentials);
		return [...new Map(all.map((c) => [c.id, c])).values()];
	},
	workflows: (ctx) =>
		FLOWS(ctx).map((flow) =>
			chainWorkflow({ id: workflowId(flow.key), name: flow.name, nodes: [triggerNode(ctx, flow)] }),
		),
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
