import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { LINKEDIN_CREDENTIAL_TYPE } from '../../../../src/n8n/linkedin';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';

interface TokenCredential {
	clientId?: string;
	clientSecret?: string;
	oauthTokenData?: { access_token?: unknown };
}

/**
 * How many days the access token has left, from LinkedIn's token introspection. n8n tests an OAuth2
 * credential only for the presence of a token, so this is where the expiry shows: e.g. a scheduled
 * workflow that warns a week before a standard app's 60-day token runs out. An expired or revoked token
 * is an answer here (`active: false` with what to do), not a failure.
 */
export const checkToken: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'check the access token',
	description: updateDisplayOptions({ show: { resource: ['profile'], operation: ['checkToken'] } }, [
		{
			displayName:
				"Asks LinkedIn (token introspection, with the app's client ID and secret) whether the credential's access token is active and when it expires. Works for every app.",
			name: 'checkTokenNotice',
			type: 'notice',
			default: '',
		},
	]),
	async execute(provider) {
		const credential = await this.getCredentials<TokenCredential>(LINKEDIN_CREDENTIAL_TYPE);
		const accessToken = credential.oauthTokenData?.access_token;
		// The token goes only into the introspection form, which LinkedIn requires; the output carries none of it.
		const status = await provider.checkToken({
			clientId: credential.clientId ?? '',
			clientSecret: credential.clientSecret ?? '',
			accessToken: typeof accessToken === 'string' ? accessToken : '',
		});
		return [{ ...status } as IDataObject];
	},
};
