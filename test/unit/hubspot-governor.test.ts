import { CRMRateLimitError } from '../../src/core/errors';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/core/http';
import { hubspotDialect } from '../../src/providers/hubspot/dialect';
import { HubSpotGovernor, SEARCH_BUCKET } from '../../src/providers/hubspot/governor';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json, maxInWindow } from '../helpers/fake-transport';

const CONTACTS = '/crm/v3/objects/contacts';

interface ServerOptions {
	max?: number;
	intervalMs?: number;
	daily?: number;
	dailyRemaining?: number;
	/** Virtual ms each request spends in flight (added after the server stamps it). */
	latencyMs?: number;
	/** Send times (ms after start) of another worker spending the same account budget. */
	others?: number[];
}

/**
 * A HubSpot account as far as rate limits go: a rolling window counted server-side over everyone's
 * requests, X-HubSpot-RateLimit-* headers on every non-search answer, 429 TEN_SECONDLY_ROLLING when the
 * window is full, and a separate 5/s search limit that sends no headers.
 */
class FakeHubSpot {
	/** Server stamps of every request it counted in the ten-second window, ours and others'. */
	readonly counted: number[] = [];
	readonly ours: number[] = [];
	readonly searches: number[] = [];
	readonly refused: number[] = [];
	readonly othersRefusedAt: number[] = [];
	readonly max: number;
	readonly intervalMs: number;
	private dailyRemaining: number;
	private readonly pending: number[];

	constructor(
		private readonly clock: FakeClock,
		private readonly options: ServerOptions = {},
	) {
		this.max = options.max ?? 100;
		this.intervalMs = options.intervalMs ?? 10_000;
		this.dailyRemaining = options.dailyRemaining ?? 250_000;
		this.pending = (options.others ?? []).map((t) => clock.start + t).sort((a, b) => a - b);
	}

	/** Server-side count in the rolling window ending at `t`. */
	countAt(t: number): number {
		return this.counted.filter((s) => s > t - this.intervalMs && s <= t).length;
	}

	readonly handle = (request: HttpRequest, now: number): HttpResponse => {
		this.admitOthers(now);
		const response = request.url.endsWith('/search') ? this.search(now) : this.standard(now);
		if (this.options.latencyMs) this.clock.advance(this.options.latencyMs);
		return response;
	};

	private admitOthers(upTo: number): void {
		while (this.pending.length > 0 && this.pending[0] <= upTo) {
			const t = this.pending.shift()!;
			if (this.countAt(t) < this.max) this.counted.push(t);
			else this.othersRefusedAt.push(t);
		}
	}

	private standard(now: number): HttpResponse {
		if (this.countAt(now) >= this.max) {
			this.refused.push(now);
			return json(
				429,
				{ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
				this.headers(now),
			);
		}
		this.counted.push(now);
		this.ours.push(now);
		this.dailyRemaining--;
		return json(200, { id: String(this.ours.length) }, this.headers(now));
	}

	private search(now: number): HttpResponse {
		if (this.searches.filter((s) => s > now - 1000).length >= 5) {
			this.refused.push(now);
			return json(429, { status: 'error', message: 'secondly limit', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
		}
		this.searches.push(now);
		// Search answers carry no rate-limit headers.
		return json(200, { total: 0, results: [] });
	}

	private headers(now: number): Record<string, string> {
		return {
			'x-hubspot-ratelimit-max': String(this.max),
			'x-hubspot-ratelimit-remaining': String(Math.max(0, this.max - this.countAt(now))),
			'x-hubspot-ratelimit-interval-milliseconds': String(this.intervalMs),
			'x-hubspot-ratelimit-daily': String(this.options.daily ?? 250_000),
			'x-hubspot-ratelimit-daily-remaining': String(this.dailyRemaining),
		};
	}
}

function setup(options: ServerOptions = {}) {
	const clock = new FakeClock();
	const server = new FakeHubSpot(clock, options);
	const transport = new FakeTransport(clock, server.handle);
	const governor = new HubSpotGovernor();
	const client = new HttpClient({
		baseUrl: 'https://api.hubapi.com',
		transport: transport.send,
		clock,
		dialect: hubspotDialect,
		governor,
		random: () => 0.5,
	});
	const sendTimes = (bucket?: string) =>
		transport.sent.filter((s) => (bucket === SEARCH_BUCKET) === s.request.url.endsWith('/search')).map((s) => s.at - clock.start);
	return { clock, server, transport, governor, client, sendTimes };
}

async function getContacts(client: HttpClient, count: number): Promise<void> {
	for (let i = 0; i < count; i++) await client.request({ method: 'GET', path: `${CONTACTS}/${i + 1}` });
}

async function searches(client: HttpClient, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await client.request({ method: 'POST', path: `${CONTACTS}/search`, bucket: SEARCH_BUCKET, idempotent: true, body: { limit: 100 } });
	}
}

/** Times (ms after start) at which sends resumed after a pause: the first send of each burst. */
function burstStarts(times: number[]): number[] {
	return times.filter((t, i) => i === 0 || t - times[i - 1] > 1000);
}

describe('HubSpotGovernor: the ten-second window', () => {
	it('250 requests never exceed 100 in any 10 s, and take close to the minimum (two windows)', async () => {
		const { client, server, transport, clock, sendTimes } = setup();

		await getContacts(client, 250);

		const times = sendTimes();
		expect(times).toHaveLength(250);
		expect(transport.calls).toBe(250);
		expect(server.refused).toEqual([]);
		// It uses the whole ceiling, never more.
		expect(maxInWindow(times, 10_000)).toBe(100);
		// 250 requests need at least two full windows past the first burst; the guard adds 50 ms each.
		expect(clock.elapsed).toBeGreaterThanOrEqual(20_000);
		expect(clock.elapsed).toBeLessThan(20_000 + 500);
		expect(burstStarts(times)).toEqual([0, 10_050, 20_100]);
		expect(client.stats.retries).toBe(0);
	});

	it('with requests in flight 40 ms each, still at the ceiling and near the minimum', async () => {
		const latencyMs = 40;
		const { client, server, clock, sendTimes } = setup({ latencyMs });

		await getContacts(client, 250);

		const times = sendTimes();
		expect(server.refused).toEqual([]);
		expect(maxInWindow(times, 10_000)).toBe(100);
		expect(Math.max(...server.counted.map((t) => server.countAt(t)))).toBe(100);
		// Minimum: two windows until the third burst, then its 50 requests back to back.
		const minimum = 20_000 + 50 * latencyMs;
		expect(clock.elapsed).toBeGreaterThanOrEqual(minimum);
		expect(clock.elapsed).toBeLessThan(minimum + 500);
	});

	it('learns a larger ceiling from X-HubSpot-RateLimit-Max (Professional: 190) and uses it', async () => {
		const { client, server, sendTimes, governor } = setup({ max: 190 });

		await getContacts(client, 300);

		const times = sendTimes();
		expect(server.refused).toEqual([]);
		expect(maxInWindow(times, 10_000)).toBe(190);
		expect(burstStarts(times)).toEqual([0, 10_050]);
		expect(governor.state).toMatchObject({ max: 190, intervalMs: 10_000 });
	});

	it('a 429 from the window is survived: the server refuses, the client backs off and the governor catches up', async () => {
		// Someone else filled the window 1 ms before our first request; the first answer is a 429.
		const others = Array.from({ length: 100 }, () => -1);
		const { client, server, sendTimes } = setup({ others });

		await getContacts(client, 5);

		expect(server.refused).toHaveLength(1);
		expect(server.ours).toHaveLength(5);
		// Retried once the others' burst left the window (after the backoff, the governor waits it out).
		expect(sendTimes().slice(1)).toEqual([10_050, 10_050, 10_050, 10_050, 10_050]);
	});
});

describe('HubSpotGovernor: another worker spends the same budget', () => {
	it('a burst seen in -Remaining before we start limits us to what is left', async () => {
		// Another worker sent 60 requests one second before our first.
		const others = Array.from({ length: 60 }, () => -1000);
		const { client, server, sendTimes } = setup({ others });

		await getContacts(client, 120);

		const times = sendTimes();
		expect(server.refused).toEqual([]);
		expect(server.othersRefusedAt).toEqual([]);
		// 100 - 60 = 40 in the first window, then the rest once ours have aged out.
		expect(times.filter((t) => t < 10_000)).toHaveLength(40);
		expect(burstStarts(times)).toEqual([0, 10_050]);
		expect(Math.max(...server.counted.map((t) => server.countAt(t)))).toBe(100);
	});

	it('a burst between our windows is learned from the first answer after it', async () => {
		// We fill the first window at t=0; the other worker sends 70 at 10_020, after ours expired server-side.
		const others = Array.from({ length: 70 }, () => 10_020);
		const { client, server, sendTimes } = setup({ others });

		await getContacts(client, 200);

		const times = sendTimes();
		expect(server.refused).toEqual([]);
		expect(server.othersRefusedAt).toEqual([]);
		expect(times.filter((t) => t < 10_000)).toHaveLength(100);
		// Second window: one request reveals the 70 others, so only 30 go out before the pause.
		expect(times.filter((t) => t >= 10_000 && t < 20_000)).toHaveLength(30);
		expect(burstStarts(times)).toEqual([0, 10_050, 20_100]);
		expect(Math.max(...server.counted.map((t) => server.countAt(t)))).toBe(100);
	});

	it('without the -Remaining headers the same burst would have caused 429s (the test can fail)', async () => {
		const others = Array.from({ length: 70 }, () => 10_020);
		const clock = new FakeClock();
		const server = new FakeHubSpot(clock, { others });
		// Strip the remaining header: the governor then only knows its own sends.
		const transport = new FakeTransport(clock, (request, now) => {
			const response = server.handle(request, now);
			const { ['x-hubspot-ratelimit-remaining']: _dropped, ...headers } = response.headers;
			return { ...response, headers };
		});
		const client = new HttpClient({
			baseUrl: 'https://api.hubapi.com',
			transport: transport.send,
			clock,
			dialect: hubspotDialect,
			governor: new HubSpotGovernor(),
			random: () => 0.5,
			retry: { maxRetries: 0 },
		});

		await expect(getContacts(client, 200)).rejects.toBeInstanceOf(CRMRateLimitError);
		expect(server.refused).toHaveLength(1);
		expect(server.ours).toHaveLength(130);
	});

	it('a steady other worker: once its rate shows in -Remaining, we leave it room and never get a 429', async () => {
		// The other worker sends 2 requests every 500 ms throughout (40 per window); ours take 50 ms each.
		const others = Array.from({ length: 200 }, (_, i) => 50 + Math.floor(i / 2) * 500);
		const { client, server, sendTimes, clock } = setup({ others, latencyMs: 50 });

		await getContacts(client, 150);

		expect(server.ours).toHaveLength(150);
		expect(server.refused).toEqual([]);
		expect(Math.max(...server.counted.map((t) => server.countAt(t)))).toBe(100);
		// In the first window we cannot know the other worker will keep going, so it is squeezed once
		// (its 22 requests from 4550 to 9550 are refused); from then on it always finds room.
		expect(server.othersRefusedAt.map((t) => t - clock.start)).toEqual(
			Array.from({ length: 22 }, (_, i) => 4550 + Math.floor(i / 2) * 500),
		);
		// We stop exactly when ours + the other's seen spend reach the ceiling: 82 + 18 = 100.
		const times = sendTimes();
		expect(times.filter((t) => t < 10_000)).toHaveLength(82);
		// The next window opens when the first request could have left HubSpot's: its answer (50 ms) + 10 s + guard.
		expect(burstStarts(times)).toEqual([0, 10_100]);
		expect(clock.elapsed).toBeLessThan(20_000);
	});
});

describe('HubSpotGovernor: search bucket', () => {
	it('never more than 5 searches in any second, and no faster than that needs', async () => {
		const { client, server, sendTimes, clock } = setup();

		await searches(client, 23);

		const times = sendTimes(SEARCH_BUCKET);
		expect(server.refused).toEqual([]);
		expect(maxInWindow(times, 1000)).toBe(5);
		expect(burstStarts(times)).toEqual([0, 1150, 2300, 3450, 4600]);
		expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 1150, 1150]);
		expect(clock.elapsed).toBe(4 * 1150);
	});

	it('search and the ten-second window are separate budgets', async () => {
		const { client, server, sendTimes } = setup();

		await searches(client, 5);
		await getContacts(client, 100);
		await searches(client, 1);

		expect(server.refused).toEqual([]);
		// 100 standard requests went out at once despite the searches before them…
		expect(sendTimes()).toEqual(Array.from({ length: 100 }, () => 0));
		// …and the sixth search waited only for the search window.
		expect(sendTimes(SEARCH_BUCKET)).toEqual([0, 0, 0, 0, 0, 1150]);
	});
});

describe('HubSpotGovernor: daily budget', () => {
	it('daily remaining 0 refuses the next request without calling the transport', async () => {
		const { client, transport, governor } = setup({ dailyRemaining: 2 });

		await getContacts(client, 2);
		expect(governor.state.dailyRemaining).toBe(0);

		await expect(client.request({ method: 'GET', path: `${CONTACTS}/3` })).rejects.toMatchObject({
			constructor: CRMRateLimitError,
			policy: 'daily',
			platform: 'hubspot',
		});
		expect(transport.calls).toBe(2);
	});

	it('daily remaining 1 still sends', async () => {
		const { client, transport, governor } = setup({ dailyRemaining: 3 });
		await getContacts(client, 2);
		expect(governor.state.dailyRemaining).toBe(1);
		await client.request({ method: 'GET', path: `${CONTACTS}/3` });
		expect(transport.calls).toBe(3);
	});

	it('the governor alone: refuses once a response reported daily remaining 0', () => {
		const governor = new HubSpotGovernor();
		const now = FakeClock.START;
		expect(governor.delayBefore('default', now)).toBe(0);
		governor.observe('default', json(200, {}, { 'x-hubspot-ratelimit-daily-remaining': '0' }), now);
		expect(() => governor.delayBefore('default', now)).toThrow(CRMRateLimitError);
	});
});

describe('HubSpotGovernor: reading headers', () => {
	it('records max, remaining, interval and daily remaining', () => {
		const governor = new HubSpotGovernor();
		const now = FakeClock.START;
		governor.onSend('default', now);
		governor.observe(
			'default',
			json(200, {}, {
				'x-hubspot-ratelimit-max': '110',
				'x-hubspot-ratelimit-remaining': '104',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
				'x-hubspot-ratelimit-daily-remaining': '999',
			}),
			now,
		);
		expect(governor.state).toEqual({ max: 110, remaining: 104, intervalMs: 10_000, dailyRemaining: 999 });
	});

	it('ignores headers on search answers', () => {
		const governor = new HubSpotGovernor();
		governor.observe(SEARCH_BUCKET, json(200, {}, { 'x-hubspot-ratelimit-daily-remaining': '0' }), FakeClock.START);
		expect(governor.state).toEqual({});
	});

	it('waits a whole window when -Remaining says others spent everything', () => {
		const governor = new HubSpotGovernor();
		const now = FakeClock.START;
		// As the HTTP client does: the request is marked answered before its headers are read.
		governor.onSend('default', now)(now);
		governor.observe('default', json(200, {}, { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '0' }), now);
		// 99 were someone else's: our share is 1, and we have used it.
		expect(governor.delayBefore('default', now + 10)).toBe(10_040);
	});
});

describe('HubSpotGovernor: counting requests as HubSpot does, by arrival', () => {
	it('requests answered late count from their answers: the 101st waits until the first could have left the window', () => {
		const governor = new HubSpotGovernor();
		const t0 = FakeClock.START;
		// Each call takes 400 ms (a TLS handshake under load): HubSpot may stamp it as late as its answer.
		const inFlight = Array.from({ length: 100 }, (_, i) => governor.onSend('default', t0 + i));
		inFlight.forEach((settle, i) => settle(t0 + i + 400));
		// Counted from the sends, the 101st would go at t0 + 10,050: inside HubSpot's window of the first.
		expect(governor.delayBefore('default', t0 + 10_050)).toBe(400);
		expect(governor.delayBefore('default', t0 + 10_450)).toBe(0);
	});

	it('a request still in flight holds its slot from "now" until it is answered', () => {
		const governor = new HubSpotGovernor({ max: 1, intervalMs: 1_000, searchPerSecond: 5 });
		const t0 = FakeClock.START;
		const slow = governor.onSend('default', t0);
		expect(governor.delayBefore('default', t0 + 500)).toBe(1_050);
		slow(t0 + 600);
		expect(governor.delayBefore('default', t0 + 600)).toBe(1_050);
		expect(governor.delayBefore('default', t0 + 1_650)).toBe(0);
	});

	it('a request unanswered for a whole window stops holding a slot (a hung connection)', () => {
		const governor = new HubSpotGovernor({ max: 1, intervalMs: 1_000, searchPerSecond: 5 });
		const t0 = FakeClock.START;
		governor.onSend('default', t0);
		expect(governor.delayBefore('default', t0 + 2_050)).toBe(0);
	});
});
