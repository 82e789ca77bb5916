/**
 * Calls n8n production webhooks (`/webhook/<path>`). Right after start n8n can answer 404 for a moment
 * (Express before routes are mounted, then "is not registered" until the workflow is activated), so those
 * two 404s are retried for a bounded time; every other answer is returned as is, for the test to judge.
 */
import { sleep } from './processes';

export interface WebhookCallOptions {
	method?: string;
	headers?: Record<string, string>;
	/** Query string appended to the URL, without '?'. */
	query?: string;
	/** Bound on one request, including the workflow run when the response waits for the last node. */
	timeoutMs?: number;
	/** How long a 404 "not registered" is retried; 0 to get the first answer (e.g. testing an inactive path). */
	registrationWaitMs?: number;
}

export interface WebhookResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	json: unknown;
	durationMs: number;
	url: string;
}

function isNotRegistered(status: number, text: string): boolean {
	return (
		status === 404 && (/is not registered/.test(text) || /Cannot (POST|GET|PUT|PATCH|DELETE|HEAD)/.test(text))
	);
}

export class WebhookCaller {
	/** Every answer received, for whole-run checks (e.g. no secret ever returned). */
	readonly history: WebhookResponse[] = [];

	constructor(readonly baseUrl: string) {}

	url(path: string): string {
		return `${this.baseUrl}/webhook/${path.replace(/^\//, '')}`;
	}

	/**
	 * `body`: an object is sent as JSON; a string or Buffer is sent byte for byte (signature tests need
	 * the exact raw body), with the content-type from `headers` (default application/json).
	 */
	async call(path: string, body?: unknown, options: WebhookCallOptions = {}): Promise<WebhookResponse> {
		const method = options.method ?? 'POST';
		const url = this.url(path) + (options.query ? `?${options.query}` : '');
		const headers: Record<string, string> = { ...options.headers };
		let payload: string | Buffer | undefined;
		if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
			payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['content-type'] = 'application/json';
			}
		}
		const deadline = Date.now() + (options.registrationWaitMs ?? 60_000);
		for (;;) {
			const started = Date.now();
			const res = await fetch(url, {
				method,
				headers,
				body: payload,
				signal: AbortSignal.timeout(options.timeoutMs ?? 180_000),
			});
			const text = await res.text();
			if (isNotRegistered(res.status, text) && Date.now() < deadline) {
				await sleep(500);
				continue;
			}
			let json: unknown;
			try {
				json = text ? JSON.parse(text) : undefined;
			} catch {
				json = undefined;
			}
			const response: WebhookResponse = {
				status: res.status,
				headers: Object.fromEntries(res.headers.entries()),
				text,
				json,
				durationMs: Date.now() - started,
				url,
			};
			this.history.push(response);
			return response;
		}
	}
}
