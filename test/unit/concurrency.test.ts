import { mapConcurrent } from '../../src/core/concurrency';

describe('mapConcurrent', () => {
	it('keeps at most `limit` tasks in flight and returns results in input order', async () => {
		let inFlight = 0;
		let peak = 0;
		const started: number[] = [];
		const release: Array<() => void> = [];
		const run = mapConcurrent([10, 20, 30, 40, 50], 2, async (value, index) => {
			started.push(index);
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise<void>((resolve) => release.push(resolve));
			inFlight--;
			return value * 2;
		});
		// Finish tasks out of order: the second first, then whatever is waiting.
		for (const order of [1, 0, 2, 3, 4]) {
			while (release[order] === undefined) await Promise.resolve();
			release[order]();
			await Promise.resolve();
		}
		expect(await run).toEqual([20, 40, 60, 80, 100]);
		expect(peak).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4]);
	});

	it('handles no items and a limit above the item count', async () => {
		expect(await mapConcurrent([], 3, async () => 1)).toEqual([]);
		expect(await mapConcurrent([1], 8, async (x) => x + 1)).toEqual([2]);
	});

	it('rejects with the first failure', async () => {
		await expect(
			mapConcurrent([1, 2, 3], 2, async (x) => {
				if (x === 2) throw new Error('boom');
				return x;
			}),
		).rejects.toThrow('boom');
	});
});
