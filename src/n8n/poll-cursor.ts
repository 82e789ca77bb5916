/**
 * The polling trigger's cursor over a change feed: which contacts one poll emits, and the state the next
 * poll starts from. Pure (no n8n): the node keeps the state in the workflow's static data.
 *
 * Why it cannot lose a contact:
 * - Search is eventually consistent (HubSpot indexes a change seconds late), so a change stamped before
 *   the last poll may only show after it. Each poll therefore re-reads from `since`, which never passes
 *   "poll start − lag"; what it already emitted in that overlap is recognised by (id, stamp) in `seen`.
 * - Equal stamps at the boundary: reads are "at or after" `since` and `seen` keeps every pair at or after
 *   it, so a run of contacts sharing the last stamp is finished on the next poll, not skipped.
 * - A bounded poll (most contacts per poll, or the poll's time budget) moves `since` only up to the last
 *   emitted stamp: the rest is read again next time.
 * - A poll that fails returns nothing and the caller keeps the old state (n8n saves no static data then),
 *   so the same window is read again.
 * `seen` is bounded: past `maxSeen` the oldest pairs go first, which can repeat a contact, never skip one.
 */
import type { ChangeFeed } from '../core/capabilities/change-feed';
import type { Contact } from '../core/models';

export type PollEvent = 'changed' | 'created';

export interface PollSettings {
	/** What the state belongs to (platform, event, lead owner...): a different key starts over. */
	key: string;
	event: PollEvent;
	/** On the first poll, emit what exists already instead of starting from now. */
	includeExisting: boolean;
	/** How late the platform's search may show a change. */
	lagMs: number;
	/** Most contacts one poll emits. */
	maxPerPoll: number;
	/** Most (id, stamp) pairs kept. */
	maxSeen?: number;
	properties?: string[];
	/** Clock time after which no further page is read (the poll's budget). */
	deadline?: number;
}

/** JSON-safe, as n8n stores static data. Times are epoch milliseconds. */
export interface PollState {
	v: 1;
	key: string;
	/** Nothing stamped before this is emitted (the first activation's "now", or 0 with existing contacts). */
	floor: number;
	/** The next read starts here. */
	since: number;
	/** `[id@stamp, stamp]` pairs already emitted with a stamp at or after `since`. */
	seen: Array<[string, number]>;
}

export interface PollOutcome {
	contacts: Contact[];
	state: PollState;
	/** False when the poll stopped at `maxPerPoll` or the deadline with more possibly left. */
	drained: boolean;
}

export const DEFAULT_MAX_SEEN = 10_000;

/** The saved state when it belongs to these settings; anything else (absent, older shape, other key) is none. */
export function readState(saved: unknown, key: string): PollState | undefined {
	if (typeof saved !== 'object' || saved === null) return undefined;
	const state = saved as Partial<PollState>;
	if (state.v !== 1 || state.key !== key) return undefined;
	if (typeof state.floor !== 'number' || typeof state.since !== 'number' || !Array.isArray(state.seen)) return undefined;
	return state as PollState;
}

export async function pollChanges(
	feed: ChangeFeed,
	saved: unknown,
	settings: PollSettings,
	now: () => number,
): Promise<PollOutcome> {
	const started = now();
	const previous = readState(saved, settings.key);
	if (!previous && !settings.includeExisting) {
		// First activation: from now on. `since` reaches back by the lag so changes made just after this
		// moment that search shows late are still read; the floor keeps older ones out.
		return {
			contacts: [],
			state: { v: 1, key: settings.key, floor: started, since: started - settings.lagMs, seen: [] },
			drained: true,
		};
	}
	const state: PollState = previous ?? { v: 1, key: settings.key, floor: 0, since: 0, seen: [] };
	const seen = new Map(state.seen);
	const emitted: Array<{ contact: Contact; stamp: number; key: string; keyStamp: number }> = [];
	const emittedKeys = new Set<string>();
	let drained = true;

	const pages = feed.getUpdatedContacts(new Date(state.since), { properties: settings.properties });
	let first = true;
	reading: for await (const page of pages) {
		if (!first && settings.deadline !== undefined && now() >= settings.deadline) {
			drained = false;
			break;
		}
		first = false;
		for (const contact of page) {
			const candidate = eventOf(contact, state, settings.event);
			if (!candidate || seen.has(candidate.key) || emittedKeys.has(candidate.key)) continue;
			if (emitted.length >= settings.maxPerPoll) {
				drained = false;
				break reading;
			}
			emitted.push({ contact, ...candidate });
			emittedKeys.add(candidate.key);
		}
	}

	const safe = Math.max(state.since, started - settings.lagMs);
	const last = emitted.length ? emitted[emitted.length - 1].stamp : state.since;
	const since = drained ? safe : Math.max(state.since, Math.min(last, safe));
	const pairs: Array<[string, number]> = [...state.seen, ...emitted.map((e): [string, number] => [e.key, e.keyStamp])];
	const kept = pairs.filter(([, stamp]) => stamp >= since);
	const maxSeen = settings.maxSeen ?? DEFAULT_MAX_SEEN;
	const bounded = kept.length > maxSeen ? kept.sort((a, b) => a[1] - b[1]).slice(kept.length - maxSeen) : kept;
	return {
		contacts: emitted.map((e) => e.contact),
		state: { v: 1, key: state.key, floor: state.floor, since, seen: bounded },
		drained,
	};
}

/**
 * Whether a contact read from the feed is an event to emit, and under which key. A change is keyed by
 * its update stamp (each change once); a creation by its creation stamp (once, however often it changes
 * afterwards). A contact without the stamps cannot be placed and is left out.
 */
function eventOf(
	contact: Contact,
	state: PollState,
	event: PollEvent,
): { stamp: number; key: string; keyStamp: number } | undefined {
	const updated = stampOf(contact.updatedAt) ?? stampOf(contact.createdAt);
	if (updated === undefined || updated < state.floor || contact.id === undefined) return undefined;
	if (event === 'changed') return { stamp: updated, key: `${contact.id}@${updated}`, keyStamp: updated };
	const created = stampOf(contact.createdAt);
	if (created === undefined || created < state.floor || created < state.since) return undefined;
	return { stamp: updated, key: `${contact.id}@${created}`, keyStamp: created };
}

function stampOf(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}
