/**
 * A standalone Transport for driving HubSpotProvider against nock: the core's own fetch transport
 * (src/core/fetch-transport.ts), configured with a bearer token the way a standalone runner would be, so
 * tests can prove the token reaches the wire and never an error.
 */
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { HttpRequest, Transport } from '../../src/core/http';
import { FakeClock } from './fake-clock';

export interface SentRequest {
	method: string;
	/** The request URL with the core's query appended, for reading parameters back. */
	url: string;
	/** The headers the core asked for, names in lower case: never the credential, which the transport adds. */
	headers: Record<string, string>;
	body: unknown;
}

export interface FetchTransport extends Transport {
	/** Every request the core handed to the transport, in order, as the core built it. */
	readonly sent: SentRequest[];
}

export function fetchTransport(token: string): FetchTransport {
	const sent: SentRequest[] = [];
	const inner = createFetchTransport({ headers: { Authorization: `Bearer ${token}` } });
	const transport = (request: HttpRequest) => {
		const url = new URL(request.url);
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined && value !== '') url.searchParams.append(key, Array.isArray(value) ? value.join(',') : String(value));
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
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
