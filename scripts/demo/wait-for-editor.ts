import { sleep } from '../../test/e2e/lib/processes';

async function answers(url: string, ok: (res: Response, body: string) => boolean): Promise<string> {
	try {
		const res = await fetch(url, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(5_000) });
		const body = await res.text();
		return ok(res, body) ? '' : `HTTP ${res.status} ${body.slice(0, 60)}`;
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * /healthz answers before n8n has run its migrations and mounted its routes (meanwhile every other path
 * answers 200 "n8n is starting up. Please wait", and on a first start the editor's files are still being
 * copied into the user folder): wait for n8n's readiness probe, then for the editor page itself, so the
 * printed URL works when shown.
 */
export async function waitForEditor(url: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	for (const [path, ok] of [
		['/healthz/readiness', (res: Response) => res.status === 200],
		['/', (res: Response, body: string) => res.ok && /<html/i.test(body)],
	] as const) {
		for (;;) {
			last = await answers(`${url}${path}`, ok);
			if (!last) break;
			if (Date.now() > deadline)
				throw new Error(`the n8n editor did not answer within ${timeoutMs / 1000} s (${path}: ${last})`);
			await sleep(500);
		}
	}
}
