import { CRMWebhookError } from '../../src/core/errors';
import { WebhookEvent } from '../../src/core/models';
import {
	HUBSPOT_REFUSALS,
	hubspotEventType,
	parseHubSpotDelivery,
	verifyHubSpotDelivery,
} from '../../src/providers/hubspot/webhooks';
import {
	answerLinkedInChallenge,
	LINKEDIN_REFUSALS,
	parseLinkedInNotification,
} from '../../src/providers/linkedin/webhooks';
import { parseApolloCallback, verifyApolloCallback } from '../../src/providers/apollo/webhooks';
import { hubspotV3WithV1, withoutHubspotV3 } from '../helpers/signers';

const RECEIVED = Date.UTC(2026, 10, 25, 12, 0, 0);
const options = { verified: true, receivedAt: RECEIVED };

const base = {
	eventId: 100,
	subscriptionId: 12345,
	portalId: 62515,
	appId: 54321,
	occurredAt: 1564113600000,
	attemptNumber: 0,
	objectId: 123,
	changeSource: 'CRM',
};

describe('parseHubSpotDelivery', () => {
	it.each([
		['contact.creation', 'contact.created'],
		['contact.propertyChange', 'contact.updated'],
		['contact.deletion', 'contact.deleted'],
		['contact.merge', 'contact.merged'],
		['contact.restore', 'contact.restored'],
		['contact.associationChange', 'contact.associationChanged'],
		['contact.privacyDeletion', 'contact.privacyDeleted'],
		['company.creation', 'unknown'],
		['contact.somethingNew', 'unknown'],
	])('%s → %s', (raw, normalized) => {
		expect(hubspotEventType(raw)).toBe(normalized);
	});

	it('normalizes one event with every field the issue names', () => {
		const [event] = parseHubSpotDelivery(
			[
				{
					...base,
					subscriptionType: 'contact.propertyChange',
					propertyName: 'email',
					propertyValue: 'a@b.co',
					attemptNumber: 2,
				},
			],
			options,
		);
		expect(event).toEqual({
			platform: 'hubspot',
			type: 'contact.updated',
			rawType: 'contact.propertyChange',
			eventId: '100',
			objectId: '123',
			occurredAt: '2019-07-26T04:00:00.000Z',
			attempt: 2,
			verified: true,
			payload: expect.objectContaining({ propertyName: 'email', propertyValue: 'a@b.co' }),
		});
		expect(() => WebhookEvent.parse(event)).not.toThrow();
	});

	it('splits a batch of 100 into 100 events, in order', () => {
		const batch = Array.from({ length: 100 }, (_, i) => ({
			...base,
			eventId: i,
			objectId: 1000 + i,
			subscriptionType: 'contact.creation',
		}));
		const events = parseHubSpotDelivery(batch, options);
		expect(events).toHaveLength(100);
		expect(events.map((e) => e.objectId)).toEqual(batch.map((b) => String(b.objectId)));
		for (const event of events) expect(() => WebhookEvent.parse(event)).not.toThrow();
	});

	it('names the surviving record of a merge and the source of an association change', () => {
		const [merge, association] = parseHubSpotDelivery(
			[
				{
					...base,
					subscriptionType: 'contact.merge',
					objectId: 5,
					primaryObjectId: 7,
					mergedObjectIds: [5, 6],
					newObjectId: 7,
				},
				{
					...base,
					subscriptionType: 'contact.associationChange',
					objectId: undefined,
					fromObjectId: 8,
					toObjectId: 9,
					associationType: 'CONTACT_TO_COMPANY',
				},
			],
			options,
		);
		expect(merge).toMatchObject({ type: 'contact.merged', objectId: '7' });
		expect(association).toMatchObject({ type: 'contact.associationChanged', objectId: '8' });
	});

	it('keeps large ids as strings and makes up an id for events without one', () => {
		const [big, none] = parseHubSpotDelivery(
			[
				{ ...base, subscriptionType: 'contact.creation', eventId: '3865297451', objectId: '51234567890' },
				{ ...base, subscriptionType: 'contact.creation', eventId: undefined },
			],
			options,
		);
		expect(big).toMatchObject({ eventId: '3865297451', objectId: '51234567890' });
		expect(none.eventId).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});

	it('reads a workflow "Send a webhook" object as one unknown event', () => {
		const [event] = parseHubSpotDelivery(
			{ objectId: 42, properties: { email: { value: 'x@y.z' } } },
			options,
		);
		expect(event).toMatchObject({
			platform: 'hubspot',
			type: 'unknown',
			rawType: 'workflow.webhook',
			objectId: '42',
			occurredAt: new Date(RECEIVED).toISOString(),
		});
	});

	it.each([
		['a number', 42],
		['a string', 'hello'],
		['null', null],
		['an array with a non-object', [1]],
		['an event without subscriptionType', [{ ...base }]],
		[
			'an event without occurredAt',
			[{ ...base, subscriptionType: 'contact.creation', occurredAt: undefined }],
		],
		[
			'an event with a negative occurredAt',
			[{ ...base, subscriptionType: 'contact.creation', occurredAt: -5 }],
		],
	])('refuses %s with a 400', (_label, body) => {
		let caught: unknown;
		try {
			parseHubSpotDelivery(body, options);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(CRMWebhookError);
		expect((caught as CRMWebhookError).status).toBe(400);
	});
});

describe('parseLinkedInNotification', () => {
	const notification = {
		type: 'LEAD_ACTION',
		leadGenFormResponse: 'urn:li:leadGenFormResponse:abc-123',
		leadGenForm: 'urn:li:leadGenForm:77',
		leadType: 'SPONSORED',
		leadAction: 'CREATED',
		occurredAt: 1700000000000,
	};

	it('maps lead actions to lead.created and lead.deleted', () => {
		const [created] = parseLinkedInNotification(notification, options);
		expect(created).toEqual({
			platform: 'linkedin',
			type: 'lead.created',
			rawType: 'LEAD_ACTION.CREATED',
			eventId: 'urn:li:leadGenFormResponse:abc-123#CREATED',
			objectId: 'urn:li:leadGenFormResponse:abc-123',
			occurredAt: '2023-11-14T22:13:20.000Z',
			verified: true,
			payload: notification,
		});
		const [deleted] = parseLinkedInNotification({ ...notification, leadAction: 'DELETED' }, options);
		expect(deleted).toMatchObject({
			type: 'lead.deleted',
			eventId: 'urn:li:leadGenFormResponse:abc-123#DELETED',
		});
		expect(() => WebhookEvent.parse(deleted)).not.toThrow();
	});

	it('falls back to the arrival time, and to unknown for other actions', () => {
		const [event] = parseLinkedInNotification({ leadAction: 'UPDATED' }, options);
		expect(event).toMatchObject({
			type: 'unknown',
			rawType: 'LEAD_ACTION.UPDATED',
			occurredAt: new Date(RECEIVED).toISOString(),
		});
	});

	it('refuses a non-object with a 400', () => {
		expect(() => parseLinkedInNotification('x', options)).toThrow(CRMWebhookError);
	});
});

describe('parseApolloCallback', () => {
	it('turns a single-person callback into one enrichment.completed event', () => {
		const [event] = parseApolloCallback(
			{ request_id: 'req-1', person: { id: 'p1', phone_numbers: [{ raw_number: '+1 555' }] } },
			options,
		);
		expect(event).toMatchObject({
			platform: 'apollo',
			type: 'enrichment.completed',
			eventId: 'req-1#p1',
			objectId: 'p1',
		});
		expect(() => WebhookEvent.parse(event)).not.toThrow();
	});

	it('splits a bulk callback per person, each with the request metadata', () => {
		const events = parseApolloCallback(
			{ request_id: 'req-2', status: 'success', people: [{ id: 'a' }, { id: 'b' }] },
			options,
		);
		expect(events.map((e) => e.eventId)).toEqual(['req-2#a', 'req-2#b']);
		expect(events[1].payload).toEqual({ request_id: 'req-2', status: 'success', person: { id: 'b' } });
	});

	it('gives the same id to the same callback delivered twice', () => {
		const body = { status: 'success', person: { email: 'x@y.z' } };
		expect(parseApolloCallback(body, options)[0].eventId).toBe(
			parseApolloCallback({ ...body }, { ...options, receivedAt: RECEIVED + 5000 })[0].eventId,
		);
	});

	it('refuses an array with a 400', () => {
		expect(() => parseApolloCallback([], options)).toThrow(CRMWebhookError);
	});
});

describe('verifyHubSpotDelivery: which signature a request must carry', () => {
	const SECRET = 'hubspot-client-secret-for-tests';
	const URL = 'https://n8n.example.com/webhook/abc/webhook';
	const BODY = '[{"eventId":1,"occurredAt":1,"subscriptionType":"contact.creation","objectId":1}]';
	const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
	const request = (headers: Record<string, string>) => ({
		rawBody: Buffer.from(BODY),
		headers,
		method: 'POST',
		url: URL,
		clientSecret: SECRET,
		now: NOW,
	});
	const both = hubspotV3WithV1(SECRET, { url: URL, body: BODY, timestamp: NOW });
	const v1Only = withoutHubspotV3(both);
	const partial = Object.fromEntries(
		Object.entries(both).filter(([name]) => name !== 'X-HubSpot-Signature-v3'),
	);

	it('Auto takes v3 when present, and v1 from a sender not known to sign with v3', () => {
		expect(verifyHubSpotDelivery(request(both), 'auto', false)).toMatchObject({ ok: true, version: 'v3' });
		expect(verifyHubSpotDelivery(request(v1Only), 'auto', false)).toMatchObject({ ok: true, version: 'v1' });
	});

	it('Auto refuses v1/v2 alone once v3 was seen, and whenever the v3 timestamp is still there', () => {
		expect(verifyHubSpotDelivery(request(v1Only), 'auto', true)).toEqual({
			ok: false,
			reason: HUBSPOT_REFUSALS.downgrade,
		});
		expect(verifyHubSpotDelivery(request(partial), 'auto', false)).toEqual({
			ok: false,
			reason: HUBSPOT_REFUSALS.partialV3,
		});
		// v3 itself is unaffected by what was seen.
		expect(verifyHubSpotDelivery(request(both), 'auto', true)).toMatchObject({ ok: true, version: 'v3' });
	});

	it('a request with no signature at all is told so, also after v3 was seen (not called a downgrade)', () => {
		const unsigned = Object.fromEntries(
			Object.entries(v1Only).filter(([name]) => !/^x-hubspot-signature/i.test(name)),
		);
		for (const seen of [false, true]) {
			expect(verifyHubSpotDelivery(request(unsigned), 'auto', seen)).toEqual({
				ok: false,
				reason: 'missing signature header',
			});
		}
	});

	it('a pinned version is checked as it is', () => {
		expect(verifyHubSpotDelivery(request(v1Only), 'v1', true)).toMatchObject({ ok: true, version: 'v1' });
		expect(verifyHubSpotDelivery(request(v1Only), 'v3', false)).toEqual({
			ok: false,
			reason: 'missing signature header',
		});
	});
});

describe('answerLinkedInChallenge', () => {
	const SECRET = 'linkedin-client-secret';

	it('answers a UUID with HMAC-SHA256(client secret, code)', () => {
		// printf '%s' 'f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f' | openssl dgst -sha256 -hmac 'linkedin-client-secret'
		expect(answerLinkedInChallenge('f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f', SECRET)).toEqual({
			ok: true,
			body: {
				challengeCode: 'f3d0c1a2-5b6e-4c7d-8e9f-0a1b2c3d4e5f',
				challengeResponse: 'c3186e8ccea5cfbb484f753a23523c37be92d8a4f463158cd9423b39de6cf7fe',
			},
		});
	});

	it.each([
		['', LINKEDIN_REFUSALS.missingChallenge],
		[undefined, LINKEDIN_REFUSALS.missingChallenge],
		['{"leadAction":"CREATED"}', LINKEDIN_REFUSALS.badChallenge],
		['hmacsha256={}', LINKEDIN_REFUSALS.badChallenge],
		['f3d0c1a25b6e4c7d8e9f0a1b2c3d4e5f', LINKEDIN_REFUSALS.badChallenge],
	])('refuses %p without computing anything', (code, reason) => {
		expect(answerLinkedInChallenge(code, SECRET)).toEqual({ ok: false, reason });
	});
});

describe('verifyApolloCallback', () => {
	it('compares the token under the configured parameter name', () => {
		expect(
			verifyApolloCallback({ key: 'apollo-token-0123456789' }, 'key', 'apollo-token-0123456789').ok,
		).toBe(true);
		expect(
			verifyApolloCallback({ token: 'apollo-token-0123456789' }, 'key', 'apollo-token-0123456789'),
		).toEqual({
			ok: false,
			reason: 'missing token',
		});
		expect(verifyApolloCallback({ token: 'x' }, '', 'apollo-token-0123456789')).toEqual({
			ok: false,
			reason: 'token mismatch',
		});
	});
});
