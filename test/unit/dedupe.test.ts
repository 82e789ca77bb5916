import { canonicalJson, dedupe, payloadHash, RecentKeys } from '../../src/core/dedupe';

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
		expect(first).toEqual({ fresh: ['a', 'b', 'c'], repeatedInDelivery: 1, seenBefore: 0 });
		const second = dedupe(['c', 'd', 'd'], (x) => x, seen, 1000);
		expect(second).toEqual({ fresh: ['d'], repeatedInDelivery: 1, seenBefore: 1 });
	});

	it('lets an event through again once the window has passed', () => {
		const seen = new RecentKeys({ maxEntries: 100, ttlMs: 1000 });
		dedupe(['a'], (x) => x, seen, 0);
		expect(dedupe(['a'], (x) => x, seen, 500).fresh).toEqual([]);
		expect(dedupe(['a'], (x) => x, seen, 1501 + 500).fresh).toEqual(['a']);
	});
});
