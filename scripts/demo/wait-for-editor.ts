import { sleep } from '../../test/e2e/lib/processes';

/**
 * /healthz answers before the editor is mounted (and, on a first start, before its static files are
 * copied into the user folder): wait for the page itself so the printed URL works when shown.
 */
export async function waitForEditor(url: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${url}/`, {
				headers: { accept: 'text/html' },
				signal: AbortSignal.timeout(5_000),
			});
			if (res.ok) return;
			last = `HTTP ${res.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		await sleep(500);
	}
	throw new Error(`the n8n editor page did not answer within ${timeoutMs / 1000} s (${last})`);
}
