/**
 * Fault injection shared by every emulated platform. A fault is matched on platform, method and path (the
 * path after the platform prefix) before the platform sees the request, so the same mechanism serves
 * HubSpot today and Apollo or LinkedIn later; only the shape of the reply is platform-specific.
 */
import { randomUUID } from 'node:crypto';
import { isRecord, type Reply, type SandboxRequest } from './http';

export const FAULT_KINDS = ['status', 'rate-limit', 'latency', 'drop', 'html'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	platform: string;
	method?: string;
	/** Regular expression source, tested against the path after the platform prefix. */
	path?: string;
	kind: FaultKind;
	/** `status`: the status to answer (default 500); `html`: default 200. */
	status?: number;
	/**
	 * `status`: the body to send (default: the platform's error body). `html`: the page, a string in which
	 * `{method}`, `{url}` (path and query as received), `{authorization}` and `{bearer}` (the token without
	 * its scheme) are replaced by what the request carried, as a misbehaving proxy or gateway echoes them.
	 */
	body?: unknown;
	/** `latency`: the delay before the real answer (default 1 s). Other kinds: a delay before their own answer. */
	latencyMs?: number;
	policyName?: string;
	/** How many requests the fault hits; 0 keeps it until cleared. Default 1. */
	times?: number;
}

export interface Fault extends FaultSpec {
	id: string;
	/** Uses left; `null` when unlimited. */
	remaining: number | null;
	hits: number;
}

export class FaultSpecError extends Error {}

export class FaultRegistry {
	private faults: Array<Fault & { pattern?: RegExp }> = [];

	constructor(private readonly knownPlatforms: () => readonly string[]) {}

	add(input: unknown): Fault {
		const spec = this.validate(input);
		const times = spec.times ?? 1;
		const fault = {
			...spec,
			id: randomUUID(),
			remaining: times === 0 ? null : times,
			hits: 0,
			pattern: spec.path === undefined ? undefined : new RegExp(spec.path),
		};
		this.faults.push(fault);
		return this.describe(fault);
	}

	/** Finds the first live fault for this request and uses it up once. */
	take(platform: string, method: string, path: string): Fault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				candidate.platform === platform &&
				(candidate.method === undefined || candidate.method.toUpperCase() === method.toUpperCase()) &&
				(candidate.pattern === undefined || candidate.pattern.test(path)),
		);
		if (!fault) return undefined;
		fault.hits += 1;
		if (fault.remaining !== null) {
			fault.remaining -= 1;
			if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
		}
		return this.describe(fault);
	}

	list(): Fault[] {
		return this.faults.map((fault) => this.describe(fault));
	}

	/** Removes one fault by id, or all of them; returns how many were removed. */
	clear(id?: string): number {
		const before = this.faults.length;
		this.faults = id === undefined ? [] : this.faults.filter((fault) => fault.id !== id);
		return before - this.faults.length;
	}

	private describe(fault: Fault & { pattern?: RegExp }): Fault {
		const { pattern: _pattern, ...plain } = fault;
		return { ...plain };
	}

	private validate(input: unknown): FaultSpec {
		if (!isRecord(input)) throw new FaultSpecError('fault must be a JSON object');
		const { platform, method, path, kind, status, body, latencyMs, policyName, times } = input;
		if (typeof platform !== 'string' || !this.knownPlatforms().includes(platform)) {
			throw new FaultSpecError(`platform must be one of: ${this.knownPlatforms().join(', ')}`);
		}
		if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
			throw new FaultSpecError(`kind must be one of: ${FAULT_KINDS.join(', ')}`);
		}
		if (method !== undefined && typeof method !== 'string')
			throw new FaultSpecError('method must be a string');
		if (path !== undefined) {
			if (typeof path !== 'string')
				throw new FaultSpecError('path must be a regular expression source string');
			try {
				new RegExp(path);
			} catch (error) {
				throw new FaultSpecError(`path is not a valid regular expression: ${(error as Error).message}`);
			}
		}
		if (kind === 'html' && body !== undefined && typeof body !== 'string') {
			throw new FaultSpecError('body of an html fault must be a string (the page)');
		}
		if (
			status !== undefined &&
			!(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
		) {
			throw new FaultSpecError('status must be an HTTP status code');
		}
		if (latencyMs !== undefined && !(typeof latencyMs === 'number' && latencyMs >= 0)) {
			throw new FaultSpecError('latencyMs must be a non-negative number');
		}
		if (policyName !== undefined && typeof policyName !== 'string') {
			throw new FaultSpecError('policyName must be a string');
		}
		if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 0)) {
			throw new FaultSpecError('times must be a non-negative integer (0 = until cleared)');
		}
		return {
			platform,
			kind: kind as FaultKind,
			...(method === undefined ? {} : { method: method.toUpperCase() }),
			...(path === undefined ? {} : { path: path as string }),
			...(status === undefined ? {} : { status: status as number }),
			...(body === undefined ? {} : { body }),
			...(latencyMs === undefined ? {} : { latencyMs: latencyMs as number }),
			...(policyName === undefined ? {} : { policyName: policyName as string }),
			...(times === undefined ? {} : { times: times as number }),
		};
	}
}

const DEFAULT_HTML_PAGE =
	'<!DOCTYPE html><html><head><title>Gateway</title></head><body><h1>Upstream said something</h1>' +
	'<p>{method} {url}</p><p>Authorization: {authorization}</p></body></html>';

/**
 * The `html` fault: what a proxy, gateway or captive portal answers instead of the API, whatever the
 * platform. The placeholders echo the request (URL with its query, Authorization header), so a test can
 * prove a client never repeats such a page's secrets in an error or a log.
 */
export function htmlFaultReply(
	fault: Fault,
	request: Pick<SandboxRequest, 'method' | 'headers'> & { url: string },
): Reply {
	const authorization = String(request.headers.authorization ?? '');
	const values: Record<string, string> = {
		method: request.method,
		url: request.url,
		authorization,
		bearer: authorization.replace(/^Bearer\s+/i, ''),
	};
	const page = (typeof fault.body === 'string' ? fault.body : DEFAULT_HTML_PAGE).replace(
		/\{(method|url|authorization|bearer)\}/g,
		(_, name: string) => values[name],
	);
	return { status: fault.status ?? 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page };
}
