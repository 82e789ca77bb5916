/**
 * The Apollo platform: routes `/apollo/api/v1/...` (and the older `/apollo/v1/...`) through auth, the
 * master-key check and the rate limiters to the endpoint handlers, and renders injected faults as Apollo
 * would answer.
 */
import type { Fault } from '../faults';
import { json, ReplyError, type Reply, type SandboxRequest } from '../http';
import type { Platform } from '../platform';
import { authenticate, inaccessible, isCaller } from './auth';
import { DEFAULT_APOLLO_CONFIG, mergeConfig, type ApolloConfigInput } from './config';
import {
	bulkCreateContacts,
	bulkUpdateContacts,
	createContact,
	getContact,
	searchContacts,
	updateContact,
} from './contact-routes';
import { controlRoute } from './control-routes';
import { bulkEnrichOrganizations, bulkMatch, enrichOrganization, matchPerson } from './enrich-routes';
import { apolloError, rateLimitBody, type RateWindow } from './errors';
import { limitsFor, RateLimiter, type LimitClass } from './rate-limit';
import { searchPeople } from './search-routes';
import { ApolloState } from './state';

export { ApolloState } from './state';
export type { ApolloConfig, ApolloConfigInput } from './config';

interface Route {
	method: string;
	pattern: RegExp;
	limit: LimitClass;
	/** Apollo's docs mark these as needing a master API key. */
	master?: boolean;
	run(request: SandboxRequest, state: ApolloState, ...params: string[]): Reply;
}

const ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/auth\/health$/,
		limit: 'other',
		run: () => json(200, { healthy: true, is_logged_in: true }),
	},
	{ method: 'POST', pattern: /^\/people\/match$/, limit: 'enrichment', run: matchPerson },
	{ method: 'POST', pattern: /^\/people\/bulk_match$/, limit: 'bulk_match', run: bulkMatch },
	{ method: 'GET', pattern: /^\/organizations\/enrich$/, limit: 'enrichment', run: enrichOrganization },
	{
		method: 'POST',
		pattern: /^\/organizations\/bulk_enrich$/,
		limit: 'enrichment',
		run: bulkEnrichOrganizations,
	},
	{
		method: 'POST',
		pattern: /^\/mixed_people\/api_search$/,
		limit: 'other',
		master: true,
		run: searchPeople,
	},
	{ method: 'POST', pattern: /^\/contacts$/, limit: 'other', run: createContact },
	{ method: 'POST', pattern: /^\/contacts\/search$/, limit: 'other', run: searchContacts },
	{
		method: 'POST',
		pattern: /^\/contacts\/bulk_create$/,
		limit: 'other',
		master: true,
		run: bulkCreateContacts,
	},
	{
		method: 'POST',
		pattern: /^\/contacts\/bulk_update$/,
		limit: 'other',
		master: true,
		run: bulkUpdateContacts,
	},
	{ method: 'GET', pattern: /^\/contacts\/([^/]+)$/, limit: 'other', run: getContact },
	{ method: 'PATCH', pattern: /^\/contacts\/([^/]+)$/, limit: 'other', run: updateContact },
	// Apollo's reference documents PUT for the same update.
	{ method: 'PUT', pattern: /^\/contacts\/([^/]+)$/, limit: 'other', run: updateContact },
];

const FAULT_CODES: Record<number, string> = {
	400: 'BAD_REQUEST',
	401: 'INVALID_API_KEY',
	403: 'API_INACCESSIBLE',
	404: 'NOT_FOUND',
	422: 'UNPROCESSABLE_ENTITY',
};

const RATE_WINDOWS: RateWindow[] = ['minute', 'hourly', 'daily'];

export class ApolloPlatform implements Platform {
	readonly name = 'apollo';
	readonly state: ApolloState;

	constructor(options?: ApolloConfigInput) {
		this.state = new ApolloState(mergeConfig(DEFAULT_APOLLO_CONFIG, options));
	}

	async handle(request: SandboxRequest): Promise<Reply> {
		const path = apiPath(request.path);
		if (path === undefined) return apolloError(404, `No such endpoint: ${request.path}`, 'NOT_FOUND');
		const caller = authenticate(request, this.state.config);
		if (!isCaller(caller)) return caller;
		const candidates = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
			(candidate) => candidate.match !== null,
		);
		const found = candidates.find((candidate) => candidate.route.method === request.method);
		if (!found) {
			return candidates.length > 0
				? apolloError(405, `${request.method} is not supported for api/v1${path}`, 'METHOD_NOT_ALLOWED')
				: apolloError(404, `No such endpoint: api/v1${path}`, 'NOT_FOUND');
		}
		const { route, match } = found;
		if (route.master && !caller.master) return inaccessible(path);
		const decision = this.state.limiter.take(caller.bucket, route.limit);
		if (!decision.allowed) {
			const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
			return this.tooMany(path, decision.window, decision.limit, retryAfter, decision.headers);
		}
		const params = (match ?? []).slice(1).map((segment) => decodePathSegment(segment ?? ''));
		const reply = run(() => route.run({ ...request, path }, this.state, ...params));
		return { ...reply, headers: { ...reply.headers, ...decision.headers } };
	}

	async control(request: SandboxRequest): Promise<Reply | undefined> {
		return controlRoute(request, this.state);
	}

	faultReply(fault: Fault, request: SandboxRequest): Reply {
		const path = apiPath(request.path) ?? request.path;
		if (
			fault.kind === 'rate-limit' ||
			(fault.kind === 'status' && fault.status === 429 && fault.body === undefined)
		) {
			const window = RATE_WINDOWS.find((name) => name === fault.policyName) ?? 'minute';
			const limits = limitsFor(this.state.config, limitClassOf(path));
			const retryAfter = Math.max(1, Math.ceil(this.state.config.windowMs[window] / 1000));
			return this.tooMany(
				path,
				window,
				limits[window],
				retryAfter,
				RateLimiter.exhaustedHeaders(limits, window),
			);
		}
		const status = fault.status ?? 500;
		if (fault.body !== undefined) return json(status, fault.body);
		return apolloError(
			status,
			`Injected sandbox fault: HTTP ${status}`,
			FAULT_CODES[status] ?? 'INTERNAL_SERVER_ERROR',
		);
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

	private tooMany(
		path: string,
		window: RateWindow,
		limit: number,
		retryAfterSeconds: number,
		headers: Record<string, string>,
	): Reply {
		const withRetry = this.state.config.retryAfterHeader
			? { ...headers, 'Retry-After': String(retryAfterSeconds) }
			: headers;
		return json(429, rateLimitBody(window, path, limit, retryAfterSeconds), withRetry);
	}
}

/** The endpoint path without `/api/v1` (or the older `/v1`); undefined outside the API. */
function apiPath(path: string): string | undefined {
	const match = /^\/(?:api\/)?v1(\/.*)$/.exec(path);
	return match?.[1].replace(/\/+$/, '') || undefined;
}

function limitClassOf(path: string): LimitClass {
	return ROUTES.find((route) => route.pattern.test(path))?.limit ?? 'other';
}

function run(handler: () => Reply): Reply {
	try {
		return handler();
	} catch (error) {
		if (error instanceof ReplyError) return error.reply;
		throw error;
	}
}

function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
