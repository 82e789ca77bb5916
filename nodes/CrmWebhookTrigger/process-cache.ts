/**
 * State a trigger node keeps in this process beside the workflow's static data. Static data is the
 * authoritative, shared copy, but concurrent requests each load it at their start and the last save
 * wins; the process copy closes that race on one process. One entry per workflow node, and only the
 * most recently used nodes are kept, so a process serving many workflows stays bounded.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

const MAX_CACHED_NODES = 200;

export type NodeIdentity = Pick<IWebhookFunctions, 'getNode' | 'getWorkflow'>;

export function nodeKey(ctx: NodeIdentity): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? 'unsaved'}:${node.id ?? node.name}`;
}

export class ProcessCache<T> {
	private readonly entries = new Map<string, T>();

	/** The node's entry, created with `create` when missing or when `stale` says it no longer fits. */
	get(ctx: NodeIdentity, create: () => T, stale: (value: T) => boolean = () => false): T {
		const key = nodeKey(ctx);
		let value = this.entries.get(key);
		if (value === undefined || stale(value)) value = create();
		// Re-inserting marks the node as the most recently used one.
		this.entries.delete(key);
		this.entries.set(key, value);
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= MAX_CACHED_NODES) break;
			this.entries.delete(oldest);
		}
		return value;
	}
}
