/**
 * One real n8n for a benchmark, built on the e2e helpers: the package installed from its tarball into a
 * fresh user folder (as n8n's community installer does), credentials and workflows imported and
 * published with n8n's CLI while it is stopped, then `n8n start` and a wait until n8n has activated every
 * workflow (read from its own publication tables, so a webhook is never called before it is registered).
 * The caller owns the sandbox: a benchmark decides what it serves and how it is limited.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Executions } from '../test/e2e/lib/executions';
import {
	importCredentials,
	importWorkflows,
	publishWorkflows,
	type CredentialImport,
	type WorkflowImport,
} from '../test/e2e/lib/n8n-cli';
import { N8nDb } from '../test/e2e/lib/n8n-db';
import { n8nEnv } from '../test/e2e/lib/n8n-env';
import { ensureN8n, type N8nInstall } from '../test/e2e/lib/n8n-install';
import { startN8n, waitForActivation, type N8nServer } from '../test/e2e/lib/n8n-server';
import { assertBuilt, installCommunityPackage, packPackage } from '../test/e2e/lib/package-install';
import { repoRoot } from '../test/e2e/lib/paths';
import { freePort } from '../test/e2e/lib/ports';
import { trackTempDir } from '../test/e2e/lib/processes';

export interface BenchN8n {
	install: N8nInstall;
	server: N8nServer;
	/** n8n's process id (the task runner and any other child are its descendants). */
	pid: number;
	db: N8nDb;
	executions: Executions;
	/** Stops n8n and the database reader; the same user folder can be started again with restart(). */
	stop(): Promise<void>;
	/** A fresh n8n process on the same user folder (same database, workflows still published). */
	restart(): Promise<BenchN8n>;
}

export interface BenchN8nOptions {
	label: string;
	credentials: CredentialImport[];
	workflows: WorkflowImport[];
	log?: (line: string) => void;
}

export async function startBenchN8n(options: BenchN8nOptions): Promise<BenchN8n> {
	const say = options.log ?? ((line: string) => console.log(`[${options.label}] ${line}`));
	const root = repoRoot();
	assertBuilt(root);
	const install = await ensureN8n((line) => say(line.trim()));
	const tmp = mkdtempSync(join(tmpdir(), `crm-bridge-${options.label}-`));
	trackTempDir(tmp);
	const userFolder = join(tmp, 'user');
	await installCommunityPackage(userFolder, await packPackage(root, tmp));

	const port = await freePort();
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	// 'info': the CLI confirms imports at that level; the server logs little more at it.
	const env = n8nEnv(install, { userFolder, port, brokerPort, logLevel: 'info' });
	await importCredentials(install, env, options.credentials, tmp);
	await importWorkflows(install, env, options.workflows, tmp);
	await publishWorkflows(
		install,
		env,
		options.workflows.map((w) => w.id),
	);

	const logFile = join(tmp, 'n8n.log');
	writeFileSync(logFile, '');
	const start = async (): Promise<BenchN8n> => {
		say(`starting n8n ${install.version}...`);
		const server = await startN8n({ install, env, port, logFile, timeoutMs: 240_000 });
		const db = new N8nDb(install, userFolder);
		const activation = await waitForActivation(
			server,
			db,
			options.workflows.map((w) => w.id),
		);
		const failed = activation.filter((a) => a.status !== 'completed' || a.triggerErrors.length > 0);
		if (failed.length > 0)
			throw new Error(`workflows not activated: ${JSON.stringify(failed)}\n${server.logTail(30)}`);
		say(`n8n up in ${(server.startedInMs / 1000).toFixed(1)} s, ${activation.length} workflows active`);
		const pid = server.process.child.pid;
		if (!pid) throw new Error('n8n has no process id');
		const instance: BenchN8n = {
			install,
			server,
			pid,
			db,
			executions: new Executions(db),
			async stop() {
				await db.close();
				await server.stop();
			},
			async restart() {
				await instance.stop();
				return await start();
			},
		};
		return instance;
	};
	return await start();
}
