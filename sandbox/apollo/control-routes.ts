/** Apollo's part of the control API, under `/__sandbox/apollo`. Never authenticated, limited or logged. */
import { isRecord, json, parseJsonBody, type Reply, type SandboxRequest } from '../http';
import { SeedError } from './seed';
import type { ApolloState } from './state';

export function controlRoute(request: SandboxRequest, state: ApolloState): Reply | undefined {
	const body = () =>
		parseJsonBody(request.rawBody, (detail) => json(400, { error: `invalid JSON: ${detail}` }));
	const seeded = (seed: () => string[]) => {
		try {
			const ids = seed();
			return json(201, { count: ids.length, ids });
		} catch (error) {
			if (error instanceof SeedError) return json(400, { error: error.message });
			throw error;
		}
	};
	const listed = (results: unknown[]) => json(200, { count: results.length, results });
	switch (`${request.method} ${request.path}`) {
		case 'GET /people':
			return listed(state.allPeople());
		case 'POST /people':
			return seeded(() => state.seedPeople(body()));
		case 'GET /organizations':
			return listed(state.allOrganizations());
		case 'POST /organizations':
			return seeded(() => state.seedOrganizations(body()));
		case 'DELETE /directory':
			state.clearDirectory();
			return json(200, { ok: true });
		case 'GET /contacts':
			return listed(state.allContacts());
		case 'POST /contacts':
			return seeded(() => state.seedContacts(body()));
		case 'GET /credits':
			return json(200, state.creditSnapshot());
		case 'POST /credits': {
			const input = body();
			if (!isRecord(input) || typeof input.balance !== 'number' || input.balance < 0) {
				return json(400, { error: 'expected {balance: number >= 0}' });
			}
			state.setCreditBalance(input.balance);
			return json(200, state.creditSnapshot());
		}
		case 'GET /callbacks':
			return json(200, { deliveries: state.callbackLog() });
		case 'POST /clock': {
			const input = body();
			if (!isRecord(input) || typeof input.advanceMs !== 'number' || input.advanceMs < 0) {
				return json(400, { error: 'expected {advanceMs: number >= 0}' });
			}
			state.advanceClock(input.advanceMs);
			return json(200, { now: new Date(state.now()).toISOString() });
		}
		default:
			break;
	}
	const requestId = /^\/callbacks\/([^/]+)$/.exec(request.path)?.[1];
	if (requestId !== undefined && request.method === 'GET') {
		const result = state.callbackResult(decodeURIComponent(requestId));
		return result ? json(200, result) : json(404, { error: `no callback for request ${requestId}` });
	}
	return undefined;
}
