/**
 * The n8n server (`n8n start`): its output goes straight to a log file (the file survives a crash of the
 * harness, and the scanner and failure messages read it), readiness is /healthz, and activation of the
 * published workflows is read from n8n's publication tables rather than guessed from timing.
 */
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import type { N8nDb } from './n8n-db';
import type { N8nInstall } from './n8n-install';
import { sleep, spawnManaged, tail, type ManagedProcess } from './processes';

export interface N8nServer {
	url: string;
	port: number;
	logFile: string;
	process: ManagedProcess;
	/** The whole log so far, colour codes stripped. */
	log(): string;
	/** Byte offset of the log's end: pass to logSince() to read only what came after. */
	logMark(): number;
	logSince(mark: number): string;
	logTail(lines?: number): string;
	stop(): Promise<void>;
	startedInMs: number;
}

export interface StartN8nOptions {
	install: N8nInstall;
	env: NodeJS.ProcessEnv;
	port: number;
	logFile: string;
	/** Bound on the wait for /healthz; n8n takes 5-90 s on a small machine. */
	timeoutMs?: number;
}

export function stripAnsi(text: string): string {
	return text.replace(/\x1b\[[0-9;]*m/g, '');
}

export async function startN8n(options: StartN8nOptions): Promise<N8nServer> {
	const { install, env, port, logFile } = options;
	const timeoutMs = options.timeoutMs ?? 180_000;
	const url = `http://127.0.0.1:${port}`;
	const fd = openSync(logFile, 'a');
	const started = Date.now();
	const proc = spawnManaged('n8n', install.nodeBin, [install.n8nBin, 'start'], {
		cwd: String(env.N8N_USER_FOLDER),
		env,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);

	const log = () => stripAnsi(readFileSync(logFile, 'utf8'));
	const server: N8nServer = {
		url,
		port,
		logFile,
		process: proc,
		log,
		logMark: () => statSync(logFile).size,
		logSince: (mark) => stripAnsi(readFileSync(logFile).subarray(mark).toString('utf8')),
		logTail: (lines = 60) => tail(log(), lines),
		stop: () => proc.stop(20_000),
		startedInMs: 0,
	};

	const deadline = started + timeoutMs;
	for (;;) {
		if (proc.hasExited()) {
			throw new Error(`n8n exited during start (${await proc.exited}). Last log lines:\n${server.logTail()}`);
		}
		if (Date.now() > deadline) {
			await proc.stop(5_000);
			throw new Error(
				`n8n did not answer ${url}/healthz within ${timeoutMs / 1000} s. Last log lines:\n${server.logTail()}`,
			);
		}
		try {
			const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
			if (res.ok) break;
		} catch {
			// Not listening yet.
		}
		await sleep(500);
	}
	server.startedInMs = Date.now() - started;
	return server;
}

export interface ActivationResult {
	workflowId: string;
	status: string;
	error?: string;
	triggerErrors: string[];
}

/**
 * Waits until n8n has processed the startup publication of every given workflow. n8n 2.x activates
 * published workflows asynchronously after /healthz is up (an outbox per workflow); a webhook called
 * before that gets 404 "not registered", and a node type that failed to load shows up here as a failure.
 */
export async function waitForActivation(
	server: N8nServer,
	db: N8nDb,
	workflowIds: string[],
	timeoutMs = 120_000,
): Promise<ActivationResult[]> {
	if (workflowIds.length === 0) return [];
	const deadline = Date.now() + timeoutMs;
	const marks = workflowIds.map(() => '?').join(',');
	for (;;) {
		if (server.process.hasExited()) {
			throw new Error(`n8n exited while activating workflows. Last log lines:\n${server.logTail()}`);
		}
		let outbox: Array<{ workflowId: string; status: string; errorMessage: string | null }> = [];
		let triggers: Array<{ workflowId: string; status: string; errorMessage: string | null }> = [];
		try {
			[outbox, triggers] = await db.query([
				{
					sql: `SELECT o.workflowId, o.status, o.errorMessage FROM workflow_publication_outbox o
						WHERE o.workflowId IN (${marks}) AND o.id = (SELECT MAX(id) FROM workflow_publication_outbox WHERE workflowId = o.workflowId)`,
					params: workflowIds,
				},
				{
					sql: `SELECT workflowId, status, errorMessage FROM workflow_publication_trigger_status WHERE workflowId IN (${marks})`,
					params: workflowIds,
				},
			]);
		} catch (error) {
			// The tables exist only once n8n's migrations ran; before that, keep waiting.
			if (Date.now() > deadline) throw error;
		}
		const results = workflowIds.map((workflowId): ActivationResult => {
			const row = outbox.find((o) => o.workflowId === workflowId);
			return {
				workflowId,
				status: row?.status ?? 'missing',
				error: row?.errorMessage ?? undefined,
				triggerErrors: triggers
					.filter((t) => t.workflowId === workflowId && t.status !== 'activated')
					.map((t) => `${t.status}: ${t.errorMessage ?? ''}`),
			};
		});
		const pending = results.filter((r) => ['missing', 'pending', 'in_progress'].includes(r.status));
		if (pending.length === 0) return results;
		if (Date.now() > deadline) {
			throw new Error(
				`n8n did not finish activating ${pending.map((p) => p.workflowId).join(', ')} within ${timeoutMs / 1000} s.` +
					` Last log lines:\n${server.logTail()}`,
			);
		}
		await sleep(500);
	}
}
