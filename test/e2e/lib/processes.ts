/**
 * Child processes and temp folders that must never outlive the harness: every child runs in its own
 * process group (n8n starts a task-runner child, `tsx` starts a node child), so stopping means signalling
 * the whole group. Cleanup runs on success, on failure, on SIGINT/SIGTERM and, as a last resort, on exit.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface ManagedProcess {
	readonly name: string;
	readonly child: ChildProcess;
	/** Resolves with the exit code (or signal name) once the process has exited. */
	readonly exited: Promise<number | string>;
	hasExited(): boolean;
	/** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the leader is gone. */
	stop(graceMs?: number): Promise<void>;
}

const live = new Set<ManagedProcess>();
const tempDirs = new Set<string>();
const asyncCleanups: Array<() => Promise<void>> = [];

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone: nothing to signal.
	}
}

/** Spawns `command` detached (its own process group) and tracks it until it exits. */
export function spawnManaged(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions,
): ManagedProcess {
	const child = spawn(command, args, { ...options, detached: true });
	let done = false;
	const exited = new Promise<number | string>((resolve) => {
		child.once('exit', (code, signal) => {
			done = true;
			resolve(code ?? signal ?? 'unknown');
		});
		child.once('error', (error) => {
			done = true;
			resolve(`spawn error: ${error.message}`);
		});
	});
	const managed: ManagedProcess = {
		name,
		child,
		exited,
		hasExited: () => done,
		async stop(graceMs = 15_000) {
			if (!done) {
				signalGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
			// The leader may exit before its children (n8n's task runner): make sure none is left behind.
			signalGroup(child.pid, 'SIGKILL');
			live.delete(managed);
		},
	};
	// Stays tracked after the leader exits, until stop(): group members that outlive it still get killed.
	live.add(managed);
	return managed;
}

/** A temp folder removed at cleanup (unless the caller keeps it for debugging). */
export function trackTempDir(dir: string): void {
	tempDirs.add(dir);
}

export function untrackTempDir(dir: string): void {
	tempDirs.delete(dir);
}

/** Extra async cleanup (e.g. copying logs out of a temp folder) run before processes are stopped. */
export function onCleanup(fn: () => Promise<void>): void {
	asyncCleanups.push(fn);
}

let cleaning: Promise<void> | undefined;

/** True once cleanup has begun: children exiting after that are being stopped, not crashing. */
export function isShuttingDown(): boolean {
	return cleaning !== undefined;
}

/** Stops every tracked process (newest first) and removes tracked temp folders. Safe to call twice. */
export function cleanupAll(): Promise<void> {
	cleaning ??= (async () => {
		for (const fn of asyncCleanups.splice(0).reverse()) {
			try {
				await fn();
			} catch (error) {
				console.error(`[e2e] cleanup step failed: ${(error as Error).message}`);
			}
		}
		for (const proc of [...live].reverse()) await proc.stop();
		for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		tempDirs.clear();
	})();
	return cleaning;
}

/**
 * Runs a harness's `main` and exits with the code it returns, once every process it started is stopped;
 * a throw prints its stack under `label` and exits 1.
 */
export function exitWhenDone(label: string, main: () => Promise<number>): void {
	main()
		.then(async (code) => {
			await cleanupAll();
			process.exit(code);
		})
		.catch(async (error: Error) => {
			console.error(`${label} ${error?.stack ?? String(error)}`);
			await cleanupAll();
			process.exit(1);
		});
}

let installed = false;

export interface SignalOptions {
	/** Prefix of the message printed on a signal. */
	label?: string;
	/** Exit code after a clean stop on a signal (default 130 for SIGINT, 143 otherwise). */
	exitCode?: number;
}

/**
 * Ctrl-C and SIGTERM stop everything before exiting; the synchronous exit hook is the last line of defence
 * when the process ends some other way (uncaught error, process.exit from elsewhere).
 */
export function installSignalHandlers(options: SignalOptions = {}): void {
	if (installed) return;
	installed = true;
	let count = 0;
	const handler = (signal: NodeJS.Signals) => {
		count += 1;
		if (count > 1) {
			// Second Ctrl-C: the user wants out now.
			for (const proc of live) signalGroup(proc.child.pid, 'SIGKILL');
			process.exit(130);
		}
		console.error(`\n${options.label ?? '[e2e]'} ${signal}: stopping child processes...`);
		void cleanupAll().finally(() => process.exit(options.exitCode ?? (signal === 'SIGINT' ? 130 : 143)));
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('SIGHUP', handler);
	process.on('exit', () => {
		for (const proc of live) signalGroup(proc.child.pid, 'SIGKILL');
		for (const dir of tempDirs) {
			try {
				rmSync(dir, { recursive: true, force: true });
			} catch {
				// Exiting anyway: nothing better to do.
			}
		}
	});
}

export interface RunResult {
	code: number | string;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/**
 * Runs a command to completion with a hard timeout, in its own group so a timeout kills its children too.
 * Never throws on a non-zero exit: callers decide what a failure means and which output to show.
 */
export async function runCommand(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number; onStderr?: (chunk: string) => void },
): Promise<RunResult> {
	const started = Date.now();
	const { timeoutMs, onStderr, ...spawnOptions } = options;
	const proc = spawnManaged(name, command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	proc.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	proc.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		onStderr?.(chunk);
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void proc.stop(5_000);
	}, timeoutMs);
	const code = await proc.exited;
	clearTimeout(timer);
	await proc.stop();
	return {
		code: timedOut ? `timeout after ${Math.round(timeoutMs / 1000)} s` : code,
		stdout,
		stderr,
		durationMs: Date.now() - started,
	};
}

/** Env for children: drops what `npm run` injects, so nested npm calls and n8n see a clean environment. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS')
			continue;
		env[key] = value;
	}
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Last `lines` lines of a text, for failure messages. */
export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
