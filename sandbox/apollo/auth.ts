/**
 * Who is calling: an `x-api-key` header (master or not) or an OAuth partner-app bearer token. A key in
 * the URL (`?api_key=`) never authenticates, even next to a valid header: URLs end up in proxy and server
 * logs, so a client that puts one there is broken and should find out at once.
 */
import type { Reply, SandboxRequest } from '../http';
import type { ApolloConfig } from './config';
import { apolloError } from './errors';

export interface Caller {
	/** Key the rate limits are counted under; never the raw key, so it cannot leak through a log. */
	bucket: string;
	master: boolean;
}

const INVALID = 'Invalid access credentials.';

export function authenticate(request: SandboxRequest, config: ApolloConfig): Caller | Reply {
	if (request.query.has('api_key')) {
		return apolloError(
			401,
			'API keys are not accepted in the URL. Send your key in the x-api-key header.',
			'API_KEY_IN_URL',
		);
	}
	const header = request.headers['x-api-key'];
	const key = Array.isArray(header) ? header[0] : header;
	if (key !== undefined && key !== '') {
		const index = config.apiKeys.indexOf(key);
		if (index >= 0) return { bucket: `key:${index}`, master: true };
		const nonMaster = config.nonMasterApiKeys.indexOf(key);
		if (nonMaster >= 0) return { bucket: `non-master:${nonMaster}`, master: false };
		return apolloError(401, INVALID, 'INVALID_API_KEY');
	}
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
	if (bearer !== undefined) {
		const index = config.bearerTokens.indexOf(bearer);
		if (index >= 0) return { bucket: `oauth:${index}`, master: true };
		return apolloError(401, INVALID, 'INVALID_ACCESS_TOKEN');
	}
	return apolloError(401, 'Missing API key. Send your key in the x-api-key header.', 'MISSING_API_KEY');
}

export function isCaller(value: Caller | Reply): value is Caller {
	return 'bucket' in value;
}

/** Master-only endpoints, as Apollo's docs mark them (403 with a non-master key). */
export function inaccessible(path: string): Reply {
	return apolloError(403, `api/v1${path} is not accessible with this api_key`, 'API_INACCESSIBLE');
}
