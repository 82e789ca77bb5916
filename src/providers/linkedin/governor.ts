/**
 * LinkedIn sends no rate-limit headers, so there is nothing to pace by. What can be done is not to knock
 * again: once a resource answered its daily 429, further calls to it (the next page, the next item) are
 * refused here until midnight UTC instead of each spending a request on the same refusal.
 */
import { CRMRateLimitError } from '../../core/errors';
import type { HttpResponse, RateGovernor } from '../../core/http';
import { isDailyThrottle } from './dialect';

const DAY_MS = 86_400_000;

export class LinkedInGovernor implements RateGovernor {
	/** Bucket → when its daily quota starts over (ms). */
	private readonly blockedUntil = new Map<string, number>();

	delayBefore(bucket: string, now: number): number {
		const until = this.blockedUntil.get(bucket);
		if (until !== undefined && now < until) {
			throw new CRMRateLimitError(
				'LinkedIn daily API limit already reached for this resource in this run; it resets at midnight UTC',
				{
					platform: 'linkedin',
					policy: 'daily',
					httpStatus: 429,
					code: 'RATE_LIMIT',
					retryAfterMs: until - now,
				},
			);
		}
		return 0;
	}

	onSend(): void {
		// Nothing to count: LinkedIn's quotas are daily and its numbers are not published.
	}

	observe(bucket: string, response: HttpResponse, now: number): void {
		// A short throttle (with a Retry-After) is waited out by the HTTP layer; only the daily one blocks.
		if (response.status !== 429 || !isDailyThrottle(response)) return;
		this.blockedUntil.set(bucket, (Math.floor(now / DAY_MS) + 1) * DAY_MS);
	}

	/** Resources refused until midnight UTC, for checkRateLimit. */
	get exhausted(): string[] {
		return [...this.blockedUntil.keys()];
	}
}
