import { KEY, sleep, startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo({ apollo: { defaultSeed: false, apiKeys: [KEY, 'second-key'] } });
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const match = (key?: string) =>
	client.api('POST', '/people/match', { email: 'nobody@nowhere.example' }, { key });
const bulk = () =>
	client.api('POST', '/people/bulk_match', { details: [{ email: 'nobody@nowhere.example' }] });
const health = () => client.api('GET', '/auth/health');
const headers = (response: { headers: Headers }) =>
	Object.fromEntries(
		[
			'x-rate-limit-minute',
			'x-rate-limit-hourly',
			'x-rate-limit-daily',
			'x-minute-requests-left',
			'x-hourly-requests-left',
			'x-daily-requests-left',
			'x-minute-usage',
			'x-hourly-usage',
			'x-daily-usage',
		].map((name) => [name, response.headers.get(name)]),
	);

describe('Apollo sandbox: rate limits', () => {
	it('sends the nine rate-limit headers on every answer, with Free-plan enrichment defaults', async () => {
		const first = await match();
		expect(headers(first)).toEqual({
			'x-rate-limit-minute': '50',
			'x-rate-limit-hourly': '200',
			'x-rate-limit-daily': '600',
			'x-minute-requests-left': '49',
			'x-hourly-requests-left': '199',
			'x-daily-requests-left': '599',
			'x-minute-usage': '1',
			'x-hourly-usage': '1',
			'x-daily-usage': '1',
		});
		// Errors after authentication count and carry headers too.
		const invalid = await client.api('POST', '/people/bulk_match', { details: [] });
		expect(invalid.status).toBe(422);
		expect(headers(invalid)['x-minute-usage']).toBe('1');
		// Other endpoints have their own counters; bulk_match gets a tenth of enrichment.
		expect(headers(await health())).toMatchObject({ 'x-rate-limit-minute': '200', 'x-minute-usage': '1' });
		expect(headers(await bulk())).toMatchObject({
			'x-rate-limit-minute': '5',
			'x-rate-limit-hourly': '20',
			'x-rate-limit-daily': '60',
			'x-minute-usage': '2',
		});
		expect(headers(await match())['x-minute-usage']).toBe('2');
	});

	it('answers 429 naming the minute window, with Retry-After to the window end, and recovers after it', async () => {
		client.sandbox.configure({ apollo: { enrichmentLimits: { minute: 3 } } });
		for (let call = 0; call < 3; call += 1) expect((await match()).status).toBe(200);
		const limited = await match();
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			error:
				'The maximum number of api calls allowed for api/v1/people/match is 3 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.',
			error_code: 'RATE_LIMITED',
			rate_limit_window: 'minute',
			limit: 3,
			retry_after_seconds: expect.any(Number),
		});
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBe(limited.body.retry_after_seconds);
		expect(retryAfter).toBeGreaterThanOrEqual(50);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(headers(limited)).toMatchObject({
			'x-minute-requests-left': '0',
			'x-minute-usage': '3',
			'x-hourly-usage': '3',
		});
		// Other endpoints and other keys are unaffected.
		expect((await health()).status).toBe(200);
		expect((await match('second-key')).status).toBe(200);
		client.sandbox.apollo.advanceClock(60_000);
		const again = await match();
		expect(again.status).toBe(200);
		expect(headers(again)).toMatchObject({ 'x-minute-usage': '1', 'x-hourly-usage': '4' });
	});

	it('scales the windows with windowMs, so a test sees a real "minute" end', async () => {
		client.sandbox.configure({ apollo: { enrichmentLimits: { minute: 1 }, windowMs: { minute: 1_000 } } });
		expect((await match()).status).toBe(200);
		const limited = await match();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		await sleep(1_050);
		expect((await match()).status).toBe(200);
	});

	it('names the hourly and daily windows, with Retry-After in seconds to their end', async () => {
		client.sandbox.configure({ apollo: { enrichmentLimits: { hourly: 2, daily: 3 } } });
		await match();
		await match();
		const hourly = await match();
		expect(hourly.status).toBe(429);
		expect(hourly.body).toMatchObject({ rate_limit_window: 'hourly', limit: 2 });
		expect(hourly.body.error).toContain('2 times per hour');
		const retryAfter = Number(hourly.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(3_590);
		expect(retryAfter).toBeLessThanOrEqual(3_600);

		client.sandbox.apollo.advanceClock(3_600_000);
		expect((await match()).status).toBe(200);
		const daily = await match();
		expect(daily.status).toBe(429);
		expect(daily.body).toMatchObject({ rate_limit_window: 'daily', limit: 3 });
		expect(daily.body.error).toContain('3 times per day');
		expect(Number(daily.headers.get('retry-after'))).toBeGreaterThan(86_400 - 3_600 - 10);
		expect(headers(daily)['x-daily-requests-left']).toBe('0');

		await client.control('POST', '/apollo/clock', { advanceMs: 86_400_000 });
		expect((await match()).status).toBe(200);
	});

	it('limits bulk_match to a tenth of the single endpoint, separately', async () => {
		client.sandbox.configure({ apollo: { enrichmentLimits: { minute: 20 } } });
		expect((await bulk()).status).toBe(200);
		expect((await bulk()).status).toBe(200);
		const limited = await bulk();
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ rate_limit_window: 'minute', limit: 2 });
		expect(limited.body.error).toContain('api/v1/people/bulk_match is 2 times per minute');
		expect((await match()).status).toBe(200);
	});

	it('omits Retry-After when configured off, and does not count rejected calls', async () => {
		client.sandbox.configure({ apollo: { otherLimits: { minute: 1 }, retryAfterHeader: false } });
		expect((await health()).status).toBe(200);
		const limited = await health();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.body.retry_after_seconds).toBeGreaterThan(0);
		await health();
		expect(headers(await health())['x-hourly-usage']).toBe('1');
	});
});
