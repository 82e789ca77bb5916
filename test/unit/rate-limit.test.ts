import { shareOf, SlidingWindow } from '../../src/core/rate-limit';
import { FakeClock } from '../helpers/fake-clock';

const T0 = FakeClock.START;

/** Sends through the window as a paced caller would: wait (on the fake clock) whenever told to. */
async function sendPaced(window: SlidingWindow, clock: FakeClock, count: number, limit?: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		for (;;) {
			const delay = window.delay(clock.now(), limit);
			if (delay <= 0) break;
			await clock.sleep(delay);
		}
		window.record(clock.now());
		times.push(clock.now() - T0);
	}
	return times;
}

describe('SlidingWindow', () => {
	it('allows `limit` sends at once, then waits exactly until oldest + interval + guard', () => {
		const window = new SlidingWindow(3, 1000);
		for (const offset of [0, 100, 200]) {
			expect(window.delay(T0 + offset)).toBe(0);
			window.record(T0 + offset);
		}
		expect(window.delay(T0 + 300)).toBe(750); // 0 + 1000 + 50 - 300
		expect(window.delay(T0 + 1049)).toBe(1);
		expect(window.delay(T0 + 1050)).toBe(0);
	});

	it('after the first slot frees, the next one is the second-oldest send', () => {
		const window = new SlidingWindow(3, 1000);
		for (const offset of [0, 100, 200, 1050]) window.record(T0 + offset);
		expect(window.delay(T0 + 1050)).toBe(100); // 100 + 1050 - 1050
		expect(window.delay(T0 + 1100)).toBe(50);
	});

	it('honours a custom guard, including none', () => {
		const guarded = new SlidingWindow(2, 10_000, 250);
		const bare = new SlidingWindow(2, 10_000, 0);
		for (const window of [guarded, bare]) {
			window.record(T0);
			window.record(T0 + 10);
		}
		expect(guarded.delay(T0 + 20)).toBe(10_230);
		expect(bare.delay(T0 + 20)).toBe(9980);
		expect(bare.delay(T0 + 10_000)).toBe(0);
	});

	it('paces a stream on a fake clock: N at once, then one slot per freed slot', async () => {
		const clock = new FakeClock();
		const window = new SlidingWindow(4, 1000);
		const times = await sendPaced(window, clock, 10);
		expect(times).toEqual([0, 0, 0, 0, 1050, 1050, 1050, 1050, 2100, 2100]);
		expect(clock.sleeps).toEqual([1050, 1050]);
	});

	it('a lower limit passed in (our share) binds before the window’s own', () => {
		const window = new SlidingWindow(5, 1000);
		for (const offset of [0, 10, 20]) window.record(T0 + offset);
		expect(window.delay(T0 + 30)).toBe(0);
		expect(window.delay(T0 + 30, 3)).toBe(1020); // oldest of the last 3 is T0
		expect(window.delay(T0 + 30, 2)).toBe(1030); // oldest of the last 2 is T0+10
	});

	it('a share of zero (or less) waits a whole window', () => {
		const window = new SlidingWindow(100, 10_000);
		expect(window.delay(T0, 0)).toBe(10_050);
		expect(window.delay(T0, -3)).toBe(10_050);
	});

	it('a raised limit (learned from headers) opens slots at once', () => {
		const window = new SlidingWindow(2, 1000);
		window.record(T0);
		window.record(T0);
		expect(window.delay(T0)).toBe(1050);
		window.limit = 3;
		expect(window.delay(T0)).toBe(0);
	});

	it('countSince counts sends strictly after the given time', () => {
		const window = new SlidingWindow(10, 1000);
		for (const offset of [0, 100, 200, 300]) window.record(T0 + offset);
		expect(window.countSince(T0 - 1)).toBe(4);
		expect(window.countSince(T0)).toBe(3);
		expect(window.countSince(T0 + 250)).toBe(1);
		expect(window.countSince(T0 + 300)).toBe(0);
	});

	it('forgets sends older than interval + guard', () => {
		const window = new SlidingWindow(10, 1000);
		window.record(T0);
		window.record(T0 + 500);
		window.record(T0 + 1050); // expires T0
		expect(window.countSince(T0 - 1)).toBe(2);
	});
});

describe('shareOf', () => {
	function windowWith(offsets: number[], limit = 100, intervalMs = 10_000): SlidingWindow {
		const window = new SlidingWindow(limit, intervalMs);
		for (const offset of offsets) window.record(T0 + offset);
		return window;
	}

	it('is the whole limit with no snapshot', () => {
		expect(shareOf(windowWith([0]), undefined, T0)).toBe(100);
	});

	it('is the whole limit when remaining is exactly what our own sends explain', () => {
		const window = windowWith(Array.from({ length: 10 }, (_, i) => i * 100));
		expect(shareOf(window, { max: 100, remaining: 90, at: T0 + 900 }, T0 + 950)).toBe(100);
	});

	it('drops by what others spent when remaining is lower than our sends explain', () => {
		const window = windowWith(Array.from({ length: 10 }, (_, i) => i * 100));
		// server counted 100 - 50 = 50 in its window; 10 were ours, so 40 were someone else's
		expect(shareOf(window, { max: 100, remaining: 50, at: T0 + 900 }, T0 + 950)).toBe(60);
	});

	it('counts only our sends inside the snapshot’s window, not later ones', () => {
		const window = windowWith([0, 1000, 2000, 2500, 3000]);
		// snapshot at 2000 covers (−8000, 2000]: our sends at 0, 1000, 2000 = 3; server counted 20 → 17 others
		expect(shareOf(window, { max: 100, remaining: 80, at: T0 + 2000 }, T0 + 3000)).toBe(83);
	});

	it('does not count our sends that fell out of the snapshot’s window', () => {
		// 980 is still held (within interval + guard of 11_000) but outside the snapshot's (1000, 11_000]
		const window = windowWith([980, 11_000]);
		expect(window.countSince(T0)).toBe(2);
		// only the send at 11_000 is ours there: 100 - 70 - 1 = 29 others
		expect(shareOf(window, { max: 100, remaining: 70, at: T0 + 11_000 }, T0 + 11_000)).toBe(71);
	});

	it('uses the smaller of our limit and the snapshot max', () => {
		const window = windowWith([0], 190);
		expect(shareOf(window, { max: 110, remaining: 109, at: T0 }, T0)).toBe(110);
	});

	it('is zero when others spent the whole budget, and then the window waits', () => {
		const window = windowWith([]);
		const share = shareOf(window, { max: 100, remaining: 0, at: T0 }, T0 + 10);
		expect(share).toBe(0);
		expect(window.delay(T0 + 10, share)).toBe(10_050);
	});

	it('a lowered share makes the window wait although our own count is under the limit', () => {
		const window = windowWith(Array.from({ length: 30 }, (_, i) => i * 10));
		const snapshot = { max: 100, remaining: 0, at: T0 + 290 }; // 70 others
		const share = shareOf(window, snapshot, T0 + 300);
		expect(share).toBe(30);
		expect(window.delay(T0 + 300)).toBe(0);
		expect(window.delay(T0 + 300, share)).toBe(9750); // oldest (T0) + 10_050 − 300
	});

	it('ignores a snapshot a whole interval old', () => {
		const window = windowWith([0]);
		const snapshot = { max: 100, remaining: 0, at: T0 };
		expect(shareOf(window, snapshot, T0 + 9999)).toBe(1);
		expect(shareOf(window, snapshot, T0 + 10_000)).toBe(100);
	});

	it('never counts negative others when our sends exceed what the server saw', () => {
		const window = windowWith([0, 10, 20, 30, 40]);
		expect(shareOf(window, { max: 100, remaining: 98, at: T0 + 40 }, T0 + 40)).toBe(100);
	});
});
