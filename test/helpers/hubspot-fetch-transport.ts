/**
 * A standalone Transport over the global fetch, for driving HubSpotProvider against nock: JSON in and
 * out, header names in lower case, resolves for every HTTP status and rejects only when no response
 * arrived. It adds the bearer token itself, the way n8n's credential would, so tests can prove the token
 * never reaches an error.
 */
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { HttpRequest, Transport } from '../../src/core/http';
import { FakeClock } from './fake-clock';

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

/** The core's own fetch transport with the credential's header, recording what it was asked to send. */
export function fetchTransport(token: string): FetchTransport {
	const sent: SentRequest[] = [];
	const inner = createFetchTransport({ headers: { Authorization: `Bearer ${token}` } });
	const transport = (request: HttpRequest) => {
		const url = new URL(request.url);
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined && value !== '') url.searchParams.append(key, Array.isArray(value) ? value.join(',') : String(value));
		}
		const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
		for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
		if (request.body !== undefined) headers['content-type'] = 'application/json';
		sent.push({ method: request.method, url: url.toString(), headers, body: request.body });
		return inner(request);
	};
	return Object.assign(transport, { sent });
}

/** A clock that never waits: sleep resolves at once, records the delay and moves time forward by it. */
export { FakeClock };

export function fakeClock(start = Date.UTC(2026, 10, 1, 12, 0, 0)): FakeClock {
	return new FakeClock(start);
}
