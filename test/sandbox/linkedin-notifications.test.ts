import { createHmac } from 'node:crypto';
import { linkedIn } from '../helpers/signers';
import {
	ACCOUNT,
	ACCOUNT_OWNER,
	CLIENT_ID,
	CLIENT_SECRET,
	issueToken,
	ORGANIZATION,
	sleep,
	startLinkedIn,
	type LinkedInClient,
} from './linkedin-client';
import { startReceiver, type Receiver } from './linkedin-webhook-receiver';

let client: LinkedInClient;
let receiver: Receiver;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(async () => {
	client.sandbox.reset();
	receiver = await startReceiver(CLIENT_SECRET);
});
afterEach(() => receiver.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function subscribe(extra: Record<string, unknown> = {}, token?: string) {
	return client.li(
		'POST',
		'/rest/leadNotifications',
		{ webhook: receiver.url, owner: { sponsoredAccount: ACCOUNT }, leadType: 'SPONSORED', ...extra },
		token === undefined ? {} : { token },
	);
}

describe('LinkedIn sandbox: lead notification subscriptions', () => {
	it('creates (201, id in x-restli-id), finds by criteria, gets and deletes', async () => {
		const created = await subscribe();
		expect(created.status).toBe(201);
		const id = created.headers.get('x-restli-id');
		expect(id).toBe('1');
		await subscribe({ owner: { organization: ORGANIZATION }, leadType: 'ORGANIZATION_PRODUCT' });
		const found = await client.li(
			'GET',
			`/rest/leadNotifications?q=criteria&owner=${ACCOUNT_OWNER}&leadType=(leadType:SPONSORED)`,
		);
		expect(found.status).toBe(200);
		expect(found.body.elements).toEqual([
			{ id: 1, webhook: receiver.url, owner: { sponsoredAccount: ACCOUNT }, leadType: 'SPONSORED' },
		]);
		expect((await client.li('GET', `/rest/leadNotifications/${id}`)).body.id).toBe(1);
		expect((await client.li('DELETE', `/rest/leadNotifications/${id}`)).status).toBe(204);
		expect((await client.li('GET', `/rest/leadNotifications/${id}`)).status).toBe(404);
		expect((await client.li('DELETE', `/rest/leadNotifications/${id}`)).status).toBe(404);
	});

	it('validates the body: 422 for a bad webhook or lead type, 403/404 for owners out of reach', async () => {
		const bad = await client.li('POST', '/rest/leadNotifications', {
			webhook: 'not a url',
			leadType: 'NOPE',
			owner: { sponsoredAccount: ACCOUNT },
		});
		expect(bad.status).toBe(422);
		expect(bad.body.errorDetails.inputErrors.map((error: any) => error.input.inputPath.fieldPath)).toEqual([
			'/webhook',
			'/leadType',
		]);
		expect((await subscribe({ owner: { sponsoredAccount: 'urn:li:sponsoredAccount:1' } })).status).toBe(404);
		expect((await subscribe({ owner: { organization: 'urn:li:organization:9100002' } })).status).toBe(403);
		expect((await subscribe({ owner: { person: 'urn:li:person:x' } })).status).toBe(400);
		client.sandbox.configure({ linkedin: { webhooks: { requireHttps: true } } });
		const plain = await subscribe();
		expect(plain.status).toBe(422);
		expect(plain.body.message).toContain('HTTPS');
	});

	it('needs r_marketing_leadgen_automation', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'w_member_social'] });
		const response = await subscribe({}, token);
		expect(response.status).toBe(403);
		expect(response.body.message).toContain('Lead Sync API');
	});
});

describe('LinkedIn sandbox: lead notification deliveries', () => {
	it('validates the endpoint with a challengeCode, then POSTs a notification signed with the client secret', async () => {
		await subscribe();
		const submitted = await client.control('POST', '/leads', {
			formId: 7001,
			answers: { email: 'ada@example.com' },
		});
		expect(submitted.status).toBe(201);
		expect(submitted.body.deliveries).toEqual([
			expect.objectContaining({ subscriptionId: 1, outcome: 'delivered', status: 200 }),
		]);

		const [challenge] = receiver.challenges();
		const code = challenge.url.searchParams.get('challengeCode') ?? '';
		expect(code).toMatch(UUID);
		expect(challenge.url.searchParams.get('applicationId')).toBe(CLIENT_ID);
		expect(challenge.url.searchParams.get('workflow')).toBe('1');

		const [delivery] = receiver.posts();
		expect(receiver.received.indexOf(delivery)).toBeGreaterThan(receiver.received.indexOf(challenge));
		expect(delivery.headers['content-type']).toBe('application/json');
		const expected = linkedIn(CLIENT_SECRET, delivery.rawBody)['X-LI-Signature'];
		expect(delivery.headers['x-li-signature']).toBe(expected);
		const mac = createHmac('sha256', CLIENT_SECRET).update(`hmacsha256=${delivery.rawBody}`).digest('hex');
		expect(delivery.headers['x-li-signature']).toBe(`hmacsha256=${mac}`);

		const notification = JSON.parse(delivery.rawBody);
		expect(notification).toEqual({
			type: 'LEAD_ACTION',
			leadGenFormResponse: submitted.body.urn,
			leadGenForm: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7001,1)',
			owner: { sponsoredAccount: ACCOUNT },
			associatedEntity: { associatedCreative: expect.stringMatching(/^urn:li:sponsoredCreative:/) },
			leadType: 'SPONSORED',
			leadAction: 'CREATED',
			occurredAt: expect.any(Number),
		});
		const lead = await client.li(
			'GET',
			`/rest/leadFormResponses/${encodeURIComponent(notification.leadGenFormResponse)}`,
		);
		expect(lead.status).toBe(200);
		expect(lead.body.formResponse.answers).toContainEqual({
			questionId: 3,
			answerDetails: { textQuestionAnswer: { answer: 'ada@example.com' } },
		});
	});

	it('does not validate again within two hours, and does again once that has passed', async () => {
		await subscribe();
		await client.control('POST', '/leads', {});
		await client.control('POST', '/leads', { testLead: true });
		expect(receiver.challenges()).toHaveLength(1);
		expect(receiver.posts()).toHaveLength(2);
		client.sandbox.configure({ linkedin: { webhooks: { revalidateMs: 50 } } });
		await sleep(80);
		await client.control('POST', '/leads', {});
		expect(receiver.challenges()).toHaveLength(2);
	});

	it('sends nothing to an endpoint that answers the challenge wrongly, and blocks it after three failures', async () => {
		await subscribe();
		for (const mode of ['wrong-mac', 'wrong-code', 'error'] as const) {
			receiver.challengeMode = mode;
			const { body } = await client.control('POST', '/leads', {});
			expect(body.deliveries).toEqual([
				expect.objectContaining({ outcome: 'unvalidated', error: expect.any(String) }),
			]);
		}
		expect(receiver.posts()).toHaveLength(0);
		receiver.challengeMode = 'right';
		const blocked = await client.control('POST', '/leads', {});
		expect(blocked.body.deliveries[0].outcome).toBe('blocked');
		expect(receiver.challenges()).toHaveLength(3);
		const state = await client.control('GET', '/notifications');
		expect(state.body.subscriptions[0]).toMatchObject({ failures: 3, blocked: true, validatedAt: null });
		expect(state.body.deliveries.map((delivery: any) => delivery.outcome)).toEqual([
			'unvalidated',
			'unvalidated',
			'unvalidated',
			'blocked',
		]);
	});

	it('notifies only subscriptions of the lead’s owner, lead type and (when set) form', async () => {
		await subscribe({ owner: { organization: ORGANIZATION }, leadType: 'ORGANIZATION_PRODUCT' });
		await subscribe({ versionedForm: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7002,2)' });
		const toDemo = await client.control('POST', '/leads', { formId: 7001 });
		expect(toDemo.body.deliveries).toEqual([]);
		const toWhitepaper = await client.control('POST', '/leads', { formId: 7002 });
		expect(toWhitepaper.body.deliveries.map((delivery: any) => delivery.subscriptionId)).toEqual([2]);
		const toOrg = await client.control('POST', '/leads', { formId: 7003 });
		expect(toOrg.body.deliveries.map((delivery: any) => delivery.subscriptionId)).toEqual([1]);
	});

	it('notifies test leads too, marks them in the stored response, and stores without notifying on request', async () => {
		await subscribe();
		const test = await client.control('POST', '/leads', { testLead: true });
		expect(test.body.testLead).toBe(true);
		expect(receiver.posts()).toHaveLength(1);
		expect((await client.li('GET', `/rest/leadFormResponses/${test.body.id}`)).body.testLead).toBe(true);
		await client.control('POST', '/leads', { notify: false });
		expect(receiver.posts()).toHaveLength(1);
	});

	it('repeats a notification on request, byte for byte, as LinkedIn may', async () => {
		await subscribe();
		const { body } = await client.control('POST', '/leads', { duplicates: 2 });
		expect(body.deliveries.map((delivery: any) => delivery.outcome)).toEqual([
			'delivered',
			'delivered',
			'delivered',
		]);
		const posts = receiver.posts();
		expect(posts).toHaveLength(3);
		expect(new Set(posts.map((post) => post.rawBody)).size).toBe(1);
		expect(new Set(posts.map((post) => post.headers['x-li-signature'])).size).toBe(1);
		expect(receiver.challenges()).toHaveLength(1);
		expect((await client.control('POST', '/leads', { duplicates: 11 })).status).toBe(400);
	});

	it('sends a DELETED action when a lead is deleted', async () => {
		await subscribe();
		const { body } = await client.control('POST', '/leads', {});
		const deleted = await client.control('DELETE', `/leads/${body.id}`);
		expect(deleted.status).toBe(200);
		expect(JSON.parse(receiver.posts()[1].rawBody)).toMatchObject({
			leadAction: 'DELETED',
			leadGenFormResponse: body.urn,
		});
		expect((await client.li('GET', `/rest/leadFormResponses/${body.id}`)).status).toBe(404);
		expect((await client.control('DELETE', `/leads/${body.id}`)).status).toBe(404);
	});

	it('records a non-2xx answer as rejected and an unreachable endpoint as failed', async () => {
		await subscribe();
		receiver.postStatus = 401;
		expect((await client.control('POST', '/leads', {})).body.deliveries[0]).toMatchObject({
			outcome: 'rejected',
			status: 401,
		});
		await receiver.close();
		client.sandbox.configure({ linkedin: { webhooks: { revalidateMs: 1 } } });
		await sleep(5);
		const unreachable = await client.control('POST', '/leads', {});
		expect(unreachable.body.deliveries[0].outcome).toBe('unvalidated');
		receiver = await startReceiver(CLIENT_SECRET);
	});

	it('rejects a malformed lead submission', async () => {
		expect((await client.control('POST', '/leads', { formId: 'x' })).status).toBe(400);
		expect((await client.control('POST', '/leads', { formId: 1 })).status).toBe(400);
		expect((await client.control('POST', '/leads', { answers: { email: 1 } })).status).toBe(400);
	});
});
