/** Bearer authentication: static private-app tokens from the config, or access tokens issued by OAuthServer. */
import type { Reply } from '../http';
import type { HubSpotConfig } from './config';
import { hubspotError } from './errors';
import type { OAuthServer } from './oauth';

export interface Caller {
	/** Key the rate limits are counted under. */
	bucket: string;
	oauth: boolean;
}

const NOT_FOUND_MESSAGE =
	'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function authenticate(
	header: string | undefined,
	config: HubSpotConfig,
	oauth: OAuthServer,
): Caller | Reply {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	const token = match?.[1];
	if (token === undefined) return hubspotError(401, 'INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE);
	if (config.tokens.includes(token)) return { bucket: `token:${token}`, oauth: false };
	const issued = oauth.lookup(token);
	if (!issued) return hubspotError(401, 'INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE);
	if (issued.expiredMsAgo !== undefined) {
		const seconds = Math.max(1, Math.round(issued.expiredMsAgo / 1000));
		return hubspotError(
			401,
			'EXPIRED_AUTHENTICATION',
			`The OAuth token used to make this call expired ${seconds} second(s) ago.`,
		);
	}
	return { bucket: `oauth:${issued.installation}`, oauth: true };
}

export function isCaller(value: Caller | Reply): value is Caller {
	return 'bucket' in value;
}
