/**
 * Shared plumbing for the LinkedIn sandbox contract tests: start in-process, call `/linkedin/...` with a
 * bearer token and the version headers a `/rest/*` call needs, and reach the LinkedIn control routes.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { versionOf } from '../../sandbox/linkedin/config';

export const LI_TOKEN = 'sandbox-linkedin-token';
export const CLIENT_ID = 'sandbox-linkedin-client-id';
export const CLIENT_SECRET = 'sandbox-linkedin-client-secret';
export const MEMBER = 'Sbx7mB2xQ1';
export const ACCOUNT = 'urn:li:sponsoredAccount:5100001';
export const ORGANIZATION = 'urn:li:organization:9100001';
/** The version a well-behaved client sends: last month, inside the active window. */
export const VERSION = versionOf(Date.now(), 1);
export const ACCOUNT_OWNER = `(sponsoredAccount:${encodeURIComponent(ACCOUNT)})`;

export interface Response<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export interface CallOptions {
	token?: string | null;
	/** Replaces the default `LinkedIn-Version` / `X-Restli-Protocol-Version` headers; null sends none. */
	headers?: Record<string, string> | null;
}

export interface LinkedInClient {
	sandbox: Sandbox;
	li<T = any>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Response<T>>;
	control<T = any>(method: string, path: string, body?: unknown): Promise<Response<T>>;
	form<T = any>(path: string, fields: Record<string, string>): Promise<Response<T>>;
}

async function call(url: string, init: RequestInit): Promise<Response> {
	const response = await fetch(url, { ...init, redirect: 'manual' });
	const text = await response.text();
	let body: unknown = text === '' ? undefined : text;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status, headers: response.headers, body };
}

export async function startLinkedIn(options?: SandboxOptions): Promise<LinkedInClient> {
	const sandbox = await startSandbox(options);
	const json = (body: unknown): Record<string, string> =>
		body === undefined ? {} : { 'content-type': 'application/json' };
	return {
		sandbox,
		li: (method, path, body, options = {}) => {
			const token = options.token === undefined ? LI_TOKEN : options.token;
			const versioned =
				options.headers === null
					? {}
					: (options.headers ?? { 'LinkedIn-Version': VERSION, 'X-Restli-Protocol-Version': '2.0.0' });
			const headers = {
				...json(body),
				...(token === null ? {} : { authorization: `Bearer ${token}` }),
				...versioned,
			};
			return call(`${sandbox.url}/linkedin${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		},
		control: (method, path, body) =>
			call(`${sandbox.url}/__sandbox/linkedin${path}`, {
				method,
				headers: json(body),
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
		form: (path, fields) =>
			call(`${sandbox.url}/linkedin${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields).toString(),
			}),
	};
}

/** Issues a token through the control API; `scopes` default to every product. */
export async function issueToken(
	client: LinkedInClient,
	spec: { scopes?: string[]; member?: string; ttlMs?: number } = {},
): Promise<string> {
	const response = await client.control('POST', '/tokens', spec);
	expect(response.status).toBe(200);
	return response.body.access_token as string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
