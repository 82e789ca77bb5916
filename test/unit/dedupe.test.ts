import { canonicalJson, dedupe, payloadHash, RecentKeys, remember } from '../../src/core/dedupe';
import { ReplayKeys } from '../../src/core/replay-keys';

describe('RecentKeys', () => {
	it('remembers a key until its time-to-live passes', () => {
		const keys = new RecentKeys({ maxEntries: 10, ttlMs: 1000 });
		expect(keys.firstSeen('a', 0)).toBe(true);
		expect(keys.firstSeen('a', 999)).toBe(false);
		// The second sighting extended it to 1999.
		expect(keys.has('a', 1998)).toBe(true);
		expect(keys.has('a', 1999)).toBe(false);
		expect(keys.firstSeen('a', 5000)).toBe(true);
	});

	it('takes a per-key time-to-live', () => {
		const keys = new RecentKeys({ maxEntries: 10, ttlMs: 1000 });
		keys.add('short', 0, 10);
		expect(keys.has('short', 9)).toBe(true);
		expect(keys.has('short', 10)).toBe(false);
	});

	it('is bounded: the least recently seen keys go first', () => {
		const keys = new RecentKeys({ maxEntries: 3, ttlMs: 1000 });
		keys.add('a', 0);
		keys.add('b', 1);
		keys.add('c', 2);
		keys.add('a', 3); // a is now the youngest
		keys.add('d', 4);
		expect(keys.size).toBe(3);
		expect(keys.has('b', 5)).toBe(false);
		expect(['a', 'c', 'd'].every((key) => keys.has(key, 5))).toBe(true);
	});

	it('stays bounded under a flood of distinct keys', () => {
		const keys = new RecentKeys({ maxEntries: 100, ttlMs: 60_000 });
		for (let i = 0; i < 10_000; i++) keys.add(`k${i}`, i);
		expect(keys.size).toBe(100);
		expect(keys.has('k9999', 10_000)).toBe(true);
		expect(keys.has('k9899', 10_000)).toBe(false);
	});

	it('serialises to plain JSON and restores, dropping expired entries', () => {
		const keys = new RecentKeys({ maxEntries: 10, ttlMs: 1000 });
		keys.add('old', 0);
		keys.add('new', 900);
		const state = JSON.parse(JSON.stringify(keys.toJSON())) as Record<string, number>;
		expect(state).toEqual({ old: 1000, new: 1900 });
		const restored = new RecentKeys({ maxEntries: 10, ttlMs: 1000 }, state);
		expect(restored.has('old', 1500)).toBe(false);
		expect(restored.has('new', 1500)).toBe(true);
	});

	it('merges keys recorded elsewhere, keeping the later expiry', () => {
		const keys = new RecentKeys({ maxEntries: 10, ttlMs: 1000 });
		keys.add('shared', 0);
		keys.merge({ shared: 5000, other: 3000, expired: 10, junk: 'x' as unknown as number }, 100);
		expect(keys.toJSON()).toEqual({ shared: 5000, other: 3000 });
	});
});

describe('payload hashing', () => {
	it('ignores key order at every depth', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
			'{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
		);
		expect(payloadHash({ a: 1, b: 2 })).toBe(payloadHash({ b: 2, a: 1 }));
	});

	it('leaves out the named top-level fields only', () => {
		const first = { eventId: 1, attemptNumber: 0, nested: { attemptNumber: 0 } };
		const retry = { eventId: 1, attemptNumber: 1, nested: { attemptNumber: 0 } };
		expect(payloadHash(first, ['attemptNumber'])).toBe(payloadHash(retry, ['attemptNumber']));
		expect(payloadHash(first)).not.toBe(payloadHash(retry));
		expect(payloadHash({ nested: { attemptNumber: 0 } }, ['attemptNumber'])).not.toBe(
			payloadHash({ nested: { attemptNumber: 1 } }, ['attemptNumber']),
		);
	});

	it('is short and URL-safe', () => {
		expect(payloadHash({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});
});

describe('dedupe', () => {
	it('drops repeats inside a delivery and ones seen in an earlier delivery', () => {
		const seen = new RecentKeys({ maxEntries: 100, ttlMs: 60_000 });
		const first = dedupe(['a', 'b', 'a', 'c'], (x) => x, seen, 0);
		expect(first).toEqual({
			fresh: ['a', 'b', 'c'],
			repeatedInDelivery: 1,
			seenBefore: 0,
			keys: ['a', 'b', 'c'],
		});
		remember(seen, first.keys, 0);
		const second = dedupe(['c', 'd', 'd'], (x) => x, seen, 1000);
		expect(second).toEqual({ fresh: ['d'], repeatedInDelivery: 1, seenBefore: 1, keys: ['c', 'd'] });
	});

	// Recording is the caller's last step: work that fails after dedupe must leave the retry fresh.
	it('records nothing by itself', () => {
		const seen = new RecentKeys({ maxEntries: 100, ttlMs: 60_000 });
		dedupe(['a'], (x) => x, seen, 0);
		expect(seen.size).toBe(0);
		expect(dedupe(['a'], (x) => x, seen, 1).fresh).toEqual(['a']);
	});

	it('lets an event through again once the window has passed', () => {
		const seen = new RecentKeys({ maxEntries: 100, ttlMs: 1000 });
		remember(seen, dedupe(['a'], (x) => x, seen, 0).keys, 0);
		expect(dedupe(['a'], (x) => x, seen, 500).fresh).toEqual([]);
		remember(seen, ['a'], 500);
		expect(dedupe(['a'], (x) => x, seen, 1501 + 500).fresh).toEqual(['a']);
	});
});

describe('ReplayKeys', () => {
	it('holds a key for its window and refuses it again inside it', () => {
		const keys = new ReplayKeys();
		expect(keys.reserve('sig', 0, 1000)).toBe(true);
		expect(keys.reserve('sig', 999, 1000)).toBe(false);
		// A refused replay does not extend the window.
		expect(keys.reserve('sig', 1000, 1000)).toBe(true);
	});

	// Replay keys used to share the count-bounded event memory: a burst of events flushed them.
	it('is never evicted by count, only by time', () => {
		const keys = new ReplayKeys();
		keys.reserve('captured', 0, 360_000);
		for (let i = 0; i < 20_000; i++) keys.reserve(`other${i}`, i, 360_000);
		expect(keys.reserve('captured', 20_000, 360_000)).toBe(false);
		expect(keys.has('captured', 360_001)).toBe(false);
		expect(keys.reserve('late', 400_000, 1)).toBe(true);
		expect(keys.size).toBe(1);
	});

	it('releases a reservation, and round-trips through JSON keeping the later expiry', () => {
		const keys = new ReplayKeys();
		keys.reserve('a', 0, 100);
		keys.release('a');
		expect(keys.reserve('a', 1, 100)).toBe(true);
		const other = new ReplayKeys();
		other.merge(JSON.parse(JSON.stringify(keys.toJSON())), 50);
		other.merge({ a: 50, b: 500, junk: 'x', past: 10 }, 50);
		expect(other.toJSON()).toEqual({ a: 101, b: 500 });
		other.merge('not an object', 50);
		expect(other.size).toBe(2);
	});
});
