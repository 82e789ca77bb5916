/**
 * The standalone Transport (outside n8n: benchmarks, scripts, the coming sync runner): global fetch,
 * JSON in and out, and the caller's auth headers added to every request. Inside n8n the nodes use
 * n8n's authenticated helper instead, so this file never sees an n8n credential.
 */
import type { HttpRequest, HttpResponse, QueryValue, Transport } from './http';

export interface FetchTransportOptions {
	/** E.g. `{ Authorization: 'Bearer …' }` or `{ 'x-api-key': … }`. */
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const url = new URL(request.url);
		for (const [key, value] of Object.entries(request.query ?? {})) appendQuery(url, key, value);
		// A URLSearchParams body is a form (OAuth endpoints such as LinkedIn's token introspection): fetch sends it
		// form-encoded with its own Content-Type.
		const form = request.body instanceof URLSearchParams;
		const response = await fetch(url, {
			method: request.method,
			headers: {
				Accept: 'application/json',
				...(request.body === undefined || form ? {} : { 'Content-Type': 'application/json' }),
				...options.headers,
				...request.headers,
			},
			body: request.body === undefined ? undefined : form ? (request.body as URLSearchParams) : JSON.stringify(request.body),
			// The caller's cancellation (HttpRequest.signal) or our own timeout, whichever comes first.
			signal: withTimeout(request.signal, options.timeoutMs ?? 30_000),
		}).catch((error: unknown) => {
			// fetch reports every socket failure as TypeError('fetch failed'); its cause names the real one.
			const cause = (error as { cause?: unknown }).cause;
			return Promise.reject(cause instanceof Error ? cause : error);
		});
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		const text = await response.text();
		let body: unknown = text === '' ? undefined : text;
		if (text !== '' && /json/i.test(headers['content-type'] ?? '')) {
			try {
				body = JSON.parse(text);
			} catch {
				// A body that claims JSON but is not: hand the text to the dialect as it is.
				body = text;
			}
		}
		return { status: response.status, headers, body };
	};
}

function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
	const timeout = AbortSignal.timeout(timeoutMs);
	return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function appendQuery(url: URL, key: string, value: QueryValue): void {
	if (value === undefined || value === '') return;
	url.searchParams.append(key, Array.isArray(value) ? value.join(',') : String(value));
}
