/**
 * LinkedIn's daily quotas: per endpoint, per application and per member, reset at midnight UTC (days
 * aligned to the epoch, `dayMs` long, so tests can shorten them). No headers: LinkedIn sends none.
 */
import type { LinkedInConfig } from './config';
import type { ThrottleScope } from './errors';

export class DailyQuota {
	private day = -1;
	private counts = new Map<string, number>();

	constructor(private readonly config: () => LinkedInConfig) {}

	/** Counts the call unless a quota is spent; rejected calls are not counted. */
	take(endpoint: string, app: string, member: string, now = Date.now()): ThrottleScope | undefined {
		const { appDaily, memberDaily, dayMs } = this.config().rateLimit;
		const day = Math.floor(now / dayMs);
		if (day !== this.day) {
			this.day = day;
			this.counts.clear();
		}
		const appKey = `app|${app}|${endpoint}`;
		const memberKey = `member|${app}|${member}|${endpoint}`;
		if ((this.counts.get(appKey) ?? 0) >= appDaily) return 'APPLICATION';
		if ((this.counts.get(memberKey) ?? 0) >= memberDaily) return 'MEMBER';
		this.counts.set(appKey, (this.counts.get(appKey) ?? 0) + 1);
		this.counts.set(memberKey, (this.counts.get(memberKey) ?? 0) + 1);
		return undefined;
	}

	/** As if midnight UTC had just passed. */
	reset(): void {
		this.day = -1;
		this.counts.clear();
	}
}
