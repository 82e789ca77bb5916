/**
 * Shared plumbing for the sync's sandbox tests: HubSpot and Apollo providers on one in-process sandbox with
 * limits raised (so 10,000 contacts take seconds, not minutes), a fake clock (backoffs are not slept),
 * and seeded chaos: a transport that injects 5xx, 429, partial batches and dropped connections.
 */
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { HttpRequest, Transport } from '../../src/core/http';
import { ApolloProvider } from '../../src/providers/apollo/provider';
import { HubSpotProvider } from '../../src/providers/hubspot/provider';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { FakeClock } from '../helpers/fake-clock';

export const FAST_LIMITS = {
	hubspot: { rateLimit: { max: 1_000_000, intervalMs: 10_000, daily: 10_000_000 }, searchRateLimit: { max: 1_000_000, intervalMs: 1_000 } },
	apollo: { otherLimits: { minute: 1_000_000, hourly: 1_000_000, daily: 10_000_000 } },
};

export function startSyncSandbox(): Promise<Sandbox> {
	return startSandbox(FAST_LIMITS);
}

export interface Chaos {
	/** Share of requests answered 5xx, 429, or dropped (each), before they reach the platform. */
	rate: number;
	random: () => number;
	injected: { status: number; rateLimit: number; drop: number; partial: number };
}

/** A small seeded generator, so a failing chaos run can be replayed. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

export function chaos(rate: number, seed = 7): Chaos {
	return { rate, random: seeded(seed), injected: { status: 0, rateLimit: 0, drop: 0, partial: 0 } };
}

/**
 * Before a request goes out, with probability `rate` each, a one-shot sandbox fault is armed for it:
 * a 502, a 429, or a dropped connection. Write batches are also cut short with the same probability:
 * the platform sees only the first half of the inputs and the rest come back as failures (HubSpot: a
 * 207 with errors; Apollo: records missing from the answer), which is what a partial batch looks like.
 */
function chaosTransport(sandbox: Sandbox, platform: 'hubspot' | 'apollo', inner: Transport, c?: Chaos): Transport {
	if (!c) return inner;
	return async (request: HttpRequest) => {
		const path = new URL(request.url).pathname.replace(new RegExp(`^/${platform}`), '');
		const roll = c.random();
		const escaped = `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
		if (roll < c.rate) {
			c.injected.status++;
			sandbox.faults.add({ platform, method: request.method, path: escaped, kind: 'status', status: 502 });
		} else if (roll < 2 * c.rate) {
			c.injected.rateLimit++;
			sandbox.faults.add({ platform, method: request.method, path: escaped, kind: 'rate-limit' });
		} else if (roll < 3 * c.rate) {
			c.injected.drop++;
			sandbox.faults.add({ platform, method: request.method, path: escaped, kind: 'drop' });
		} else if (roll < 4 * c.rate && /batch\/upsert$|bulk_create$/.test(path)) {
			c.injected.partial++;
			return partial(platform, request, inner);
		}
		return inner(request);
	};
}

async function partial(platform: 'hubspot' | 'apollo', request: HttpRequest, inner: Transport) {
	const body = request.body as { inputs?: Array<{ id: string }>; contacts?: unknown[] };
	const list = platform === 'hubspot' ? (body.inputs ?? []) : (body.contacts ?? []);
	const kept = list.slice(0, Math.ceil(list.length / 2));
	const dropped = list.slice(kept.length) as Array<{ id?: string }>;
	const response = await inner({ ...request, body: platform === 'hubspot' ? { ...body, inputs: kept } : { ...body, contacts: kept } });
	if (dropped.length === 0 || response.status >= 300) return response;
	if (platform === 'hubspot') {
		const answer = response.body as Record<string, unknown>;
		const errors = dropped.map((input) => ({ status: 'error', category: 'VALIDATION_ERROR', message: 'Injected partial failure', context: { ids: [input.id] } }));
		return { ...response, status: 207, body: { ...answer, status: 'COMPLETE', errors } };
	}
	return response;
}

export interface Providers {
	hubspot: HubSpotProvider;
	apollo: ApolloProvider;
}

export function providers(sandbox: Sandbox, c?: Chaos): Providers {
	const clock = new FakeClock(Date.now());
	const hubspotFetch = createFetchTransport({ headers: { Authorization: 'Bearer sandbox-hubspot-token' } });
	const apolloFetch = createFetchTransport({ headers: { 'x-api-key': 'sandbox-apollo-key' } });
	return {
		hubspot: new HubSpotProvider({
			baseUrl: `${sandbox.url}/hubspot`,
			transport: chaosTransport(sandbox, 'hubspot', hubspotFetch, c),
			clock,
			random: () => 0,
			limits: { max: 1_000_000, intervalMs: 10_000, searchPerSecond: 1_000_000 },
		}),
		apollo: new ApolloProvider({
			baseUrl: `${sandbox.url}/apollo/api/v1`,
			transport: chaosTransport(sandbox, 'apollo', apolloFetch, c),
			clock,
			random: () => 0,
		}),
	};
}

/** `count` HubSpot contacts with every synced field set, plus a custom property. */
export function hubspotPeople(count: number, from = 0) {
	return Array.from({ length: count }, (_, n) => {
		const i = from + n;
		return {
			email: `person${i}@example.com`,
			firstname: `First${i}`,
			lastname: `Last${i}`,
			company: `Company ${i % 97}`,
			jobtitle: `Title ${i % 13}`,
			phone: `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`,
			hs_linkedin_url: `https://www.linkedin.com/in/person${i}`,
			website: `https://company${i % 97}.example`,
		};
	});
}
