/**
 * Signatures this trigger accepted, so the exact same signed request is refused as a replay inside its
 * freshness window. Their own store, bounded by that window only (see src/core/replay-keys.ts): in
 * the event memory a burst of ordinary events could evict them. Persisted in the workflow static data
 * under its own key plus a per-process copy, so keys survive bursts, restarts and other processes.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { ReplayKeys } from '../../src/core/replay-keys';
import { ProcessCache } from './process-cache';
import { SEEN_EVENTS_KEY } from './seen-events';

export const SEEN_SIGNATURES_KEY = 'replayKeys';
/** How replay keys were named when they lived in the event memory (still honoured when read back). */
const LEGACY_PREFIX = 'replay:';

export interface SeenSignatures {
	/** Holds the key in this process (a concurrent replay is refused); false when it was already held. */
	reserve(key: string, now: number, ttlMs: number): boolean;
	/** Gives a reservation back: the request was not handled, so its retry is no replay. */
	release(key: string): void;
	/** Writes the keys to the workflow's static data, once the request has been handled. */
	persist(): void;
}

const CACHE = new ProcessCache<ReplayKeys>();

export function openSeenSignatures(ctx: IWebhookFunctions, now: number): SeenSignatures {
	const keys = CACHE.get(ctx, () => new ReplayKeys());
	const staticData = ctx.getWorkflowStaticData('node');
	keys.merge(staticData[SEEN_SIGNATURES_KEY], now);
	keys.merge(legacyKeys(staticData[SEEN_EVENTS_KEY]), now);
	return {
		reserve: (key, at, ttlMs) => keys.reserve(key, at, ttlMs),
		release: (key) => keys.release(key),
		persist() {
			staticData[SEEN_SIGNATURES_KEY] = keys.toJSON() as IDataObject;
		},
	};
}

function legacyKeys(state: unknown): Record<string, unknown> {
	if (typeof state !== 'object' || state === null) return {};
	return Object.fromEntries(
		Object.entries(state)
			.filter(([key]) => key.startsWith(LEGACY_PREFIX))
			.map(([key, expires]) => [key.slice(LEGACY_PREFIX.length), expires as unknown]),
	);
}
