/** Apollo's phone-reveal and waterfall callbacks, in the sandbox's (single-source) shapes, → trigger events. */
import { CRMWebhookError } from '../../src/core/errors';
import { WebhookEvent } from '../../src/core/models';
import { parseApolloEnrichmentCallback } from '../../src/providers/apollo/callbacks';
import { EXAMPLE_PHONE_REVEAL, EXAMPLE_WATERFALL } from '../../sandbox/apollo/callback-payloads';

const RECEIVED = Date.UTC(2026, 10, 29, 21, 0, 0);
const options = { verified: true, receivedAt: RECEIVED };

describe('parseApolloEnrichmentCallback', () => {
	it('a phone reveal names the person, the request and the phone', () => {
		const events = parseApolloEnrichmentCallback(EXAMPLE_PHONE_REVEAL, options);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			platform: 'apollo',
			type: 'enrichment.completed',
			rawType: 'phone_reveal',
			eventId: `${EXAMPLE_PHONE_REVEAL.request_id}#64a1f0c2e4b0a1b2c3d4e5f6`,
			objectId: '64a1f0c2e4b0a1b2c3d4e5f6',
			occurredAt: new Date(RECEIVED).toISOString(),
			verified: true,
			payload: {
				requestId: EXAMPLE_PHONE_REVEAL.request_id,
				callbackType: 'phone_reveal',
				status: 'success',
				personId: '64a1f0c2e4b0a1b2c3d4e5f6',
				firstName: 'Ann',
				email: 'ann.example@example.com',
				phones: [{ number: '+14155550142', raw: '+1 415-555-0142', type: 'mobile', status: 'valid_number' }],
				emails: [],
				creditsConsumed: 8,
			},
		});
		expect(() => WebhookEvent.parse(events[0])).not.toThrow();
	});

	it('a waterfall with two people is two events, the one not found saying so', () => {
		const events = parseApolloEnrichmentCallback(EXAMPLE_WATERFALL, options);
		expect(events.map((e) => [e.rawType, e.objectId, (e.payload as { status: string }).status])).toEqual([
			['waterfall', '64a1f0c2e4b0a1b2c3d4e5f7', 'success'],
			['waterfall', '64a1f0c2e4b0a1b2c3d4e5f8', 'not_found'],
		]);
		expect(events[0].payload).toMatchObject({
			emails: ['ben.example@example.com'],
			phones: [{ number: '+442079460958' }],
		});
		expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
	});

	it('a retried delivery gets the same event ids, whenever it arrives', () => {
		const first = parseApolloEnrichmentCallback(EXAMPLE_WATERFALL, options).map((e) => e.eventId);
		const again = parseApolloEnrichmentCallback(JSON.parse(JSON.stringify(EXAMPLE_WATERFALL)), {
			...options,
			receivedAt: RECEIVED + 60_000,
		});
		expect(again.map((e) => e.eventId)).toEqual(first);
	});

	it('without a request id or person id the content identifies the event', () => {
		const body = { status: 'completed', person: { email: 'x@example.com', phone_numbers: [] } };
		const a = parseApolloEnrichmentCallback(body, options)[0].eventId;
		expect(
			parseApolloEnrichmentCallback({ ...body }, { ...options, receivedAt: RECEIVED + 1 })[0].eventId,
		).toBe(a);
		expect(
			parseApolloEnrichmentCallback({ ...body, person: { email: 'y@example.com' } }, options)[0].eventId,
		).not.toBe(a);
	});

	it('reads the single-person form older answers use', () => {
		const [event] = parseApolloEnrichmentCallback(
			{ request_id: 'req-9', person: { id: 'p9', phone_numbers: [{ raw_number: '+1 555 0100' }] } },
			options,
		);
		expect(event).toMatchObject({
			eventId: 'req-9#p9',
			objectId: 'p9',
			rawType: 'phone_reveal',
			payload: { phones: [{ number: '+1 555 0100' }] },
		});
	});

	it.each([[[]], ['text'], [null]])('refuses %j with a 400', (body) => {
		expect(() => parseApolloEnrichmentCallback(body, options)).toThrow(CRMWebhookError);
		try {
			parseApolloEnrichmentCallback(body, options);
		} catch (error) {
			expect((error as CRMWebhookError).status).toBe(400);
		}
	});
});
