/**
 * LinkedInProvider against the in-process sandbox: the core's fetch transport with a bearer token, both
 * LinkedIn hosts under the sandbox's `/linkedin` prefix, and a clock that reads real time (the sandbox
 * dates tokens and leads by it) but never sleeps, so a retry could not hide behind a wait.
 */
import type { Clock } from '../../src/core/http';
import { LinkedInProvider, type LinkedInProviderOptions } from '../../src/providers/linkedin/provider';
import type { LinkedInClient } from '../sandbox/linkedin-client';
import { fetchTransport, type FetchTransport } from './hubspot-fetch-transport';

export class RealTimeNoSleepClock implements Clock {
	readonly sleeps: number[] = [];

	now(): number {
		return Date.now();
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
	}
}

export interface SandboxProvider {
	provider: LinkedInProvider;
	transport: FetchTransport;
	clock: RealTimeNoSleepClock;
}

export function sandboxProvider(
	client: LinkedInClient,
	token: string,
	options: Partial<LinkedInProviderOptions> = {},
): SandboxProvider {
	const clock = new RealTimeNoSleepClock();
	const transport = fetchTransport(token);
	const base = `${client.sandbox.url}/linkedin`;
	const provider = new LinkedInProvider({
		transport,
		clock,
		random: () => 0,
		baseUrl: base,
		oauthBaseUrl: base,
		...options,
	});
	return { provider, transport, clock };
}

/** How many requests the sandbox logged for LinkedIn paths matching `path` (a regex source). */
export async function loggedRequests(
	client: LinkedInClient,
	path: string,
): Promise<Array<{ method: string; path: string; status: number }>> {
	const response = await fetch(
		`${client.sandbox.url}/__sandbox/requests?platform=linkedin&path=${encodeURIComponent(path)}`,
	);
	const body = (await response.json()) as {
		requests: Array<{ method: string; path: string; status: number }>;
	};
	return body.requests;
}
