/**
 * `npm run start:check`: runs the demo (run-demo.ts) in a temp user folder on free ports and checks it from
 * outside, as a user would find it: the printed login works and no set-up screen is shown, every demo
 * credential exists and points at the sandbox, every example is imported (and active where it has a trigger
 * to listen with), the sandbox holds the seeded data. Then it plays a user's changes (one credential switched
 * to a real account, one example renamed), restarts on the same folder with the sandbox on another port, and
 * checks that the changes survived while the other credentials followed the sandbox.
 * Prints `N passed, N failed`; exits 1 on any failure. Needs `npm run build` first (the npm script does it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../test/e2e/lib/paths';
import { freePort } from '../../test/e2e/lib/ports';
import { cleanupAll, installSignalHandlers, trackTempDir } from '../../test/e2e/lib/processes';
import { demoBanner } from './banner';
import { CheckReport } from './check-report';
import { readExamples } from './examples';
import { DEMO_BROWSER_ID, loginCookie, ownerSetUp } from './owner';
import { n8nRest } from './rest';
import { startDemo, type RunningDemo } from './run-demo';
import { countSandbox, DEMO_SEED, expectedCounts } from './seed';

const LABEL = '[start:check]';
// What a user going live would type; obviously not a real key.
const LIVE_APOLLO = { apiKey: 'my-live-apollo-key-placeholder', baseUrl: 'https://api.apollo.io/api/v1' };
const RENAMED = 'Renamed by start:check';

interface CredentialRow {
	id: string;
	name: string;
	type: string;
}
interface WorkflowRow {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
}

/** What the banner told the user: the checks below use these, not the demo's own fields. */
function printed(banner: string): { editorUrl?: string; email?: string; password?: string } {
	const editor = /n8n editor\s+(\S+)/.exec(banner);
	const login = /login\s+(\S+@\S+) \/ (\S+)/.exec(banner);
	return { editorUrl: editor?.[1], email: login?.[1], password: login?.[2] };
}

async function checkLogin(report: CheckReport, demo: RunningDemo): Promise<string | undefined> {
	const banner = demoBanner(demo);
	const shown = printed(banner);
	report.check(
		'the banner prints the editor URL and a login',
		Boolean(shown.editorUrl && shown.email && shown.password),
	);
	if (!shown.editorUrl || !shown.email || !shown.password) return undefined;
	const editorUrl = shown.editorUrl;
	await report.attempt('n8n shows no owner set-up screen', async () =>
		(await ownerSetUp(editorUrl)) ? undefined : 'showSetupOnFirstLoad is true',
	);
	await report.attempt('a wrong password is refused', async () => {
		const res = await fetch(`${editorUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': DEMO_BROWSER_ID },
			body: JSON.stringify({ emailOrLdapLoginId: shown.email, password: `${shown.password}-wrong` }),
		});
		return res.status === 401 ? undefined : `answered ${res.status}`;
	});
	let cookie: string | undefined;
	await report.attempt(`the printed login ${shown.email} signs in`, async () => {
		cookie = await loginCookie(editorUrl, { email: shown.email!, password: shown.password! });
		const me = await n8nRest<{ email: string }>(editorUrl, cookie, 'GET', '/rest/login');
		return me.email === shown.email ? undefined : `signed in as ${me.email}`;
	});
	return cookie;
}

async function checkCredentials(
	report: CheckReport,
	demo: RunningDemo,
	cookie: string,
	kept: Record<string, string> = {},
): Promise<void> {
	const rows = await n8nRest<CredentialRow[]>(demo.editorUrl, cookie, 'GET', '/rest/credentials');
	for (const credential of demo.credentials) {
		const row = rows.find((r) => r.id === credential.id);
		report.check(
			`credential "${credential.name}" exists as ${credential.type}`,
			row?.name === credential.name && row?.type === credential.type,
			row ? `found "${row.name}" (${row.type})` : 'missing',
		);
		if (!row) continue;
		const { data } = await n8nRest<{ data: Record<string, unknown> }>(
			demo.editorUrl,
			cookie,
			'GET',
			`/rest/credentials/${encodeURIComponent(credential.id)}?includeData=true`,
		);
		const urls = Object.entries(data).filter(([, v]) => typeof v === 'string' && /^https?:\/\//.test(v));
		if (urls.length === 0) continue;
		const expected = kept[credential.id] ?? demo.sandbox.client.url;
		const wrong = urls.filter(([, v]) => !(v as string).startsWith(expected));
		report.check(
			`credential "${credential.name}" points at ${kept[credential.id] ? 'the account the user set' : 'the sandbox'}`,
			wrong.length === 0,
			wrong.map(([k, v]) => `${k}=${String(v)}`).join(', '),
		);
	}
}

async function checkExamples(
	report: CheckReport,
	demo: RunningDemo,
	cookie: string,
	renamed: Record<string, string> = {},
): Promise<WorkflowRow[]> {
	const examples = readExamples(join(repoRoot(), 'examples'));
	report.check('examples/ holds at least one workflow', examples.length > 0);
	const rows = await n8nRest<WorkflowRow[]>(demo.editorUrl, cookie, 'GET', '/rest/workflows');
	for (const example of examples) {
		const { id } = example.workflow;
		const row = rows.find((r) => r.id === id);
		const name = renamed[id] ?? example.workflow.name;
		report.check(
			`example ${example.file} is imported as "${name}"`,
			row?.name === name,
			row ? `named "${row.name}"` : 'missing',
		);
		if (!row) continue;
		if (example.activatable) {
			report.check(
				`example ${example.file} is active (${example.triggers.join(', ')})`,
				row.active && !demo.activationErrors[id],
				demo.activationErrors[id] ?? 'inactive',
			);
		} else {
			report.check(`example ${example.file} (started by hand) is left inactive`, !row.active);
		}
	}
	return rows;
}

interface UserEdits {
	/** New names by workflow id. */
	renamed: Record<string, string>;
	/** The real API URL a credential was switched to, by credential id. */
	live: Record<string, string>;
}

/** What a user does in the editor before a restart: go live with one credential, rename one example. */
async function editAsUser(demo: RunningDemo, cookie: string, rows: WorkflowRow[]): Promise<UserEdits> {
	const edits: UserEdits = { renamed: {}, live: {} };
	const apollo = demo.credentials.find((c) => c.type === 'crmApolloApi');
	if (apollo) {
		await n8nRest(demo.editorUrl, cookie, 'PATCH', `/rest/credentials/${apollo.id}`, {
			name: apollo.name,
			type: apollo.type,
			data: LIVE_APOLLO,
		});
		edits.live[apollo.id] = LIVE_APOLLO.baseUrl;
	}
	const target = rows.find((r) => demo.examples.some((e) => e.id === r.id));
	if (target) {
		await n8nRest(demo.editorUrl, cookie, 'PATCH', `/rest/workflows/${target.id}`, {
			name: RENAMED,
			versionId: target.versionId,
		});
		edits.renamed[target.id] = RENAMED;
	}
	return edits;
}

async function checkSandbox(report: CheckReport, demo: RunningDemo): Promise<void> {
	const sandbox = demo.sandbox.client;
	const counts = await countSandbox(sandbox);
	const expected = expectedCounts();
	for (const key of Object.keys(expected) as Array<keyof typeof expected>) {
		report.check(
			`sandbox holds ${expected[key]} ${key}`,
			counts[key] === expected[key],
			`holds ${counts[key]}`,
		);
	}
	const hubspot = await sandbox.hubspotContacts();
	const apollo = (
		await sandbox.control<{ results: Array<Record<string, string | null>> }>(
			'GET',
			'/__sandbox/apollo/contacts',
		)
	).results;
	const leads = (
		await sandbox.control<{ responses: Array<{ answers: Record<string, string> }> }>(
			'GET',
			'/__sandbox/linkedin/data',
		)
	).responses;
	const byEmail = new Map(hubspot.map((c) => [c.properties.email, c.properties]));
	const shared = apollo.filter((c) => c.email && byEmail.has(c.email));
	report.check(
		`${DEMO_SEED.apolloShared} Apollo contacts share an email with HubSpot`,
		shared.length === DEMO_SEED.apolloShared,
		`${shared.length}`,
	);
	const fillable = shared.filter((c) => c.title && !byEmail.get(c.email!)?.jobtitle);
	report.check(
		'Apollo has titles HubSpot lacks (enrichment fills them)',
		fillable.length > 0,
		`${fillable.length}`,
	);
	report.check(
		'no HubSpot contact has a LinkedIn URL (Apollo has them)',
		hubspot.every((c) => !c.properties.hs_linkedin_url) && shared.every((c) => c.linkedin_url),
	);
	const known = leads.filter((l) => byEmail.has(l.answers.email));
	report.check(
		`${DEMO_SEED.linkedinKnown} LinkedIn leads are HubSpot contacts (an upsert updates them)`,
		known.length === DEMO_SEED.linkedinKnown,
		`${known.length}`,
	);
}

async function checkCommunityPackage(report: CheckReport, demo: RunningDemo, cookie: string): Promise<void> {
	const packages = await n8nRest<
		Array<{ packageName: string; installedVersion: string; installedNodes: unknown[] }>
	>(demo.editorUrl, cookie, 'GET', '/rest/community-packages');
	const listed = packages.find((p) => p.packageName === demo.packageName);
	report.check(
		`Settings > Community nodes lists ${demo.packageName} with its ${demo.nodes.length} nodes`,
		listed?.installedNodes.length === demo.nodes.length,
		listed
			? `${listed.installedNodes.length} nodes`
			: `listed: ${packages.map((p) => p.packageName).join(', ') || 'none'}`,
	);
}

async function checkPackage(report: CheckReport, demo: RunningDemo): Promise<void> {
	report.check(
		`n8n loaded ${demo.packageName} without problems`,
		demo.loadProblems === '',
		demo.loadProblems,
	);
	report.check(
		`the package brings its nodes (${demo.nodes.length})`,
		demo.nodes.length >= 6,
		demo.nodes.join(', '),
	);
}

const report = new CheckReport();
const started = Date.now();

/** A free port other than the one in `url`, so the restart really moves the sandbox. */
async function anotherPort(url: string): Promise<number> {
	const taken = Number(new URL(url).port);
	for (;;) {
		const port = await freePort();
		if (port !== taken) return port;
	}
}

async function main(): Promise<void> {
	installSignalHandlers({ label: LABEL });
	const userFolder = mkdtempSync(join(tmpdir(), 'crm-bridge-start-check-'));
	trackTempDir(userFolder);
	const log = (line: string) =>
		console.log(`${LABEL} ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}`);

	log(`first start in ${userFolder}`);
	let demo = await startDemo({ userFolder, importExamples: true, log });
	log(`up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	const firstSandbox = demo.sandbox.client.url;
	report.check('the first start created the owner account', demo.ownerCreated);
	await checkPackage(report, demo);
	const cookie = await checkLogin(report, demo);
	let edits: UserEdits = { renamed: {}, live: {} };
	if (cookie) {
		await report.guard('listing community packages', () => checkCommunityPackage(report, demo, cookie));
		await report.guard('checking credentials', () => checkCredentials(report, demo, cookie));
		const rows = (await report.guard('checking examples', () => checkExamples(report, demo, cookie))) ?? [];
		await report.attempt(
			'a user switches Apollo to a live account and renames an example, in n8n',
			async () => {
				edits = await editAsUser(demo, cookie, rows);
				return Object.keys(edits.live).length && Object.keys(edits.renamed).length
					? undefined
					: 'nothing to edit';
			},
		);
	}
	await report.guard('checking the sandbox', () => checkSandbox(report, demo));
	await demo.stop();

	log('second start on the same folder, the sandbox on another port');
	demo = await startDemo({
		userFolder,
		importExamples: true,
		sandboxPort: await anotherPort(firstSandbox),
		log,
	});
	report.check('the restart has the sandbox on another URL', demo.sandbox.client.url !== firstSandbox);
	report.check('the restart keeps the owner account', !demo.ownerCreated);
	const cookie2 = await checkLogin(report, demo);
	if (cookie2) {
		await report.guard('checking credentials', () => checkCredentials(report, demo, cookie2, edits.live));
		await report.guard('checking examples', () => checkExamples(report, demo, cookie2, edits.renamed));
	}
	await report.guard('checking the sandbox', () => checkSandbox(report, demo));
	await demo.stop();

	console.log(`${LABEL} ${report.summary()} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	report.writeSummary();
	await cleanupAll();
	process.exit(report.failed === 0 ? 0 : 1);
}

main().catch(async (error: Error) => {
	report.check('the demo starts', false, error?.stack ?? String(error));
	console.log(`${LABEL} ${report.summary()} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	report.writeSummary();
	await cleanupAll();
	process.exit(1);
});
