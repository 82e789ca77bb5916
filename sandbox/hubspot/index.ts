/**
 * The HubSpot platform: routes `/hubspot/...` requests through auth and the rate limiters to the endpoint
 * handlers, and renders injected faults as HubSpot would answer.
 */
import { randomUUID } from 'node:crypto';
import type { Fault } from '../faults';
import { isRecord, json, ReplyError, type Reply, type SandboxRequest } from '../http';
import type { Platform } from '../platform';
import { authenticate, isCaller } from './auth';
import { BATCH_OPERATIONS, batch, type BatchOperation } from './batch-routes';
import { DEFAULT_HUBSPOT_CONFIG, mergeConfig, type HubSpotConfigInput } from './config';
import { controlRoute } from './control-routes';
import { authenticateDeveloper } from './developer-auth';
import { errorBody, hubspotError, rateLimitBody } from './errors';
import { archiveOne, createOne, getOne, listContacts, updateOne } from './object-routes';
import type { Decision } from './rate-limit';
import { listProperties } from './properties-routes';
import { search } from './search';
import { HubSpotState } from './state';
import { isWebhooksPath, WEBHOOK_ROUTES } from './webhooks-routes';
import { createOrUpdateByEmail, getProfile, V1_CREATE_OR_UPDATE, V1_PROFILE } from './v1-contact-routes';

export { HubSpotState } from './state';
export type { HubSpotConfig, HubSpotConfigInput } from './config';

interface Route {
	method: string;
	pattern: RegExp;
	search?: boolean;
	run(request: SandboxRequest, state: HubSpotState, ...params: string[]): Reply;
}

// `0-1` is HubSpot's object type id for contacts; both spellings reach the same endpoints.
const OBJECTS = '/crm/v3/objects/(?:contacts|0-1)';

const ROUTES: Route[] = [
	{ method: 'GET', pattern: /^\/crm\/v3\/properties\/(?:contacts|0-1)\/?$/, run: (_request, state) => listProperties(state) },
	{ method: 'GET', pattern: new RegExp(`^${OBJECTS}/?$`), run: listContacts },
	{ method: 'POST', pattern: new RegExp(`^${OBJECTS}/?$`), run: createOne },
	{ method: 'POST', pattern: new RegExp(`^${OBJECTS}/search/?$`), search: true, run: search },
	{
		method: 'POST',
		pattern: new RegExp(`^${OBJECTS}/batch/(${BATCH_OPERATIONS.join('|')})/?$`),
		run: (request, state, operation) => batch(operation as BatchOperation, request, state),
	},
	{
		method: 'GET',
		pattern: new RegExp(`^${OBJECTS}/([^/]+)/?$`),
		run: (request, state, id) => getOne(request, state, id),
	},
	{
		method: 'PATCH',
		pattern: new RegExp(`^${OBJECTS}/([^/]+)/?$`),
		run: (request, state, id) => updateOne(request, state, id),
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^${OBJECTS}/([^/]+)/?$`),
		run: (_request, state, id) => archiveOne(state, id),
	},
	// Legacy v1, as n8n's built-in HubSpot node calls it; counted in the same window as v3.
	{
		method: 'POST',
		pattern: V1_CREATE_OR_UPDATE,
		run: (request, state, email) => createOrUpdateByEmail(request, state, email),
	},
	{ method: 'GET', pattern: V1_PROFILE, run: (request, state, vid) => getProfile(request, state, vid) },
];

const FAULT_CATEGORIES: Record<number, string> = {
	400: 'VALIDATION_ERROR',
	401: 'INVALID_AUTHENTICATION',
	403: 'MISSING_SCOPES',
	404: 'OBJECT_NOT_FOUND',
	409: 'CONFLICT',
	423: 'LOCKED',
};

export class HubSpotPlatform implements Platform {
	readonly name = 'hubspot';
	readonly state: HubSpotState;

	constructor(options?: HubSpotConfigInput) {
		this.state = new HubSpotState(mergeConfig(DEFAULT_HUBSPOT_CONFIG, options));
	}

	async handle(request: SandboxRequest): Promise<Reply> {
		return withCorrelationId(this.dispatch(request));
	}

	async control(request: SandboxRequest): Promise<Reply | undefined> {
		return controlRoute(request, this.state);
	}

	faultReply(fault: Fault, request: SandboxRequest): Reply {
		if (fault.kind === 'rate-limit') {
			const policy = fault.policyName ?? 'TEN_SECONDLY_ROLLING';
			const config = this.state.config;
			const headers: Record<string, string> = isSearch(request)
				? {}
				: {
						'X-HubSpot-RateLimit-Max': String(config.rateLimit.max),
						'X-HubSpot-RateLimit-Remaining': '0',
						'X-HubSpot-RateLimit-Interval-Milliseconds': String(config.rateLimit.intervalMs),
						'X-HubSpot-RateLimit-Daily': String(config.rateLimit.daily),
						'X-HubSpot-RateLimit-Daily-Remaining': policy === 'DAILY' ? '0' : String(config.rateLimit.daily),
					};
			const waitMs = policy === 'SECONDLY' ? config.searchRateLimit.intervalMs : config.rateLimit.intervalMs;
			if (config.retryAfterHeader) headers['Retry-After'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
			return withCorrelationId(json(429, rateLimitBody(policy), headers));
		}
		const status = fault.status ?? 500;
		const body =
			fault.body !== undefined
				? fault.body
				: status === 429
					? rateLimitBody('TEN_SECONDLY_ROLLING')
					: errorBody(FAULT_CATEGORIES[status] ?? 'INTERNAL_ERROR', `Injected sandbox fault: HTTP ${status}`);
		return withCorrelationId(json(status, body));
	}

	reset(): void {
		this.state.reset();
	}

	configure(input: unknown): void {
		this.state.configure(input);
	}

	config(): unknown {
		return this.state.config;
	}

	private dispatch(request: SandboxRequest): Reply {
		const { method, path } = request;
		if (path === '/oauth/authorize' && method === 'GET') return this.state.oauth.authorize(request.query);
		if (path === '/oauth/v1/token' && method === 'POST') {
			return this.state.oauth.tokenV1(request.rawBody, request.headers['content-type']);
		}
		if (path === '/oauth/2026-03/token' && method === 'POST') {
			return this.state.oauth.tokenDated(request.rawBody, request.headers['content-type'], request.query);
		}
		// App webhook settings take the developer API key; everything else a bearer token.
		const developer = isWebhooksPath(path);
		const caller = developer
			? authenticateDeveloper(request.query, this.state.config)
			: authenticate(request.headers.authorization, this.state.config, this.state.oauth);
		if (!isCaller(caller)) return caller;
		const routes: Route[] = developer ? WEBHOOK_ROUTES : ROUTES;
		const candidates = routes
			.map((route) => ({ route, match: route.pattern.exec(path) }))
			.filter((candidate) => candidate.match !== null);
		const found = candidates.find((candidate) => candidate.route.method === method);
		if (!found) {
			return candidates.length > 0
				? hubspotError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported for ${path}`)
				: hubspotError(404, 'OBJECT_NOT_FOUND', `No sandbox route for ${method} ${path}`);
		}
		const { route, match } = found;
		const limits = this.state.limiter;
		const decision = route.search
			? limits.search(caller.bucket)
			: limits.general(caller.bucket, !caller.oauth);
		if (!decision.allowed) return this.tooMany(decision);
		const params = (match ?? []).slice(1).map((segment) => decodePathSegment(segment ?? ''));
		const reply = run(() => route.run(request, this.state, ...params));
		return { ...reply, headers: { ...reply.headers, ...decision.headers } };
	}

	private tooMany(decision: Extract<Decision, { allowed: false }>): Reply {
		const headers = { ...decision.headers };
		if (this.state.config.retryAfterHeader) {
			headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
		}
		return json(429, rateLimitBody(decision.policy), headers);
	}
}

function run(handler: () => Reply): Reply {
	try {
		return handler();
	} catch (error) {
		if (error instanceof ReplyError) return error.reply;
		throw error;
	}
}

/** Emails travel in the path with idProperty=email, so segments are percent-decoded. */
function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function isSearch(request: SandboxRequest): boolean {
	return /\/search\/?$/.test(request.path);
}

/** HubSpot answers every call with a correlation id header, matching the one in an error body. */
function withCorrelationId(reply: Reply): Reply {
	const fromBody =
		isRecord(reply.body) && typeof reply.body.correlationId === 'string'
			? reply.body.correlationId
			: undefined;
	return { ...reply, headers: { ...reply.headers, 'X-HubSpot-Correlation-Id': fromBody ?? randomUUID() } };
}
