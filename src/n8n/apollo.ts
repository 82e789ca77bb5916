/** Builds the Apollo provider for a node run from the "Apollo API" credential. */
import { ApolloProvider } from '../providers/apollo/provider';
import { n8nClock } from './clock';
import { n8nTransport, type RequestContext } from './transport';

export const APOLLO_CREDENTIAL_TYPE = 'crmApolloApi';

export interface ApolloRunOptions {
	/** Most credits this run's enrichment may spend; absent for no cap. */
	creditCap?: number;
}

export async function apolloProviderFor(
	ctx: RequestContext,
	options: ApolloRunOptions = {},
): Promise<ApolloProvider> {
	// Only the base URL is read here; the key stays inside n8n's request helper (sent as x-api-key).
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(APOLLO_CREDENTIAL_TYPE);
	return new ApolloProvider({
		transport: n8nTransport(ctx, APOLLO_CREDENTIAL_TYPE),
		clock: n8nClock,
		baseUrl: credentials.baseUrl,
		creditCap: options.creditCap,
	});
}
