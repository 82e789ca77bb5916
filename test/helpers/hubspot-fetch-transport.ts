/**
 * A standalone Transport over the global fetch, for driving HubSpotProvider against nock: JSON in and
 * out, header names in lower case, resolves for every HTTP status and rejects only when no response
 * arrived. It adds the bearer token itself, the way n8n's credential would, so tests can prove the token
 * never reaches an error.
 */
import type { Clock, HttpRequest, HttpResponse, QueryValue, Transport } from '../../src/core/http';

export interface SentRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: unknown;
}

export interface FetchTransport extends Transport {
	/** Every request handed to fetch, in order (headers as sent, token included). */
	readonly sent: SentRequest[];
}

export function fetchTransport(token: string): FetchTransport {
	const sent: SentRequest[] = [];
	const transport = async (request: HttpRequest): Promise<HttpResponse> => {
		const url = withQuery(request.url, request.query);
		const headers: Record<string, string> = {
			accept: 'application/json',
			...lowerCase(request.headers ?? {}),
			authorization: `Bearer ${token}`,
		};
		let body: string | undefined;
		if (request.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(request.body);
		}
		sent.push({ method: request.method, url, headers, body: request.body });
		let response: Response;
		try {
			response = await fetch(url, { method: request.method, headers, body });
		} catch (error) {
			// undici wraps the socket error as TypeError('fetch failed', {cause}); the cause says what happened.
			const cause = (error as { cause?: unknown }).cause;
			throw cause instanceof Error ? cause : error;
		}
		const out: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			out[name.toLowerCase()] = value;
		});
		const text = await response.text();
		let parsed: unknown = text;
		if (text !== '' && /json/i.test(out['content-type'] ?? '')) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
		return { status: response.status, headers: out, body: text === '' ? undefined : parsed };
	};
	return Object.assign(transport, { sent });
}

function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
	if (!query) return url;
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		params.append(key, Array.isArray(value) ? value.join(',') : String(value));
	}
	const qs = params.toString();
	return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
	return out;
}

/** A clock that never waits: sleep resolves at once, records the delay and moves time forward by it. */
export interface FakeClock extends Clock {
	readonly sleeps: number[];
	advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 1, 12, 0, 0)): FakeClock {
	let now = start;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		advance: (ms: number) => {
			now += ms;
		},
	};
}
