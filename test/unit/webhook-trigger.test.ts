/**
 * The CRM Webhook Trigger run through n8n-core's real WebhookContext over a real Workflow
 * (test/helpers/n8n-webhook.ts): raw bytes and headers in, a 4xx on the response or items out, with
 * the node description's defaults applied by n8n, not by the code's fallbacks.
 *
 * Key signatures are literal values computed with openssl (command beside each). Where a test needs
 * many variants (a 100-event batch, a retry), test/helpers/signers.ts signs per the documented
 * formula with node:crypto directly: an independent implementation, not the code under test.
 * Attacks and their refusals: webhook-trigger-security.test.ts.
 */
import { crmHubSpotAppApiTest, crmWebhookSecretApiTest } from '../../nodes/CrmWebhookTrigger/credentialTests';
import { publicUrl } from '../../nodes/CrmWebhookTrigger/delivery';
import {
	expectRefused,
	hubspotEvent,
	LI_SECRET,
	PUBLIC,
	SECRET,
	SHARED,
	sign,
	testCredentials,
	trigger,
	TS,
} from '../helpers/n8n-webhook-trigger';

const DOC_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
// printf '%s' "POST${PUBLIC}${DOC_BODY}1700000000000" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
const DOC_V3 = 'Wdupy1gWz5xy/AVoZZ96SzzCsasa9gK6ysn9Xqkj3Ug=';
const DOC_HEADERS = { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': '1700000000000' };

beforeEach(() => {
	jest.spyOn(Date, 'now').mockReturnValue(TS + 30_000);
});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('HubSpot deliveries', () => {
	it("accepts HubSpot's documented example signed with v3 and emits a normalized event", async () => {
		const outcome = await trigger().deliver({ body: DOC_BODY, headers: DOC_HEADERS });
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

	// printf '%s' "${SECRET}${DOC_BODY}" | openssl dgst -sha256   (HubSpot's documented v1 value)
	const v1 = {
		'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
		'X-HubSpot-Signature-Version': 'v1',
	};

	it('accepts the documented v1 signature in auto mode (the version 1 default), and refuses it when v3 is pinned', async () => {
		expect(
			(await trigger({}, { typeVersion: 1 }).deliver({ body: DOC_BODY, headers: v1 })).items,
		).toHaveLength(1);
		expect(
			(await trigger({ signatureVersion: 'auto' }).deliver({ body: DOC_BODY, headers: v1 })).items,
		).toHaveLength(1);
		expect(
			(await trigger({ signatureVersion: 'v1' }).deliver({ body: DOC_BODY, headers: v1 })).items,
		).toHaveLength(1);
		expectRefused(
			await trigger({ signatureVersion: 'v3' }).deliver({ body: DOC_BODY, headers: v1 }),
			401,
			'missing signature header',
		);
	});

	it('defaults to V3 Only from version 1.1, and to Auto on version 1', async () => {
		expect(trigger().resolvedParameters().signatureVersion).toBe('v3');
		expect(trigger({}, { typeVersion: 1 }).resolvedParameters().signatureVersion).toBe('auto');
		// The notice explaining what Auto accepts shows with Auto only.
		expect(trigger({}, { typeVersion: 1 }).resolvedParameters()).toHaveProperty('hubspotAutoNotice');
		expect(trigger().resolvedParameters()).not.toHaveProperty('hubspotAutoNotice');
		expectRefused(await trigger().deliver({ body: DOC_BODY, headers: v1 }), 401, 'missing signature header');
	});

	it('signs the public URL with the raw query string, also behind a proxy with a Public Base URL', async () => {
		// printf '%s' "POST${PUBLIC}?src=a:b${DOC_BODY}1700000000000" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
		const headers = {
			'X-HubSpot-Signature-v3': 'gaEBvPNZt5DxzehOUKXITzHuVBmG5Fi2c8HJwYWfnxA=',
			'X-HubSpot-Request-Timestamp': '1700000000000',
		};
		const request = { body: DOC_BODY, headers, url: '/webhook/abc/webhook?src=a%3Ab' };
		expect((await trigger().deliver(request)).items).toHaveLength(1);
		const behindProxy = { webhookBaseUrl: 'http://localhost:5678/webhook' };
		expect(
			(await trigger({ publicBaseUrl: 'https://n8n.example.com/' }, behindProxy).deliver(request)).items,
		).toHaveLength(1);
		expectRefused(await trigger({}, behindProxy).deliver(request), 401, 'signature mismatch');
	});

	it.each([
		[
			'a forged signature',
			{ ...DOC_HEADERS, 'X-HubSpot-Signature-v3': DOC_V3.replace('W', 'V') },
			DOC_BODY,
			'signature mismatch',
		],
		['a tampered body', DOC_HEADERS, DOC_BODY.replace('123', '124'), 'signature mismatch'],
		[
			'a tampered timestamp',
			{ ...DOC_HEADERS, 'X-HubSpot-Request-Timestamp': '1700000000001' },
			DOC_BODY,
			'signature mismatch',
		],
		['no signature', {}, DOC_BODY, 'missing signature header'],
	])('answers %s with 401 and starts nothing', async (_label, headers, body, reason) => {
		const node = trigger();
		const outcome = await node.deliver({ body, headers });
		expectRefused(outcome, 401, reason);
		expect(node.logger.warn).toHaveBeenCalledWith(expect.stringContaining(reason), expect.anything());
		expect(JSON.stringify(node.logger.warn.mock.calls)).not.toContain(SECRET);
	});

	it('answers a stale request with 401', async () => {
		jest.spyOn(Date, 'now').mockReturnValue(TS + 300_001);
		expectRefused(await trigger().deliver({ body: DOC_BODY, headers: DOC_HEADERS }), 401, 'stale timestamp');
	});

	it('answers a replayed request with 401, also in another process that only shares the saved static data', async () => {
		const node = trigger();
		expect((await node.deliver({ body: DOC_BODY, headers: DOC_HEADERS })).items).toHaveLength(1);
		expectRefused(await node.deliver({ body: DOC_BODY, headers: DOC_HEADERS }), 401, 'replayed request');
		const otherProcess = trigger({}, { staticData: node.staticData });
		expectRefused(
			await otherProcess.deliver({ body: DOC_BODY, headers: DOC_HEADERS }),
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
		expectRefused(await trigger().deliver({ body: 'not json', headers }), 400, 'malformed JSON');
	});

	it('answers a well-formed body HubSpot would never send with 400', async () => {
		const body = '[{"subscriptionType":"contact.creation"}]';
		expectRefused(
			await trigger().deliver({ body, headers: sign(body, TS) }),
			400,
			'Malformed HubSpot delivery: event 0 has no valid occurredAt',
		);
	});

	it('checks the signature before looking at the body', async () => {
		expectRefused(
			await trigger().deliver({ body: 'not json', headers: DOC_HEADERS }),
			401,
			'signature mismatch',
		);
	});

	it('splits a batch of 100 into 100 items', async () => {
		const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => hubspotEvent(i)));
		const outcome = await trigger().deliver({ body, headers: sign(body, TS) });
		expect(outcome.items).toHaveLength(100);
		expect(new Set(outcome.items.map((item) => item.objectId)).size).toBe(100);
	});

	it('drops duplicates inside one delivery', async () => {
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(2), hubspotEvent(1)]);
		expect((await trigger().deliver({ body, headers: sign(body, TS) })).items.map((i) => i.objectId)).toEqual(
			['501', '502'],
		);
	});

	it('acknowledges a HubSpot retry of events already started without starting them again', async () => {
		const node = trigger();
		const first = JSON.stringify([hubspotEvent(1), hubspotEvent(2)]);
		expect((await node.deliver({ body: first, headers: sign(first, TS) })).items).toHaveLength(2);
		const retry = JSON.stringify([hubspotEvent(1, { attemptNumber: 1 }), hubspotEvent(3)]);
		const outcome = await node.deliver({ body: retry, headers: sign(retry, TS + 10_000) });
		expect(outcome.items.map((i) => i.objectId)).toEqual(['503']);
		const third = retry.replace('"attemptNumber":1', '"attemptNumber":2');
		const again = await node.deliver({ body: third, headers: sign(third, TS + 20_000) });
		expect(again.result).toEqual({ webhookResponse: { received: 2, started: 0, ignored: 0, duplicates: 2 } });
		expect(again.status).toBeUndefined();
	});

	it('runs a retry again when it answers after the workflow (at-least-once)', async () => {
		const node = trigger({ responseMode: 'lastNode' });
		const first = JSON.stringify([hubspotEvent(1)]);
		expect((await node.deliver({ body: first, headers: sign(first, TS) })).items).toHaveLength(1);
		const retry = JSON.stringify([hubspotEvent(1, { attemptNumber: 1 })]);
		expect((await node.deliver({ body: retry, headers: sign(retry, TS + 10_000) })).items).toHaveLength(1);
		// The same attempt delivered twice is still a duplicate.
		expect((await node.deliver({ body: retry, headers: sign(retry, TS + 11_000) })).items).toEqual([]);
	});

	it('can be told to keep duplicates', async () => {
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(1)]);
		expect(
			(await trigger({ options: { dropDuplicates: false } }).deliver({ body, headers: sign(body, TS) }))
				.items,
		).toHaveLength(2);
	});

	it('filters by event type and watched property', async () => {
		const body = JSON.stringify([
			hubspotEvent(1, { subscriptionType: 'contact.merge' }),
			hubspotEvent(2, { subscriptionType: 'contact.propertyChange', propertyName: 'phone' }),
			hubspotEvent(3, { subscriptionType: 'contact.propertyChange', propertyName: 'email' }),
		]);
		const outcome = await trigger({ propertyNames: 'email, lifecyclestage' }).deliver({
			body,
			headers: sign(body, TS),
		});
		expect(outcome.items.map((i) => i.type)).toEqual(['contact.updated']);
		const none = await trigger({ hubspotEvents: ['contact.deletion'] }).deliver({
			body,
			headers: sign(body, TS + 1),
		});
		expect(none.result).toEqual({ webhookResponse: { received: 3, started: 0, ignored: 3, duplicates: 0 } });
	});

	it("starts on the description's default events: created, property changed, deleted", async () => {
		const body = JSON.stringify([
			hubspotEvent(1),
			hubspotEvent(2, { subscriptionType: 'contact.propertyChange', propertyName: 'phone' }),
			hubspotEvent(3, { subscriptionType: 'contact.deletion' }),
			hubspotEvent(4, { subscriptionType: 'contact.merge' }),
		]);
		const outcome = await trigger().deliver({ body, headers: sign(body, TS) });
		expect(outcome.items.map((i) => i.rawType)).toEqual([
			'contact.creation',
			'contact.propertyChange',
			'contact.deletion',
		]);
	});

	it('refuses everything when the credential has no client secret', async () => {
		const credentials = { ...testCredentials(), crmHubSpotAppApi: { clientSecret: '' } };
		const body = '[]';
		expectRefused(
			await trigger({}, { credentials }).deliver({ body, headers: sign(body, TS, PUBLIC, '') }),
			401,
			'no secret configured on the receiver',
		);
	});

	it('answers a GET with 405 unless the platform is LinkedIn', async () => {
		expectRefused(
			await trigger().deliver({ method: 'GET', url: '/webhook/abc/webhook?challengeCode=x' }),
			405,
			'GET is only used for LinkedIn validation',
		);
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

describe('LinkedIn', () => {
	const params = { platform: 'linkedin', linkedinEvents: ['lead.created'] };
	const LB =
		'{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:abc-123","leadAction":"CREATED","occurredAt":1700000000000,"leadType":"SPONSORED"}';
	// printf '%s' "hmacsha256=${LB}" | openssl dgst -sha256 -hmac 'linkedin-client-secret'
	const SIG = 'hmacsha256=7d1a4034430bdfc52f33a05bdabe268adc2afe1ce5b9e61c0ac2ef4aabdad645';
	const CODE = 'f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f';

	it('answers the validation challenge with 200 JSON and starts nothing', async () => {
		const outcome = await trigger(params).deliver({
			method: 'GET',
			url: `/webhook/abc/webhook?challengeCode=${CODE}&applicationId=77`,
		});
		// printf '%s' 'f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f' | openssl dgst -sha256 -hmac 'linkedin-client-secret'
		expect(outcome.result).toEqual({
			webhookResponse: {
				challengeCode: CODE,
				challengeResponse: 'c3186e8ccea5cfbb484f753a23523c37be92d8a4f463158cd9423b39de6cf7fe',
			},
		});
		expect(outcome.status).toBeUndefined();
		expect(JSON.stringify(outcome)).not.toContain(LI_SECRET);
	});

	it('answers a challenge without a code with 400', async () => {
		expectRefused(await trigger(params).deliver({ method: 'GET' }), 400, 'missing challengeCode');
	});

	it('starts one item for a signed lead notification and refuses a forged one', async () => {
		const outcome = await trigger(params).deliver({ body: LB, headers: { 'X-LI-Signature': SIG } });
		expect(outcome.items).toEqual([
			expect.objectContaining({
				platform: 'linkedin',
				type: 'lead.created',
				objectId: 'urn:li:leadGenFormResponse:abc-123',
			}),
		]);
		expectRefused(
			await trigger(params).deliver({
				body: LB.replace('SPONSORED', 'EVENT'),
				headers: { 'X-LI-Signature': SIG },
			}),
			401,
			'signature mismatch',
		);
	});

	it('drops a repeated notification and filtered actions', async () => {
		const node = trigger(params);
		expect((await node.deliver({ body: LB, headers: { 'X-LI-Signature': SIG } })).items).toHaveLength(1);
		const repeat = await node.deliver({ body: LB, headers: { 'X-LI-Signature': SIG } });
		expect(repeat.result).toEqual({
			webhookResponse: { received: 1, started: 0, ignored: 0, duplicates: 1 },
		});
		const filtered = await trigger({ ...params, linkedinEvents: ['lead.deleted'] }).deliver({
			body: LB,
			headers: { 'X-LI-Signature': SIG },
		});
		expect(filtered.result).toEqual({
			webhookResponse: { received: 1, started: 0, ignored: 1, duplicates: 0 },
		});
	});
});

describe('Apollo', () => {
	const params = { platform: 'apollo' };
	const body = '{"request_id":"req-9","person":{"id":"p9","phone_numbers":[{"raw_number":"+1 555 0100"}]}}';
	const at = (query: string) => `/webhook/abc/webhook${query}`;

	it('starts one item when the URL token matches (parameter "token" by default)', async () => {
		const outcome = await trigger(params).deliver({ body, url: at(`?token=${SHARED}`) });
		expect(outcome.items).toEqual([
			expect.objectContaining({
				platform: 'apollo',
				type: 'enrichment.completed',
				eventId: 'req-9#p9',
				objectId: 'p9',
			}),
		]);
		const renamed = trigger({ ...params, urlParameterName: 'key' });
		expect((await renamed.deliver({ body, url: at(`?key=${SHARED}`) })).items).toHaveLength(1);
	});

	it.each([
		['a wrong token', `?token=${SHARED}x`, 'token mismatch'],
		['no token', '', 'missing token'],
		['the token under another name', `?secret=${SHARED}`, 'missing token'],
	])('answers %s with 401', async (_label, query, reason) => {
		expectRefused(await trigger(params).deliver({ body, url: at(query) }), 401, reason);
	});

	it('answers malformed JSON with 400 once the token matched', async () => {
		const url = at(`?token=${SHARED}`);
		expectRefused(await trigger(params).deliver({ body: '{"request_id":', url }), 400, 'malformed JSON');
		expectRefused(await trigger(params).deliver({ body: '', url }), 400, 'malformed JSON: empty body');
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
		const outcome = await trigger(params).deliver({ body: GB, headers });
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
		const node = trigger(params);
		expect((await node.deliver({ body: GB, headers })).items).toHaveLength(1);
		expectRefused(await node.deliver({ body: GB, headers }), 401, 'replayed request');
		expectRefused(
			await trigger(params).deliver({
				body: GB,
				headers: { ...headers, 'X-Sig': headers['X-Sig'].slice(3) },
			}),
			401,
			'malformed signature',
		);
		jest.spyOn(Date, 'now').mockReturnValue(TS + 301_000);
		expectRefused(await trigger(params).deliver({ body: GB, headers }), 401, 'stale timestamp');
	});

	it('verifies a body-only signature with the description defaults (X-Signature, SHA-256, hex)', async () => {
		// printf '%s' "${GB}" | openssl dgst -sha256 -hmac 'generic-secret-0123456789'
		const outcome = await trigger({ platform: 'generic' }).deliver({
			body: GB,
			headers: { 'X-Signature': 'f530b5c486193865cb8f941c84262748e6b4a3011a54df41efb007e218ff09e7' },
		});
		expect(outcome.items).toEqual([expect.objectContaining({ platform: 'generic', rawType: 'webhook' })]);
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
