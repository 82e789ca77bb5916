/**
 * n8n's own CLI for what must happen while the server is stopped: importing credentials and workflows
 * into the user folder's database, and publishing (activating) workflows. Each call boots n8n's CLI
 * (~4 s here), so callers batch imports into one file each.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nInstall } from './n8n-install';
import { runCommand, tail } from './processes';

const CLI_TIMEOUT_MS = 180_000;

export interface CliOutput {
	output: string;
	durationMs: number;
}

/** Runs `n8n <args>`; throws with n8n's output when it exits non-zero or reports an error. */
export async function runN8nCli(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	args: string[],
): Promise<CliOutput> {
	const result = await runCommand(`n8n ${args[0]}`, install.nodeBin, [install.n8nBin, ...args], {
		cwd: String(env.N8N_USER_FOLDER),
		env,
		timeoutMs: CLI_TIMEOUT_MS,
	});
	const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	// Some commands log "An error occurred ..." and still exit 0: treat that as a failure too.
	const reportedError = /An error occurred|Error (updating|importing)|^Error:/m.test(output);
	if (result.code !== 0 || reportedError) {
		throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail(output, 30)}`);
	}
	return { output, durationMs: result.durationMs };
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values: `import:credentials` encrypts them with the user folder's key. */
	data: Record<string, unknown>;
}

export interface WorkflowImport {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export async function importCredentials(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	credentials: CredentialImport[],
	workDir: string,
): Promise<CliOutput | undefined> {
	if (credentials.length === 0) return undefined;
	const file = join(workDir, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	const out = await runN8nCli(install, env, ['import:credentials', `--input=${file}`]);
	if (!out.output.includes(`Successfully imported ${credentials.length}`)) {
		throw new Error(
			`n8n import:credentials did not confirm ${credentials.length} credentials:\n${tail(out.output, 20)}`,
		);
	}
	return out;
}

export async function importWorkflows(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	workflows: WorkflowImport[],
	workDir: string,
): Promise<CliOutput | undefined> {
	if (workflows.length === 0) return undefined;
	const file = join(workDir, 'workflows.json');
	writeFileSync(file, JSON.stringify(workflows, null, 2));
	const out = await runN8nCli(install, env, ['import:workflow', `--input=${file}`]);
	if (!out.output.includes(`Successfully imported ${workflows.length}`)) {
		throw new Error(
			`n8n import:workflow did not confirm ${workflows.length} workflows:\n${tail(out.output, 20)}`,
		);
	}
	return out;
}

/**
 * `publish:workflow` one id at a time (n8n 2.x dropped `--all`); must run while the server is stopped,
 * the server activates published workflows when it starts.
 */
export async function publishWorkflows(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	ids: string[],
	onProgress?: (id: string, durationMs: number) => void,
): Promise<void> {
	for (const id of ids) {
		const out = await runN8nCli(install, env, ['publish:workflow', `--id=${id}`]);
		onProgress?.(id, out.durationMs);
	}
}
