/**
 * Which events this trigger already handed to its workflow, so redeliveries are acknowledged without
 * starting anything. Kept in the node's workflow static data (n8n saves it after every production
 * webhook call, and every main or webhook process reads it) plus a per-process copy (see
 * process-cache.ts). Bounded by age and by count: the user's Duplicate Window and Memory Size.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { RecentKeys, remember, type RecentKeysState } from '../../src/core/dedupe';
import { ProcessCache } from './process-cache';

export interface SeenEventsOptions {
	maxEntries: number;
	ttlMs: number;
}

export interface SeenEvents {
	keys: RecentKeys;
	/** Records a delivery's event keys in both copies: the last step before its items are handed on. */
	remember(keys: readonly string[], now: number): void;
}

/** The static data key; older versions also kept replay keys (`replay:…`) under it. */
export const SEEN_EVENTS_KEY = 'seen';

const CACHE = new ProcessCache<RecentKeys>();

export function openSeenEvents(ctx: IWebhookFunctions, options: SeenEventsOptions, now: number): SeenEvents {
	const keys = CACHE.get(
		ctx,
		() => new RecentKeys(options),
		(cached) => cached.options.maxEntries !== options.maxEntries || cached.options.ttlMs !== options.ttlMs,
	);
	const staticData = ctx.getWorkflowStaticData('node');
	if (isState(staticData[SEEN_EVENTS_KEY])) keys.merge(withoutReplayKeys(staticData[SEEN_EVENTS_KEY]), now);
	return {
		keys,
		remember(eventKeys, at) {
			remember(keys, eventKeys, at);
			staticData[SEEN_EVENTS_KEY] = keys.toJSON() as IDataObject;
		},
	};
}

function withoutReplayKeys(state: RecentKeysState): RecentKeysState {
	return Object.fromEntries(Object.entries(state).filter(([key]) => !key.startsWith('replay:')));
}

function isState(value: unknown): value is RecentKeysState {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
