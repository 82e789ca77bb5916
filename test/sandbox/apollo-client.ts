/** Shared plumbing for the Apollo sandbox contract tests: start in-process, call `/apollo/api/v1` with fetch. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export const KEY = 'sandbox-apollo-key';

export interface Response<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export interface CallOptions {
	/** `null` sends no key. */
	key?: string | null;
	headers?: Record<string, string>;
}

export interface ApolloClient {
	sandbox: Sandbox;
	api<T = any>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Response<T>>;
	control<T = any>(method: string, path: string, body?: unknown): Promise<Response<T>>;
}

async function call(
	url: string,
	method: string,
	body: unknown,
	headers: Record<string, string>,
): Promise<Response> {
	const response = await fetch(url, {
		method,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text === '' ? undefined : JSON.parse(text),
	};
}

export async function startApollo(options?: SandboxOptions): Promise<ApolloClient> {
	const sandbox = await startSandbox(options);
	return {
		sandbox,
		api: (method, path, body, options = {}) => {
			const key = options.key === undefined ? KEY : options.key;
			const headers = { ...(key === null ? {} : { 'x-api-key': key }), ...options.headers };
			return call(`${sandbox.url}/apollo/api/v1${path}`, method, body, headers);
		},
		control: (method, path, body) => call(`${sandbox.url}/__sandbox${path}`, method, body, {}),
	};
}

export interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	body: any;
	at: number;
}

/** A local receiver for webhook callbacks; `statuses` are answered in turn (then 200). */
export async function startReceiver(statuses: number[] = []) {
	const received: Received[] = [];
	const waiters: Array<() => void> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				path: req.url ?? '/',
				headers: req.headers,
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
				at: Date.now(),
			});
			res.writeHead(statuses.shift() ?? 200).end();
			waiters.splice(0).forEach((wake) => wake());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		/** Resolves once `count` callbacks have arrived, or rejects after `timeoutMs`. */
		async waitFor(count: number, timeoutMs = 5_000): Promise<Received[]> {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`expected ${count} callbacks, got ${received.length}`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return received;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns true (e.g. the sandbox logged a delivery the receiver already saw). */
export async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(10);
	}
}
