/**
 * Developer API key authentication (`?hapikey=`), the only kind the webhooks v3 API of a legacy public
 * app takes from outside HubSpot's own UI. A private-app bearer token does not open these routes.
 */
import type { Reply } from '../http';
import type { Caller } from './auth';
import type { HubSpotConfig } from './config';
import { hubspotError } from './errors';

const MISSING_MESSAGE =
	'Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

const INVALID_MESSAGE =
	'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/';

export function authenticateDeveloper(query: URLSearchParams, config: HubSpotConfig): Caller | Reply {
	const key = query.get('hapikey');
	if (key === null || key === '') return hubspotError(401, 'INVALID_AUTHENTICATION', MISSING_MESSAGE);
	if (!config.developerApiKeys.includes(key))
		return hubspotError(401, 'INVALID_AUTHENTICATION', INVALID_MESSAGE);
	// Counted like any other caller: HubSpot applies its limits to developer-key calls too.
	return { bucket: `developer:${key}`, oauth: false };
}
