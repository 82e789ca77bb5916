/**
 * The sandbox HTTP server: emulated platforms under their own prefixes (`/hubspot/...`), the control API
 * under `/__sandbox/...`. Used in-process by jest (`startSandbox`) and as a process by cli.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { configureAll, handleControl } from './control';
import { FaultRegistry, htmlFaultReply } from './faults';
import { json, readBody, ReplyError, send, type Reply, type SandboxRequest } from './http';
import { ApolloPlatform, type ApolloConfigInput, type ApolloState } from './apollo';
import { HubSpotPlatform, type HubSpotConfigInput, type HubSpotState } from './hubspot';
import { LinkedInPlatform, type LinkedInConfigInput, type LinkedInState } from './linkedin';
import { OpenAiPlatform } from './openai';
import type { Platform } from './platform';
import { RequestLog } from './request-log';

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Loopback only unless asked otherwise. */
	host?: string;
	/** Overrides of the HubSpot defaults; `reset` returns to these, not to the built-in defaults. */
	hubspot?: HubSpotConfigInput;
	/** Overrides of the Apollo defaults (base URL `${url}/apollo/api/v1`, key `sandbox-apollo-key`). */
	apollo?: ApolloConfigInput;
	/** Overrides of the LinkedIn defaults (base URL `${url}/linkedin`, token `sandbox-linkedin-token`). */
	linkedin?: LinkedInConfigInput;
}

export interface SandboxConfigInput {
	hubspot?: HubSpotConfigInput;
	apollo?: ApolloConfigInput;
	linkedin?: LinkedInConfigInput;
}

export interface Sandbox {
	/** e.g. `http://127.0.0.1:41234`; HubSpot clients use `${url}/hubspot` as their base URL. */
	url: string;
	port: number;
	close(): Promise<void>;
	hubspot: HubSpotState;
	apollo: ApolloState;
	linkedin: LinkedInState;
	faults: FaultRegistry;
	requests: RequestLog;
	/** Empties every platform's data, faults and the request log; restores the start configuration. */
	reset(): void;
	/** Same as `POST /__sandbox/config`; throws ConfigError on invalid input. */
	configure(input: SandboxConfigInput): void;
}

const DEFAULT_LATENCY_MS = 1_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const hubspot = new HubSpotPlatform(options.hubspot);
	const apollo = new ApolloPlatform(options.apollo);
	const linkedin = new LinkedInPlatform(options.linkedin);
	// The OpenAI stand-in for the AI Agent example (sandbox/openai); its control routes hold what it received.
	const openai = new OpenAiPlatform();
	const platforms = new Map<string, Platform>([
		[hubspot.name, hubspot],
		[apollo.name, apollo],
		[linkedin.name, linkedin],
		[openai.name, openai],
	]);
	const faults = new FaultRegistry(() => [...platforms.keys()]);
	const requests = new RequestLog();
	// Aborted on close so requests held by latency faults do not keep the process (or jest) alive.
	const closing = new AbortController();

	const reset = () => {
		for (const platform of platforms.values()) platform.reset();
		faults.clear();
		requests.clear();
	};
	const configure = (input: unknown) => configureAll(platforms, input);
	const config = () =>
		Object.fromEntries([...platforms].map(([name, platform]) => [name, platform.config()]));

	const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const [, prefix = '', ...rest] = url.pathname.split('/');
		const method = (req.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(req);
		const request: SandboxRequest = {
			method,
			path: `/${rest.join('/')}`,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			baseUrl: `http://${req.headers.host ?? 'localhost'}/${prefix}`,
		};
		if (prefix === '__sandbox') {
			send(
				res,
				await handleControl(request, {
					platforms,
					faults,
					requests,
					reset,
					configure: (input) => {
						configure(input);
						return config();
					},
					config,
				}),
			);
			return;
		}
		const platform = platforms.get(prefix);
		if (!platform) {
			send(
				res,
				json(404, {
					error: `unknown platform prefix /${prefix}; known: ${[...platforms.keys()].join(', ')}`,
				}),
			);
			return;
		}
		const record = (status: number, reply?: Reply) =>
			requests.record({
				platform: platform.name,
				method,
				path: request.path,
				status,
				...(reply?.inputs === undefined ? {} : { inputs: reply.inputs }),
				at: Date.now(),
			});
		const fault = faults.take(platform.name, method, request.path);
		if (fault?.kind === 'drop') {
			record(0);
			req.socket.destroy();
			return;
		}
		// `latency` delays the real answer; latencyMs on another kind delays that fault's answer (a slow 503).
		const delayMs = fault?.kind === 'latency' ? (fault.latencyMs ?? DEFAULT_LATENCY_MS) : fault?.latencyMs;
		if (delayMs) {
			const aborted = await sleep(delayMs, false, {
				signal: closing.signal,
			}).catch(() => true);
			if (aborted) return;
		}
		let reply: Reply;
		if (fault?.kind === 'html') reply = htmlFaultReply(fault, { ...request, url: req.url ?? '/' });
		else if (fault && fault.kind !== 'latency') reply = platform.faultReply(fault, request);
		else reply = await platform.handle(request);
		send(res, reply);
		record(reply.status, reply);
	};

	const server = createServer((req, res) => {
		serve(req, res).catch((error: unknown) => {
			if (res.headersSent || res.destroyed) return;
			if (error instanceof ReplyError) {
				send(res, error.reply);
				return;
			}
			console.error('[sandbox] internal error:', error);
			send(
				res,
				json(500, {
					status: 'error',
					message: `Sandbox internal error: ${(error as Error).message}`,
					category: 'INTERNAL_ERROR',
				}),
			);
		});
	});

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://${urlHost(host)}:${port}`,
		port,
		hubspot: hubspot.state,
		apollo: apollo.state,
		linkedin: linkedin.state,
		faults,
		requests,
		reset,
		configure,
		close: () =>
			new Promise<void>((resolve, reject) => {
				closing.abort();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

/** Wildcard binds are reachable on loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
	if (host === '0.0.0.0') return '127.0.0.1';
	if (host === '::') return '[::1]';
	return host.includes(':') ? `[${host}]` : host;
}
