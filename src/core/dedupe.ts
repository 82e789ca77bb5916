/**
 * Remembering which webhook events were already handed to a workflow. Platforms redeliver (HubSpot
 * retries for 24 hours, LinkedIn and Apollo "may repeat"), and one delivery can carry the same event
 * twice. Memory is bounded by both age and count, and the state serialises to a plain object so a
 * host can persist it (n8n: workflow static data) and share it between processes.
 */
import { createHash } from 'node:crypto';

export interface RecentKeysOptions {
	/** Most keys kept; the least recently seen go first. */
	maxEntries: number;
	/** How long a key is remembered unless a shorter time is given when it is added. */
	ttlMs: number;
}

/** key → the time (ms) it expires. Plain JSON on purpose: it is stored as-is. */
export type RecentKeysState = Record<string, number>;

export class RecentKeys {
	private readonly entries = new Map<string, number>();

	constructor(
		readonly options: RecentKeysOptions,
		state?: RecentKeysState,
	) {
		if (state) this.merge(state, -Infinity);
	}

	get size(): number {
		return this.entries.size;
	}

	has(key: string, now: number): boolean {
		const expires = this.entries.get(key);
		return expires !== undefined && expires > now;
	}

	add(key: string, now: number, ttlMs = this.options.ttlMs): void {
		const expires = Math.max(now + ttlMs, this.entries.get(key) ?? 0);
		// Re-inserting moves the key to the young end of the Map's insertion order.
		this.entries.delete(key);
		this.entries.set(key, expires);
		this.prune(now);
	}

	/** Records the key and tells whether it was new. */
	firstSeen(key: string, now: number, ttlMs?: number): boolean {
		const known = this.has(key, now);
		this.add(key, now, ttlMs);
		return !known;
	}

	/** Adopts keys another process recorded; the later expiry wins. */
	merge(state: RecentKeysState, now: number): void {
		const incoming = Object.entries(state)
			.filter(([, expires]) => typeof expires === 'number' && expires > now)
			.sort((a, b) => a[1] - b[1]);
		for (const [key, expires] of incoming) {
			const current = this.entries.get(key);
			if (current === undefined) this.entries.set(key, expires);
			else if (expires > current) this.entries.set(key, expires);
		}
		this.prune(now);
	}

	toJSON(): RecentKeysState {
		return Object.fromEntries(this.entries);
	}

	private prune(now: number): void {
		for (const [key, expires] of this.entries) {
			if (expires <= now) this.entries.delete(key);
		}
		const excess = this.entries.size - this.options.maxEntries;
		if (excess <= 0) return;
		let dropped = 0;
		for (const key of this.entries.keys()) {
			if (dropped++ >= excess) break;
			this.entries.delete(key);
		}
	}
}

/**
 * JSON with object keys sorted, so two deliveries of the same event hash alike however the sender
 * ordered its fields. `omit` drops top-level fields that change between deliveries of one event
 * (HubSpot's attemptNumber).
 */
export function canonicalJson(value: unknown, omit: readonly string[] = []): string {
	const walk = (node: unknown, top: boolean): unknown => {
		if (Array.isArray(node)) return node.map((entry) => walk(entry, false));
		if (node && typeof node === 'object') {
			const out: Record<string, unknown> = {};
			for (const key of Object.keys(node).sort()) {
				if (top && omit.includes(key)) continue;
				out[key] = walk((node as Record<string, unknown>)[key], false);
			}
			return out;
		}
		return node;
	};
	return JSON.stringify(walk(value, true)) ?? 'undefined';
}

/** A short, stable fingerprint of a payload (128 bits of SHA-256, base64url). */
export function payloadHash(value: unknown, omit: readonly string[] = []): string {
	return createHash('sha256').update(canonicalJson(value, omit)).digest('base64url').slice(0, 22);
}

export interface DedupeOutcome<T> {
	fresh: T[];
	/** Repeats inside this delivery. */
	repeatedInDelivery: number;
	/** Seen in an earlier delivery. */
	seenBefore: number;
	/** Every distinct key of this delivery: what to remember once its events are safely handed on. */
	keys: string[];
}

/**
 * Keeps the first occurrence of each key and drops repeats within the batch and keys remembered from
 * earlier deliveries. It records nothing: the caller remembers `keys` only after the work that can
 * still fail, otherwise a sender's retry of a delivery that was never handed on is dropped as a
 * duplicate and its events are lost.
 */
export function dedupe<T>(
	items: T[],
	keyOf: (item: T) => string,
	seen: RecentKeys,
	now: number,
): DedupeOutcome<T> {
	const outcome: DedupeOutcome<T> = { fresh: [], repeatedInDelivery: 0, seenBefore: 0, keys: [] };
	const inBatch = new Set<string>();
	for (const item of items) {
		const key = keyOf(item);
		if (inBatch.has(key)) {
			outcome.repeatedInDelivery++;
			continue;
		}
		inBatch.add(key);
		if (seen.has(key, now)) {
			outcome.seenBefore++;
			continue;
		}
		outcome.fresh.push(item);
	}
	outcome.keys = [...inBatch];
	return outcome;
}

/** Records a delivery's keys (a repeat's expiry is extended: HubSpot keeps retrying for 24 hours). */
export function remember(seen: RecentKeys, keys: readonly string[], now: number): void {
	for (const key of keys) seen.add(key, now);
}
