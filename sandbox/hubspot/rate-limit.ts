/**
 * HubSpot's quotas: a rolling window plus a daily quota for ordinary calls, and a separate per-second
 * window for search. Counted per bucket (a private app token, or one OAuth installation).
 */
import type { HubSpotConfig } from './config';

export type Policy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export type Decision =
	| { allowed: true; headers: Record<string, string> }
	| { allowed: false; policy: Policy; retryAfterMs: number; headers: Record<string, string> };

class RollingWindow {
	private hits = new Map<string, number[]>();

	/** Hits still inside the window, oldest first. */
	current(key: string, now: number, intervalMs: number): number[] {
		const hits = this.hits.get(key) ?? [];
		let expired = 0;
		while (expired < hits.length && hits[expired] <= now - intervalMs) expired += 1;
		if (expired > 0) hits.splice(0, expired);
		this.hits.set(key, hits);
		return hits;
	}

	/** How long until one more request fits, given the hits inside the window. */
	static waitMs(hits: number[], now: number, max: number, intervalMs: number): number {
		const blocking = hits[hits.length - max];
		return blocking === undefined ? 0 : Math.max(0, blocking + intervalMs - now);
	}

	reset(): void {
		this.hits.clear();
	}
}

class DailyCounter {
	private day = '';
	private counts = new Map<string, number>();

	used(key: string, now: number): number {
		const day = new Date(now).toISOString().slice(0, 10);
		// HubSpot's daily quota resets at midnight; UTC keeps the sandbox deterministic across machines.
		if (day !== this.day) {
			this.day = day;
			this.counts.clear();
		}
		return this.counts.get(key) ?? 0;
	}

	add(key: string, now: number): void {
		this.counts.set(key, this.used(key, now) + 1);
	}

	static untilMidnightMs(now: number): number {
		const midnight = new Date(now);
		midnight.setUTCHours(24, 0, 0, 0);
		return midnight.getTime() - now;
	}

	reset(): void {
		this.day = '';
		this.counts.clear();
	}
}

export class RateLimiter {
	private readonly window = new RollingWindow();
	private readonly searchWindow = new RollingWindow();
	private readonly daily = new DailyCounter();

	constructor(private readonly config: () => HubSpotConfig) {}

	/** Counts an ordinary call; rejected calls are not counted. Daily headers are omitted for OAuth. */
	general(key: string, includeDaily: boolean, now = Date.now()): Decision {
		const { max, intervalMs, daily } = this.config().rateLimit;
		const hits = this.window.current(key, now, intervalMs);
		const usedToday = this.daily.used(key, now);
		const headers = (count: number, today: number): Record<string, string> => ({
			'X-HubSpot-RateLimit-Max': String(max),
			'X-HubSpot-RateLimit-Remaining': String(Math.max(0, max - count)),
			'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
			...(includeDaily
				? {
						'X-HubSpot-RateLimit-Daily': String(daily),
						'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, daily - today)),
					}
				: {}),
		});
		if (usedToday >= daily) {
			return {
				allowed: false,
				policy: 'DAILY',
				retryAfterMs: DailyCounter.untilMidnightMs(now),
				headers: headers(hits.length, usedToday),
			};
		}
		if (hits.length >= max) {
			const retryAfterMs = RollingWindow.waitMs(hits, now, max, intervalMs);
			return {
				allowed: false,
				policy: 'TEN_SECONDLY_ROLLING',
				retryAfterMs,
				headers: headers(hits.length, usedToday),
			};
		}
		hits.push(now);
		this.daily.add(key, now);
		return { allowed: true, headers: headers(hits.length, usedToday + 1) };
	}

	/** Counts a search call: its own per-second window plus the daily quota, and no headers at all. */
	search(key: string, now = Date.now()): Decision {
		const { max, intervalMs } = this.config().searchRateLimit;
		const hits = this.searchWindow.current(key, now, intervalMs);
		if (this.daily.used(key, now) >= this.config().rateLimit.daily) {
			return {
				allowed: false,
				policy: 'DAILY',
				retryAfterMs: DailyCounter.untilMidnightMs(now),
				headers: {},
			};
		}
		if (hits.length >= max) {
			return {
				allowed: false,
				policy: 'SECONDLY',
				retryAfterMs: RollingWindow.waitMs(hits, now, max, intervalMs),
				headers: {},
			};
		}
		hits.push(now);
		this.daily.add(key, now);
		return { allowed: true, headers: {} };
	}

	reset(): void {
		this.window.reset();
		this.searchWindow.reset();
		this.daily.reset();
	}
}
