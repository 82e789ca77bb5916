/** Shared plumbing for the sandbox contract tests: start in-process, call HubSpot routes with fetch. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export const TOKEN = 'sandbox-hubspot-token';

export interface Response<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export interface CallOptions {
	token?: string | null;
	headers?: Record<string, string>;
}

export interface Client {
	sandbox: Sandbox;
	hs<T = any>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Response<T>>;
	control<T = any>(method: string, path: string, body?: unknown): Promise<Response<T>>;
}

export async function start(options?: SandboxOptions): Promise<Client> {
	const sandbox = await startSandbox(options);
	const call = async (url: string, method: string, body: unknown, headers: Record<string, string>) => {
		const response = await fetch(url, {
			method,
			headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const text = await response.text();
		return {
			status: response.status,
			headers: response.headers,
			body: text === '' ? undefined : JSON.parse(text),
		};
	};
	return {
		sandbox,
		hs: (method, path, body, options = {}) => {
			const token = options.token === undefined ? TOKEN : options.token;
			const headers = { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers };
			return call(`${sandbox.url}/hubspot${path}`, method, body, headers);
		},
		control: (method, path, body) => call(`${sandbox.url}/__sandbox${path}`, method, body, {}),
	};
}

export const CONTACTS = '/crm/v3/objects/contacts';

export function contact(index: number, extra: Record<string, string> = {}) {
	return {
		email: `person${index}@example.com`,
		firstname: `First${index}`,
		lastname: `Last${index}`,
		...extra,
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
