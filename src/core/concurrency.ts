/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. Batch calls to a
 * platform spend most of their time waiting on the network, so a few at once cut the wall time while
 * the rate governor (consulted synchronously before each send) still holds the request rate.
 */
export async function mapConcurrent<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}
