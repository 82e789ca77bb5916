/** Signed-in calls to n8n's internal REST API, as the editor makes them (cookie plus the same browser id). */
import { DEMO_BROWSER_ID } from './owner';

export async function n8nRest<T = unknown>(
	editorUrl: string,
	cookie: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const res = await fetch(`${editorUrl.replace(/\/$/, '')}${path}`, {
		method,
		headers: {
			cookie,
			'browser-id': DEMO_BROWSER_ID,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`n8n ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
	const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
	// n8n wraps every answer in {data}.
	return (parsed.data ?? parsed) as T;
}
