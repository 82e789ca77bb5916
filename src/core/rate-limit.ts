/**
 * Building blocks for pacing requests near a platform's ceiling without crossing it. Pure functions of
 * the time they are given, so they run the same on a fake clock as on a real one.
 */

/** At most `limit` sends in any `intervalMs` window, counted from our own send times. */
export class SlidingWindow {
	private readonly sent: number[] = [];

	constructor(
		public limit: number,
		public intervalMs: number,
		/** Extra wait past the window edge: the server stamps a request later than we send it. */
		private readonly guardMs = 50,
	) {}

	/** `limit` may be lowered below the window's own when others share the budget. */
	delay(now: number, limit = this.limit): number {
		this.expire(now);
		if (limit <= 0) return this.intervalMs + this.guardMs;
		if (this.sent.length < limit) return 0;
		const oldest = this.sent[this.sent.length - limit];
		return Math.max(1, oldest + this.intervalMs + this.guardMs - now);
	}

	record(now: number): void {
		this.sent.push(now);
		this.expire(now);
	}

	/** Sends recorded after `since`. */
	countSince(since: number): number {
		let n = 0;
		for (let i = this.sent.length - 1; i >= 0 && this.sent[i] > since; i--) n++;
		return n;
	}

	private expire(now: number): void {
		// Keep at least `limit` entries' worth of history only; older ones can never matter again.
		while (this.sent.length > 0 && (this.sent[0] <= now - this.intervalMs - this.guardMs || this.sent.length > this.limit * 2)) {
			this.sent.shift();
		}
	}
}

/**
 * What the platform last told us about a budget that others (other workers, workflows, apps on the same
 * account) spend too: `remaining` at time `at`, in a rolling window of `max` per `intervalMs`.
 */
export interface BudgetSnapshot {
	max: number;
	remaining: number;
	at: number;
}

/**
 * How many of the window's requests are ours to send: the ceiling less what others were seen to spend.
 * Others' share = what the server counted (max - remaining) minus what we sent in that same window.
 */
export function shareOf(window: SlidingWindow, snapshot: BudgetSnapshot | undefined, now: number): number {
	if (!snapshot || now - snapshot.at >= window.intervalMs) return window.limit;
	const ours = window.countSince(snapshot.at - window.intervalMs) - window.countSince(snapshot.at);
	const others = Math.max(0, snapshot.max - snapshot.remaining - ours);
	return Math.min(window.limit, snapshot.max) - others;
}
