/** Bounds a step: a check that waits on an element that never comes fails instead of hanging CI. */
export async function within<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: gave up after ${ms / 1000} s`)), ms);
	});
	try {
		return await Promise.race([fn(), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
