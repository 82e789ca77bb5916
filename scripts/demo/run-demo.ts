/**
 * The demo as a function: a real n8n with this package installed as a community package, the sandbox seeded
 * with demo data, the demo credentials pointing at it, the examples imported (once) and activated where they
 * have something to listen for, and an owner account so the editor opens on a login. `npm start` runs it on
 * `.n8n-demo/`; `npm run start:check` and the editor checks run it on a temp folder.
 *
 * Needs a build (`npm run build`): the package is packed from `dist/` and reinstalled on every start, so the
 * editor always has the build just made. The caller owns signal handling (installSignalHandlers), which stops
 * what this started; stop() does the same without exiting.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, scanLog } from '../../test/e2e/lib/log-scan';
import { importWorkflows } from '../../test/e2e/lib/n8n-cli';
import { N8nDb } from '../../test/e2e/lib/n8n-db';
import { n8nEnv } from '../../test/e2e/lib/n8n-env';
import { ensureN8n, type N8nInstall } from '../../test/e2e/lib/n8n-install';
import { publishInDatabase } from '../../test/e2e/lib/n8n-publish-db';
import { startN8n, waitForActivation, type N8nServer } from '../../test/e2e/lib/n8n-server';
import {
	assertBuilt,
	installCommunityPackage,
	introspectPackage,
	packPackage,
} from '../../test/e2e/lib/package-install';
import { repoRoot } from '../../test/e2e/lib/paths';
import { sandboxPlatforms, type Platforms } from '../../test/e2e/lib/platforms';
import { freePort, preferredOrFreePort } from '../../test/e2e/lib/ports';
import { onCleanup } from '../../test/e2e/lib/processes';
import { startSandbox, type RunningSandbox } from '../../test/e2e/lib/sandbox';
import { demoCredentials } from './credentials';
import { readExamples, type Example } from './examples';
import { importDemoCredentials, type CredentialImportResult } from './import-credentials';
import { createOwner, DEMO_LOGIN, type DemoLogin } from './owner';
import { registerCommunityPackage } from './register-package';
import { seedDemo, type DemoSeedCounts } from './seed';
import { DemoState } from './state';
import { waitForEditor } from './wait-for-editor';

export interface DemoOptions {
	/** n8n's user folder; kept between starts (database, owner, workflows, logs). */
	userFolder: string;
	/** Preferred ports; a busy one (or none given) falls back to a free one. */
	n8nPort?: number;
	sandboxPort?: number;
	/** Import the workflows in `examples/` (each once per user folder) and activate those with a trigger. */
	importExamples: boolean;
	/** Progress lines; silent by default. */
	log?: (line: string) => void;
}

export interface DemoExample {
	id: string;
	name: string;
	file: string;
	triggers: string[];
	/** Imported by this start (false: imported by an earlier one, or never because the user deleted it). */
	importedNow: boolean;
	/** Published by this start (activatable and newly imported). */
	publishedNow: boolean;
}

export interface RunningDemo {
	editorUrl: string;
	/** Production webhooks: `${webhookUrl}/<path>`. */
	webhookUrl: string;
	sandbox: RunningSandbox;
	platforms: Platforms;
	login: DemoLogin;
	/** False on later starts: the owner existed (the user may have changed the password). */
	ownerCreated: boolean;
	credentials: Array<{ id: string; name: string; type: string }>;
	credentialChanges: CredentialImportResult;
	examples: DemoExample[];
	/** Activation problems n8n reported for the active examples, by workflow id. */
	activationErrors: Record<string, string>;
	seeded: DemoSeedCounts;
	packageName: string;
	nodes: string[];
	install: N8nInstall;
	n8n: N8nServer;
	logs: { n8n: string; sandbox: string };
	/** Problems n8n logged loading the package (empty when it loaded cleanly). */
	loadProblems: string;
	stop(): Promise<void>;
}

async function portFor(preferred: number | undefined, avoid: number[]): Promise<number> {
	if (preferred) return preferredOrFreePort(preferred, avoid);
	for (;;) {
		const port = await freePort();
		if (!avoid.includes(port)) return port;
	}
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
	const say = options.log ?? (() => undefined);
	const root = repoRoot();
	const { userFolder } = options;
	mkdirSync(userFolder, { recursive: true });
	const state = new DemoState(userFolder);
	state.lock();

	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-demo-'));
	let sandbox: RunningSandbox | undefined;
	let n8n: N8nServer | undefined;
	let stopping: Promise<void> | undefined;
	const stop = (): Promise<void> =>
		(stopping ??= (async () => {
			await n8n?.stop();
			await sandbox?.stop();
			state.unlock();
			rmSync(tmp, { recursive: true, force: true });
		})());
	// Ctrl-C in the caller runs the harness cleanup, which must release the folder too; the exit hook
	// covers an exit that skips it.
	onCleanup(stop);
	process.once('exit', () => state.unlock());

	try {
		assertBuilt(root);
		const install = await ensureN8n((line) => say(line.trim()));
		say(`n8n ${install.version} from ${install.dir}`);

		const n8nPort = await portFor(options.n8nPort, []);
		const sandboxPort = await portFor(options.sandboxPort, [n8nPort]);
		const brokerPort = await portFor(undefined, [n8nPort, sandboxPort]);
		if (options.n8nPort && n8nPort !== options.n8nPort)
			say(`port ${options.n8nPort} is busy: n8n uses ${n8nPort}`);
		if (options.sandboxPort && sandboxPort !== options.sandboxPort)
			say(`port ${options.sandboxPort} is busy: the sandbox uses ${sandboxPort}`);

		// Independent of each other: the package goes into n8n's folder while the sandbox starts and is seeded.
		const sandboxLog = join(userFolder, 'sandbox.log');
		writeFileSync(sandboxLog, '');
		const installing = (async () => {
			const installed = await installCommunityPackage(userFolder, await packPackage(root, tmp));
			const contents = await introspectPackage(install, installed.dir);
			const nodes = contents.nodes.map((n) => n.displayName);
			say(`installed ${installed.name}@${installed.version}: ${nodes.join(', ') || 'no nodes'}`);
			return { installed, nodes };
		})();
		const seeding = (async () => {
			sandbox = await startSandbox({ port: sandboxPort, logFile: sandboxLog });
			const counts = await seedDemo(sandbox.client);
			say(
				`sandbox ${sandbox.client.url}: ${counts.hubspotContacts} HubSpot contacts, ` +
					`${counts.apolloPeople} Apollo people, ${counts.apolloContacts} Apollo contacts, ` +
					`${counts.linkedinLeads} LinkedIn leads in ${counts.linkedinForms} forms`,
			);
			return { sandbox, counts };
		})();
		// allSettled first: a failure of one must not leave the other running on unseen.
		await Promise.allSettled([installing, seeding]);
		const [{ installed, nodes }, seededSandbox] = await Promise.all([installing, seeding]);
		const seeded = seededSandbox.counts;
		const platforms = sandboxPlatforms(seededSandbox.sandbox.client);
		sandbox = seededSandbox.sandbox;

		const env = n8nEnv(install, {
			userFolder,
			port: n8nPort,
			brokerPort,
			logLevel: 'info',
			// A local http demo: a secure-only cookie would make login depend on the browser's localhost rules.
			extra: { N8N_SECURE_COOKIE: 'false' },
		});

		const credentials = demoCredentials(platforms);
		const credentialChanges = await importDemoCredentials({
			install,
			env,
			userFolder,
			workDir: tmp,
			credentials,
			previousSandboxUrl: state.previousSandboxUrl(),
			sandboxUrl: sandbox.client.url,
		});
		state.data.sandboxUrl = sandbox.client.url;
		delete state.data.credentialBaseUrl;
		state.save();
		if (credentialChanges.created.length) say(`credentials created: ${credentialChanges.created.join(', ')}`);
		if (credentialChanges.repointed.length)
			say(`credentials re-pointed at ${sandbox.client.url}: ${credentialChanges.repointed.join(', ')}`);
		if (credentialChanges.kept.length)
			say(`credentials kept (no longer on the sandbox): ${credentialChanges.kept.join(', ')}`);

		// After the credential import: n8n's first CLI run created the tables.
		await registerCommunityPackage(install, join(userFolder, '.n8n', 'database.sqlite'), installed.dir);
		const examples = options.importExamples ? await importExamplesOnce(install, env, state, tmp, root) : [];
		const newlyPublished = examples.filter((e) => e.publishedNow).length;
		if (examples.some((e) => e.importedNow))
			say(
				`imported ${examples.filter((e) => e.importedNow).length} example workflow(s), ` +
					`activated ${newlyPublished}`,
			);

		const n8nLog = join(userFolder, 'n8n.log');
		writeFileSync(n8nLog, '');
		say('starting n8n...');
		n8n = await startN8n({ install, env, port: n8nPort, logFile: n8nLog, timeoutMs: 240_000 });
		await waitForEditor(n8n.url);
		const owner = await createOwner(n8n.url, DEMO_LOGIN);
		const activationErrors = await activeExampleErrors(n8n, install, userFolder, examples);
		const problems = scanLog(n8n.log(), installed.name);

		return {
			editorUrl: n8n.url,
			webhookUrl: `${n8n.url}/webhook`,
			sandbox,
			platforms,
			login: DEMO_LOGIN,
			ownerCreated: owner.created,
			credentials: credentials.map(({ id, name, type }) => ({ id, name, type })),
			credentialChanges,
			examples,
			activationErrors,
			seeded,
			packageName: installed.name,
			nodes,
			install,
			n8n,
			logs: { n8n: n8nLog, sandbox: sandboxLog },
			loadProblems: problems.length ? formatProblems(problems) : '',
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Imports the examples this user folder has never had; publishes the new ones that can be activated. */
async function importExamplesOnce(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	state: DemoState,
	workDir: string,
	root: string,
): Promise<DemoExample[]> {
	const all = readExamples(join(root, 'examples'));
	const userFolder = String(env.N8N_USER_FOLDER);
	const known = state.data.examplesImported;
	// `true` (the first demo's marker): everything then in the database was imported; the rest is new.
	const before =
		known === true
			? await workflowIdsInDb(
					install,
					userFolder,
					all.map((e) => e.workflow.id),
				)
			: new Set(known || []);
	const fresh = all.filter((e) => !before.has(e.workflow.id));
	await importWorkflows(
		install,
		env,
		fresh.map((e) => e.workflow),
		workDir,
	);
	const toPublish = fresh.filter((e) => e.activatable).map((e) => e.workflow.id);
	await publishInDatabase(install, join(userFolder, '.n8n', 'database.sqlite'), toPublish);
	state.data.examplesImported = [...before, ...fresh.map((e) => e.workflow.id)];
	state.save();
	return all.map((e: Example) => ({
		id: e.workflow.id,
		name: e.workflow.name,
		file: e.file,
		triggers: e.triggers,
		importedNow: fresh.includes(e),
		publishedNow: toPublish.includes(e.workflow.id),
	}));
}

async function workflowIdsInDb(install: N8nInstall, userFolder: string, ids: string[]): Promise<Set<string>> {
	const db = new N8nDb(install, userFolder);
	try {
		const marks = ids.map(() => '?').join(',');
		const rows = await db.all<{ id: string }>(`SELECT id FROM workflow_entity WHERE id IN (${marks})`, ids);
		return new Set(rows.map((r) => r.id));
	} finally {
		await db.close();
	}
}

/** Waits for n8n to activate the example workflows that are active now; returns what failed, by id. */
async function activeExampleErrors(
	n8n: N8nServer,
	install: N8nInstall,
	userFolder: string,
	examples: DemoExample[],
): Promise<Record<string, string>> {
	if (examples.length === 0) return {};
	const db = new N8nDb(install, userFolder);
	try {
		const marks = examples.map(() => '?').join(',');
		const active = await db.all<{ id: string }>(
			`SELECT id FROM workflow_entity WHERE active = 1 AND id IN (${marks})`,
			examples.map((e) => e.id),
		);
		const results = await waitForActivation(
			n8n,
			db,
			active.map((r) => r.id),
		);
		const errors: Record<string, string> = {};
		for (const r of results) {
			if (r.status !== 'completed' || r.error || r.triggerErrors.length)
				errors[r.workflowId] = [r.status, r.error, ...r.triggerErrors].filter(Boolean).join('; ');
		}
		return errors;
	} finally {
		await db.close();
	}
}
