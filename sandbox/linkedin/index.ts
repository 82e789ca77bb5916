/**
 * The LinkedIn platform: `/linkedin/...` stands for both `https://www.linkedin.com` (the OAuth paths) and
 * `https://api.linkedin.com` (`/v2/userinfo`, `/rest/*`). Each API call goes through authentication, the
 * version headers (`/rest/*`), the scope/product check and the daily quotas, in that order.
 */
import type { Fault } from '../faults';
import { json, ReplyError, type Reply, type SandboxRequest } from '../http';
import type { Platform } from '../platform';
import { authenticate, isCaller, requireScope } from './auth';
import { defaultConfig, mergeConfig, type LinkedInConfigInput } from './config';
import { controlRoute } from './control-routes';
import { linkedInBody, linkedInError, throttled } from './errors';
import { LEAD_ROUTES } from './lead-routes';
import { NOTIFICATION_ROUTES } from './notification-routes';
import { POST_ROUTES } from './posts-routes';
import { PROFILE_ROUTES } from './profile-routes';
import type { Route } from './route';
import { LinkedInState } from './state';
import { checkVersion } from './versioning';

export { LinkedInState } from './state';
export type { LinkedInConfig, LinkedInConfigInput } from './config';

const ROUTES: Route[] = [...PROFILE_ROUTES, ...POST_ROUTES, ...LEAD_ROUTES, ...NOTIFICATION_ROUTES];

const FAULT_CODES: Record<number, string> = {
	400: 'BAD_REQUEST',
	401: 'INVALID_ACCESS_TOKEN',
	403: 'ACCESS_DENIED',
	404: 'NOT_FOUND',
	422: 'UNPROCESSABLE_ENTITY',
	426: 'NONEXISTENT_VERSION',
	429: 'TOO_MANY_REQUESTS',
};

export class LinkedInPlatform implements Platform {
	readonly name = 'linkedin';
	readonly state: LinkedInState;

	constructor(options?: LinkedInConfigInput) {
		this.state = new LinkedInState(mergeConfig(defaultConfig(), options));
	}

	async handle(request: SandboxRequest): Promise<Reply> {
		try {
			return await this.dispatch(request);
		} catch (error) {
			if (error instanceof ReplyError) return error.reply;
			throw error;
		}
	}

	control(request: SandboxRequest): Promise<Reply | undefined> {
		return controlRoute(request, this.state);
	}

	/** `rate-limit` faults answer the daily throttle (`policyName: 'MEMBER'` for the member quota). */
	faultReply(fault: Fault, _request: SandboxRequest): Reply {
		if (fault.kind === 'rate-limit')
			return throttled(fault.policyName === 'MEMBER' ? 'MEMBER' : 'APPLICATION');
		const status = fault.status ?? 500;
		if (fault.body !== undefined) return json(status, fault.body);
		if (status === 429) return throttled('APPLICATION');
		return json(
			status,
			linkedInBody(
				status,
				FAULT_CODES[status] ?? 'INTERNAL_SERVER_ERROR',
				`Injected sandbox fault: HTTP ${status}`,
			),
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

	private async dispatch(request: SandboxRequest): Promise<Reply> {
		const { method, path, rawBody, headers, query } = request;
		const { oauth } = this.state;
		if (path === '/oauth/v2/authorization' && method === 'GET') return oauth.authorize(query);
		if (path === '/oauth/v2/accessToken' && method === 'POST')
			return oauth.accessToken(rawBody, headers['content-type']);
		if (path === '/oauth/v2/introspectToken' && method === 'POST')
			return oauth.introspect(rawBody, headers['content-type']);
		const candidates = ROUTES.filter((route) => route.pattern.test(path));
		const route = candidates.find((candidate) => candidate.method === method);
		if (!route) {
			return candidates.length > 0
				? linkedInError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported for ${path}`)
				: linkedInError(404, 'NOT_FOUND', `No sandbox route for ${method} ${path}`);
		}
		const caller = authenticate(headers.authorization, oauth);
		if (!isCaller(caller)) return caller;
		const config = this.state.config;
		if (route.versioned) {
			const problem = checkVersion(headers, config.versions);
			if (problem) return problem;
		}
		if (route.scope !== undefined) {
			const denied = requireScope(caller, route.scope, config, route.resource);
			if (denied) return denied;
		}
		const spent = this.state.quota.take(route.resource, caller.app, caller.member);
		if (spent) return throttled(spent);
		const params = (route.pattern.exec(path) ?? []).slice(1).map((segment) => decode(segment ?? ''));
		return route.run({ request, state: this.state, caller, resource: route.resource }, ...params);
	}
}

/** URNs travel percent-encoded in the path (`/rest/leadFormResponses/urn%3Ali%3A…`). */
function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
