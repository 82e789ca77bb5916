/**
 * Fetch Full Contact: the events' contacts read through the HubSpot provider within a 3-second budget
 * (HubSpot answers a webhook call for 5 seconds at most). The node path runs through n8n-core with
 * HubSpot mocked by nock; the budget is proven on a fake clock with the real provider over a scripted
 * transport.
 */
import nock from 'nock';
import { sleep, type IWebhookFunctions } from 'n8n-workflow';
import {
	CONTACT_BUDGET_MS,
	withContacts,
	type ContactReader,
	type ContactReaderFactory,
} from '../../nodes/CrmWebhookTrigger/hubspot/fetch-contacts';
import type { Clock } from '../../src/core/http';
import type { WebhookEvent } from '../../src/core/models';
import { n8nClock } from '../../src/n8n/clock';
import { HubSpotProvider } from '../../src/providers/hubspot/provider';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json } from '../helpers/fake-transport';
import { hubspotEvent, sign, trigger, TS } from '../helpers/n8n-webhook-trigger';

afterEach(() => {
	jest.restoreAllMocks();
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('through the node', () => {
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockReturnValue(TS + 30_000);
		nock.disableNetConnect();
		// The read answers at once; keep the 3-second budget timer from outliving the test.
		jest.spyOn(n8nClock, 'sleep').mockImplementation(async () => await new Promise<void>(() => undefined));
	});

	it('adds the full contact when asked, read with the private app token in one batch call', async () => {
		const body = JSON.stringify([hubspotEvent(1), hubspotEvent(2, { subscriptionType: 'contact.deletion' })]);
		const sent: unknown[] = [];
		const scope = nock('https://api.hubapi.com', {
			reqheaders: { authorization: 'Bearer pat-test-not-a-token' },
		})
			.post('/crm/v3/objects/contacts/batch/read', (request: unknown) => {
				sent.push(request);
				return true;
			})
			.reply(200, {
				status: 'COMPLETE',
				results: [
					{ id: '501', properties: { email: 'ada@example.com', firstname: 'Ada', lifecyclestage: 'lead' } },
				],
			});
		const outcome = await trigger({
			fetchContact: true,
			contactProperties: 'lifecyclestage',
		}).deliver({ body, headers: sign(body, TS) });
		expect(scope.isDone()).toBe(true);
		expect(sent).toEqual([
			expect.objectContaining({
				inputs: [{ id: '501' }],
				properties: expect.arrayContaining(['lifecyclestage', 'email']),
			}),
		]);
		expect(outcome.items[0]).toMatchObject({
			objectId: '501',
			contact: expect.objectContaining({ email: 'ada@example.com', firstName: 'Ada' }),
		});
		expect(outcome.items[1]).not.toHaveProperty('contact');
		expect(outcome.items[1]).not.toHaveProperty('contactError');
	});
});

describe('within the answer budget', () => {
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
	// withContacts reads only the Contact Properties parameter: its default.
	const ctx = {
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
	} as unknown as IWebhookFunctions;
	const contact = (id: string) => ({ id, properties: {}, ids: {} });
	const readerOf =
		(reader: ContactReader): ContactReaderFactory =>
		async () =>
			reader;

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
		const items = await withContacts(ctx, ids.map(event), TS, clock, readerOf(reader));
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
		const slowItems = await withContacts(ctx, ['a', 'b'].map(event), TS, clock, readerOf(slow));
		expect(slowItems.map((item) => item.contactError)).toEqual([
			expect.stringMatching(/answer budget/),
			expect.stringMatching(/answer budget/),
		]);

		const failing = {
			getContacts: async () => {
				throw new Error('HubSpot failed with HTTP 503: Service Unavailable');
			},
		};
		const failedItems = await withContacts(ctx, ['a'].map(event), TS, clock, readerOf(failing));
		expect(failedItems[0].contactError).toBe('HubSpot failed with HTTP 503: Service Unavailable');
	});

	it('starts no read once the budget is spent', async () => {
		const clock: Clock = { now: () => TS + 3_000, sleep: async () => undefined };
		const reader = { getContacts: jest.fn() };
		const items = await withContacts(ctx, ['a'].map(event), TS, clock, readerOf(reader));
		expect(reader.getContacts).not.toHaveBeenCalled();
		expect(items[0].contactError).toMatch(/answer budget/);
	});

	it('cancels the read when the budget ends: no retry reaches HubSpot afterwards', async () => {
		const clock = new FakeClock(TS, { manual: true });
		// HubSpot keeps failing: the provider would retry with backoff for minutes.
		const transport = new FakeTransport(clock, () => json(503, { message: 'Service Unavailable' }));
		const factory: ContactReaderFactory = async (signal) =>
			new HubSpotProvider({ transport: transport.send, clock, signal, random: () => 0.5 });
		const settle = async () => {
			for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
		};

		const pending = withContacts(ctx, ['a'].map(event), TS, clock, factory);
		await settle();
		for (let ms = 0; ms < CONTACT_BUDGET_MS; ms += 100) {
			clock.advance(100);
			await settle();
		}
		const items = await pending;
		expect(items[0].contactError).toMatch(/answer budget/);
		const sentWithinBudget = transport.calls;
		expect(sentWithinBudget).toBeGreaterThan(0);

		for (let minute = 0; minute < 10; minute++) {
			clock.advance(60_000);
			await settle();
		}
		expect(transport.calls).toBe(sentWithinBudget);
		expect(transport.sent.every((sent) => sent.at <= TS + CONTACT_BUDGET_MS)).toBe(true);
	});
});
