/** An ApolloProvider wired to the in-process sandbox: the core's fetch transport with the sandbox key. */
import { createFetchTransport } from '../../src/core/fetch-transport';
import type { Clock } from '../../src/core/http';
import { ApolloProvider, type ApolloProviderOptions } from '../../src/providers/apollo/provider';
import type { Sandbox } from '../../sandbox/server';
import { FakeClock } from './fake-clock';

export const SANDBOX_APOLLO_KEY = 'sandbox-apollo-key';

/** A fake clock by default: Apollo's Retry-After is a minute or more, which tests should not sleep through. */
export function sandboxProvider(
	sandbox: Sandbox,
	options: Partial<ApolloProviderOptions> & { clock?: Clock } = {},
): ApolloProvider {
	return new ApolloProvider({
		baseUrl: `${sandbox.url}/apollo/api/v1`,
		transport: createFetchTransport({ headers: { 'x-api-key': SANDBOX_APOLLO_KEY } }),
		clock: new FakeClock(Date.now()),
		random: () => 0,
		...options,
	});
}

/** The sandbox's log of one Apollo endpoint: statuses and batch sizes, in order. */
export function apolloCalls(sandbox: Sandbox, path: string) {
	return sandbox.requests.list({ platform: 'apollo', path });
}
