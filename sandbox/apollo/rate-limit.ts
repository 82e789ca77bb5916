/**
 * Apollo's fixed windows (minute, hour, day), counted per key and per endpoint class. A window opens at
 * the first request after the previous one ended, so a test's timing does not depend on where the wall
 * clock sits inside a minute; `Retry-After` is the time to that window's end.
 */
import type { ApolloConfig, WindowLimits } from './config';
import type { RateWindow } from './errors';

/** Enrichment, the bulk people endpoint (a tenth of enrichment) and everything else. */
export type LimitClass = 'enrichment' | 'bulk_match' | 'other';

export type Decision =
	| { allowed: true; headers: Record<string, string> }
	| {
			allowed: false;
			window: RateWindow;
			limit: number;
			retryAfterMs: number;
			headers: Record<string, string>;
	  };

interface Window {
	start: number;
	count: number;
}

/** Longest first: when several are spent, the one that lasts longest is the one worth naming. */
const WINDOWS: RateWindow[] = ['daily', 'hourly', 'minute'];

export function limitsFor(config: ApolloConfig, limitClass: LimitClass): WindowLimits {
	if (limitClass === 'other') return config.otherLimits;
	const enrichment = config.enrichmentLimits;
	if (limitClass === 'enrichment') return enrichment;
	const tenth = (value: number) => Math.max(1, Math.floor(value / 10));
	return {
		minute: tenth(enrichment.minute),
		hourly: tenth(enrichment.hourly),
		daily: tenth(enrichment.daily),
	};
}

export class RateLimiter {
	private windows = new Map<string, Window>();

	constructor(
		private readonly config: () => ApolloConfig,
		private readonly now: () => number,
	) {}

	/** Counts one call unless a window is spent; rejected calls are not counted. */
	take(bucket: string, limitClass: LimitClass): Decision {
		const config = this.config();
		const limits = limitsFor(config, limitClass);
		const now = this.now();
		const current = Object.fromEntries(
			WINDOWS.map((window) => [
				window,
				this.current(`${bucket}|${limitClass}|${window}`, now, config.windowMs[window]),
			]),
		) as Record<RateWindow, Window>;
		const spent = WINDOWS.find((window) => current[window].count >= limits[window]);
		if (spent !== undefined) {
			return {
				allowed: false,
				window: spent,
				limit: limits[spent],
				retryAfterMs: Math.max(0, current[spent].start + config.windowMs[spent] - now),
				headers: headers(limits, current),
			};
		}
		for (const window of WINDOWS) current[window].count += 1;
		return { allowed: true, headers: headers(limits, current) };
	}

	/** The headers a 429 from a fault carries: this class's limits, nothing left in `window`. */
	static exhaustedHeaders(limits: WindowLimits, window: RateWindow): Record<string, string> {
		const counts = Object.fromEntries(
			WINDOWS.map((name) => [name, { start: 0, count: name === window ? limits[name] : 0 }]),
		) as Record<RateWindow, Window>;
		return headers(limits, counts);
	}

	reset(): void {
		this.windows.clear();
	}

	private current(key: string, now: number, length: number): Window {
		let window = this.windows.get(key);
		if (!window || now >= window.start + length) {
			window = { start: now, count: 0 };
			this.windows.set(key, window);
		}
		return window;
	}
}

function headers(limits: WindowLimits, counts: Record<RateWindow, Window>): Record<string, string> {
	const names: Record<RateWindow, { limit: string; left: string; usage: string }> = {
		minute: { limit: 'x-rate-limit-minute', left: 'x-minute-requests-left', usage: 'x-minute-usage' },
		hourly: { limit: 'x-rate-limit-hourly', left: 'x-hourly-requests-left', usage: 'x-hourly-usage' },
		daily: { limit: 'x-rate-limit-daily', left: 'x-daily-requests-left', usage: 'x-daily-usage' },
	};
	const result: Record<string, string> = {};
	for (const window of WINDOWS) {
		const used = counts[window].count;
		result[names[window].limit] = String(limits[window]);
		result[names[window].left] = String(Math.max(0, limits[window] - used));
		result[names[window].usage] = String(used);
	}
	return result;
}
