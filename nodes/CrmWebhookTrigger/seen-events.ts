/**
 * Where the trigger remembers recent events and signatures. The authoritative copy is the node's
 * workflow static data, which n8n saves after every production webhook call and which every main or
 * webhook process reads, so a redelivery to another process is still caught. Concurrent deliveries
 * each load the stored copy at their start and the last save wins; a small per-process cache of the
 * same keys closes that race on one process. Both are bounded by age and by count.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { RecentKeys, type RecentKeysState } from '../../src/core/dedupe';

export interface MemoryOptions {
	maxEntries: number;
	ttlMs: number;
}

export interface Memory {
	keys: RecentKeys;
	save(): void;
}

const PROCESS_CACHE = new Map<string, RecentKeys>();
const MAX_CACHED_NODES = 200;

export function openMemory(ctx: IWebhookFunctions, options: MemoryOptions, now: number): Memory {
	const node = ctx.getNode();
	const id = `${ctx.getWorkflow().id ?? 'unsaved'}:${node.id ?? node.name}`;
	let keys = PROCESS_CACHE.get(id);
	if (!keys || keys.options.maxEntries !== options.maxEntries || keys.options.ttlMs !== options.ttlMs) {
		keys = new RecentKeys(options);
	}
	PROCESS_CACHE.delete(id);
	PROCESS_CACHE.set(id, keys);
	for (const stale of PROCESS_CACHE.keys()) {
		if (PROCESS_CACHE.size <= MAX_CACHED_NODES) break;
		PROCESS_CACHE.delete(stale);
	}

	const staticData = ctx.getWorkflowStaticData('node');
	if (isState(staticData.seen)) keys.merge(staticData.seen, now);
	const shared = keys;
	return {
		keys: shared,
		save: () => {
			staticData.seen = shared.toJSON() as IDataObject;
		},
	};
}

function isState(value: unknown): value is RecentKeysState {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
