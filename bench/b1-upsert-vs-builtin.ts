/**
 * B1: upsert N (default 10,000) contacts into HubSpot from one webhook call, this package's HubSpot CRM
 * node against n8n's built-in HubSpot node, in the same real n8n 2.41.1, against the same sandbox with
 * HubSpot's documented private-app limit (100 requests per 10 s, not scaled).
 *
 * The built-in node calls https://api.hubapi.com (fixed in its code; v1 `createOrUpdate/email/{email}`
 * and then the contact's v1 profile, per item). Nothing on the system is changed to point it at the
 * sandbox: n8n's Node gets a preload (NODE_OPTIONS=--require bench/b1/preload.cjs) that sends TLS
 * connections for api.hubapi.com to a loopback TLS proxy and refuses every other non-loopback connection
 * or lookup, and a CA made for this run (NODE_EXTRA_CA_CERTS) so certificates are still verified. This
 * package's credential names the same host (its default), so both contenders take the same path.
 *
 * Runs, each on fresh sandbox state (data, rate window, request log): this package; the built-in node;
 * the built-in node with Retry On Fail at n8n's defaults (3 tries, 1,000 ms) and at the most the editor
 * allows (5 tries, 5,000 ms). Each run is bounded by a time budget; a run that reaches it is stopped
 * (n8n restarted) and reported as far as it got.
 *
 * Env: B1_CONTACTS (default 10000), B1_BUDGET_S (per run, default 900),
 *      B1_RETRIES (tries x wait ms, comma-separated; default "3x1000,5x5000").
 * Run alone: `npm run build && npx tsx bench/b1-upsert-vs-builtin.ts`.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { Executions } from '../test/e2e/lib/executions';
import { importCredentials, importWorkflows, publishWorkflows } from '../test/e2e/lib/n8n-cli';
import { N8nDb } from '../test/e2e/lib/n8n-db';
import { n8nEnv } from '../test/e2e/lib/n8n-env';
import { ensureN8n, type N8nInstall } from '../test/e2e/lib/n8n-install';
import { startN8n, waitForActivation, type N8nServer } from '../test/e2e/lib/n8n-server';
import { assertBuilt, installCommunityPackage, packPackage } from '../test/e2e/lib/package-install';
import { repoRoot } from '../test/e2e/lib/paths';
import { freePort } from '../test/e2e/lib/ports';
import { cleanupAll, installSignalHandlers, onCleanup, sleep, trackTempDir } from '../test/e2e/lib/processes';
import { makeHostCertificate } from './b1/certificates';
import { readPreloadLog } from './b1/preload-log';
import { formatRun, ratioLines, type B1Result, type B1Run } from './b1/report';
import { selfTest } from './b1/self-test';
import { contactsFor, tallyRequests, tallyState, type InputContact } from './b1/tally';
import { startTlsProxy, type TlsProxy } from './b1/tls-proxy';
import {
	BUILTIN_CREDENTIAL,
	contenders,
	HUBSPOT_HOST,
	PACKAGE_CREDENTIAL,
	type Contender,
	type Retry,
} from './b1/workflows';
import { post } from './b1/webhook-post';

export type { B1Result, B1Run } from './b1/report';

export interface B1Options {
	contacts?: number;
	budgetMs?: number;
	retries?: Retry[];
	log?: (line: string) => void;
}

const LABEL = '[bench:b1]';
const PRELOAD = resolve(__dirname, 'b1', 'preload.cjs');
const WARMUP_CONTACTS = 3;

function parseRetries(text: string): Retry[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const match = /^(\d+)x(\d+)$/.exec(part);
			if (!match) throw new Error(`B1_RETRIES: "${part}" is not <tries>x<wait ms>`);
			return { maxTries: Number(match[1]), waitBetweenTries: Number(match[2]) };
		});
}

interface Instance {
	server: N8nServer;
	db: N8nDb;
	executions: Executions;
	stop(): Promise<void>;
}

/** Waits until the sandbox has seen no new request for `quietMs`: the run's last call has landed. */
async function settle(sandbox: Sandbox, quietMs = 1_500): Promise<void> {
	let last = -1;
	for (;;) {
		const count = sandbox.requests.list({ platform: 'hubspot' }).length;
		if (count === last) return;
		last = count;
		await sleep(quietMs);
	}
}

export async function runB1(options: B1Options = {}): Promise<B1Result> {
	const say = options.log ?? ((line: string) => console.log(`${LABEL} ${line}`));
	const n = options.contacts ?? 10_000;
	const budgetMs = options.budgetMs ?? 900_000;
	const runs = contenders(
		options.retries ?? [
			{ maxTries: 3, waitBetweenTries: 1_000 },
			{ maxTries: 5, waitBetweenTries: 5_000 },
		],
	);

	const root = repoRoot();
	assertBuilt(root);
	const install: N8nInstall = await ensureN8n((line) => say(line.trim()));
	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-b1-'));
	trackTempDir(tmp);
	const certificate = makeHostCertificate(tmp, HUBSPOT_HOST);
	// HubSpot's documented private-app limit, stated rather than inherited, so no default change can scale it.
	const sandbox = await startSandbox({ hubspot: { rateLimit: { max: 100, intervalMs: 10_000 } } });
	onCleanup(() => sandbox.close());
	const proxy: TlsProxy = await startTlsProxy({
		key: certificate.key,
		cert: certificate.cert,
		sandboxUrl: sandbox.url,
	});
	onCleanup(() => proxy.close());
	const preloadLog = join(tmp, 'preload.log');
	writeFileSync(preloadLog, '');

	const userFolder = join(tmp, 'user');
	await installCommunityPackage(userFolder, await packPackage(root, tmp));
	const port = await freePort();
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const env = n8nEnv(install, {
		userFolder,
		port,
		brokerPort,
		logLevel: 'info',
		// Every n8n process gets it, the CLI imports too: they must not choke on it either.
		extra: {
			NODE_OPTIONS: `--require ${PRELOAD}`,
			NODE_EXTRA_CA_CERTS: certificate.caFile,
			B1_HOST: HUBSPOT_HOST,
			B1_TARGET: `127.0.0.1:${proxy.port}`,
			B1_PRELOAD_LOG: preloadLog,
		},
	});
	const check = await selfTest(install.nodeBin, env);
	say(
		`self-test with n8n's Node and environment: api.hubapi.com → ${check.hubspot} from the sandbox; example.com → ${check.outside}`,
	);
	const preloadMark = statSync(preloadLog).size;
	const workflows = runs.map((r) => r.workflow);
	await importCredentials(install, env, [PACKAGE_CREDENTIAL, BUILTIN_CREDENTIAL], tmp);
	await importWorkflows(install, env, workflows, tmp);
	await publishWorkflows(
		install,
		env,
		workflows.map((w) => w.id),
	);
	const logFile = join(tmp, 'n8n.log');
	writeFileSync(logFile, '');

	const launch = async (): Promise<Instance> => {
		say(`starting n8n ${install.version} (preload ${PRELOAD})...`);
		const server = await startN8n({ install, env, port, logFile, timeoutMs: 240_000 });
		const db = new N8nDb(install, userFolder);
		const activation = await waitForActivation(
			server,
			db,
			workflows.map((w) => w.id),
		);
		const failed = activation.filter((a) => a.status !== 'completed' || a.triggerErrors.length > 0);
		if (failed.length > 0)
			throw new Error(`workflows not activated: ${JSON.stringify(failed)}\n${server.logTail(30)}`);
		return {
			server,
			db,
			executions: new Executions(db),
			stop: async () => (await db.close(), await server.stop()),
		};
	};
	let n8n = await launch();
	onCleanup(() => n8n.stop());
	const url = (run: Contender) => `${n8n.server.url}/webhook/${run.path}`;

	// Warm-up: each workflow once with a few contacts, so no run pays for loading its node's code.
	for (const run of runs) {
		for (let tries = 0; ; tries++) {
			const warm = await post(url(run), { contacts: contactsFor(WARMUP_CONTACTS) }, 60_000);
			if (warm.status === 200) break;
			if (warm.status !== 404 || tries > 60)
				throw new Error(
					`${run.key}: warm-up answered ${warm.status} ${warm.body}\n${n8n.server.logTail(30)}`,
				);
			await sleep(500);
		}
		await settle(sandbox, 500);
	}

	const posted: InputContact[] = contactsFor(n);
	const results: B1Run[] = [];
	for (const run of runs) {
		sandbox.reset();
		proxy.reset();
		const before = await n8n.executions.lastExecutionId();
		say(`${run.key}: posting ${n} contacts...`);
		const answer = await post(url(run), { contacts: posted }, budgetMs);
		// At the budget, the figures are taken before n8n is stopped: its shutdown may still send a few calls.
		const snapshot = () => ({
			requests: tallyRequests(sandbox),
			contacts: tallyState(sandbox, posted),
			relayed: proxy.relayed(),
			tlsConnections: Object.fromEntries(proxy.handshakes()),
		});
		let measured = snapshot();
		let execution: B1Run['execution'] = { status: 'stopped at the time budget' };
		if (answer.timedOut) {
			say(`${run.key}: time budget of ${budgetMs / 1000} s reached; restarting n8n to stop the run`);
			await n8n.stop();
			n8n = await launch();
		} else {
			await settle(sandbox);
			await n8n.executions.waitForSettled(run.workflow.id, 60_000);
			const [details] = await n8n.executions.executionDetails({
				workflowId: run.workflow.id,
				afterId: before,
			});
			const nodeError = Object.values(details?.nodeErrors ?? {}).flat()[0];
			execution = { status: details?.status ?? 'not found', error: nodeError ?? details?.error };
			measured = snapshot();
		}
		const result: B1Run = {
			key: run.key,
			label: run.label,
			retry: run.retry,
			wallMs: answer.ms,
			stoppedAtBudget: answer.timedOut,
			webhook: { status: answer.status, body: answer.body },
			execution,
			...measured,
		};
		results.push(result);
		for (const line of formatRun(result, n)) say(line);
	}

	const limit = sandbox.hubspot.config.rateLimit;
	const preload = readPreloadLog(preloadLog, preloadMark);
	const lines = [
		`B1: upsert ${n} contacts from one webhook call, n8n ${install.version}, sandbox limit ${limit.max} requests / ${limit.intervalMs / 1000} s (HubSpot private app, not scaled)`,
		...results.flatMap((run) => formatRun(run, n)),
		...ratioLines(results, n, limit),
		`loopback only: before the runs, with n8n's Node and environment, https://api.hubapi.com answered ${check.hubspot} from the sandbox (certificate verified) and https://example.com was refused by the preload`,
		`  the preload was loaded by ${preload.loadedBy.length} n8n process(es) (${[...new Set(preload.loadedBy.map((p) => p.replace(/^\d+ ?/, '') || '(no script argument)'))].join('; ')}); connections or lookups it refused (would have left loopback): ${preload.refused.length === 0 ? 'none' : preload.refused.map((r) => `${r.what} ${r.host}${r.port ? `:${r.port}` : ''}`).join(', ')}`,
	];
	return {
		contacts: n,
		n8nVersion: install.version,
		rateLimit: { max: limit.max, intervalMs: limit.intervalMs },
		runs: results,
		preload,
		selfTest: check,
		lines,
	};
}

async function main(): Promise<void> {
	installSignalHandlers({ label: LABEL, exitCode: 1 });
	const result = await runB1({
		contacts: Number(process.env.B1_CONTACTS ?? 10_000),
		budgetMs: Number(process.env.B1_BUDGET_S ?? 900) * 1000,
		retries: process.env.B1_RETRIES === undefined ? undefined : parseRetries(process.env.B1_RETRIES),
	});
	console.log('');
	for (const line of result.lines) console.log(line);
	await cleanupAll();
	const ours = result.runs.find((r) => r.key === 'package');
	// Fails only if this package did not write every contact exactly once; the built-in runs are reported, not judged.
	if (!ours || ours.contacts.correct !== result.contacts || ours.contacts.duplicated > 0) process.exit(1);
}

if (require.main === module) {
	main().catch(async (error: Error) => {
		console.error(`${LABEL} ${error?.stack ?? String(error)}`);
		await cleanupAll();
		process.exit(1);
	});
}
