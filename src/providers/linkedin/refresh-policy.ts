/**
 * Whether n8n should try to refresh a LinkedIn token on a 401. Standard LinkedIn apps get no refresh
 * token: n8n's attempt then fails with its own error ("no refresh token is available"), which hides
 * LinkedIn's answer and reaches the core as a lost connection, retried five times. Without a refresh
 * token the 401 is handed back as it is, so the dialect can say "reconnect this credential". Apps that
 * LinkedIn approved for programmatic refresh hold one and keep n8n's refresh.
 */
export interface LinkedInCredentialOptions {
	oauth2: { skipTokenRefresh: boolean };
}

export function linkedInCredentialOptions(credentials: {
	oauthTokenData?: unknown;
}): LinkedInCredentialOptions {
	const tokenData = credentials.oauthTokenData as { refresh_token?: unknown } | undefined;
	const refreshable = typeof tokenData?.refresh_token === 'string' && tokenData.refresh_token !== '';
	return { oauth2: { skipTokenRefresh: !refreshable } };
}
