/**
 * `npm start` (= `npm run build && tsx scripts/start.ts`): the quick-start demo. A real n8n with this
 * package installed as a community package, the local API sandbox, and a credential pointing at it, so
 * every operation can be tried in the editor without a HubSpot account. Ctrl-C stops both.
 *
 * The demo's n8n user folder is `.n8n-demo/` (gitignored) and persists between runs (owner account,
 * workflows); the package is reinstalled from a fresh tarball on every start, so the editor always has
 * the build that `npm start` just made.
 *
 * Env: DEMO_N8N_PORT (default 5678), DEMO_SANDBOX_PORT (default 4010); a busy port falls back to a free one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, scanLog } from '../test/e2e/lib/log-scan';
import { importCredentials, importWorkflows, publishWorkflows, type WorkflowImport } from '../test/e2e/lib/n8n-cli';
import { N8nDb } from '../test/e2e/lib/n8n-db';
import { n8nEnv } from '../test/e2e/lib/n8n-env';
import { ensureN8n } from '../test/e2e/lib/n8n-install';
import { startN8n } from '../test/e2e/lib/n8n-server';
import {
	assertBuilt,
	installCommunityPackage,
	introspectPackage,
	packPackage,
} from '../test/e2e/lib/package-install';
import { repoRoot } from '../test/e2e/lib/paths';
import { freePort, preferredOrFreePort } from '../test/e2e/lib/ports';
import {
	cleanupAll,
	installSignalHandlers,
	isShuttingDown,
	onCleanup,
	sleep,
	tail,
	trackTempDir,
} from '../test/e2e/lib/processes';
import { startSandbox } from '../test/e2e/lib/sandbox';

const LABEL = '[demo]';
const CREDENTIAL_ID = 'crmBridgeDemoHub';
const CREDENTIAL_NAME = 'HubSpot sandbox';
const SANDBOX_TOKEN = 'sandbox-hubspot-token';

interface DemoState {
	pid?: number;
	credentialBaseUrl?: string;
	examplesImported?: boolean;
}

function say(line: string): void {
	console.log(`${LABEL} ${line}`);
}

/** Whether `pid` is a live demo launcher (not just any process that reused the number). */
function isDemoRunning(pid: number | undefined): boolean {
	if (!pid) return false;
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.ts');
	} catch {
		return false;
	}
}

/**
 * /healthz answers before the editor is mounted (and, on a first start, before its static files are
 * copied into the user folder): wait for the page itself so the printed URL works when shown.
 */
async function waitForEditor(url: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${url}/`, {
				headers: { accept: 'text/html' },
				signal: AbortSignal.timeout(5_000),
			});
			if (res.ok) return;
		} catch {
			// Not yet.
		}
		await sleep(500);
	}
	say(`the editor page did not answer within ${timeoutMs / 1000} s; n8n may still be starting`);
}

async function main(): Promise<void> {
	installSignalHandlers({ label: LABEL, exitCode: 0 });
	const root = repoRoot();
	const userFolder = join(root, '.n8n-demo');
	const stateFile = join(userFolder, 'demo-state.json');
	mkdirSync(userFolder, { recursive: true });
	const state: DemoState = existsSync(stateFile)
		? (JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState)
		: {};
	// Two demos on one user folder would share (and corrupt) one SQLite database.
	if (state.pid !== process.pid && isDemoRunning(state.pid)) {
		throw new Error(`another demo (pid ${state.pid}) is running on ${userFolder}: stop it first`);
	}
	state.pid = process.pid;
	writeFileSync(stateFile, JSON.stringify(state, null, 2));
	onCleanup(async () => {
		delete state.pid;
		writeFileSync(stateFile, JSON.stringify(state, null, 2));
	});

	assertBuilt(root);
	const install = await ensureN8n((line) => say(line.trim()));
	say(`n8n ${install.version} from ${install.dir}`);

	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-demo-'));
	trackTempDir(tmp);
	const tarball = await packPackage(root, tmp);
	const installed = await installCommunityPackage(userFolder, tarball);
	const contents = await introspectPackage(install, installed.dir);
	say(
		`installed ${installed.name}@${installed.version} into ${installed.dir}: ` +
			`${contents.nodes.map((n) => n.displayName).join(', ') || 'no nodes'}`,
	);

	const n8nPort = await preferredOrFreePort(Number(process.env.DEMO_N8N_PORT ?? 5678));
	const sandboxPort = await preferredOrFreePort(Number(process.env.DEMO_SANDBOX_PORT ?? 4010), [n8nPort]);
	let brokerPort = await freePort();
	while (brokerPort === n8nPort || brokerPort === sandboxPort) brokerPort = await freePort();
	if (String(n8nPort) !== (process.env.DEMO_N8N_PORT ?? '5678'))
		say(`port ${process.env.DEMO_N8N_PORT ?? 5678} is busy: n8n uses ${n8nPort}`);

	const sandboxLog = join(userFolder, 'sandbox.log');
	writeFileSync(sandboxLog, '');
	const sandbox = await startSandbox({ port: sandboxPort, logFile: sandboxLog });
	const hubspotUrl = sandbox.client.hubspotUrl;

	const env = n8nEnv(install, {
		userFolder,
		port: n8nPort,
		brokerPort,
		logLevel: 'info',
		// A local http demo: a secure-only cookie would make login depend on the browser's localhost rules.
		extra: { N8N_SECURE_COOKIE: 'false' },
	});

	// Import (or re-point) the sandbox credential while n8n is stopped, as n8n's CLI requires.
	const db = new N8nDb(install, userFolder);
	let exists = false;
	if (existsSync(db.file)) {
		exists = (await db.all('SELECT id FROM credentials_entity WHERE id = ?', [CREDENTIAL_ID])).length > 0;
	}
	await db.close();
	if (!exists || state.credentialBaseUrl !== hubspotUrl) {
		await importCredentials(
			install,
			env,
			[
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: 'crmHubSpotAppTokenApi',
					data: { accessToken: SANDBOX_TOKEN, baseUrl: hubspotUrl },
				},
			],
			tmp,
		);
		state.credentialBaseUrl = hubspotUrl;
		writeFileSync(stateFile, JSON.stringify(state, null, 2));
		say(`credential "${CREDENTIAL_NAME}" ${exists ? 'now points at' : 'created for'} ${hubspotUrl}`);
	}

	// The example workflows, once: later starts keep whatever the user changed in them.
	if (!state.examplesImported) {
		const examples = readdirSync(join(root, 'examples'))
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')) as WorkflowImport);
		await importWorkflows(install, env, examples, tmp);
		await publishWorkflows(install, env, examples.map((w) => w.id));
		state.examplesImported = true;
		writeFileSync(stateFile, JSON.stringify(state, null, 2));
		say(`imported and activated ${examples.length} example workflow(s) from examples/`);
	}

	const n8nLog = join(userFolder, 'n8n.log');
	writeFileSync(n8nLog, '');
	say('starting n8n (30-90 s the first time: database migrations)...');
	const server = await startN8n({ install, env, port: n8nPort, logFile: n8nLog, timeoutMs: 240_000 });
	await waitForEditor(server.url);
	const problems = scanLog(server.log(), installed.name);
	if (problems.length > 0)
		say(`WARNING: n8n reported problems loading ${installed.name}:\n${formatProblems(problems)}`);

	console.log('');
	console.log(`  n8n editor     http://127.0.0.1:${n8nPort}   (first visit: create the owner account)`);
	console.log(`  webhooks       http://127.0.0.1:${n8nPort}/webhook/<path>`);
	console.log(`  sandbox        ${sandbox.client.url}   (control API under /__sandbox)`);
	console.log(`  HubSpot API    ${hubspotUrl}   token ${SANDBOX_TOKEN}`);
	console.log(`  credential     "${CREDENTIAL_NAME}" (CRM Bridge HubSpot App Token API)`);
	console.log(`  logs           ${n8nLog}, ${sandboxLog}`);
	console.log('');
	console.log('  try the example (upserts two contacts into the sandbox in one batch call):');
	console.log(
		`  curl -s -X POST http://127.0.0.1:${n8nPort}/webhook/crm-bridge-upsert -H 'Content-Type: application/json' \\\n` +
			`    -d '{"contacts":[{"email":"ada@example.com","firstName":"Ada"},{"email":"alan@example.com","firstName":"Alan"}]}'`,
	);
	console.log('');
	say(`n8n started in ${(server.startedInMs / 1000).toFixed(1)} s. Ctrl-C stops n8n and the sandbox.`);

	// Runs until Ctrl-C (handled by installSignalHandlers) or until one of the two dies on its own.
	const exited = await Promise.race([
		server.process.exited.then((code) => ({ who: 'n8n', code, log: server.logTail(30) })),
		(sandbox.process?.exited ?? new Promise<never>(() => undefined)).then((code) => ({
			who: 'the sandbox',
			code,
			log: tail(readFileSync(sandboxLog, 'utf8'), 30),
		})),
	]);
	// On Ctrl-C the signal handler stops both and exits 0: that is not a crash.
	if (isShuttingDown()) return;
	console.error(
		`${LABEL} ${exited.who} exited unexpectedly (${exited.code}). Last lines of its log:\n${exited.log}`,
	);
	await cleanupAll();
	process.exit(1);
}

main().catch(async (error: Error) => {
	console.error(`${LABEL} ${error?.message ?? String(error)}`);
	await cleanupAll();
	process.exit(1);
});
