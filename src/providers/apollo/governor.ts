/**
 * Paces Apollo calls under the key's limits, read from every answer's headers. Apollo counts enrichment,
 * bulk people enrichment (a tenth of enrichment's limit) and everything else separately, so each class is
 * its own bucket. Inside a bucket: the minute window is shared with whoever else uses the key (other
 * workflows, workers), so what they spent (limit - left - ours) lowers our share and we slow down instead
 * of tripping 429s; an hour or day that reads 0 left refuses the next call before it is sent, since
 * waiting it out inside an execution is never right.
 */
import { CRMRateLimitError } from '../../core/errors';
import type { HttpResponse, RateGovernor } from '../../core/http';
import { shareOf, SlidingWindow, type BudgetSnapshot, type Settle } from '../../core/rate-limit';
import { BUCKETS, type ApolloBucket } from './endpoints';
import { inWords, readWindow, WINDOW_MS, windowOf, type RateWindow } from './rate-windows';

/** Per-minute limits assumed until the first answer tells the real ones (Apollo's Free plan). */
export interface ApolloLimits {
	enrichmentPerMinute: number;
	otherPerMinute: number;
}

export const DEFAULT_APOLLO_LIMITS: ApolloLimits = { enrichmentPerMinute: 50, otherPerMinute: 200 };

const BUCKET_LABELS: Record<ApolloBucket, string> = {
	enrichment: 'enrichment',
	bulk_match: 'bulk people enrichment',
	other: 'search and contacts',
};

type LongWindow = Exclude<RateWindow, 'minute'>;

interface Exhausted {
	/** When the window is known (Retry-After) or at the latest (its length from now) to have renewed. */
	until: number;
	exact: boolean;
	limit?: number;
}

interface BucketState {
	minute: SlidingWindow;
	snapshot?: BudgetSnapshot;
	/** When a minute window read as spent renews. */
	minuteResetAt?: number;
	exhausted: Partial<Record<LongWindow, Exhausted>>;
	/** Last reading per window, for checkRateLimit. */
	readings: Partial<Record<RateWindow, { limit?: number; left?: number }>>;
}

export class ApolloGovernor implements RateGovernor {
	private readonly buckets = new Map<ApolloBucket, BucketState>();

	constructor(private readonly limits: ApolloLimits = DEFAULT_APOLLO_LIMITS) {}

	delayBefore(bucket: string, now: number): number {
		const name = bucketOf(bucket);
		const state = this.state(name);
		for (const window of ['daily', 'hourly'] as const) {
			const spent = state.exhausted[window];
			if (!spent) continue;
			if (now >= spent.until) {
				delete state.exhausted[window];
				continue;
			}
			throw exhaustedError(name, window, spent, now);
		}
		if (state.minuteResetAt !== undefined) {
			if (now < state.minuteResetAt) return state.minuteResetAt - now;
			// The window renewed: what it said about others' spending no longer holds.
			state.minuteResetAt = undefined;
			state.snapshot = undefined;
		}
		return state.minute.delay(now, shareOf(state.minute, state.snapshot, now));
	}

	onSend(bucket: string, now: number): Settle {
		return this.state(bucketOf(bucket)).minute.start(now);
	}

	observe(bucket: string, response: HttpResponse, now: number): void {
		const state = this.state(bucketOf(bucket));
		const headers = response.headers;
		const rateLimited = response.status === 429;
		const body = (response.body && typeof response.body === 'object' ? response.body : {}) as {
			rate_limit_window?: string;
			error?: string;
		};
		const named = rateLimited ? windowOf(body, headers) : undefined;
		const retryAfter = rateLimited ? retryAfterMs(response) : undefined;

		for (const window of ['minute', 'hourly', 'daily'] as const) {
			const reading = readWindow(headers, window);
			if (reading.limit !== undefined || reading.left !== undefined) state.readings[window] = reading;
			const spent = reading.left === 0 || named === window;
			if (window === 'minute') {
				if (reading.limit !== undefined && reading.limit > 0) state.minute.limit = reading.limit;
				if (reading.left !== undefined) {
					state.snapshot = { max: state.minute.limit, remaining: reading.left, at: now };
				}
				if (spent)
					state.minuteResetAt =
						now + (named === 'minute' && retryAfter !== undefined ? retryAfter : WINDOW_MS.minute);
				continue;
			}
			if (spent) {
				const exact = named === window && retryAfter !== undefined;
				state.exhausted[window] = {
					until: now + (exact ? (retryAfter as number) : WINDOW_MS[window]),
					exact,
					limit: reading.limit ?? state.exhausted[window]?.limit,
				};
			} else if (reading.left !== undefined) delete state.exhausted[window];
		}
	}

	/** The last reading of each window per bucket: for RateLimitStatus and for tests. */
	status(bucket: ApolloBucket): BucketState['readings'] {
		return { ...this.state(bucket).readings };
	}

	private state(bucket: ApolloBucket): BucketState {
		let state = this.buckets.get(bucket);
		if (!state) {
			const perMinute =
				bucket === BUCKETS.enrichment
					? this.limits.enrichmentPerMinute
					: bucket === BUCKETS.bulkMatch
						? Math.max(1, Math.floor(this.limits.enrichmentPerMinute / 10))
						: this.limits.otherPerMinute;
			state = { minute: new SlidingWindow(perMinute, WINDOW_MS.minute), exhausted: {}, readings: {} };
			this.buckets.set(bucket, state);
		}
		return state;
	}
}

export function bucketOf(bucket: string): ApolloBucket {
	return bucket === BUCKETS.enrichment || bucket === BUCKETS.bulkMatch ? bucket : BUCKETS.other;
}

function exhaustedError(
	bucket: ApolloBucket,
	window: LongWindow,
	spent: Exhausted,
	now: number,
): CRMRateLimitError {
	const limit =
		spent.limit === undefined ? '' : ` (${spent.limit} per ${window === 'daily' ? 'day' : 'hour'})`;
	const at = new Date(spent.until).toISOString();
	const when = spent.exact
		? `it resets at ${at} (${inWords(spent.until - now)})`
		: `it resets by ${at} at the latest`;
	return new CRMRateLimitError(
		`Apollo ${window} API limit for ${BUCKET_LABELS[bucket]} is spent${limit}; ${when}`,
		{
			platform: 'apollo',
			policy: window,
			retryAfterMs: spent.until - now,
			code: 'RATE_LIMIT',
		},
	);
}

function retryAfterMs(response: HttpResponse): number | undefined {
	const seconds = Number(response.headers['retry-after']);
	if (response.headers['retry-after'] !== undefined && Number.isFinite(seconds) && seconds >= 0)
		return seconds * 1000;
	const fromBody = (response.body as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
	return typeof fromBody === 'number' && fromBody >= 0 ? fromBody * 1000 : undefined;
}
