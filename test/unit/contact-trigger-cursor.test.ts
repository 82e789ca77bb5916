/**
 * The polling trigger's cursor rules on a fake change feed whose search shows each change only some time
 * after it happened (like HubSpot's index), on a fake clock. Each poll hands the state it returned to the
 * next one, as n8n's static data does; a poll that throws hands nothing on.
 */
import type { ChangeFeed } from '../../src/core/capabilities/change-feed';
import type { ListOptions } from '../../src/core/capabilities/contact-store';
import type { Contact } from '../../src/core/models';
import { pollChanges, type PollOutcome, type PollSettings, type PollState } from '../../src/n8n/poll-cursor';

const T0 = Date.UTC(2026, 10, 2, 12, 0, 0);
const S = 1000;

interface Change {
	id: string;
	created: number;
	updated: number;
	/** When search starts showing this version. */
	visibleAt: number;
}

/** An account's contacts; each id's latest visible version is what search returns. */
class FakeFeed implements ChangeFeed {
	now = T0;
	reads: Array<{ since: number }> = [];
	failOnPage?: number;
	pageSize = 3;
	private versions: Change[] = [];

	change(id: string, updated: number, options: { created?: number; indexLagMs?: number } = {}): void {
		const created = options.created ?? this.versions.find((v) => v.id === id)?.created ?? updated;
		this.versions.push({ id, created, updated, visibleAt: updated + (options.indexLagMs ?? 0) });
	}

	async *getUpdatedContacts(since: Date, _options?: ListOptions): AsyncIterable<Contact[]> {
		this.reads.push({ since: since.getTime() });
		const latest = new Map<string, Change>();
		for (const v of this.versions) {
			if (v.visibleAt > this.now) continue;
			const known = latest.get(v.id);
			if (!known || known.updated <= v.updated) latest.set(v.id, v);
		}
		const rows = [...latest.values()]
			.filter((v) => v.updated >= since.getTime())
			.sort((a, b) => a.updated - b.updated || a.id.localeCompare(b.id));
		for (let start = 0, page = 1; start < rows.length; start += this.pageSize, page++) {
			if (this.failOnPage === page) throw new Error('connection dropped');
			yield rows.slice(start, start + this.pageSize).map((v) => ({
				id: v.id,
				createdAt: new Date(v.created).toISOString(),
				updatedAt: new Date(v.updated).toISOString(),
				properties: {},
				ids: { hubspot: v.id },
			}));
		}
	}
}

const settings = (overrides: Partial<PollSettings> = {}): PollSettings => ({
	key: 'hubspot:changed',
	event: 'changed',
	includeExisting: false,
	lagMs: 60 * S,
	maxPerPoll: 1000,
	...overrides,
});

/** Polls like n8n: the state of each successful poll is saved for the next. */
class Poller {
	state: unknown = undefined;
	constructor(
		readonly feed: FakeFeed,
		readonly options: Partial<PollSettings> = {},
	) {}

	async poll(at: number, overrides: Partial<PollSettings> = {}): Promise<PollOutcome> {
		this.feed.now = at;
		const outcome = await pollChanges(this.feed, this.state, settings({ ...this.options, ...overrides }), () => this.feed.now);
		this.state = JSON.parse(JSON.stringify(outcome.state));
		return outcome;
	}

	async ids(at: number, overrides: Partial<PollSettings> = {}): Promise<string[]> {
		return (await this.poll(at, overrides)).contacts.map((c) => `${c.id}@${(Date.parse(c.updatedAt!) - T0) / S}`);
	}
}

describe('CRM Contact Trigger cursor', () => {
	it('starts from now on the first activation: nothing existing, not even a change search shows late', async () => {
		const feed = new FakeFeed();
		feed.change('old', T0 - 3600 * S);
		feed.change('justBefore', T0 - 5 * S, { indexLagMs: 20 * S });
		const poller = new Poller(feed);
		expect(await poller.ids(T0)).toEqual([]);
		expect(feed.reads).toEqual([]);
		expect(poller.state).toMatchObject({ floor: T0, since: T0 - 60 * S, seen: [] });
		feed.change('after', T0 + 10 * S);
		expect(await poller.ids(T0 + 60 * S)).toEqual(['after@10']);
		expect(await poller.ids(T0 + 120 * S)).toEqual([]);
	});

	it('emits the existing contacts first, oldest first, when asked to', async () => {
		const feed = new FakeFeed();
		feed.change('b', T0 - 100 * S);
		feed.change('a', T0 - 200 * S);
		const poller = new Poller(feed, { includeExisting: true });
		expect(await poller.ids(T0)).toEqual(['a@-200', 'b@-100']);
		expect(feed.reads[0].since).toBe(0);
		expect(await poller.ids(T0 + 60 * S)).toEqual([]);
	});

	it('does not drop a change that search shows only after the poll that should have seen it', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed);
		await poller.ids(T0);
		feed.change('early', T0 + 50 * S);
		// Changed 2 s before the poll, indexed 15 s late: invisible at T0+60.
		feed.change('late', T0 + 58 * S, { indexLagMs: 15 * S });
		expect(await poller.ids(T0 + 60 * S)).toEqual(['early@50']);
		expect(await poller.ids(T0 + 120 * S)).toEqual(['late@58']);
		expect(await poller.ids(T0 + 180 * S)).toEqual([]);
		// Each read reached back by the allowance, never further than the last read's start.
		expect(feed.reads.map((r) => (r.since - T0) / S)).toEqual([-60, 0, 60]);
	});

	it('without the overlap the late change would be lost (the allowance is what saves it)', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed, { lagMs: 0 });
		await poller.ids(T0);
		feed.change('late', T0 + 58 * S, { indexLagMs: 15 * S });
		expect(await poller.ids(T0 + 60 * S)).toEqual([]);
		expect(await poller.ids(T0 + 120 * S)).toEqual([]);
	});

	it('emits a contact changed again within the overlap once per change, never the same change twice', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed);
		await poller.ids(T0);
		feed.change('x', T0 + 30 * S);
		expect(await poller.ids(T0 + 60 * S)).toEqual(['x@30']);
		expect(await poller.ids(T0 + 70 * S)).toEqual([]);
		feed.change('x', T0 + 75 * S);
		expect(await poller.ids(T0 + 80 * S)).toEqual(['x@75']);
		expect(await poller.ids(T0 + 140 * S)).toEqual([]);
	});

	it('does not lose contacts sharing the boundary stamp when a poll is cut at Max Contacts per Poll', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed, { maxPerPoll: 2 });
		await poller.ids(T0);
		for (const id of ['a', 'b', 'c', 'd', 'e']) feed.change(id, T0 + 10 * S);
		feed.change('f', T0 + 20 * S);
		const polls = [
			await poller.ids(T0 + 100 * S),
			await poller.ids(T0 + 101 * S),
			await poller.ids(T0 + 102 * S),
			await poller.ids(T0 + 103 * S),
		];
		expect(polls).toEqual([['a@10', 'b@10'], ['c@10', 'd@10'], ['e@10', 'f@20'], []]);
		// While cut, the cursor stays on the last emitted stamp (equal stamps are read again, skipped by `seen`);
		// once a poll read to the end it moves to that poll's start less the allowance.
		expect(feed.reads.map((r) => (r.since - T0) / S)).toEqual([-60, 10, 10, 42]);
	});

	it('bounds each poll and moves the cursor only past what it emitted: 2,500 changes in 1,000/1,000/500', async () => {
		const feed = new FakeFeed();
		feed.pageSize = 100;
		const poller = new Poller(feed, { maxPerPoll: 1000 });
		await poller.ids(T0);
		for (let i = 0; i < 2500; i++) feed.change(`c${String(i).padStart(4, '0')}`, T0 + 1 * S + Math.floor(i / 7) * 10);
		const sizes: number[] = [];
		const all: string[] = [];
		for (let p = 1; p <= 4; p++) {
			const ids = await poller.ids(T0 + 60 * S + p * S);
			sizes.push(ids.length);
			all.push(...ids);
		}
		expect(sizes).toEqual([1000, 1000, 500, 0]);
		expect(all.map((k) => k.split('@')[0])).toEqual(Array.from({ length: 2500 }, (_, i) => `c${String(i).padStart(4, '0')}`));
	});

	it('keeps the old cursor when a poll fails midway, so the next poll reads the same window', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed);
		await poller.ids(T0);
		for (let i = 0; i < 7; i++) feed.change(`c${i}`, T0 + (10 + i) * S);
		const before = JSON.stringify(poller.state);
		feed.failOnPage = 2;
		await expect(poller.poll(T0 + 60 * S)).rejects.toThrow('connection dropped');
		expect(JSON.stringify(poller.state)).toBe(before);
		feed.failOnPage = undefined;
		expect(await poller.ids(T0 + 120 * S)).toEqual(Array.from({ length: 7 }, (_, i) => `c${i}@${10 + i}`));
	});

	it('stops reading at the deadline, emits what it read and leaves the rest for the next poll', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed);
		await poller.ids(T0);
		for (let i = 0; i < 9; i++) feed.change(`c${i}`, T0 + (10 + i) * S);
		// The clock passes the deadline while the first page is read.
		const slow: ChangeFeed = {
			getUpdatedContacts: (since, options) =>
				(async function* () {
					for await (const page of feed.getUpdatedContacts(since, options)) {
						yield page;
						feed.now += 10 * S;
					}
				})(),
		};
		feed.now = T0 + 60 * S;
		const outcome = await pollChanges(slow, poller.state, settings({ deadline: T0 + 65 * S }), () => feed.now);
		expect(outcome.contacts.map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
		expect(outcome.drained).toBe(false);
		poller.state = outcome.state;
		expect(await poller.ids(T0 + 200 * S)).toEqual(['c3@13', 'c4@14', 'c5@15', 'c6@16', 'c7@17', 'c8@18']);
	});

	it('keeps the (id, stamp) memory bounded: pruned by time, capped by count', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed, { maxSeen: 50 });
		await poller.ids(T0);
		for (let i = 0; i < 80; i++) feed.change(`c${i}`, T0 + 30 * S + i);
		await poller.ids(T0 + 60 * S);
		const state = poller.state as PollState;
		expect(state.seen.length).toBe(50);
		// The newest pairs are the ones kept.
		expect(state.seen.map(([key]) => key)).toContain(`c79@${T0 + 30 * S + 79}`);
		// Long after, nothing at or after the cursor remains to remember.
		await poller.ids(T0 + 600 * S);
		expect((poller.state as PollState).seen).toEqual([]);
	});

	it('Contact Created: a new contact once however often it changes, an old contact changed never', async () => {
		const feed = new FakeFeed();
		feed.change('old', T0 - 3600 * S);
		const poller = new Poller(feed, { event: 'created', key: 'hubspot:created' });
		await poller.ids(T0);
		feed.change('new', T0 + 10 * S);
		feed.change('old', T0 + 20 * S);
		expect(await poller.ids(T0 + 60 * S)).toEqual(['new@10']);
		feed.change('new', T0 + 70 * S);
		expect(await poller.ids(T0 + 80 * S)).toEqual([]);
		expect(await poller.ids(T0 + 300 * S)).toEqual([]);
	});

	it('starts over when the settings the state belongs to change (another platform, event or owner)', async () => {
		const feed = new FakeFeed();
		const poller = new Poller(feed);
		await poller.ids(T0);
		feed.change('a', T0 + 10 * S);
		expect(await poller.ids(T0 + 60 * S, { key: 'hubspot:created', event: 'created' })).toEqual([]);
		expect(poller.state).toMatchObject({ key: 'hubspot:created', floor: T0 + 60 * S });
	});
});
