/**
 * Apollo test plumbing: the core's fetch transport with a fake key in `x-api-key` (as n8n's credential
 * sends it), answers shaped like Apollo's, and the rate-limit headers Apollo puts on every answer.
 */
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { HttpRequest, Transport } from '../../src/core/http';

export const APOLLO_BASE = 'https://api.apollo.io';
export const API = '/api/v1';
/** Obviously fake; every test checks it never reaches an error, a log or an output. */
export const APOLLO_KEY = 'fake-apollo-key-0000-test-only-1234';

export interface SentRequest {
	method: string;
	url: string;
	body: unknown;
}

export interface RecordingTransport extends Transport {
	readonly sent: SentRequest[];
}

export function apolloTransport(key = APOLLO_KEY): RecordingTransport {
	const sent: SentRequest[] = [];
	const inner = createFetchTransport({ headers: { 'x-api-key': key } });
	const transport = (request: HttpRequest) => {
		const url = new URL(request.url);
		for (const [name, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined && value !== '') url.searchParams.append(name, String(value));
		}
		sent.push({ method: request.method, url: url.toString(), body: request.body });
		return inner(request);
	};
	return Object.assign(transport, { sent });
}

export interface WindowCounts {
	minute?: [limit: number, left: number];
	hourly?: [limit: number, left: number];
	daily?: [limit: number, left: number];
}

/** Apollo's rate headers: limit and requests left per window. */
export function rateHeaders(counts: WindowCounts = {}): Record<string, string> {
	const headers: Record<string, string> = {};
	const names = { minute: 'minute', hourly: 'hourly', daily: 'daily' } as const;
	for (const window of Object.keys(names) as Array<keyof typeof names>) {
		const entry = counts[window];
		if (!entry) continue;
		headers[`x-rate-limit-${window}`] = String(entry[0]);
		headers[`x-${window}-requests-left`] = String(entry[1]);
		headers[`x-${window}-usage`] = String(entry[0] - entry[1]);
	}
	return headers;
}

/** A person as enrichment answers it. */
export function apolloPerson(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: `p${String(n).padStart(6, '0')}`,
		first_name: `First${n}`,
		last_name: `Last${n}`,
		name: `First${n} Last${n}`,
		title: 'Engineer',
		email: `person${n}@acme.example`,
		linkedin_url: `https://www.linkedin.com/in/person-${n}`,
		city: 'Austin',
		state: 'Texas',
		country: 'United States',
		organization: { id: 'o1', name: 'Acme Corp', primary_domain: 'acme.example' },
		phone_numbers: [],
		...extra,
	};
}

/** A contact record as the contacts API answers it. */
export function apolloContact(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id,
		first_name: null,
		last_name: null,
		email: null,
		title: null,
		organization_name: null,
		direct_phone: null,
		linkedin_url: null,
		website_url: null,
		created_at: '2026-11-01T10:00:00.000Z',
		updated_at: '2026-11-01T10:00:00.000Z',
		...fields,
	};
}
