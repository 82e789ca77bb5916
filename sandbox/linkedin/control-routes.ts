/** LinkedIn's part of the control API, under `/__sandbox/linkedin`. Never authenticated, limited or logged. */
import { isRecord, json, parseJsonBody, type Reply, type SandboxRequest } from '../http';
import { subscriptionBody } from './notification-routes';
import { ALL_SCOPES } from './scopes';
import type { LinkedInState } from './state';
import { LeadInputError, parseLeadInput } from './submit';

export async function controlRoute(
	request: SandboxRequest,
	state: LinkedInState,
): Promise<Reply | undefined> {
	const body = () =>
		parseJsonBody(request.rawBody, (detail) => json(400, { error: `invalid JSON: ${detail}` }));
	const leadId = /^\/leads\/([^/]+)$/.exec(request.path)?.[1];
	if (leadId !== undefined && request.method === 'DELETE') {
		const deliveries = await state.deleteLead(decodeURIComponent(leadId));
		return deliveries ? json(200, { deliveries }) : json(404, { error: `no lead ${leadId}` });
	}
	switch (`${request.method} ${request.path}`) {
		case 'POST /leads':
			try {
				return json(201, await state.submitLead(parseLeadInput(body())));
			} catch (error) {
				if (error instanceof LeadInputError) return json(400, { error: error.message });
				throw error;
			}
		case 'GET /data':
			return json(200, snapshot(state));
		case 'POST /seed': {
			const input = body() ?? {};
			const responses = isRecord(input) ? input.responses : undefined;
			if (responses !== undefined && !(Number.isInteger(responses) && (responses as number) >= 0)) {
				return json(400, { error: 'responses must be a non-negative integer' });
			}
			state.reseed(responses as number | undefined);
			return json(200, { responses: state.world.responses.size });
		}
		case 'GET /posts':
			return json(200, { count: state.world.posts.length, results: state.posts() });
		case 'GET /notifications':
			return json(200, {
				subscriptions: state.notifications.all().map((sub) => ({
					...subscriptionBody(sub),
					app: sub.app,
					validatedAt: sub.validatedAt ?? null,
					failures: sub.failures,
					blocked: sub.blocked,
				})),
				deliveries: state.notifications.deliveries,
			});
		case 'POST /tokens':
			return issueToken(body(), state);
		case 'POST /oauth/expire':
			return json(200, { expired: state.oauth.expireAll() });
		case 'POST /oauth/revoke': {
			const input = body();
			const token = isRecord(input) && typeof input.token === 'string' ? input.token : undefined;
			return json(200, { revoked: state.oauth.revoke(token) });
		}
		case 'POST /rate-limit/midnight':
			state.quota.reset();
			return json(200, { ok: true });
		default:
			return undefined;
	}
}

/** `{scopes?, member?, ttlMs?}` → a token as the OAuth dance would issue it (refresh token if the app has refresh). */
function issueToken(input: unknown, state: LinkedInState): Reply {
	const spec = isRecord(input) ? input : {};
	const scopes = spec.scopes ?? ALL_SCOPES;
	if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
		return json(400, { error: 'scopes must be an array of strings' });
	}
	const member = spec.member ?? state.signedInMember;
	if (typeof member !== 'string' || !state.world.members.has(member))
		return json(400, { error: 'unknown member' });
	if (spec.ttlMs !== undefined && !(typeof spec.ttlMs === 'number' && spec.ttlMs >= 0)) {
		return json(400, { error: 'ttlMs must be a non-negative number' });
	}
	return state.oauth.issue(member, scopes as string[], spec.ttlMs as number | undefined);
}

function snapshot(state: LinkedInState) {
	const { world } = state;
	return {
		members: [...world.members.values()],
		organizations: [...world.organizations.values()],
		sponsoredAccounts: [...world.sponsoredAccounts.values()],
		forms: [...world.forms.values()],
		responses: [...world.responses.values()].sort((a, b) => b.submittedAt - a.submittedAt),
	};
}
