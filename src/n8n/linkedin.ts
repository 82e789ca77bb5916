/**
 * Builds the LinkedIn provider for a node run or a trigger request from the `crmLinkedInOAuth2Api`
 * credential. The credential options must reach n8n's request helper: without them n8n tries to refresh
 * a standard app's expired token (it has no refresh token) and the failure reaches the core as a lost
 * connection, retried, instead of LinkedIn's 401 ("reconnect this credential").
 */
import type { Clock } from '../core/http';
import { linkedInSettings, type LinkedInCredentialData } from '../providers/linkedin/credential-settings';
import { LinkedInProvider } from '../providers/linkedin/provider';
import { n8nClock } from './clock';
import { n8nTransport, type RequestContext } from './transport';

export const LINKEDIN_CREDENTIAL_TYPE = 'crmLinkedInOAuth2Api';

export async function linkedInProviderFor(
	ctx: RequestContext,
	clock: Clock = n8nClock,
): Promise<LinkedInProvider> {
	// Hosts, version and whether a refresh token exists; the token itself stays inside n8n's request helper.
	const settings = linkedInSettings(
		await ctx.getCredentials<LinkedInCredentialData>(LINKEDIN_CREDENTIAL_TYPE),
	);
	return new LinkedInProvider({
		transport: n8nTransport(ctx, LINKEDIN_CREDENTIAL_TYPE, settings.credentialOptions),
		clock,
		...settings.provider,
	});
}
