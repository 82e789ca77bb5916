/** The one webhook call of a B1 run, timed, with the run's time budget as its only limit. */
import { request as httpRequest } from 'node:http';

export interface Posted {
	status: number;
	body: string;
	ms: number;
	timedOut: boolean;
}

/** node:http rather than fetch: undici would give up on a slow webhook after 300 s on its own. */
export function post(url: string, payload: unknown, budgetMs: number): Promise<Posted> {
	const body = Buffer.from(JSON.stringify(payload));
	const start = performance.now();
	return new Promise((resolvePost, reject) => {
		const req = httpRequest(
			url,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': body.length },
				signal: AbortSignal.timeout(budgetMs),
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolvePost({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: performance.now() - start,
						timedOut: false,
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('error', (error) => {
			if (error.name === 'AbortError' || error.name === 'TimeoutError')
				resolvePost({ status: 0, body: '', ms: performance.now() - start, timedOut: true });
			else reject(error);
		});
		req.end(body);
	});
}
