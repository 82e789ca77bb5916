/**
 * The Apollo governor on a fake clock against a fake Apollo that counts fixed windows over everyone's
 * requests (ours and another workflow's on the same key) and answers with Apollo's headers.
 */
import { CRMRateLimitError } from '../../src/core/errors';
import { HttpClient, type HttpRequest, type HttpResponse, type RateGovernor } from '../../src/core/http';
import { apolloDialect } from '../../src/providers/apollo/dialect';
import { BUCKETS } from '../../src/providers/apollo/endpoints';
import { ApolloGovernor } from '../../src/providers/apollo/governor';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json } from '../helpers/fake-transport';

interface Limits {
	minute: number;
	hourly: number;
	daily: number;
}

/** Fixed windows opening at the first request after the previous one ended, as the sandbox counts them. */
class FakeApollo {
	readonly refused: number[] = [];
	readonly served: number[] = [];
	private windows: Record<keyof Limits, { start: number; count: number }>;
	private readonly lengths: Limits = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 };

	constructor(private readonly limits: Limits) {
		this.windows = {
			minute: { start: -Infinity, count: 0 },
			hourly: { start: -Infinity, count: 0 },
			daily: { start: -Infinity, count: 0 },
		};
	}

	/** A request from anyone on the key; true when it was served. */
	take(now: number): {
		ok: boolean;
		headers: Record<string, string>;
		window?: keyof Limits;
		retryAfter?: number;
	} {
		for (const name of ['minute', 'hourly', 'daily'] as const) {
			if (now >= this.windows[name].start + this.lengths[name]) this.windows[name] = { start: now, count: 0 };
		}
		const spent = (['daily', 'hourly', 'minute'] as const).find(
			(name) => this.windows[name].count >= this.limits[name],
		);
		if (!spent) for (const name of ['minute', 'hourly', 'daily'] as const) this.windows[name].count++;
		const headers: Record<string, string> = {};
		for (const name of ['minute', 'hourly', 'daily'] as const) {
			headers[`x-rate-limit-${name}`] = String(this.limits[name]);
			headers[`x-${name}-requests-left`] = String(Math.max(0, this.limits[name] - this.windows[name].count));
		}
		if (spent)
			return {
				ok: false,
				headers,
				window: spent,
				retryAfter: Math.ceil((this.windows[spent].start + this.lengths[spent] - now) / 1000),
			};
		return { ok: true, headers };
	}

	answer = (_request: HttpRequest, now: number): HttpResponse => {
		const result = this.take(now);
		if (!result.ok) {
			this.refused.push(now);
			return json(
				429,
				{ rate_limit_window: result.window, retry_after_seconds: result.retryAfter },
				{ ...result.headers, 'retry-after': String(result.retryAfter) },
			);
		}
		this.served.push(now);
		return json(200, { ok: true }, result.headers);
	};
}

function client(clock: FakeClock, server: FakeApollo, governor?: RateGovernor) {
	const transport = new FakeTransport(clock, server.answer);
	const http = new HttpClient({
		baseUrl: 'https://api.apollo.io/api/v1',
		transport: transport.send,
		clock,
		dialect: apolloDialect,
		governor,
		random: () => 0,
	});
	return { http, transport };
}

describe('ApolloGovernor', () => {
	it('shares the minute window with another workflow on the key: slows down, no 429', async () => {
		const clock = new FakeClock();
		const server = new FakeApollo({ minute: 20, hourly: 10_000, daily: 100_000 });
		const { http } = client(clock, server, new ApolloGovernor());
		// The other workflow spends 12 of the first window before we start.
		for (let i = 0; i < 12; i++) server.take(clock.now());
		for (let i = 0; i < 40; i++) await http.request({ method: 'POST', path: '/contacts/search', body: {} });
		expect(server.refused).toEqual([]);
		expect(server.served).toHaveLength(40);
		// 8 left in the first minute, then 20 per minute: the 40th request goes out in the third minute.
		expect(clock.elapsed).toBeGreaterThanOrEqual(120_000);
	});

	it('control: the same load without the governor trips 429s (so the test above can fail)', async () => {
		const clock = new FakeClock();
		const server = new FakeApollo({ minute: 20, hourly: 10_000, daily: 100_000 });
		const { http } = client(clock, server);
		for (let i = 0; i < 12; i++) server.take(clock.now());
		for (let i = 0; i < 40; i++) await http.request({ method: 'POST', path: '/contacts/search', body: {} });
		expect(server.refused.length).toBeGreaterThan(0);
	});

	it('refuses before sending once the hourly budget reads 0, saying when it resets at the latest', async () => {
		const clock = new FakeClock();
		const server = new FakeApollo({ minute: 100, hourly: 3, daily: 1000 });
		// Apollo counts enrichment apart from search and contacts: those answer from their own, unspent budget.
		const transport = new FakeTransport(clock, (request, now) =>
			request.url.includes('/contacts') ? json(200, {}) : server.answer(request, now),
		);
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor(),
		});
		for (let i = 0; i < 3; i++)
			await http.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} });
		const error = await http
			.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('hourly');
		const resetBy = new Date(clock.now() + 3_600_000).toISOString();
		expect((error as Error).message).toBe(
			`Apollo hourly API limit for enrichment is spent (3 per hour); it resets by ${resetBy} at the latest`,
		);
		expect(transport.calls).toBe(3);
		// Other classes have their own budget and still go out.
		await http.request({ method: 'POST', path: '/contacts/search', body: {} });
		expect(transport.calls).toBe(4);
		// An hour later the refusal lifts.
		clock.advance(3_600_001);
		await http.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} });
		expect(transport.calls).toBe(5);
	});

	it('a daily 429 gives the exact reset and stops the next call before it is sent', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock).enqueue(
			json(
				429,
				{ rate_limit_window: 'daily', limit: 60 },
				{ 'retry-after': '5400', 'x-rate-limit-daily': '60', 'x-daily-requests-left': '0' },
			),
		);
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor(),
		});
		const first = await http
			.request({ method: 'POST', path: '/people/bulk_match', bucket: BUCKETS.bulkMatch, body: {} })
			.catch((e: unknown) => e);
		expect(first).toBeInstanceOf(CRMRateLimitError);
		expect((first as CRMRateLimitError).policy).toBe('daily');
		const second = await http
			.request({ method: 'POST', path: '/people/bulk_match', bucket: BUCKETS.bulkMatch, body: {} })
			.catch((e: unknown) => e);
		expect((second as Error).message).toBe(
			`Apollo daily API limit for bulk people enrichment is spent (60 per day); it resets at ${new Date(clock.now() + 5_400_000).toISOString()} (in 1 h 30 min)`,
		);
		expect(transport.calls).toBe(1);
	});

	it('a minute 429 waits exactly its Retry-After once, then succeeds', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock).enqueue(
			json(
				429,
				{ rate_limit_window: 'minute' },
				{ 'retry-after': '17', 'x-rate-limit-minute': '50', 'x-minute-requests-left': '0' },
			),
			json(200, {}, { 'x-rate-limit-minute': '50', 'x-minute-requests-left': '49' }),
		);
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor(),
			random: () => 0,
		});
		await http.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} });
		expect(transport.calls).toBe(2);
		expect(clock.elapsed).toBe(17_000);
	});

	it('paces the bulk endpoint by its own, lower limit before any header arrived', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock, () => json(200, {}));
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor({ enrichmentPerMinute: 50, otherPerMinute: 200 }),
		});
		for (let i = 0; i < 6; i++)
			await http.request({ method: 'POST', path: '/people/bulk_match', bucket: BUCKETS.bulkMatch, body: {} });
		// 5 per minute (a tenth of 50): the sixth waits for the window.
		expect(transport.sent[5].at - transport.sent[0].at).toBeGreaterThanOrEqual(60_000);
		for (let i = 0; i < 6; i++)
			await http.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} });
		expect(transport.sent[11].at - transport.sent[6].at).toBe(0);
	});

	it('a minute 429 without Retry-After waits for the window to end, not a tight backoff', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock).enqueue(
			json(429, {}, { 'x-rate-limit-minute': '50', 'x-minute-requests-left': '0' }),
			json(200, {}, { 'x-rate-limit-minute': '50', 'x-minute-requests-left': '49' }),
		);
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor(),
			random: () => 0,
		});
		await http.request({ method: 'POST', path: '/people/match', bucket: BUCKETS.enrichment, body: {} });
		expect(transport.calls).toBe(2);
		expect(transport.sent[1].at - transport.sent[0].at).toBeGreaterThanOrEqual(60_000);
	});

	it('reads the older x-24-hour names for the daily budget', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock, () =>
			json(200, {}, { 'x-rate-limit-24-hour': '600', 'x-24-hour-requests-left': '0' }),
		);
		const http = new HttpClient({
			baseUrl: 'https://x.example',
			transport: transport.send,
			clock,
			dialect: apolloDialect,
			governor: new ApolloGovernor(),
		});
		await http.request({ method: 'POST', path: '/contacts/search', body: {} });
		const error = await http
			.request({ method: 'POST', path: '/contacts/search', body: {} })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as Error).message).toMatch(
			/^Apollo daily API limit for search and contacts is spent \(600 per day\)/,
		);
		expect(transport.calls).toBe(1);
	});
});
