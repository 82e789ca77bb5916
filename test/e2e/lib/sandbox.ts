/**
 * The local API emulator (sandbox/cli.ts) as a child process, plus a small client for its control API.
 * It prints one JSON line `{"url": ...}` once listening; everything else it prints goes to a log file.
 * E2E_SANDBOX_URL points the harness at an already running sandbox instead (debugging).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, spawnManaged, tail, type ManagedProcess } from './processes';
import { repoRoot } from './paths';

export interface SandboxRequest {
	platform: string;
	method: string;
	/** Path after the platform prefix (`/crm/v3/...`), without the query string. */
	path: string;
	/** 0 when a fault dropped the connection. */
	status: number;
	/** Number of inputs of a batch call. */
	inputs?: number;
	/** Epoch milliseconds. */
	at?: number;
	[key: string]: unknown;
}

export interface SandboxContact {
	id: string;
	properties: Record<string, string | null | undefined>;
	archived: boolean;
	createdAt?: string;
	updatedAt?: string;
	archivedAt?: string;
	[key: string]: unknown;
}

export interface SandboxWebhookSubscription {
	id: string;
	eventType: string;
	propertyName?: string;
	active: boolean;
	[key: string]: unknown;
}

/** The webhooks v3 state of every emulated HubSpot app, keyed by app id. */
export interface SandboxHubspotWebhooks {
	settings: Record<string, { targetUrl: string; throttling: { maxConcurrentRequests: number } }>;
	subscriptions: Record<string, SandboxWebhookSubscription[]>;
}

export class SandboxClient {
	readonly hubspotUrl: string;

	constructor(readonly url: string) {
		this.hubspotUrl = `${url}/hubspot`;
	}

	/** Any control call; throws on a non-2xx answer with the sandbox's own message. */
	async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		if (!text) return undefined as T;
		try {
			return JSON.parse(text) as T;
		} catch {
			return text as T;
		}
	}

	reset(): Promise<unknown> {
		return this.control('POST', '/__sandbox/reset');
	}

	/** Logged API requests; `filter.path` is a regular expression source matched against the path. */
	async requests(
		platform = 'hubspot',
		filter: { method?: string; path?: string } = {},
	): Promise<SandboxRequest[]> {
		const query = new URLSearchParams({ platform });
		if (filter.method) query.set('method', filter.method);
		if (filter.path) query.set('path', filter.path);
		const body = await this.control<{ count: number; requests: SandboxRequest[] }>(
			'GET',
			`/__sandbox/requests?${query}`,
		);
		return body.requests ?? [];
	}

	clearRequests(): Promise<unknown> {
		return this.control('DELETE', '/__sandbox/requests');
	}

	/** Every HubSpot contact the sandbox holds, with all properties, archived ones included. */
	async hubspotContacts(): Promise<SandboxContact[]> {
		const body = await this.control<SandboxContact[] | { results: SandboxContact[] }>(
			'GET',
			'/__sandbox/hubspot/contacts',
		);
		return Array.isArray(body) ? body : body.results;
	}

	/**
	 * Seeds contacts directly: no API request is logged, no limit applies, search sees them at once.
	 * Each item is `{properties, createdate?, lastmodifieddate?, archived?}`. Returns the new ids.
	 */
	async seedHubspotContacts(
		contacts: Array<{
			properties: Record<string, string>;
			createdate?: string | number;
			lastmodifieddate?: string | number;
		}>,
	): Promise<string[]> {
		const body = await this.control<{ ids?: string[] }>('POST', '/__sandbox/hubspot/contacts', { contacts });
		return body?.ids ?? [];
	}

	/** What apps registered through the webhooks v3 API (target URLs, subscriptions); read without a request log entry. */
	hubspotWebhooks(): Promise<SandboxHubspotWebhooks> {
		return this.control('GET', '/__sandbox/hubspot/webhooks');
	}

	faults(body: unknown): Promise<unknown> {
		return this.control('POST', '/__sandbox/faults', body);
	}

	config(body: unknown): Promise<unknown> {
		return this.control('POST', '/__sandbox/config', body);
	}
}

export interface RunningSandbox {
	client: SandboxClient;
	process?: ManagedProcess;
	logFile?: string;
	stop(): Promise<void>;
}

export interface StartSandboxOptions {
	port?: number;
	host?: string;
	logFile: string;
	timeoutMs?: number;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
	if (process.env.E2E_SANDBOX_URL) {
		const client = new SandboxClient(process.env.E2E_SANDBOX_URL.replace(/\/$/, ''));
		return { client, stop: async () => undefined };
	}
	const root = repoRoot();
	const cli = join(root, 'sandbox', 'cli.ts');
	if (!existsSync(cli)) throw new Error(`${cli} does not exist: the sandbox is needed to run these tests`);
	const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	if (!existsSync(tsxCli)) throw new Error(`${tsxCli} is missing: run npm install (or npm ci) first`);

	const host = options.host ?? '127.0.0.1';
	const timeoutMs = options.timeoutMs ?? 60_000;
	const logStream = createWriteStream(options.logFile, { flags: 'a' });
	const proc = spawnManaged(
		'sandbox',
		process.execPath,
		[tsxCli, cli, '--port', String(options.port ?? 0), '--host', host],
		{
			cwd: root,
			env: cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		let buffered = '';
		const timer = setTimeout(
			() =>
				reject(
					new Error(
						`the sandbox printed no {"url": ...} line within ${timeoutMs / 1000} s:\n${tail(output, 30)}`,
					),
				),
			timeoutMs,
		);
		let found = false;
		proc.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			logStream.write(chunk);
			output += chunk;
			if (found) return;
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) {
				try {
					const parsed = JSON.parse(line) as { url?: string };
					if (typeof parsed.url === 'string') {
						found = true;
						clearTimeout(timer);
						resolve(parsed.url.replace(/\/$/, ''));
						return;
					}
				} catch {
					// Not the JSON line.
				}
			}
		});
		proc.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			logStream.write(chunk);
			output += chunk;
		});
		void proc.exited.then((code) => {
			clearTimeout(timer);
			if (!found) reject(new Error(`the sandbox exited (${code}) before listening:\n${tail(output, 30)}`));
		});
	}).catch(async (error: Error) => {
		await proc.stop(3_000);
		logStream.end();
		throw error;
	});
	return {
		client: new SandboxClient(url),
		process: proc,
		logFile: options.logFile,
		async stop() {
			await proc.stop(5_000);
			logStream.end();
		},
	};
}
