/**
 * The change feed a polling trigger reads, per platform, built from the node's credential, and the key
 * its cursor belongs to (a change of platform, event or LinkedIn lead owner starts the cursor over).
 * A platform without a change feed is refused by `requireCapability` before any request.
 */
import type { IPollFunctions } from 'n8n-workflow';
import type { ChangeFeed } from '../core/capabilities/change-feed';
import type { Clock } from '../core/http';
import { requireCapability } from '../core/provider';
import { linkedInSettings, type LinkedInCredentialData } from '../providers/linkedin/credential-settings';
import type { LeadOwner, LeadType, OwnerKind } from '../providers/linkedin/owner';
import { LinkedInProvider } from '../providers/linkedin/provider';
import { apolloProviderFor } from './apollo';
import { hubspotCredentialType, hubspotProviderFor } from './hubspot';
import { LINKEDIN_CREDENTIAL_TYPE } from './linkedin';
import { n8nTransport } from './transport';

export type PollPlatform = 'hubspot' | 'apollo' | 'linkedin';

export interface LeadFeedSettings {
	owner: LeadOwner;
	leadType: LeadType;
	testLeads: boolean;
}

export interface PollFeed {
	feed: ChangeFeed;
	/** Identifies what the feed reads, for the cursor's key. */
	scope: string;
}

export async function pollFeedFor(ctx: IPollFunctions, platform: PollPlatform, clock: Clock): Promise<PollFeed> {
	if (platform === 'hubspot') {
		const provider = await hubspotProviderFor(ctx, hubspotCredentialType(ctx.getNodeParameter('hubspotAuthentication', 'appToken')));
		return { feed: requireCapability(provider, 'changeFeed', 'watch changed contacts'), scope: 'hubspot' };
	}
	if (platform === 'apollo') {
		const provider = await apolloProviderFor(ctx);
		return { feed: requireCapability(provider, 'changeFeed', 'watch changed contacts'), scope: 'apollo' };
	}
	const leads = leadFeedOf(ctx);
	// Hosts, version and whether a refresh token exists; the token itself stays inside n8n's request helper.
	const settings = linkedInSettings(await ctx.getCredentials<LinkedInCredentialData>(LINKEDIN_CREDENTIAL_TYPE));
	const provider = new LinkedInProvider({
		transport: n8nTransport(ctx, LINKEDIN_CREDENTIAL_TYPE, settings.credentialOptions),
		clock,
		...settings.provider,
		leadFeed: leads,
	});
	return {
		feed: requireCapability(provider, 'changeFeed', 'watch new leads'),
		scope: `linkedin:${leads.owner.kind}:${leads.owner.id.trim()}:${leads.leadType}:${leads.testLeads ? 'test' : 'real'}`,
	};
}

function leadFeedOf(ctx: IPollFunctions): LeadFeedSettings {
	return {
		owner: {
			kind: ctx.getNodeParameter('ownerType', 'sponsoredAccount') as OwnerKind,
			id: String(ctx.getNodeParameter('ownerId', '') ?? ''),
		},
		leadType: ctx.getNodeParameter('leadType', 'SPONSORED') as LeadType,
		testLeads: ctx.getNodeParameter('options.testLeads', false) === true,
	};
}
