/**
 * Attacks on the CRM Webhook Trigger and the answers they get, run through n8n-core's real
 * WebhookContext and HookContext. Each of these was accepted (or lost events) before its fix; the
 * real-n8n e2e repeats them against the installed package.
 */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';
import { n8nClock } from '../../src/n8n/clock';
import { HUBSPOT_REFUSALS } from '../../src/providers/hubspot/webhooks';
import { LINKEDIN_REFUSALS } from '../../src/providers/linkedin/webhooks';
import {
	expectRefused,
	hubspotEvent,
	LI_SECRET,
	PUBLIC,
	SECRET,
	SHARED,
	sign,
	trigger,
	TS,
} from '../helpers/n8n-webhook-trigger';
import {
	genericHmac,
	hubspotV1,
	hubspotV3WithV1,
	linkedIn,
	linkedInHeader,
	withoutHubspotV3,
} from '../helpers/signers';

let now = TS;

beforeEach(() => {
	now = TS;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
	nock.disableNetConnect();
});

afterEach(() => {
	jest.restoreAllMocks();
	nock.cleanAll();
	nock.enableNetConnect();
});

const minutes = (count: number) => count * 60_000;

describe('LinkedIn: the challenge answer is no signing oracle', () => {
	const params = { platform: 'linkedin', linkedinEvents: ['lead.created'] };
	const LEAD =
		'{"type":"LEAD_ACTION","leadGenFormResponse":"urn:li:leadGenFormResponse:forged","leadAction":"CREATED","occurredAt":1700000000000}';
	const challenge = (code: string) => `/webhook/abc/webhook?challengeCode=${encodeURIComponent(code)}`;

	it.each([
		['a JSON lead', LEAD],
		['"hmacsha256=" + a JSON lead', `hmacsha256=${LEAD}`],
		['a UUID with extra text', 'f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f{}'],
	])('answers a challenge code that is %s with 400 and no MAC', async (_label, code) => {
		const outcome = await trigger(params).deliver({ method: 'GET', url: challenge(code) });
		expectRefused(outcome, 400, LINKEDIN_REFUSALS.badChallenge);
		expect(JSON.stringify(outcome)).not.toMatch(/[0-9a-f]{64}/);
	});

	it('so the attack (ask for the MAC of a lead, then post the lead with it) starts nothing', async () => {
		const node = trigger(params);
		for (const code of [LEAD, `hmacsha256=${LEAD}`]) {
			const answer = await node.deliver({ method: 'GET', url: challenge(code) });
			const mac = (answer.result.webhookResponse as { challengeResponse?: string } | undefined)
				?.challengeResponse;
			for (const prefixed of [true, false]) {
				const outcome = await node.deliver({ body: LEAD, headers: linkedInHeader(mac ?? '', prefixed) });
				expect(outcome.items).toEqual([]);
				expect(outcome.status).toBe(401);
			}
			expect(mac).toBeUndefined();
		}
		// The genuine signature still works.
		expect((await node.deliver({ body: LEAD, headers: linkedIn(LI_SECRET, LEAD) })).items).toHaveLength(1);
	});

	it('and a MAC obtained from a real (UUID) challenge starts nothing: 401 over a lead, 400 over the UUID itself', async () => {
		const node = trigger(params);
		const code = '0b6f5c1e-8f9a-4d3b-a2c1-7e6d5f4a3b2c';
		const answer = await node.deliver({ method: 'GET', url: challenge(code) });
		const mac = (answer.result.webhookResponse as { challengeResponse: string }).challengeResponse;
		expect(mac).toMatch(/^[0-9a-f]{64}$/);
		expectRefused(
			await node.deliver({ body: LEAD, headers: linkedInHeader(mac) }),
			401,
			'signature mismatch',
		);
		expectRefused(
			await node.deliver({ body: LEAD, headers: linkedInHeader(mac, false) }),
			401,
			'signature mismatch',
		);
		// The MAC does match the UUID as a body, but a UUID is no JSON: nothing can start from it.
		expectRefused(await node.deliver({ body: code, headers: linkedInHeader(mac) }), 400, 'malformed JSON');
	});
});

describe('HubSpot: a captured request with its v3 headers stripped', () => {
	const body = JSON.stringify([hubspotEvent(1)]);
	/** What HubSpot really sends an app: v3 and v1 on the same request. */
	const genuine = () => hubspotV3WithV1(SECRET, { url: PUBLIC, body, timestamp: TS });

	it('is refused in Auto mode once the trigger has seen v3, also after a restart', async () => {
		const node = trigger({ signatureVersion: 'auto' });
		expect((await node.deliver({ body, headers: genuine() })).items).toHaveLength(1);
		// Days later, past the v3 window and the duplicate memory, the attacker strips v3 and replays.
		now = TS + minutes(3 * 24 * 60);
		const stripped = withoutHubspotV3(genuine());
		expectRefused(await node.deliver({ body, headers: stripped }), 401, HUBSPOT_REFUSALS.downgrade);
		const restarted = trigger({ signatureVersion: 'auto' }, { staticData: node.staticData });
		expectRefused(await restarted.deliver({ body, headers: stripped }), 401, HUBSPOT_REFUSALS.downgrade);
	});

	it('is refused in Auto mode when only the v3 signature was removed (its timestamp still there)', async () => {
		const headers = genuine();
		delete headers['X-HubSpot-Signature-v3'];
		now = TS + minutes(10);
		expectRefused(
			await trigger({ signatureVersion: 'auto' }).deliver({ body, headers }),
			401,
			HUBSPOT_REFUSALS.partialV3,
		);
	});

	it('is refused by default from version 1.1 (V3 Only)', async () => {
		now = TS + minutes(10);
		expectRefused(
			await trigger().deliver({ body, headers: withoutHubspotV3(genuine()) }),
			401,
			'missing signature header',
		);
	});

	it('while a v1-only sender still works in V1 Only, and in Auto before any v3 arrived', async () => {
		const v1 = hubspotV1(SECRET, body);
		expect((await trigger({ signatureVersion: 'v1' }).deliver({ body, headers: v1 })).items).toHaveLength(1);
		expect((await trigger({ signatureVersion: 'auto' }).deliver({ body, headers: v1 })).items).toHaveLength(
			1,
		);
		expect((await trigger({}, { typeVersion: 1 }).deliver({ body, headers: v1 })).items).toHaveLength(1);
	});
});

describe('replay keys survive a burst of ordinary events', () => {
	it('refuses a captured v3 request replayed after 1,100 other events inside its window', async () => {
		const node = trigger();
		const captured = JSON.stringify([hubspotEvent(0)]);
		const headers = sign(captured, TS);
		expect((await node.deliver({ body: captured, headers })).items).toHaveLength(1);
		for (let batch = 0; batch < 11; batch++) {
			now = TS + 1_000 + batch * 10_000;
			const events = Array.from({ length: 100 }, (_, i) => hubspotEvent(1 + batch * 100 + i));
			const burst = JSON.stringify(events);
			expect((await node.deliver({ body: burst, headers: sign(burst, now) })).items).toHaveLength(100);
		}
		now = TS + minutes(4);
		expectRefused(await node.deliver({ body: captured, headers }), 401, 'replayed request');
		const otherProcess = trigger({}, { staticData: node.staticData });
		expectRefused(await otherProcess.deliver({ body: captured, headers }), 401, 'replayed request');
	});
});

describe('nothing is remembered before the items are built', () => {
	beforeEach(() => {
		// The reads answer at once; keep the 3-second budget timer from outliving the test.
		jest.spyOn(n8nClock, 'sleep').mockImplementation(async () => await new Promise<void>(() => undefined));
	});

	const body = JSON.stringify([hubspotEvent(1)]);
	const contactRead = () =>
		nock('https://api.hubapi.com')
			.post('/crm/v3/objects/contacts/batch/read')
			.reply(200, { status: 'COMPLETE', results: [{ id: '501', properties: { email: 'ada@example.com' } }] });

	it('starts the workflow on the retry after a credential could not be read', async () => {
		const node = trigger({ fetchContact: true });
		const getDecrypted = node.credentials.getDecrypted.bind(node.credentials);
		jest
			.spyOn(node.credentials, 'getDecrypted')
			.mockImplementationOnce(getDecrypted)
			.mockImplementationOnce(async () => {
				throw new Error('credential could not be decrypted');
			});
		await expect(node.deliver({ body, headers: sign(body, TS) })).rejects.toThrow(/could not be decrypted/);

		contactRead();
		// HubSpot's retry: the same event, attemptNumber + 1, signed afresh.
		now = TS + 60_000;
		const retry = JSON.stringify([hubspotEvent(1, { attemptNumber: 1 })]);
		const outcome = await node.deliver({ body: retry, headers: sign(retry, now) });
		expect(outcome.items).toEqual([expect.objectContaining({ objectId: '501', contact: expect.anything() })]);
	});

	it('accepts the very same signed request again when a parameter failed the first time', async () => {
		const workflowId = 'wf-parameter-fails-first';
		const broken = { fetchContact: true, contactProperties: '={{ $("No Such Node").item.json.x }}' };
		const node = trigger(broken, { workflowId });
		const headers = sign(body, TS);
		await expect(node.deliver({ body, headers })).rejects.toThrow(/Referenced node doesn't exist/);

		// The user fixes the parameter; the same process serves the sender's retry.
		const fixed = trigger({ fetchContact: true }, { workflowId, staticData: node.staticData });
		contactRead();
		expect((await fixed.deliver({ body, headers })).items).toHaveLength(1);
		// Now it was handled: a replay is refused.
		expectRefused(await fixed.deliver({ body, headers }), 401, 'replayed request');
	});
});

describe('Generic HMAC: a timestamp header no signature covers', () => {
	const body = '{"id":"evt_1"}';
	const params = { platform: 'generic', signedContent: 'body', timestampHeader: 'X-Ts' };
	const problem =
		'Generic HMAC set-up: timestamp header is not covered by the signature: sign timestamp + body, or clear the timestamp header';

	it('keeps a version 1 workflow saved with it from activating', async () => {
		const node = trigger(params, { typeVersion: 1 });
		await expect(node.hook('checkExists')).rejects.toThrow(NodeOperationError);
		await expect(node.hook('checkExists')).rejects.toThrow(problem);
		await expect(node.hook('create')).rejects.toThrow(problem);
		// Switching it off always works.
		expect(await node.hook('delete')).toBe(true);
	});

	it('refuses its requests, since anyone can rewrite the timestamp', async () => {
		const headers = { ...genericHmac({ secret: SHARED, body, signed: 'body' }), 'X-Ts': String(TS / 1000) };
		const outcome = await trigger(params, { typeVersion: 1 }).deliver({ body, headers });
		expect(outcome.status).toBe(401);
		expect(outcome.items).toEqual([]);
	});

	it('cannot be set up from version 1.1: the header is only offered for timestamp + body', async () => {
		const node = trigger(params);
		expect(node.resolvedParameters().timestampHeader).toBeUndefined();
		expect(await node.hook('checkExists')).toBe(true);
		const signed = trigger({ ...params, signedContent: 'timestampBody' });
		expect(signed.resolvedParameters().timestampHeader).toBe('X-Ts');
		expect(await signed.hook('create')).toBe(true);
	});
});
