/**
 * Signatures already accepted, kept until their freshness window has passed so the exact same signed
 * request is refused inside it. Bounded by time only, never by count: evicting a key early would
 * reopen its window (a burst of ordinary traffic could otherwise flush a captured request's key), and
 * only a request with a valid signature creates a key, so their number is bounded by genuine traffic
 * within one window. The state is plain JSON so a host can persist and share it.
 *
 * A key is reserved while the request is being handled (so a concurrent replay is refused) and
 * released again if handling fails, so the sender's retry of a request that was not processed is not
 * mistaken for a replay.
 */

/** key → the time (ms) it expires. */
export type ReplayKeysState = Record<string, number>;

export class ReplayKeys {
	private readonly entries = new Map<string, number>();
	/** Earliest expiry held: pruning only walks the map once something can have expired. */
	private earliest = Infinity;

	get size(): number {
		return this.entries.size;
	}

	has(key: string, now: number): boolean {
		const expires = this.entries.get(key);
		return expires !== undefined && expires > now;
	}

	/** Records the key until `now + ttlMs`; false (and nothing changed) when it is already held. */
	reserve(key: string, now: number, ttlMs: number): boolean {
		this.prune(now);
		if (this.has(key, now)) return false;
		this.entries.set(key, now + ttlMs);
		this.earliest = Math.min(this.earliest, now + ttlMs);
		return true;
	}

	release(key: string): void {
		this.entries.delete(key);
	}

	/** Adopts keys recorded elsewhere (another process, the persisted copy); the later expiry wins. */
	merge(state: unknown, now: number): void {
		if (typeof state !== 'object' || state === null || Array.isArray(state)) return;
		for (const [key, expires] of Object.entries(state as Record<string, unknown>)) {
			if (typeof expires !== 'number' || !(expires > now)) continue;
			const current = this.entries.get(key);
			if (current === undefined || expires > current) this.entries.set(key, expires);
			this.earliest = Math.min(this.earliest, expires);
		}
		this.prune(now);
	}

	toJSON(): ReplayKeysState {
		return Object.fromEntries(this.entries);
	}

	private prune(now: number): void {
		if (now < this.earliest) return;
		this.earliest = Infinity;
		for (const [key, expires] of this.entries) {
			if (expires <= now) this.entries.delete(key);
			else this.earliest = Math.min(this.earliest, expires);
		}
	}
}
