import { EXAMPLE_PHONE_REVEAL, EXAMPLE_WATERFALL } from '../../sandbox/apollo/callback-payloads';
import { sleep, startApollo, startReceiver, until, type ApolloClient } from './apollo-client';

let client: ApolloClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
	client = await startApollo({ apollo: { defaultSeed: false, callbackDelayMs: 150 } });
});
afterAll(() => client.sandbox.close());
beforeEach(async () => {
	client.sandbox.reset();
	client.sandbox.apollo.seedPeople([
		{
			id: 'c00000000000000000000001',
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann@acme.example',
			mobile_phone: '+1 415-555-0101',
			domain: 'acme.example',
		},
		{
			id: 'c00000000000000000000002',
			first_name: 'Bob',
			last_name: 'Stone',
			email: 'bob@acme.example',
			domain: 'acme.example',
		},
	]);
	receiver = await startReceiver();
});
afterEach(() => receiver.close());

const credits = () => client.sandbox.apollo.creditSnapshot();

describe('Apollo sandbox: asynchronous phone and waterfall callbacks', () => {
	it('answers at once with the phone pending, then POSTs the number to webhook_url after the delay', async () => {
		const hook = `${receiver.url}/webhook/apollo/secret-token-123?token=abc`;
		const started = Date.now();
		const response = await client.api('POST', '/people/match', {
			email: 'ann@acme.example',
			reveal_phone_number: true,
			webhook_url: hook,
		});
		expect(response.status).toBe(200);
		expect(response.body.person.phone_numbers).toEqual([]);
		const requestId = response.body.request_id;
		expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(response.body.phone_reveal).toEqual({ status: 'pending', request_id: requestId });
		expect(receiver.received).toHaveLength(0);
		// 1 for the record, 8 for the mobile.
		expect(credits().consumed).toBe(9);

		const [callback] = await receiver.waitFor(1);
		expect(callback.at - started).toBeGreaterThanOrEqual(140);
		expect(callback.path).toBe('/webhook/apollo/secret-token-123?token=abc');
		expect(callback.headers['content-type']).toBe('application/json');
		expect(callback.body).toEqual({
			type: 'phone_reveal',
			request_id: requestId,
			status: 'completed',
			credits_consumed: 8,
			people: [
				{
					id: 'c00000000000000000000001',
					first_name: 'Ann',
					last_name: 'Lee',
					email: 'ann@acme.example',
					status: 'success',
					phone_numbers: [
						{
							raw_number: '+1 415-555-0101',
							sanitized_number: '+14155550101',
							type_cd: 'mobile',
							status_cd: 'valid_number',
							confidence_cd: 'high',
							position: 0,
						},
					],
				},
			],
		});
		// The shared fixtures have the shape the sandbox sends.
		expect(Object.keys(EXAMPLE_PHONE_REVEAL).sort()).toEqual(Object.keys(callback.body).sort());
		await until(() => client.sandbox.apollo.callbackLog().length === 1);
		expect(client.sandbox.apollo.callbackLog()).toEqual([
			expect.objectContaining({ request_id: requestId, type: 'phone_reveal', attempt: 1, status: 200 }),
		]);
		expect((await client.control('GET', `/apollo/callbacks/${requestId}`)).body).toEqual(callback.body);
	});

	it('charges no mobile credits for a person without a phone and reports not_found', async () => {
		await client.api('POST', '/people/match', {
			email: 'bob@acme.example',
			reveal_phone_number: true,
			webhook_url: receiver.url,
		});
		const [callback] = await receiver.waitFor(1);
		expect(callback.body).toMatchObject({
			credits_consumed: 0,
			people: [{ id: 'c00000000000000000000002', status: 'not_found', phone_numbers: [] }],
		});
		expect(credits().consumed).toBe(1);
	});

	it('sends one waterfall callback per bulk call, naming every matched person under one request_id', async () => {
		const response = await client.api('POST', '/people/bulk_match', {
			run_waterfall_email: true,
			run_waterfall_phone: true,
			webhook_url: receiver.url,
			details: [
				{ email: 'bob@acme.example' },
				{ email: 'ghost@nowhere.example' },
				{ email: 'ann@acme.example' },
			],
		});
		expect(response.body).toMatchObject({ waterfall: { status: 'accepted' }, credits_consumed: 10 });
		const [callback] = await receiver.waitFor(1);
		expect(callback.body.type).toBe('waterfall');
		expect(callback.body.request_id).toBe(response.body.request_id);
		expect(callback.body.credits_consumed).toBe(8);
		expect(
			callback.body.people.map((person: { id: string; emails: unknown[] }) => [
				person.id,
				person.emails.length,
			]),
		).toEqual([
			['c00000000000000000000002', 1],
			['c00000000000000000000001', 1],
		]);
		expect(Object.keys(EXAMPLE_WATERFALL.people[0]).sort()).toEqual(
			Object.keys(callback.body.people[1]).sort(),
		);
	});

	it('retries a receiver that fails, and can deliver a duplicate to test deduplication', async () => {
		await receiver.close();
		receiver = await startReceiver([500]);
		client.sandbox.configure({ apollo: { callbackRetries: 1 } });
		await client.api('POST', '/people/match', {
			email: 'ann@acme.example',
			reveal_phone_number: true,
			webhook_url: receiver.url,
		});
		const [first, second] = await receiver.waitFor(2);
		expect(second.body).toEqual(first.body);
		await until(() => client.sandbox.apollo.callbackLog().length === 2);
		expect(client.sandbox.apollo.callbackLog().map((entry) => [entry.attempt, entry.status])).toEqual([
			[1, 500],
			[2, 200],
		]);

		client.sandbox.configure({ apollo: { duplicateCallbacks: true } });
		await client.api('POST', '/people/match', {
			email: 'ann@acme.example',
			reveal_phone_number: true,
			webhook_url: receiver.url,
		});
		const all = await receiver.waitFor(4);
		expect(all[3].body.request_id).toBe(all[2].body.request_id);
		expect(all[2].body.request_id).not.toBe(first.body.request_id);
	});

	it('drops pending callbacks on reset', async () => {
		client.sandbox.configure({ apollo: { callbackDelayMs: 100 } });
		await client.api('POST', '/people/match', {
			email: 'ann@acme.example',
			reveal_phone_number: true,
			webhook_url: receiver.url,
		});
		client.sandbox.reset();
		await sleep(250);
		expect(receiver.received).toHaveLength(0);
	});
});
