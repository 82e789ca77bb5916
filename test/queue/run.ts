/**
 * Queue-mode end-to-end run (issue 10): the package inside n8n's scale-out set-up, on the real engine.
 *
 *   bash scripts/install-services.sh && npm run build && npm run test:queue
 *   npm run test:queue -- queue-signed-webhooks     only the named scenario(s)
 *
 * PostgreSQL and Redis (Debian packages) start on free loopback ports with their data in a temp folder;
 * the package is installed from its tarball into one user folder shared by every n8n process; credentials
 * and workflows are imported and published with n8n's CLI into PostgreSQL; then one main, one webhook
 * processor and two workers start, and the scenarios in scenarios/ run in file-name order. Ends with
 * `N passed, N failed`; E2E_SUMMARY_FILE gets the same counts as JSON. Logs: .e2e/queue/.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, Reporter } from '../e2e/lib/checks';
import { importCredentials, importWorkflows, publishWorkflows } from '../e2e/lib/n8n-cli';
import { seconds } from '../e2e/lib/options';
import { assertBuilt } from '../e2e/lib/package-install';
import { artifactsDir, repoRoot } from '../e2e/lib/paths';
import { cleanupAll, installSignalHandlers, sleep } from '../e2e/lib/processes';
import { installPhase } from '../e2e/lib/phases/install';
import { report } from '../e2e/lib/phases/report';
import { createWorkspace } from '../e2e/lib/phases/workspace';
import { startSandbox } from '../../sandbox/server';
import { Cluster } from './lib/cluster';
import {
	executionCounts,
	waitSettled,
	type QueueContext,
	type QueueScenario,
	type QueueSetup,
} from './lib/context';
import { startServices } from './lib/services';

const say = (line: string) => console.log(`[queue] ${line}`);
const durations: Array<[string, number]> = [];
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} finally {
		durations.push([name, Date.now() - started]);
	}
}

async function loadScenarios(only: string[]): Promise<QueueScenario[]> {
	const dir = join(__dirname, 'scenarios');
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
		.sort();
	const all: QueueScenario[] = [];
	for (const file of files) all.push(((await import(join(dir, file))) as { default: QueueScenario }).default);
	const unknown = only.filter((name) => !all.some((s) => s.name === name));
	if (unknown.length)
		throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
	return only.length ? all.filter((s) => only.includes(s.name)) : all;
}

async function main(reporter: Reporter): Promise<void> {
	installSignalHandlers({ label: '[queue]' });
	const only = [
		...process.argv.slice(2).filter((a) => !a.startsWith('-')),
		...(process.env.E2E_ONLY?.split(',').filter(Boolean) ?? []),
	];
	const scenarios = await loadScenarios(only);
	const packageDir = repoRoot();
	assertBuilt(packageDir);
	const workspace = createWorkspace(process.env.E2E_KEEP === '1');
	const logDir = join(artifactsDir(), 'queue');
	mkdirSync(logDir, { recursive: true });
	for (const f of readdirSync(logDir)) if (f.endsWith('.log')) require('node:fs').rmSync(join(logDir, f));

	const installed = await phase('install', () => installPhase(packageDir, workspace, say));
	const services = await phase('postgres + redis', () => startServices(workspace.tmp, logDir));
	say(`postgres on ${services.postgres.port}, redis on ${services.redis.port}`);
	const sandbox = await startSandbox();
	const cluster = new Cluster({
		install: installed.install,
		services,
		userFolder: workspace.userFolder,
		logDir,
	});
	try {
		await cluster.reservePorts();
		const setup: QueueSetup = {
			packageName: installed.packageName,
			sandbox,
			webhookUrl: (path) => `${cluster.webhookBase}webhook/${path}`,
		};
		const declared = [];
		for (const s of scenarios) declared.push(await s.setup(setup));
		const credentials = declared.flatMap((d) => d.credentials);
		const workflows = declared.flatMap((d) => d.workflows);
		await phase('import + publish', async () => {
			const env = await cluster.cliEnv();
			await importCredentials(installed.install, env, credentials, workspace.tmp);
			await importWorkflows(installed.install, env, workflows, workspace.tmp);
			await publishWorkflows(
				installed.install,
				env,
				workflows.map((w) => w.id),
				(id, ms) => say(`published ${id} (${seconds(ms)})`),
			);
		});
		await phase('n8n main, webhook, 2 workers', async () => {
			say('starting n8n main (migrations, activation)');
			await cluster.start('main', 'main');
			say('starting the webhook processor and two workers');
			await Promise.all([
				cluster.start('webhook', 'webhook'),
				cluster.start('worker', 'worker-1'),
				cluster.start('worker', 'worker-2'),
			]);
			await waitForWebhooks(
				services,
				workflows
					.filter((w) => w.nodes.some((n) => /webhook/i.test(String((n as { type: string }).type))))
					.map((w) => w.id),
			);
		});
		for (const s of scenarios) {
			reporter.startSection(`${s.name} — ${s.description}`);
			const ctx: QueueContext = {
				...setup,
				cluster,
				services,
				reporter,
				assert,
				check: (name, fn) => reporter.check(name, fn),
				note: (line) => reporter.info(line),
				executions: (id) => executionCounts(services, id),
				settled: (id, ms, atLeast) => waitSettled(services, id, ms, atLeast),
			};
			await phase(s.name, async () => {
				try {
					await s.run(ctx);
				} catch (error) {
					reporter.fail('scenario ran to its end', (error as Error)?.stack ?? String(error));
				} finally {
					await s.teardown?.();
				}
			});
		}
		reporter.startSection('whole run');
		await reporter.check('every n8n process is still up (no crash under load)', () => {
			const down = cluster.processes.filter((p) => p.proc.hasExited() && !cluster.killed.has(p.name));
			assert.deepEqual(
				down.map((p) => p.name),
				[],
				'exited processes',
			);
		});
	} finally {
		const t = Date.now();
		await cluster.stop();
		await sandbox.close();
		await services.stop();
		say(`stopped n8n, sandbox, postgres and redis (${seconds(Date.now() - t)})`);
		await cleanupAll();
		say(`logs: ${logDir}`);
		say(`phases: ${durations.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}`);
	}
}

/** Main registers production webhooks in the database (which the webhook processor reads) once it has activated them. */
async function waitForWebhooks(
	services: Awaited<ReturnType<typeof startServices>>,
	ids: string[],
): Promise<void> {
	const deadline = Date.now() + 180_000;
	for (;;) {
		const rows = await services.sql(
			`SELECT DISTINCT "workflowId" FROM webhook_entity WHERE "workflowId" IN (${ids.map((id) => `'${id}'`).join(',') || "''"})`,
		);
		if (rows.length >= ids.length) return;
		if (Date.now() > deadline)
			throw new Error(
				`webhooks of ${ids.filter((id) => !rows.includes(id)).join(', ')} not registered within 180 s`,
			);
		await sleep(500);
	}
}

const runStarted = Date.now();
const reporter = new Reporter();
main(reporter)
	.catch(async (error: Error) => {
		reporter.startSection('queue harness');
		reporter.fail('environment set up', error?.stack ?? String(error));
		await cleanupAll();
	})
	.finally(() => {
		report(reporter, Date.now() - runStarted);
		process.exit(reporter.count('failed') > 0 ? 1 : 0);
	});
