/**
 * Paces HubSpot calls close to the account's ceiling without crossing it. Two budgets: the rolling
 * ten-second window (its size is learned from X-HubSpot-RateLimit-* headers, and what other workers
 * spent shows up in -Remaining), and the search API's separate 5 requests per second, which sends no
 * headers and so is paced from our own send times alone. A spent daily budget refuses further calls.
 */
import { CRMRateLimitError } from '../../core/errors';
import type { HttpResponse, RateGovernor } from '../../core/http';
import { shareOf, SlidingWindow, type BudgetSnapshot, type Settle } from '../../core/rate-limit';

export const SEARCH_BUCKET = 'search';
export const SEARCH_GUARD_MS = 150;

export interface HubSpotLimits {
	/** Requests per window before headers tell us better. The lowest tier (private app, free) is 100. */
	max: number;
	intervalMs: number;
	searchPerSecond: number;
}

export const DEFAULT_HUBSPOT_LIMITS: HubSpotLimits = { max: 100, intervalMs: 10_000, searchPerSecond: 5 };

export interface HubSpotRateState {
	max?: number;
	remaining?: number;
	intervalMs?: number;
	dailyRemaining?: number;
}

export class HubSpotGovernor implements RateGovernor {
	readonly state: HubSpotRateState = {};
	private readonly window: SlidingWindow;
	private readonly search: SlidingWindow;
	private snapshot?: BudgetSnapshot;

	constructor(limits: HubSpotLimits = DEFAULT_HUBSPOT_LIMITS) {
		this.window = new SlidingWindow(limits.max, limits.intervalMs);
		// Search answers carry no headers to correct our count, and under load a request can reach HubSpot
		// well after we sent it: a wider guard than the window's default keeps a late arrival from landing
		// in the next second's count. Searches made by another execution in the same second stay unseen.
		this.search = new SlidingWindow(limits.searchPerSecond, 1_000, SEARCH_GUARD_MS);
	}

	delayBefore(bucket: string, now: number): number {
		if (bucket === SEARCH_BUCKET) return this.search.delay(now);
		if (this.state.dailyRemaining !== undefined && this.state.dailyRemaining <= 0) {
			throw new CRMRateLimitError('HubSpot daily API limit reached; it resets at midnight in the account time zone', {
				platform: 'hubspot',
				policy: 'daily',
			});
		}
		return this.window.delay(now, shareOf(this.window, this.snapshot, now));
	}

	onSend(bucket: string, now: number): Settle {
		return (bucket === SEARCH_BUCKET ? this.search : this.window).start(now);
	}

	observe(bucket: string, response: HttpResponse, now: number): void {
		if (bucket === SEARCH_BUCKET) return;
		const h = response.headers;
		const max = toInt(h['x-hubspot-ratelimit-max']);
		const remaining = toInt(h['x-hubspot-ratelimit-remaining']);
		const intervalMs = toInt(h['x-hubspot-ratelimit-interval-milliseconds']);
		const dailyRemaining = toInt(h['x-hubspot-ratelimit-daily-remaining']);
		if (max !== undefined && max > 0) {
			this.state.max = max;
			this.window.limit = max;
		}
		if (intervalMs !== undefined && intervalMs > 0) {
			this.state.intervalMs = intervalMs;
			this.window.intervalMs = intervalMs;
		}
		if (dailyRemaining !== undefined) this.state.dailyRemaining = dailyRemaining;
		if (remaining !== undefined) {
			this.state.remaining = remaining;
			this.snapshot = { max: this.window.limit, remaining, at: now };
		}
	}
}

function toInt(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number.parseInt(value, 10);
	return Number.isFinite(n) ? n : undefined;
}
