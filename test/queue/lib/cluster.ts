/**
 * n8n in queue mode: one main, one `n8n webhook` processor and two `n8n worker`s on one PostgreSQL and one
 * Redis, all on loopback. Every process gets the same user folder (so the same `.n8n/nodes` folder the package
 * was installed into, which is how n8n loads community packages in each process), the same encryption key and
 * the same WEBHOOK_URL (signatures that cover the URL then verify in whichever process a request reaches);
 * each has its own HTTP port, task-runner broker port and log file.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { N8nInstall } from '../../e2e/lib/n8n-install';
import { n8nEnv } from '../../e2e/lib/n8n-env';
import { freePorts } from '../../e2e/lib/ports';
import { sleep, spawnManaged, tail, type ManagedProcess } from '../../e2e/lib/processes';
import { stripAnsi } from '../../e2e/lib/n8n-server';
import type { Services } from './services';

export type Role = 'main' | 'webhook' | 'worker';

export interface N8nProcess {
	name: string;
	role: Role;
	url: string;
	logFile: string;
	proc: ManagedProcess;
	log(): string;
}

export interface ClusterOptions {
	install: N8nInstall;
	services: Services;
	userFolder: string;
	logDir: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

export class Cluster {
	readonly encryptionKey = randomBytes(24).toString('hex');
	readonly processes: N8nProcess[] = [];
	/** Names of processes a scenario killed on purpose (not crashes). */
	readonly killed = new Set<string>();
	private webhookPort = 0;

	constructor(private readonly options: ClusterOptions) {}

	/** The URL every process advertises (WEBHOOK_URL): the webhook processor's. */
	get webhookBase(): string {
		return `http://127.0.0.1:${this.webhookPort}/`;
	}

	async reservePorts(): Promise<void> {
		[this.webhookPort] = await freePorts(1);
	}

	/** The env of any n8n process of the cluster (CLI commands included). */
	env(port: number, brokerPort: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const { services } = this.options;
		return n8nEnv(this.options.install, {
			userFolder: this.options.userFolder,
			port,
			brokerPort,
			logLevel: this.options.logLevel ?? 'info',
			extra: {
				WEBHOOK_URL: this.webhookBase,
				N8N_ENCRYPTION_KEY: this.encryptionKey,
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: services.postgres.host,
				DB_POSTGRESDB_PORT: String(services.postgres.port),
				DB_POSTGRESDB_DATABASE: services.postgres.database,
				DB_POSTGRESDB_USER: services.postgres.user,
				DB_POSTGRESDB_PASSWORD: services.postgres.password,
				QUEUE_BULL_REDIS_HOST: services.redis.host,
				QUEUE_BULL_REDIS_PORT: String(services.redis.port),
				// One shared user folder: n8n's own settings file must not be rewritten by four processes.
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
				...extra,
			},
		});
	}

	async cliEnv(): Promise<NodeJS.ProcessEnv> {
		const [port, broker] = await freePorts(2);
		return this.env(port, broker);
	}

	/** Starts one process and waits for its /healthz (a worker's health server with QUEUE_HEALTH_CHECK_ACTIVE). */
	async start(role: Role, name: string, timeoutMs = 240_000): Promise<N8nProcess> {
		const [freshPort, brokerPort] = await freePorts(2);
		const port = role === 'webhook' ? this.webhookPort : freshPort;
		const extra: Record<string, string> =
			role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) } : {};
		const env = this.env(port, brokerPort, extra);
		const logFile = join(this.options.logDir, `${name}.log`);
		const fd = openSync(logFile, 'a');
		const args =
			role === 'main' ? ['start'] : role === 'webhook' ? ['webhook'] : ['worker', '--concurrency=5'];
		const proc = spawnManaged(name, this.options.install.nodeBin, [this.options.install.n8nBin, ...args], {
			cwd: this.options.userFolder,
			env,
			stdio: ['ignore', fd, fd],
		});
		closeSync(fd);
		const url = `http://127.0.0.1:${port}`;
		const running: N8nProcess = {
			name,
			role,
			url,
			logFile,
			proc,
			log: () => stripAnsi(readFileSync(logFile, 'utf8')),
		};
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (proc.hasExited())
				throw new Error(`${name} exited during start (${await proc.exited}):\n${tail(running.log(), 40)}`);
			if (Date.now() > deadline)
				throw new Error(
					`${name} did not answer ${url}/healthz in ${timeoutMs / 1000} s:\n${tail(running.log(), 40)}`,
				);
			try {
				const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
				if (res.ok) break;
			} catch {
				// Not listening yet.
			}
			await sleep(500);
		}
		this.processes.push(running);
		return running;
	}

	get main(): N8nProcess {
		return this.processes.find((p) => p.role === 'main')!;
	}

	get webhook(): N8nProcess {
		return this.processes.find((p) => p.role === 'webhook')!;
	}

	workers(): N8nProcess[] {
		return this.processes.filter((p) => p.role === 'worker' && !p.proc.hasExited());
	}

	/** SIGKILL to the whole process group (the worker and its task runner), as a crash or OOM kill would. */
	async kill(process: N8nProcess): Promise<void> {
		try {
			globalThis.process.kill(-process.proc.child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
		await process.proc.exited;
	}

	async stop(): Promise<void> {
		// Workers and the webhook processor first: main owns the activations.
		for (const p of [...this.processes].reverse()) await p.proc.stop(20_000);
	}
}
