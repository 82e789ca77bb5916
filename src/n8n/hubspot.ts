/** Builds the HubSpot provider for a node run from the credential the user picked. */
import type { INodePropertyOptions } from 'n8n-workflow';
import { HubSpotProvider } from '../providers/hubspot/provider';
import { n8nClock } from './clock';
import { n8nTransport, type RequestContext } from './transport';

export type HubSpotCredentialType = 'crmHubSpotAppTokenApi' | 'crmHubSpotOAuth2Api';

/** The choice every node offers for HubSpot API access, and the credential each value stands for. */
export const HUBSPOT_AUTHENTICATION_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Private App Token', value: 'appToken' },
	{ name: 'OAuth2', value: 'oAuth2' },
];

export function hubspotCredentialType(authentication: unknown): HubSpotCredentialType {
	return authentication === 'oAuth2' ? 'crmHubSpotOAuth2Api' : 'crmHubSpotAppTokenApi';
}

export async function hubspotProviderFor(ctx: RequestContext, credentialType: HubSpotCredentialType): Promise<HubSpotProvider> {
	// Only the base URL is read here; the token stays inside n8n's request helper.
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>(credentialType);
	return new HubSpotProvider({
		transport: n8nTransport(ctx, credentialType),
		clock: n8nClock,
		baseUrl: credentials.baseUrl,
	});
}
