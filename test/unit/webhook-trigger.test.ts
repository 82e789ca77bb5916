/**
 * The CRM Webhook Trigger driven through its real `webhook()` and `webhookMethods` with fake n8n
 * contexts: raw bytes and headers in, a 4xx on the response object or items out.
 *
 * Key signatures are literal values computed with openssl (command beside each). Where a test needs
 * many variants (a 100-event batch, a retry), `sign` below re-implements the documented v3 formula
 * with node:crypto directly: an independent implementation of the spec, not the code under test.
 */
import { createHmac } from 'node:crypto';
import { sleep, type IHookFunctions, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { CrmWebhookTrigger } from '../../nodes/CrmWebhookTrigger/CrmWebhookTrigger.node';
import { withContacts } from '../../nodes/CrmWebhookTrigger/contacts';
import { publicUrl } from '../../nodes/CrmWebhookTrigger/delivery';
import { crmHubSpotAppApiTest, crmWebhookSecretApiTest } from '../../nodes/CrmWebhookTrigger/credentialTests';
import type { Clock } from '../../src/core/http';
import { n8nClock } from '../../src/n8n/clock';
import type { WebhookEvent } from '../../src/core/models';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const LI_SECRET = 'linkedin-client-secret';
const SHARED = 'generic-secret-0123456789';
const PUBLIC = 'https://n8n.example.com/webhook/abc/webhook';
const TS = 1_700_000_000_000;
const DOC_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
// printf '%s' "POST${PUBLIC}${DOC_BODY}1700000000000" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
const DOC_V3 = 'Wdupy1gWz5xy/AVoZZ96SzzCsasa9gK6ysn9Xqkj3Ug=';

let workflowSeq = 0;

interface Call {
	params?: Record<string, unknown>;
	headers?: Record<string, string>;
	body?: string;
	method?: string;
	/** Request line as n8n sees it (path + raw query). */
	originalUrl?: string;
	query?: Record<string, string>;
	webhookName?: 'default' | 'setup';
	servedUrl?: string;
	staticData?: Record<string, unknown>;
	workflowId?: string;
	http?: (options: { method: string; url: string; qs?: Record<string, string>; body?: unknown }) => {
		statusCode: number;
		body?: unknown;
	};
}

interface Outcome {
	result: IWebhookResponseData;
	status?: number;
	error?: unknown;
	items: Array<Record<string, unknown>>;
	warn: jest.Mock;
}

const CREDENTIALS: Record<string, Record<string, string>> = {
	crmHubSpotAppApi: { clientSecret: SECRET },
	crmLinkedInOAuth2Api: { clientSecret: LI_SECRET },
	crmWebhookSecretApi: { secret: SHARED },
	crmHubSpotAppTokenApi: { accessToken: 'pat-token', baseUrl: 'https://api.hubapi.com' },
};

async function deliver(call: Call): Promise<Outcome> {
	const response: {
		statusCode?: number;
		payload?: unknown;
		status(code: number): typeof response;
		json(body: unknown): typeof response;
	} = {
		status(code) {
			this.statusCode = code;
			return this;
		},
		json(body) {
			this.payload = body;
			return this;
		},
	};
	const warn = jest.fn();
	const params: Record<string, unknown> = {
		platform: 'hubspot',
		responseMode: 'onReceived',
		hubspotEvents: ['contact.creation', 'contact.propertyChange', 'contact.deletion'],
		...call.params,
	};
	const staticData = call.staticData ?? {};
	const workflowId = call.workflowId ?? `wf-${++workflowSeq}`;
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getWebhookName: () => call.webhookName ?? 'default',
		getRequestObject: () => ({
			rawBody: call.body === undefined ? undefined : Buffer.from(call.body, 'utf8'),
			method: call.method ?? 'POST',
			originalUrl: call.originalUrl ?? '/webhook/abc/webhook',
		}),
		getResponseObject: () => response,
		getHeaderData: () =>
			Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
		getQueryData: () => call.query ?? {},
		getCredentials: async (type: string) => CREDENTIALS[type],
		getWebhookResourceUrl: () => call.servedUrl ?? PUBLIC,
		getNodeWebhookUrl: () => call.servedUrl ?? PUBLIC,
		getNode: () => ({
			id: 'node-1',
			name: 'CRM Webhook Trigger',
			type: 'n8n-nodes-crm-bridge.crmWebhookTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: workflowId, active: true }),
		getWorkflowStaticData: () => staticData,
		logger: { warn, info: jest.fn(), debug: jest.fn(), error: jest.fn() },
		helpers: {
			returnJsonArray: (items: object[]) => items.map((json) => ({ json })),
			httpRequestWithAuthentication: async (
				_type: string,
				options: { method: string; url: string; qs?: Record<string, string> },
			) => {
				if (!call.http) throw new Error('unexpected HTTP call');
				return { headers: { 'content-type': 'application/json' }, ...call.http(options) };
			},
		},
	} as unknown as IWebhookFunctions;
	const result = await new CrmWebhookTrigger().webhook.call(ctx);
	const items = (result.workflowData?.[0] ?? []).map((item) => item.json as Record<string, unknown>);
	return { result, status: response.statusCode, error: response.payload, items, warn };
}

/** HubSpot v3 per its documentation, written independently of src/core/signatures. */
function sign(body: string, timestamp: number, url = PUBLIC, secret = SECRET): Record<string, string> {
	const decoded = url.replace(/%3A/gi, ':').replace(/%2F/gi, '/');
	const signature = createHmac('sha256', secret)
		.update(`POST${decoded}${body}${timestamp}`, 'utf8')
		.digest('base64');
	return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) };
}

function hubspotEvent(i: number, extra: Record<string, unknown> = {}) {
	return {
		eventId: 1000 + i,
		subscriptionId: 7,
		portalId: 62515,
		appId: 54321,
		occurredAt: TS - 1000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 500 + i,
		...extra,
	};
}

const expectRefused = (outcome: Outcome, status: number, reason: string) => {
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.status).toBe(status);
	expect(outcome.error).toEqual({ error: reason });
	expect(outcome.items).toEqual([]);
};

beforeEach(() => {
	jest.spyOn(Date, 'now').mockReturnValue(TS + 30_000);
});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('HubSpot deliveries', () => {
	it("accepts HubSpot's documented example signed with v3 and emits a normalized event", async () => {
		const outcome = await deliver({
			body: DOC_BODY,
			headers: { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' },
		});
		expect(outcome.status).toBeUndefined();
		expect(outcome.items).toEqual([
			{
				platform: 'hubspot',
				type: 'contact.created',
				rawType: 'contact.creation',
				eventId: '1',
				objectId: '123',
				occurredAt: '2019-07-26T04:00:00.000Z',
				attempt: 0,
				verified: true,
				payload: JSON.parse(DOC_BODY)[0],
			},
		]);
	});

	it('accepts the documented v1 signature in auto mode, and refuses it when v3 is pinned', async () => {
		// printf '%s' "${SECRET}${DOC_BODY}" | openssl dgst -sha256   (HubSpot's documented v1 value)
		const v1 = {
			'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
			'X-HubSpot-Signature-Version': 'v1',
		};
		expect((await deliver({ body: DOC_BODY, headers: v1 })).items).toHaveLength(1);
		expectRefused(
			await deliver({ body: DOC_BODY, headers: v1, params: { signatureVersion: 'v3' } }),
			401,
			'missing signature header',
		);
	});

	it('signs the public URL with the raw query string, also behind a proxy with a Public Base URL', async () => {
		// printf '%s' "POST${PUBLIC}?src=a:b${DOC_BODY}1700000000000" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
		const headers = {
			'X-HubSpot-Signature-v3': 'gaEBvPNZt5DxzehOUKXITzHuVBmG5Fi2c8HJwYWfnxA=',
			'X-HubSpot-Request-Timestamp': '1700000000000',
		};
		const request = {
			body: DOC_BODY,
			headers,
			originalUrl: '/webhook/abc/webhook?src=a%3Ab',
			query: { src: 'a:b' },
		};
		expect((await deliver(request)).items).toHaveLength(1);
		const proxied = {
			...request,
			servedUrl: 'http://localhost:5678/webhook/abc/webhook',
			params: { publicBaseUrl: 'https://n8n.example.com/' },
		};
		expect((await deliver(proxied)).items).toHaveLength(1);
		expectRefused(
			await deliver({ ...request, servedUrl: 'http://localhost:5678/webhook/abc/webhook' }),
			401,
			'signature mismatch',
		);
	});

	it.each([
		[
			'a forged signature',
			{ 'X-HubSpot-Signature-v3': DOC_V3.replace('W', 'V'), 'X-HubSpot-Request-Timestamp': '1700000000000' },
			DOC_BODY,
			'signature mismatch',
		],
		[
			'a tampered body',
			{ 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' },
			DOC_BODY.replace('123', '124'),
			'signature mismatch',
		],
		[
			'a tampered timestamp',
			{ 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000001' },
			DOC_BODY,
			'signature mismatch',
		],
		['no signature', {}, DOC_BODY, 'missing signature header'],
	])('answers %s with 401 and starts nothing', async (_label, headers, body, reason) => {
		const outcome = await deliver({ body, headers });
		expectRefused(outcome, 401, reason);
		expect(outcome.warn).toHaveBeenCalledWith(expect.stringContaining(reason), expect.anything());
		expect(JSON.stringify(outcome.warn.mock.calls)).not.toContain(SECRET);
	});

	it('answers a stale request with 401', async () => {
		jest.spyOn(Date, 'now').mockReturnValue(TS + 300_001);
		expectRefused(
			await deliver({
				body: DOC_BODY,
				headers: { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' },
			}),
			401,
			'stale timestamp',
		);
	});

	it('answers a replayed request with 401, also after the stored state round-trips through JSON', async () => {
		const headers = { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' };
		const staticData: Record<string, unknown> = {};
		expect(
			(await deliver({ body: DOC_BODY, headers, staticData, workflowId: 'replay-1' })).items,
		).toHaveLength(1);
		expectRefused(
			await deliver({ body: DOC_BODY, headers, staticData, workflowId: 'replay-1' }),
			401,
			'replayed request',
		);
		// Another process: only the persisted static data is shared.
		const persisted = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
		expectRefused(
			await deliver({ body: DOC_BODY, headers, staticData: persisted, workflowId: 'replay-1-other-process' }),
			401,
			'replayed request',
		);
	});

	it('answers malformed JSON with 400 and starts nothing', async () => {
		// printf '%s' "POST${PUBLIC}not json1700000000000" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
		const headers = {
			'X-HubSpot-Signature-v3': 'muWZ0MWK1ahc0lZjmFgjui28hi9OlfbVatszUGnq1yo=',
			'X-HubSpot-Request-Timestamp': '1700000000000',
		};
		expectRefused(await deliver({ body: 'not json', headers }), 400, 'malformed JSON');
	});

	it('answers a well-formed body HubSpot would never send with 400', async () => {
		const body = '[{"subscriptionType":"contact.creation"}]';
		expectRefused(
			await deliver({ body, headers: sign(body, TS) }),
			400,
			'Malformed HubSpot delivery: event 0 has no valid occurredAt',
		);
	});

	it('checks the signature before looking at the body', async () => {
		expectRefused(
			await deliver({
				body: 'not json',
				headers: { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' },
			}),
			401,
			'signature mismatch',
		);
	});

	it('splits a batch of 100 into 100 items', async () => {
		const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => hubspotEvent(i)));
		const outcome = await deliver({ body, headers: sign(body, TS) });
		expect(outcome.items).toHaveLength(100);
		expect(new Set(outcome.items.map((item) => item.objectId)).size).toBe(100);
	});

	it('drops duplicates inside one delivery', async () => {
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(2), hubspotEvent(1)]);
		expect((await deliver({ body, headers: sign(body, TS) })).items.map((i) => i.objectId)).toEqual([
			'501',
			'502',
		]);
	});

	it('acknowledges a HubSpot retry of events already started without starting them again', async () => {
		const staticData: Record<string, unknown> = {};
		const first = JSON.stringify([hubspotEvent(1), hubspotEvent(2)]);
		expect(
			(await deliver({ body: first, headers: sign(first, TS), staticData, workflowId: 'retry-1' })).items,
		).toHaveLength(2);
		const retry = JSON.stringify([hubspotEvent(1, { attemptNumber: 1 }), hubspotEvent(3)]);
		const outcome = await deliver({
			body: retry,
			headers: sign(retry, TS + 10_000),
			staticData,
			workflowId: 'retry-1',
		});
		expect(outcome.items.map((i) => i.objectId)).toEqual(['503']);
		const again = await deliver({
			body: retry.replace('"attemptNumber":1', '"attemptNumber":2'),
			headers: sign(retry.replace('"attemptNumber":1', '"attemptNumber":2'), TS + 20_000),
			staticData,
			workflowId: 'retry-1',
		});
		expect(again.result).toEqual({ webhookResponse: { received: 2, started: 0, ignored: 0, duplicates: 2 } });
		expect(again.status).toBeUndefined();
	});

	it('runs a retry again when it answers after the workflow (at-least-once)', async () => {
		const staticData: Record<string, unknown> = {};
		const params = { responseMode: 'lastNode' };
		const first = JSON.stringify([hubspotEvent(1)]);
		expect(
			(await deliver({ body: first, headers: sign(first, TS), staticData, params, workflowId: 'retry-2' }))
				.items,
		).toHaveLength(1);
		const retry = JSON.stringify([hubspotEvent(1, { attemptNumber: 1 })]);
		expect(
			(
				await deliver({
					body: retry,
					headers: sign(retry, TS + 10_000),
					staticData,
					params,
					workflowId: 'retry-2',
				})
			).items,
		).toHaveLength(1);
		// The same attempt delivered twice is still a duplicate.
		const dup = await deliver({
			body: retry,
			headers: sign(retry, TS + 11_000),
			staticData,
			params,
			workflowId: 'retry-2',
		});
		expect(dup.items).toEqual([]);
	});

	it('can be told to keep duplicates', async () => {
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(1)]);
		expect(
			(await deliver({ body, headers: sign(body, TS), params: { options: { dropDuplicates: false } } }))
				.items,
		).toHaveLength(2);
	});

	it('filters by event type and watched property', async () => {
		const body = JSON.stringify([
			hubspotEvent(1, { subscriptionType: 'contact.merge' }),
			hubspotEvent(2, { subscriptionType: 'contact.propertyChange', propertyName: 'phone' }),
			hubspotEvent(3, { subscriptionType: 'contact.propertyChange', propertyName: 'email' }),
		]);
		const outcome = await deliver({
			body,
			headers: sign(body, TS),
			params: { propertyNames: 'email, lifecyclestage' },
		});
		expect(outcome.items.map((i) => i.type)).toEqual(['contact.updated']);
		const none = await deliver({
			body,
			headers: sign(body, TS + 1),
			params: { hubspotEvents: ['contact.deletion'] },
		});
		expect(none.result).toEqual({ webhookResponse: { received: 3, started: 0, ignored: 3, duplicates: 0 } });
	});

	it('refuses everything when the credential has no client secret', async () => {
		CREDENTIALS.crmHubSpotAppApi = { clientSecret: '' };
		try {
			const body = '[]';
			expectRefused(
				await deliver({ body, headers: sign(body, TS, PUBLIC, '') }),
				401,
				'no secret configured on the receiver',
			);
		} finally {
			CREDENTIALS.crmHubSpotAppApi = { clientSecret: SECRET };
		}
	});

	it('answers a GET with 405 unless the platform is LinkedIn', async () => {
		expectRefused(
			await deliver({ webhookName: 'setup', method: 'GET', query: { challengeCode: 'x' } }),
			405,
			'GET is only used for LinkedIn validation',
		);
	});

	it('adds the full contact when asked, read through the HubSpot provider', async () => {
		// The read answers at once; keep the 3-second budget timer from outliving the test.
		jest.spyOn(n8nClock, 'sleep').mockImplementation(async () => await new Promise<void>(() => undefined));
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(2, { subscriptionType: 'contact.deletion' })]);
		const requests: string[] = [];
		const outcome = await deliver({
			body,
			headers: sign(body, TS),
			params: {
				fetchContact: true,
				hubspotApiAuthentication: 'appToken',
				contactProperties: 'lifecyclestage',
			},
			http: ({ method, url, body: sent }) => {
				requests.push(`${method} ${url} ${JSON.stringify(sent)}`);
				return {
					statusCode: 200,
					body: {
						status: 'COMPLETE',
						results: [
							{ id: '501', properties: { email: 'ada@example.com', firstname: 'Ada', lifecyclestage: 'lead' } },
						],
					},
				};
			},
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatch(
			/^POST https:\/\/api\.hubapi\.com\/crm\/v3\/objects\/contacts\/batch\/read .*"inputs":\[\{"id":"501"\}\].*lifecyclestage/,
		);
		expect(outcome.items[0]).toMatchObject({
			objectId: '501',
			contact: expect.objectContaining({ email: 'ada@example.com', firstName: 'Ada' }),
		});
		expect(outcome.items[1]).not.toHaveProperty('contact');
		expect(outcome.items[1]).not.toHaveProperty('contactError');
	});
});

describe('publicUrl', () => {
	it.each([
		['http://localhost:5678/webhook/abc/webhook', '', 'http://localhost:5678/webhook/abc/webhook'],
		[
			'http://localhost:5678/webhook/abc/webhook',
			'https://n8n.example.com',
			'https://n8n.example.com/webhook/abc/webhook',
		],
		[
			'http://localhost:5678/webhook-test/abc/webhook',
			'https://n8n.example.com/',
			'https://n8n.example.com/webhook-test/abc/webhook',
		],
		[
			'http://localhost:5678/webhook/abc/webhook',
			'https://example.com/n8n',
			'https://example.com/n8n/webhook/abc/webhook',
		],
	])('%s with base "%s" → %s', (n8nUrl, base, expected) => {
		expect(publicUrl(n8nUrl, base)).toBe(expected);
	});
});

describe('fetching contacts within the answer budget', () => {
	const event = (id: string): WebhookEvent => ({
		platform: 'hubspot',
		type: 'contact.created',
		rawType: 'contact.creation',
		eventId: id,
		objectId: id,
		occurredAt: new Date(TS).toISOString(),
		verified: true,
		payload: {},
	});
	const ctx = {
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
	} as unknown as IWebhookFunctions;

	const contact = (id: string) => ({ id, properties: {}, ids: {} });

	it('reads all contacts of a delivery in one batch call; misses are reported per item', async () => {
		const clock: Clock = { now: () => TS, sleep: async () => await new Promise<void>(() => undefined) };
		const calls: string[][] = [];
		const reader = {
			getContacts: async (ids: string[]) => {
				calls.push(ids);
				return new Map(ids.filter((id) => id !== 'gone').map((id) => [id, contact(id)]));
			},
		};
		const ids = Array.from({ length: 100 }, (_, i) => `c${i}`).concat('gone');
		const items = await withContacts(ctx, ids.map(event), TS, clock, reader);
		expect(calls.map((c) => c.length)).toEqual([100, 1]);
		expect(items[0].contact).toEqual(contact('c0'));
		expect(items[99].contact).toEqual(contact('c99'));
		expect(items[100].contactError).toBe('HubSpot has no contact gone');
		expect(items.map((item) => item.objectId)).toEqual(ids);
	});

	it('reports a slow or failed read on the items instead of failing or waiting', async () => {
		// The budget timer fires after every pending promise callback, like a real one: a read that never answers loses the race.
		const clock: Clock = { now: () => TS, sleep: async () => await sleep(0) };
		const slow = { getContacts: async () => await new Promise<never>(() => undefined) };
		const slowItems = await withContacts(ctx, ['a', 'b'].map(event), TS, clock, slow);
		expect(slowItems.map((item) => item.contactError)).toEqual([
			expect.stringMatching(/answer budget/),
			expect.stringMatching(/answer budget/),
		]);

		const failing = {
			getContacts: async () => {
				throw new Error('HubSpot failed with HTTP 503: Service Unavailable');
			},
		};
		const failedItems = await withContacts(ctx, ['a'].map(event), TS, clock, failing);
		expect(failedItems[0].contactError).toBe('HubSpot failed with HTTP 503: Service Unavailable');
	});

	it('starts no read once the budget is spent', async () => {
		const clock: Clock = { now: () => TS + 3_000, sleep: async () => undefined };
		const reader = { getContacts: jest.fn() };
		const items = await withContacts(ctx, ['a'].map(event), TS, clock, reader);
		expect(reader.getContacts).not.toHaveBeenCalled();
		expect(items[0].contactError).toMatch(/answer budget/);
	});
});

describe('LinkedIn', () => {
	const params = { platform: 'linkedin', linkedinEvents: ['lead.created'] };
	const LB =
		'{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:abc-123","leadAction":"CREATED","occurredAt":1700000000000,"leadType":"SPONSORED"}';
	// printf '%s' "hmacsha256=${LB}" | openssl dgst -sha256 -hmac 'linkedin-client-secret'
	const SIG = 'hmacsha256=7d1a4034430bdfc52f33a05bdabe268adc2afe1ce5b9e61c0ac2ef4aabdad645';

	it('answers the validation challenge with 200 JSON and starts nothing', async () => {
		const outcome = await deliver({
			params,
			webhookName: 'setup',
			method: 'GET',
			query: { challengeCode: 'challenge-code-xyz', applicationId: '77' },
		});
		// printf '%s' 'challenge-code-xyz' | openssl dgst -sha256 -hmac 'linkedin-client-secret'
		expect(outcome.result).toEqual({
			webhookResponse: {
				challengeCode: 'challenge-code-xyz',
				challengeResponse: '4c78e02b11ffcc73b9a8eb8f8f831f04b19a582641be6fbdffb85a0404d951cd',
			},
		});
		expect(outcome.status).toBeUndefined();
	});

	it('answers a challenge without a code with 400', async () => {
		expectRefused(
			await deliver({ params, webhookName: 'setup', method: 'GET', query: {} }),
			400,
			'missing challengeCode',
		);
	});

	it('starts one item for a signed lead notification and refuses a forged one', async () => {
		const outcome = await deliver({ params, body: LB, headers: { 'X-LI-Signature': SIG } });
		expect(outcome.items).toEqual([
			expect.objectContaining({
				platform: 'linkedin',
				type: 'lead.created',
				objectId: 'urn:li:leadGenFormResponse:abc-123',
			}),
		]);
		expectRefused(
			await deliver({ params, body: LB.replace('SPONSORED', 'EVENT'), headers: { 'X-LI-Signature': SIG } }),
			401,
			'signature mismatch',
		);
	});

	it('drops a repeated notification and filtered actions', async () => {
		const staticData: Record<string, unknown> = {};
		expect(
			(
				await deliver({
					params,
					body: LB,
					headers: { 'X-LI-Signature': SIG },
					staticData,
					workflowId: 'li-1',
				})
			).items,
		).toHaveLength(1);
		const repeat = await deliver({
			params,
			body: LB,
			headers: { 'X-LI-Signature': SIG },
			staticData,
			workflowId: 'li-1',
		});
		expect(repeat.result).toEqual({
			webhookResponse: { received: 1, started: 0, ignored: 0, duplicates: 1 },
		});
		const filtered = await deliver({
			params: { ...params, linkedinEvents: ['lead.deleted'] },
			body: LB,
			headers: { 'X-LI-Signature': SIG },
		});
		expect(filtered.result).toEqual({
			webhookResponse: { received: 1, started: 0, ignored: 1, duplicates: 0 },
		});
	});
});

describe('Apollo', () => {
	const params = { platform: 'apollo', urlParameterName: 'token' };
	const body = '{"request_id":"req-9","person":{"id":"p9","phone_numbers":[{"raw_number":"+1 555 0100"}]}}';

	it('starts one item when the URL token matches', async () => {
		const outcome = await deliver({ params, body, query: { token: SHARED } });
		expect(outcome.items).toEqual([
			expect.objectContaining({
				platform: 'apollo',
				type: 'enrichment.completed',
				eventId: 'req-9#p9',
				objectId: 'p9',
			}),
		]);
	});

	it.each([
		['a wrong token', { token: SHARED + 'x' }, 'token mismatch'],
		['no token', {}, 'missing token'],
		['the token under another name', { secret: SHARED }, 'missing token'],
	])('answers %s with 401', async (_label, query, reason) => {
		expectRefused(await deliver({ params, body, query }), 401, reason);
	});

	it('answers malformed JSON with 400 once the token matched', async () => {
		expectRefused(
			await deliver({ params, body: '{"request_id":', query: { token: SHARED } }),
			400,
			'malformed JSON',
		);
		expectRefused(
			await deliver({ params, body: '', query: { token: SHARED } }),
			400,
			'malformed JSON: empty body',
		);
	});
});

describe('Generic HMAC', () => {
	const GB = '{"id":"evt_1","type":"contact.updated","name":"Zoë"}';
	const params = {
		platform: 'generic',
		signatureHeader: 'X-Sig',
		algorithm: 'sha256',
		encoding: 'hex',
		signaturePrefix: 'v1=',
		signedContent: 'timestampBody',
		timestampHeader: 'X-Ts',
		separator: '.',
		toleranceSeconds: 300,
		eventIdField: 'id',
		eventTypeField: 'type',
	};
	// printf '%s' "1700000000.${GB}" | openssl dgst -sha256 -hmac 'generic-secret-0123456789'
	const headers = {
		'X-Sig': 'v1=94334519bc53b156c80becd6c117ca727424975a881b71e047ffc6964f97a30a',
		'X-Ts': '1700000000',
	};

	it('starts one item with the configured id and type', async () => {
		const outcome = await deliver({ params, body: GB, headers });
		expect(outcome.items).toEqual([
			expect.objectContaining({
				platform: 'generic',
				type: 'unknown',
				rawType: 'contact.updated',
				eventId: 'evt_1',
			}),
		]);
	});

	it('refuses stale, replayed and unprefixed requests', async () => {
		const staticData: Record<string, unknown> = {};
		expect(
			(await deliver({ params, body: GB, headers, staticData, workflowId: 'gen-1' })).items,
		).toHaveLength(1);
		expectRefused(
			await deliver({ params, body: GB, headers, staticData, workflowId: 'gen-1' }),
			401,
			'replayed request',
		);
		expectRefused(
			await deliver({ params, body: GB, headers: { ...headers, 'X-Sig': headers['X-Sig'].slice(3) } }),
			401,
			'malformed signature',
		);
		jest.spyOn(Date, 'now').mockReturnValue(TS + 301_000);
		expectRefused(await deliver({ params, body: GB, headers }), 401, 'stale timestamp');
	});
});

describe('webhookMethods', () => {
	interface Sub {
		id: number;
		eventType: string;
		propertyName?: string;
		active: boolean;
	}

	/** A HubSpot app's webhook settings and subscriptions, as the v3 API shows them. */
	function hubspotApp(initialTarget?: string, failProperty?: string) {
		const state = {
			targetUrl: initialTarget,
			subs: [] as Sub[],
			nextId: 1,
			calls: [] as string[],
			keys: new Set<string>(),
		};
		const handler = async (
			_type: string,
			options: { method: string; url: string; qs?: Record<string, string>; body?: Record<string, unknown> },
		) => {
			const path = options.url.replace('https://api.hubapi.com', '');
			state.calls.push(`${options.method} ${path}`);
			const reply = (statusCode: number, body?: unknown) => ({
				statusCode,
				headers: { 'content-type': 'application/json' },
				body,
			});
			if (path === '/webhooks/v3/54321/settings') {
				if (options.method === 'GET')
					return state.targetUrl
						? reply(200, { targetUrl: state.targetUrl, throttling: { maxConcurrentRequests: 10 } })
						: reply(404, { message: 'not found' });
				if (options.method === 'PUT') {
					state.targetUrl = options.body?.targetUrl as string;
					return reply(200, options.body);
				}
				if (options.method === 'DELETE') {
					state.targetUrl = undefined;
					return reply(204);
				}
			}
			if (path === '/webhooks/v3/54321/subscriptions') {
				if (options.method === 'GET') return reply(200, { results: state.subs });
				if (failProperty && options.body?.propertyName === failProperty)
					return reply(400, { status: 'error', message: 'Unknown property' });
				const sub = {
					id: state.nextId++,
					eventType: String(options.body?.eventType),
					propertyName: options.body?.propertyName as string | undefined,
					active: options.body?.active === true,
				};
				state.subs.push(sub);
				return reply(201, sub);
			}
			const match = path.match(/^\/webhooks\/v3\/54321\/subscriptions\/(\d+)$/);
			if (match && options.method === 'DELETE') {
				state.subs = state.subs.filter((s) => s.id !== Number(match[1]));
				return reply(204);
			}
			return reply(404, { message: 'unknown route' });
		};
		return { state, handler };
	}

	function hookContext(
		credentials: Record<string, string>,
		handler: ReturnType<typeof hubspotApp>['handler'],
		params: Record<string, unknown> = {},
		staticData: Record<string, unknown> = {},
	) {
		const logger = { info: jest.fn(), warn: jest.fn(), debug: jest.fn(), error: jest.fn() };
		const all: Record<string, unknown> = {
			platform: 'hubspot',
			hubspotEvents: ['contact.creation', 'contact.propertyChange'],
			propertyNames: 'email, lifecyclestage',
			...params,
		};
		const ctx = {
			getNodeParameter: (name: string, fallback?: unknown) => (name in all ? all[name] : fallback),
			getCredentials: async () => credentials,
			getNodeWebhookUrl: () => PUBLIC,
			getNode: () => ({
				id: 'node-1',
				name: 'CRM Webhook Trigger',
				type: 'x',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}),
			getWorkflowStaticData: () => staticData,
			logger,
			helpers: { httpRequestWithAuthentication: handler },
		} as unknown as IHookFunctions;
		return { ctx, logger, staticData };
	}

	const methods = new CrmWebhookTrigger().webhookMethods.default;
	const managed = { clientSecret: SECRET, developerApiKey: 'dev-key', appId: '54321' };

	it('are honest no-ops without a developer API key, and say so in the log', async () => {
		const app = hubspotApp();
		const { ctx, logger } = hookContext({ clientSecret: SECRET }, app.handler);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(app.state.calls).toEqual([]);
		expect(logger.info).toHaveBeenCalled();
	});

	it('register the URL and the chosen subscriptions, then remove exactly those', async () => {
		const app = hubspotApp();
		app.state.subs.push({ id: 99, eventType: 'contact.deletion', active: true });
		const { ctx, staticData } = hookContext(managed, app.handler);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(app.state.targetUrl).toBe(PUBLIC);
		expect(app.state.subs.map((s) => `${s.eventType}:${s.propertyName ?? ''}:${s.active}`)).toEqual([
			'contact.deletion::true',
			'contact.creation::true',
			'contact.propertyChange:email:true',
			'contact.propertyChange:lifecyclestage:true',
		]);
		expect(staticData.hubspotRegistration).toEqual({
			appId: '54321',
			targetUrl: PUBLIC,
			createdIds: ['1', '2', '3'],
		});
		expect(await methods.checkExists.call(ctx)).toBe(true);

		expect(await methods.delete.call(ctx)).toBe(true);
		expect(app.state.subs.map((s) => s.id)).toEqual([99]);
		expect(app.state.targetUrl).toBeUndefined();
		expect(staticData.hubspotRegistration).toBeUndefined();
	});

	it('refuse to take over an app that sends its webhooks elsewhere', async () => {
		const app = hubspotApp('https://other.example.com/hook');
		const { ctx } = hookContext(managed, app.handler);
		await expect(methods.create.call(ctx)).rejects.toThrow(/already sends its webhooks to another URL/);
		expect(app.state.targetUrl).toBe('https://other.example.com/hook');
		expect(app.state.subs).toEqual([]);
	});

	it("move the app on from a URL they registered themselves (n8n's public URL changed since)", async () => {
		const old = 'https://old.example.com/webhook/abc/webhook';
		const app = hubspotApp(old);
		app.state.subs.push({ id: 7, eventType: 'contact.creation', active: true });
		const staticData = { hubspotRegistration: { appId: '54321', targetUrl: old, createdIds: ['7'] } };
		const { ctx } = hookContext(managed, app.handler, {}, staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(app.state.targetUrl).toBe(PUBLIC);
		expect(staticData.hubspotRegistration).toEqual({
			appId: '54321',
			targetUrl: PUBLIC,
			createdIds: ['7', '1', '2'],
		});
	});

	it('undo the subscriptions they created when a later one fails, and report the failure', async () => {
		const app = hubspotApp(undefined, 'lifecyclestage');
		const { ctx, staticData } = hookContext(managed, app.handler);
		await expect(methods.create.call(ctx)).rejects.toThrow(/Unknown property/);
		expect(app.state.subs).toEqual([]);
		expect(app.state.calls.filter((call) => call.startsWith('DELETE'))).toEqual([
			'DELETE /webhooks/v3/54321/subscriptions/1',
			'DELETE /webhooks/v3/54321/subscriptions/2',
		]);
		expect(staticData.hubspotRegistration).toBeUndefined();
	});

	it('refuse property-change subscriptions without a property', async () => {
		const app = hubspotApp();
		const { ctx } = hookContext(managed, app.handler, { propertyNames: '' });
		await expect(methods.create.call(ctx)).rejects.toThrow(/needs a property name/);
		expect(app.state.calls).toEqual([]);
	});

	it('warn when subscriptions they created can no longer be removed', async () => {
		const app = hubspotApp();
		const staticData = { hubspotRegistration: { appId: '54321', targetUrl: PUBLIC, createdIds: ['1'] } };
		const { ctx, logger } = hookContext({ clientSecret: SECRET }, app.handler, {}, staticData);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(logger.warn).toHaveBeenCalledWith(
			expect.stringContaining('remove them in HubSpot'),
			expect.anything(),
		);
	});
});

describe('credential checks', () => {
	const run = (fn: typeof crmHubSpotAppApiTest, data: Record<string, string>) =>
		fn.call({} as never, { id: '1', name: 'c', type: 't', data });

	it('HubSpot app: secret present, key and app ID together', async () => {
		expect((await run(crmHubSpotAppApiTest, { clientSecret: SECRET })).status).toBe('OK');
		expect((await run(crmHubSpotAppApiTest, { clientSecret: '' })).status).toBe('Error');
		expect((await run(crmHubSpotAppApiTest, { clientSecret: SECRET + '\n' })).message).toMatch(/white space/);
		expect((await run(crmHubSpotAppApiTest, { clientSecret: SECRET, developerApiKey: 'k' })).message).toMatch(
			/go together/,
		);
		expect(
			(await run(crmHubSpotAppApiTest, { clientSecret: SECRET, developerApiKey: 'k', appId: 'abc' })).message,
		).toMatch(/number/);
		expect(
			(await run(crmHubSpotAppApiTest, { clientSecret: SECRET, developerApiKey: 'k', appId: '54321' }))
				.status,
		).toBe('OK');
	});

	it('webhook secret: present and long enough', async () => {
		expect((await run(crmWebhookSecretApiTest, { secret: SHARED })).status).toBe('OK');
		expect((await run(crmWebhookSecretApiTest, { secret: 'short' })).status).toBe('Error');
		expect((await run(crmWebhookSecretApiTest, {})).status).toBe('Error');
	});
});
