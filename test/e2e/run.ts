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
 * before n8n starts (n8n's CLI needs it stopped), then scenarios run in file-name order. Logs of the last
 * run stay in .e2e/ (n8n.log, sandbox.log, cli.log). Other switches and how to write a scenario:
 * test/e2e/README.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { assert, Reporter } from './lib/checks';
import { Executions } from './lib/executions';
import { findSecrets, formatProblems, parseLog, scanLog } from './lib/log-scan';
import { importCredentials, importWorkflows, publishWorkflows } from './lib/n8n-cli';
import { N8nDb } from './lib/n8n-db';
import { N8nRest } from './lib/n8n-rest';
import { n8nEnv } from './lib/n8n-env';
import { ensureN8n } from './lib/n8n-install';
import { startN8n, waitForActivation, type N8nServer } from './lib/n8n-server';
import {
	assertBuilt,
	installCommunityPackage,
	introspectPackage,
	packPackage,
	type PackageContents,
} from './lib/package-install';
import { artifactsDir, repoRoot } from './lib/paths';
import { freePorts } from './lib/ports';
import { cleanupAll, installSignalHandlers, trackTempDir, untrackTempDir } from './lib/processes';
import { startSandbox, type RunningSandbox } from './lib/sandbox';
import type {
	CredentialImport,
	Scenario,
	ScenarioContext,
	SetupContext,
	WorkflowImport,
} from './lib/scenario';
import { WebhookCaller } from './lib/webhook';
import { shouldPublish, webhookPaths, type NodeSpec } from './lib/workflow';

const HUBSPOT_SANDBOX_TOKEN = 'sandbox-hubspot-token';

interface Options {
	only: string[];
	list: boolean;
	keep: boolean;
	coverage: 'fail' | 'warn';
	logLevel: 'info' | 'debug';
}

function parseArgs(argv: string[]): Options {
	const options: Options = {
		only: (process.env.E2E_ONLY ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		list: false,
		keep: process.env.E2E_KEEP === '1',
		coverage: process.env.E2E_COVERAGE === 'warn' ? 'warn' : 'fail',
		logLevel: process.env.E2E_N8N_LOG_LEVEL === 'info' ? 'info' : 'debug',
	};
	for (const arg of argv) {
		if (arg === '--list') options.list = true;
		else if (arg === '--keep') options.keep = true;
		else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').filter(Boolean));
		else if (arg.startsWith('--coverage=')) options.coverage = arg.endsWith('warn') ? 'warn' : 'fail';
		else if (arg.startsWith('--log-level=')) options.logLevel = arg.endsWith('info') ? 'info' : 'debug';
		else if (!arg.startsWith('-')) options.only.push(arg);
		else throw new Error(`unknown option ${arg}`);
	}
	return options;
}

async function loadScenarios(): Promise<Scenario[]> {
	const dir = join(__dirname, 'scenarios');
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.d.ts'))
		.sort();
	const scenarios: Scenario[] = [];
	for (const file of files) {
		const mod = (await import(join(dir, file))) as { default?: Scenario; scenario?: Scenario };
		const scenario = mod.default ?? mod.scenario;
		if (!scenario?.name || typeof scenario.run !== 'function') {
			throw new Error(
				`${file} does not export a scenario ({ name, credentials, workflows, run }) as default`,
			);
		}
		scenarios.push(scenario);
	}
	return scenarios;
}

/** Values under secret-looking keys of credential data: they must never show up in answers or logs. */
function collectSecrets(credentials: CredentialImport[]): string[] {
	const secrets = new Set<string>();
	const walk = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (/token|secret|password|apikey|api_key|privatekey/i.test(key) && value.length >= 6)
				secrets.add(value);
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) walk(v, k);
		}
	};
	for (const credential of credentials) walk(credential.data, '');
	return [...secrets];
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Rejects setups that would collide inside the one shared n8n (same id, name or webhook path twice). */
function validateSetup(
	owned: Array<{ scenario: string; credentials: CredentialImport[]; workflows: WorkflowImport[] }>,
): void {
	const seen = new Map<string, string>();
	const claim = (key: string, scenario: string) => {
		const previous = seen.get(key);
		if (previous) throw new Error(`${key} is defined by both "${previous}" and "${scenario}"`);
		seen.set(key, scenario);
	};
	const credentialIds = new Set<string>();
	for (const { scenario, credentials, workflows } of owned) {
		for (const c of credentials) {
			claim(`credential id ${c.id}`, scenario);
			claim(`credential name ${c.name}`, scenario);
			credentialIds.add(c.id);
		}
		for (const w of workflows) {
			claim(`workflow id ${w.id}`, scenario);
			claim(`workflow name ${w.name}`, scenario);
			for (const path of webhookPaths(w)) claim(`webhook ${path}`, scenario);
		}
	}
	for (const { scenario, workflows } of owned) {
		for (const w of workflows) {
			for (const node of w.nodes as NodeSpec[]) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					if (!credentialIds.has(ref.id)) {
						throw new Error(
							`${scenario}: node "${node.name}" of "${w.name}" uses ${type} credential ${ref.id}, which no scenario defines`,
						);
					}
				}
			}
		}
	}
}

/** Returns false when there was nothing to test (--list). Throws on setup failures. */
async function main(reporter: Reporter): Promise<boolean> {
	const options = parseArgs(process.argv.slice(2));
	const say = (line: string) => console.log(`[e2e] ${line}`);
	installSignalHandlers();

	const all = await loadScenarios();
	if (options.list) {
		for (const s of all) console.log(`${s.name}${s.description ? ` — ${s.description}` : ''}`);
		return false;
	}
	const unknown = options.only.filter((name) => !all.some((s) => s.name === name));
	if (unknown.length > 0) {
		throw new Error(`no scenario named ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
	}
	const scenarios = options.only.length > 0 ? all.filter((s) => options.only.includes(s.name)) : all;
	const subset = scenarios.length < all.length;
	if (scenarios.length === 0) throw new Error('no scenarios found in test/e2e/scenarios');

	const packageDir = process.env.E2E_PACKAGE_DIR ?? repoRoot();
	assertBuilt(packageDir);

	// Step 1: n8n itself (cached after the first install).
	let t = Date.now();
	const install = await ensureN8n((line) => say(line.trim()));
	say(`n8n ${install.version} ready in ${install.dir} (${seconds(Date.now() - t)})`);

	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-e2e-'));
	if (!options.keep) trackTempDir(tmp);
	const userFolder = join(tmp, 'user');
	mkdirSync(userFolder, { recursive: true });
	const logs = artifactsDir();
	mkdirSync(logs, { recursive: true });
	const n8nLog = join(logs, 'n8n.log');
	const cliLog = join(logs, 'cli.log');
	writeFileSync(n8nLog, '');
	writeFileSync(cliLog, '');

	// Step 2: the package, from its tarball, into a fresh user folder.
	t = Date.now();
	const tarball = await packPackage(packageDir, join(tmp, 'pack'));
	const installed = await installCommunityPackage(userFolder, tarball);
	const contents: PackageContents = await introspectPackage(install, installed.dir);
	say(
		`installed ${basename(tarball)} into ${installed.dir} (${seconds(Date.now() - t)}): ` +
			`${contents.nodes.length} node(s), ${contents.credentials.length} credential(s)`,
	);
	if (contents.nodes.length === 0) say('warning: the package lists no nodes in package.json n8n.nodes');

	let sandbox: RunningSandbox | undefined;
	let server: N8nServer | undefined;
	const db = new N8nDb(install, userFolder);
	try {
		// Step 3: ports, sandbox, and everything n8n needs in its database before it starts.
		const [n8nPort, brokerPort] = await freePorts(2);
		t = Date.now();
		sandbox = await startSandbox({ logFile: join(logs, 'sandbox.log') });
		say(`sandbox listening on ${sandbox.client.url} (${seconds(Date.now() - t)})`);

		const n8nUrl = `http://127.0.0.1:${n8nPort}`;
		const setup: SetupContext = {
			sandboxUrl: sandbox.client.url,
			hubspotUrl: sandbox.client.hubspotUrl,
			hubspotToken: HUBSPOT_SANDBOX_TOKEN,
			n8nUrl,
			packageName: installed.name,
			webhookUrl: (path) => `${n8nUrl}/webhook/${path}`,
		};
		const owned: Array<{ scenario: string; credentials: CredentialImport[]; workflows: WorkflowImport[] }> =
			[];
		for (const s of scenarios) {
			owned.push({
				scenario: s.name,
				credentials: await s.credentials(setup),
				workflows: await s.workflows(setup),
			});
		}
		validateSetup(owned);
		const credentials = owned.flatMap((o) => o.credentials);
		const workflows = owned.flatMap((o) => o.workflows);
		const secrets = collectSecrets(credentials);

		const env = n8nEnv(install, { userFolder, port: n8nPort, brokerPort, logLevel: options.logLevel });
		const cli = (label: string, output?: { output: string }) =>
			output && appendFileSync(cliLog, `\n### ${label}\n${output.output}`);
		t = Date.now();
		cli('import:credentials', await importCredentials(install, env, credentials, tmp));
		cli('import:workflow', await importWorkflows(install, env, workflows, tmp));
		const toPublish = workflows.filter(shouldPublish).map((w) => w.id);
		await publishWorkflows(install, env, toPublish);
		say(
			`imported ${credentials.length} credential(s), ${workflows.length} workflow(s), published ${toPublish.length} ` +
				`(${seconds(Date.now() - t)})`,
		);

		// Step 4: n8n.
		t = Date.now();
		server = await startN8n({ install, env, port: n8nPort, logFile: n8nLog });
		say(`n8n answered /healthz after ${seconds(server.startedInMs)} at ${server.url}`);
		const executions = new Executions(db);
		const webhooks = new WebhookCaller(server.url);
		// One for the run: its first call claims the instance's ownership, which can happen only once.
		const rest = new N8nRest(server.url);
		const allowedLogEntries: RegExp[] = [];

		reporter.startSection('n8n setup');
		const activation = await waitForActivation(server, db, toPublish);
		say(`all ${toPublish.length} published workflow(s) processed ${seconds(Date.now() - t)} after start`);
		const failedWorkflows = new Set<string>();
		for (const o of owned) {
			for (const w of o.workflows.filter(shouldPublish)) {
				const result = activation.find((a) => a.workflowId === w.id);
				const publication =
					result && result.status !== 'completed'
						? `publication ${result.status}: ${result.error ?? ''}`
						: '';
				// Trigger errors usually repeat the publication error: show only what adds something.
				const problems = [
					publication,
					...(result?.triggerErrors ?? []).filter(
						(e) => !result?.error || !e.includes(result.error.replace(/^.*?: /, '')),
					),
				].filter(Boolean);
				if (problems.length > 0) failedWorkflows.add(w.id);
				const name = `workflow "${w.name}" activated`;
				if (problems.length > 0) reporter.fail(name, problems.join('\n'));
				else reporter.pass(name);
			}
		}
		// The whole-run scan starts after this mark, so a problem seen at start is not counted twice.
		const startupMark = server.logMark();
		const startupProblems = scanLog(server.log(), installed.name);
		if (startupProblems.length > 0) {
			reporter.fail(
				`n8n loaded ${installed.name} without errors`,
				`${formatProblems(startupProblems)}\nlog: ${n8nLog}`,
			);
		} else {
			reporter.pass(`n8n loaded ${installed.name} without errors`);
		}

		// Step 5: the scenarios, in order.
		for (const scenario of scenarios) {
			reporter.startSection(`scenario ${scenario.name}`);
			const mine = owned.find((o) => o.scenario === scenario.name);
			const broken = (mine?.workflows ?? []).filter((w) => failedWorkflows.has(w.id));
			if (broken.length > 0) {
				reporter.fail(
					`${scenario.name} can run`,
					`not run: its workflows did not activate (${broken.map((w) => w.name).join(', ')})`,
				);
				continue;
			}
			const srv = server;
			const ctx: ScenarioContext = {
				...setup,
				name: scenario.name,
				sandbox: sandbox.client,
				webhook: (path, body, opts) => webhooks.call(path, body, opts),
				webhookHistory: () => webhooks.history,
				n8n: {
					url: srv.url,
					log: () => srv.log(),
					logMark: () => srv.logMark(),
					logSince: (mark) => srv.logSince(mark),
					allowLogEntries: (pattern) => allowedLogEntries.push(pattern),
					deactivateWorkflow: (workflowId) => rest.deactivateWorkflow(workflowId),
				},
				executions,
				countExecutions: (workflowId) => executions.countExecutions(workflowId),
				listExecutions: (workflowId) => executions.listExecutions(workflowId),
				assert,
				check: async (name, fn) => {
					const mark = srv.logMark();
					const lastExecution = await executions.lastExecutionId().catch(() => 0);
					return reporter.check(name, fn, () =>
						explainFailure(srv, executions, mark, lastExecution, workflows),
					);
				},
				info: (line) => reporter.info(line),
			};
			const started = Date.now();
			try {
				await scenario.run(ctx);
			} catch (error) {
				reporter.fail(
					`${scenario.name} ran to the end`,
					`${(error as Error)?.stack ?? String(error)}\nLast n8n log lines:\n${srv.logTail(30)}`,
				);
			}
			if (srv.process.hasExited()) {
				reporter.fail(
					'n8n still running after the scenario',
					`n8n exited. Last log lines:\n${srv.logTail(40)}`,
				);
				break;
			}
			reporter.info(`${scenario.name}: ${seconds(Date.now() - started)}`);
		}

		// Step 6: whole-run checks.
		reporter.startSection('whole run');
		await reporter.check('n8n log has no load errors nor error entries naming the package', () => {
			const problems = scanLog(server!.logSince(startupMark), installed.name, allowedLogEntries);
			if (problems.length > 0) assert.fail(`${formatProblems(problems)}\nlog: ${n8nLog}`);
		});
		await reporter.check('no credential secret in any webhook answer', () => {
			const hits = webhooks.history.flatMap((r) => findSecrets(r.text, secrets).map((h) => `${r.url}: ${h}`));
			if (hits.length > 0) assert.fail(hits.join('\n'));
		});
		await reporter.check("no credential secret in n8n's log", () => {
			const hits = findSecrets(server!.log(), secrets);
			if (hits.length > 0) assert.fail(`${hits.join('\n')}\nlog: ${n8nLog}`);
		});
		await coverageChecks(reporter, executions, workflows, contents, subset ? 'skip' : options.coverage);
	} finally {
		t = Date.now();
		await db.close();
		if (server) await server.stop();
		if (sandbox) await sandbox.stop();
		if (server) say(`n8n stopped (${seconds(Date.now() - t)})`);
		if (options.keep) {
			untrackTempDir(tmp);
			say(`kept the temp folder ${tmp}`);
		}
		await cleanupAll();
		say(`logs: ${logs}`);
	}
	return true;
}

/**
 * What a failed check needs next to its assertion message: the executions it started (status, failing
 * node and error) and what n8n logged meanwhile at warn/error level (or the log's tail when nothing was).
 */
async function explainFailure(
	server: N8nServer,
	executions: Executions,
	logMark: number,
	lastExecutionId: number,
	workflows: WorkflowImport[],
): Promise<string> {
	const lines: string[] = [];
	const started = await executions.executionDetails({ afterId: lastExecutionId });
	for (const e of started) {
		const errors = Object.entries(e.nodeErrors).map(([node, messages]) => `${node}: ${messages.join('; ')}`);
		lines.push(
			`execution ${e.id} of "${workflows.find((w) => w.id === e.workflowId)?.name ?? e.workflowId}" (${e.mode}): ${e.status}` +
				(e.error || errors.length ? ` — ${[e.error, ...errors].filter(Boolean).join(' | ')}` : ''),
		);
	}
	const entries = parseLog(server.logSince(logMark)).filter(
		(entry) => entry.level === 'error' || entry.level === 'warn',
	);
	if (entries.length > 0) {
		lines.push(
			'n8n warnings/errors during this check:',
			...entries.slice(-15).map((entry) => `  ${entry.text.split('\n').slice(0, 4).join('\n  ')}`),
		);
	} else {
		lines.push(
			'n8n log tail:',
			...server
				.logTail(12)
				.split('\n')
				.map((l) => `  ${l}`),
		);
	}
	return lines.join('\n');
}

/**
 * Proves every node and credential of the package ran inside n8n: a node counts when a successful
 * execution has run data for it; a credential counts when such a node used it.
 */
async function coverageChecks(
	reporter: Reporter,
	executions: Executions,
	workflows: WorkflowImport[],
	contents: PackageContents,
	mode: 'fail' | 'warn' | 'skip',
): Promise<void> {
	const details = (await executions.executionDetails()).filter((e) => e.status === 'success');
	const ranTypes = new Set<string>();
	const usedCredentials = new Set<string>();
	for (const execution of details) {
		const workflow = workflows.find((w) => w.id === execution.workflowId);
		if (!workflow) continue;
		for (const node of workflow.nodes as NodeSpec[]) {
			if (!execution.nodesRun.includes(node.name) || execution.nodeErrors[node.name]) continue;
			ranTypes.add(node.type);
			for (const type of Object.keys(node.credentials ?? {})) usedCredentials.add(type);
		}
	}
	const report = (name: string, ok: boolean, why: string) => {
		if (ok) reporter.pass(name);
		else if (mode === 'skip') reporter.skip(name, 'subset run');
		else if (mode === 'warn') reporter.skip(name, `not exercised (--coverage=warn): ${why}`);
		else reporter.fail(name, why);
	};
	for (const node of contents.nodes) {
		report(
			`node ${node.type} ran in a real n8n workflow`,
			ranTypes.has(node.type),
			'no successful execution ran this node: add a scenario',
		);
	}
	for (const credential of contents.credentials) {
		report(
			`credential ${credential.name} imported and used by a node`,
			usedCredentials.has(credential.name),
			'no successful execution ran a node with this credential: add a scenario',
		);
	}
}

const runStarted = Date.now();
const reporter = new Reporter();

function finish(): never {
	const durationMs = Date.now() - runStarted;
	// scripts/test.sh folds these counts into the combined unit + e2e summary.
	if (process.env.E2E_SUMMARY_FILE) {
		writeFileSync(
			process.env.E2E_SUMMARY_FILE,
			JSON.stringify(
				{
					passed: reporter.count('passed'),
					failed: reporter.count('failed'),
					skipped: reporter.count('skipped'),
					durationMs,
					results: reporter.results,
				},
				null,
				2,
			),
		);
	}
	console.log('');
	console.log(reporter.summaryLine());
	console.log(`total time ${seconds(durationMs)}`);
	process.exit(reporter.count('failed') > 0 ? 1 : 0);
}

main(reporter)
	.then((tested) => (tested ? finish() : process.exit(0)))
	.catch(async (error: Error) => {
		// A setup failure (build missing, n8n not starting, ...) is one failed check with its cause.
		reporter.startSection('e2e harness');
		reporter.fail('environment set up', error?.message ?? String(error));
		if (process.env.E2E_DEBUG) console.error(error?.stack);
		await cleanupAll();
		finish();
	});
