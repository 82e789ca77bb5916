/**
 * The CRM Sync node's source and target as the engine's endpoints, built from the node's parameters and
 * credentials. Each platform's provider is built once per run, even when it is both source and target.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ContactInput } from '../core/models';
import type { CRMProvider } from '../core/provider';
import type { SyncEndpoint } from '../core/sync/types';
import { linkedInSettings, type LinkedInCredentialData } from '../providers/linkedin/credential-settings';
import type { LeadType, OwnerKind } from '../providers/linkedin/owner';
import { LinkedInProvider } from '../providers/linkedin/provider';
import { apolloProviderFor } from './apollo';
import { n8nClock } from './clock';
import { hubspotCredentialType, hubspotProviderFor } from './hubspot';
import { LINKEDIN_CREDENTIAL_TYPE } from './linkedin';
import { n8nTransport } from './transport';

export type SyncSourceChoice = 'hubspot' | 'apollo' | 'linkedin' | 'items';
export type SyncTargetChoice = 'hubspot' | 'apollo' | 'output';

export async function endpointsFor(
	ctx: IExecuteFunctions,
	source: SyncSourceChoice,
	target: SyncTargetChoice,
	items: ContactInput[],
): Promise<{ source: SyncEndpoint; target: SyncEndpoint }> {
	const built = new Map<string, Promise<CRMProvider>>();
	const provider = (platform: 'hubspot' | 'apollo' | 'linkedin'): Promise<CRMProvider> => {
		let found = built.get(platform);
		if (!found) {
			found = build(ctx, platform);
			built.set(platform, found);
		}
		return found;
	};
	return {
		source: source === 'items' ? { kind: 'items', contacts: items } : { kind: 'provider', provider: await provider(source) },
		target: target === 'output' ? { kind: 'output' } : { kind: 'provider', provider: await provider(target) },
	};
}

async function build(ctx: IExecuteFunctions, platform: 'hubspot' | 'apollo' | 'linkedin'): Promise<CRMProvider> {
	if (platform === 'hubspot') return await hubspotProviderFor(ctx, hubspotCredentialType(ctx.getNodeParameter('hubspotAuthentication', 0, 'appToken')));
	if (platform === 'apollo') return await apolloProviderFor(ctx);
	// Hosts, version and whether a refresh token exists; the token itself stays inside n8n's request helper.
	const settings = linkedInSettings(await ctx.getCredentials<LinkedInCredentialData>(LINKEDIN_CREDENTIAL_TYPE));
	return new LinkedInProvider({
		transport: n8nTransport(ctx, LINKEDIN_CREDENTIAL_TYPE, settings.credentialOptions),
		clock: n8nClock,
		...settings.provider,
		leadFeed: {
			owner: { kind: ctx.getNodeParameter('ownerType', 0, 'sponsoredAccount') as OwnerKind, id: String(ctx.getNodeParameter('ownerId', 0, '') ?? '') },
			leadType: ctx.getNodeParameter('leadType', 0, 'SPONSORED') as LeadType,
		},
	});
}
