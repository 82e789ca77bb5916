import { CONTACTS, sleep, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const header = (response: { headers: Headers }, name: string) =>
	response.headers.get(`x-hubspot-ratelimit-${name}`);

describe('HubSpot sandbox: rate limits', () => {
	it('allows 100 calls per 10 s with decreasing headers, then answers 429 TEN_SECONDLY_ROLLING', async () => {
		const first = await client.hs('GET', `${CONTACTS}/1`);
		expect(first.status).toBe(404);
		expect(header(first, 'max')).toBe('100');
		expect(header(first, 'remaining')).toBe('99');
		expect(header(first, 'interval-milliseconds')).toBe('10000');
		expect(header(first, 'daily')).toBe('250000');
		expect(header(first, 'daily-remaining')).toBe('249999');

		const second = await client.hs('GET', CONTACTS);
		expect(header(second, 'remaining')).toBe('98');
		const rest = await Promise.all(Array.from({ length: 98 }, () => client.hs('GET', CONTACTS)));
		expect(rest.every((response) => response.status === 200)).toBe(true);
		expect(rest.map((response) => Number(header(response, 'remaining'))).sort((a, b) => a - b)[0]).toBe(0);

		const limited = await client.hs('GET', CONTACTS);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			status: 'error',
			message: 'You have reached your ten_secondly_rolling limit.',
			errorType: 'RATE_LIMIT',
			correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			policyName: 'TEN_SECONDLY_ROLLING',
		});
		expect(header(limited, 'remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBeNull();

		const log = await client.control('GET', '/requests?platform=hubspot&method=GET');
		expect(log.body.count).toBe(101);
		expect(log.body.requests.at(-1).status).toBe(429);
	});

	it('rolls the window forward and can send Retry-After when configured', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 3, intervalMs: 300 }, retryAfterHeader: true } });
		for (let call = 0; call < 3; call += 1) expect((await client.hs('GET', CONTACTS)).status).toBe(200);
		const limited = await client.hs('GET', CONTACTS);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		await sleep(320);
		const again = await client.hs('GET', CONTACTS);
		expect(again.status).toBe(200);
		expect(header(again, 'remaining')).toBe('2');
	});

	it('counts each token separately and sends no rate-limit headers on 401', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 1 }, tokens: ['one', 'two'] } });
		expect((await client.hs('GET', CONTACTS, undefined, { token: 'one' })).status).toBe(200);
		expect((await client.hs('GET', CONTACTS, undefined, { token: 'one' })).status).toBe(429);
		expect((await client.hs('GET', CONTACTS, undefined, { token: 'two' })).status).toBe(200);
		const unauthorized = await client.hs('GET', CONTACTS, undefined, { token: 'three' });
		expect(unauthorized.status).toBe(401);
		expect(header(unauthorized, 'max')).toBeNull();
	});

	it('stops at the daily quota with policy DAILY', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { daily: 3 } } });
		for (let call = 0; call < 3; call += 1) {
			const response = await client.hs('GET', CONTACTS);
			expect(header(response, 'daily-remaining')).toBe(String(2 - call));
		}
		const limited = await client.hs('GET', CONTACTS);
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			policyName: 'DAILY',
			errorType: 'RATE_LIMIT',
			message: 'You have reached your daily limit.',
		});
		expect(header(limited, 'daily-remaining')).toBe('0');
	});

	it('limits search to 5 per second, without headers and outside the 10-second quota', async () => {
		const search = () => client.hs('POST', `${CONTACTS}/search`, { limit: 1 });
		const allowed = await Promise.all(Array.from({ length: 5 }, search));
		expect(allowed.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
		expect(
			allowed.every((response) => header(response, 'max') === null && header(response, 'remaining') === null),
		).toBe(true);
		const limited = await search();
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			status: 'error',
			message: 'You have reached your secondly limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'SECONDLY',
		});
		expect(header(limited, 'remaining')).toBeNull();
		expect(header(await client.hs('GET', CONTACTS), 'remaining')).toBe('99');
		await sleep(1_050);
		expect((await search()).status).toBe(200);
	});
});
