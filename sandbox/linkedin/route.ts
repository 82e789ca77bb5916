/** What a LinkedIn endpoint handler receives, and the route table entry the platform dispatches on. */
import type { Reply, SandboxRequest } from '../http';
import type { Caller } from './auth';
import type { LinkedInState } from './state';

export interface RouteContext {
	request: SandboxRequest;
	state: LinkedInState;
	caller: Caller;
	/** `METHOD /path-template`, e.g. `GET /rest/leadFormResponses`: the unit daily quotas count. */
	resource: string;
}

export interface Route {
	method: string;
	pattern: RegExp;
	/** Stable name of the endpoint for quotas and 403 messages. */
	resource: string;
	/** `/rest/*` routes need the version headers. */
	versioned: boolean;
	/** Checked before the handler; posts check theirs in the handler (it depends on the author). */
	scope?: string;
	run(context: RouteContext, ...params: string[]): Reply | Promise<Reply>;
}
