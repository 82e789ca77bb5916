/**
 * End-to-end runner: proves the package inside a real n8n 2.x, installed from its tarball as a community
 * package, against the local API sandbox.
 *
 *   npm run build && npm run test:e2e                  all scenarios
 *   npm run test:e2e -- hubspot-contacts               only the named scenario(s) (also E2E_ONLY=a,b)
 *   npm run test:e2e -- --list                         list scenarios
 *   npm run test:e2e -- --keep                         keep the temp user folder (also E2E_KEEP=1)
 *   npm run test:e2e -- --coverage=warn                report unexercised nodes without failing
 *
 * One n8n serves all scenarios: every scenario's credentials and workflows are imported and published
 * before n8n starts (n8n's CLI needs it stopped), then scenarios run in file-name order. Each phase lives
 * in lib/phases/; logs of the last run stay in .e2e/. Switches and how to write a scenario:
 * test/e2e/README.md.
 */
import { Reporter } from './lib/checks';
import { Executions } from './lib/executions';
import { N8nDb } from './lib/n8n-db';
import { n8nEnv } from './lib/n8n-env';
import { N8nRest } from './lib/n8n-rest';
import type { N8nServer } from './lib/n8n-server';
import { parseOptions, seconds } from './lib/options';
import { assertBuilt } from './lib/package-install';
import { repoRoot } from './lib/paths';
import { sandboxPlatforms } from './lib/platforms';
import { freePorts } from './lib/ports';
import { cleanupAll, installSignalHandlers, untrackTempDir } from './lib/processes';
import { startSandbox, type RunningSandbox } from './lib/sandbox';
import type { SetupContext } from './lib/scenario';
import { collectSecrets, collectSetups, loadScenarios, selectScenarios } from './lib/scenario-set';
import { WebhookCaller } from './lib/webhook';
import { importAndPublish } from './lib/phases/import-publish';
import { installPhase } from './lib/phases/install';
import { report } from './lib/phases/report';
import { runScenarios } from './lib/phases/scenarios';
import { expectedRefusalLogs, startPhase } from './lib/phases/start';
import { wholeRunChecks } from './lib/phases/whole-run';
import { createWorkspace } from './lib/phases/workspace';

const say = (line: string) => console.log(`[e2e] ${line}`);

/** How long each phase took, printed at the end. */
const durations: Array<[string, number]> = [];
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} finally {
		durations.push([name, Date.now() - started]);
	}
}

/** Returns false when there was nothing to test (--list). Throws on set-up failures. */
async function main(reporter: Reporter): Promise<boolean> {
	const options = parseOptions(process.argv.slice(2));
	installSignalHandlers();
	const all = await loadScenarios();
	if (options.list) {
		for (const s of all) console.log(`${s.name}${s.description ? ` — ${s.description}` : ''}`);
		return false;
	}
	const scenarios = selectScenarios(all, options.only);
	const packageDir = process.env.E2E_PACKAGE_DIR ?? repoRoot();
	assertBuilt(packageDir);

	const workspace = createWorkspace(options.keep);
	const installed = await phase('install', () => installPhase(packageDir, workspace, say));
	const db = new N8nDb(installed.install, workspace.userFolder);
	let sandbox: RunningSandbox | undefined;
	let server: N8nServer | undefined;
	try {
		const [n8nPort, brokerPort] = await freePorts(2);
		sandbox = await phase('sandbox', async () => {
			const running = await startSandbox({ logFile: workspace.logs.sandbox });
			say(`sandbox listening on ${running.client.url}`);
			return running;
		});
		const n8nUrl = `http://127.0.0.1:${n8nPort}`;
		const setup: SetupContext = {
			sandboxUrl: sandbox.client.url,
			platforms: sandboxPlatforms(sandbox.client),
			n8nUrl,
			packageName: installed.packageName,
			webhookUrl: (path) => `${n8nUrl}/webhook/${path}`,
		};
		const owned = await collectSetups(scenarios, setup);
		const credentials = owned.flatMap((o) => o.credentials);
		const workflows = owned.flatMap((o) => o.workflows);
		const env = n8nEnv(installed.install, {
			userFolder: workspace.userFolder,
			port: n8nPort,
			brokerPort,
			logLevel: options.logLevel,
		});
		const published = await phase('import + publish', () =>
			importAndPublish({
				install: installed.install,
				env,
				credentials,
				workflows,
				workDir: workspace.tmp,
				dbFile: db.file,
				cliLog: workspace.logs.cli,
				say,
			}),
		);
		const started = await phase('n8n start + activation', () =>
			startPhase({
				install: installed.install,
				env,
				port: n8nPort,
				logFile: workspace.logs.n8n,
				db,
				owned,
				published,
				packageName: installed.packageName,
				reporter,
				say,
				onServer: (running) => (server = running),
			}),
		);
		const executions = new Executions(db);
		const webhooks = new WebhookCaller(started.server.url);
		const allowedLogEntries = expectedRefusalLogs(owned);
		await phase('scenarios', () =>
			runScenarios({
				owned,
				setup,
				server: started.server,
				sandbox: sandbox!,
				executions,
				webhooks,
				// One for the run: its first call claims the instance's ownership, which can happen only once.
				rest: new N8nRest(started.server.url),
				activation: started.activation,
				failedWorkflows: started.failedWorkflows,
				allowedLogEntries,
				reporter,
			}),
		);
		await phase('whole-run checks', () =>
			wholeRunChecks({
				reporter,
				server: started.server,
				startupMark: started.startupMark,
				packageName: installed.packageName,
				allowedLogEntries,
				webhooks,
				secrets: collectSecrets(credentials),
				executions,
				workflows,
				contents: installed.contents,
				coverage: scenarios.length < all.length ? 'skip' : options.coverage,
			}),
		);
	} finally {
		const t = Date.now();
		await db.close();
		if (server) await server.stop();
		if (sandbox) await sandbox.stop();
		if (server) say(`n8n stopped (${seconds(Date.now() - t)})`);
		if (options.keep) {
			untrackTempDir(workspace.tmp);
			say(`kept the temp folder ${workspace.tmp}`);
		}
		await cleanupAll();
		say(`logs: ${workspace.logs.dir}`);
		say(`phases: ${durations.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}`);
	}
	return true;
}

const runStarted = Date.now();
const reporter = new Reporter();

function finish(): never {
	report(reporter, Date.now() - runStarted);
	process.exit(reporter.count('failed') > 0 ? 1 : 0);
}

main(reporter)
	.then((tested) => (tested ? finish() : process.exit(0)))
	.catch(async (error: Error) => {
		// A set-up failure (build missing, n8n not starting, ...) is one failed check with its cause.
		reporter.startSection('e2e harness');
		reporter.fail('environment set up', error?.message ?? String(error));
		if (process.env.E2E_DEBUG) console.error(error?.stack);
		await cleanupAll();
		finish();
	});
