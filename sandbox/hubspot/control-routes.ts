/** HubSpot's part of the control API, under `/__sandbox/hubspot`. Never authenticated, limited or logged. */
import { json, parseJsonBody, type Reply, type SandboxRequest } from '../http';
import { SeedError } from './seed';
import type { HubSpotState } from './state';

export function controlRoute(request: SandboxRequest, state: HubSpotState): Reply | undefined {
	const body = () =>
		parseJsonBody(request.rawBody, (detail) => json(400, { error: `invalid JSON: ${detail}` }));
	switch (`${request.method} ${request.path}`) {
		case 'GET /contacts': {
			const results = state.contacts();
			return json(200, { count: results.length, results });
		}
		case 'POST /contacts':
			try {
				const ids = state.seedContacts(body());
				return json(201, { count: ids.length, ids });
			} catch (error) {
				if (error instanceof SeedError) return json(400, { error: error.message });
				throw error;
			}
		case 'GET /properties':
			return json(200, { results: state.properties() });
		case 'POST /properties': {
			const input = body();
			const problem = state.registerProperties(
				typeof input === 'object' && input !== null && 'properties' in input ? input.properties : input,
			);
			return problem === undefined
				? json(200, { results: state.properties() })
				: json(400, { error: problem });
		}
		case 'GET /webhooks':
			return json(200, state.webhookState());
		case 'POST /oauth/expire':
			return json(200, { expired: state.expireAccessTokens() });
		default:
			return undefined;
	}
}
