/**
 * Building blocks for pacing requests near a platform's ceiling without crossing it. Pure functions of
 * the time they are given, so they run the same on a fake clock as on a real one.
 */

/** Marks a sent request as answered (or failed) at `now`: the platform counted it by then at the latest. */
export type Settle = (now: number) => void;

interface Sent {
	at: number;
	settled: boolean;
}

/**
 * At most `limit` requests in any `intervalMs` window, as the platform counts them: by arrival, which lies
 * somewhere between our send and the answer. So a request counts from its answer once it has one, and
 * from "now" while it is in flight: a first request slowed by a TLS handshake under load is counted late
 * by the platform, and counting it from its send let the 101st request in before the first had left
 * HubSpot's window (a 429 seen in benchmark B1).
 */
export class SlidingWindow {
	private sent: Sent[] = [];

	constructor(
		public limit: number,
		public intervalMs: number,
		/** Extra wait past the window edge: clocks and stamping differ by a few milliseconds. */
		private readonly guardMs = 50,
	) {}

	/** `limit` may be lowered below the window's own when others share the budget. */
	delay(now: number, limit = this.limit): number {
		this.expire(now);
		if (limit <= 0) return this.intervalMs + this.guardMs;
		const times = this.times(now);
		if (times.length < limit) return 0;
		const oldest = times[times.length - limit];
		return Math.max(1, oldest + this.intervalMs + this.guardMs - now);
	}

	/** A request sent and counted at `now`. */
	record(now: number): void {
		this.start(now)(now);
	}

	/** A request sent at `now` and still in flight: call the returned function when its answer arrives. */
	start(now: number): Settle {
		const entry: Sent = { at: now, settled: false };
		this.sent.push(entry);
		this.expire(now);
		return (settledAt) => {
			entry.at = Math.max(entry.at, settledAt);
			entry.settled = true;
		};
	}

	/** Requests counted after `since`. */
	countSince(since: number, now = since): number {
		return this.times(now).filter((t) => t > since).length;
	}

	/** When each request may have been counted at the latest, ascending. */
	private times(now: number): number[] {
		return this.sent.map((e) => this.countedBy(e, now)).sort((a, b) => a - b);
	}

	/**
	 * An unanswered request may still arrive at any moment, but one unanswered for a whole window is taken as
	 * stuck, so a hung connection cannot hold a slot forever.
	 */
	private countedBy(entry: Sent, now: number): number {
		return entry.settled ? entry.at : Math.min(Math.max(entry.at, now), entry.at + this.intervalMs);
	}

	private expire(now: number): void {
		const edge = now - this.intervalMs - this.guardMs;
		this.sent = this.sent.filter((e) => this.countedBy(e, now) > edge);
		// Keep at least `limit` entries' worth of history only; older ones can never matter again.
		if (this.sent.length > this.limit * 2) {
			this.sent.sort((a, b) => this.countedBy(a, now) - this.countedBy(b, now));
			this.sent = this.sent.slice(this.sent.length - this.limit * 2);
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
	const ours = window.countSince(snapshot.at - window.intervalMs, now) - window.countSince(snapshot.at, now);
	const others = Math.max(0, snapshot.max - snapshot.remaining - ours);
	return Math.min(window.limit, snapshot.max) - others;
}
