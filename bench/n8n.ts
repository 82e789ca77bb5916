/**
 * `npm run bench:n8n`: 1,000 contacts through a real n8n (2.41.1, this package installed from its
 * tarball as n8n's community installer does) against the local sandbox, three workflows driven over their
 * webhooks:
 *
 *   baseline      Webhook → Split Out → No Operation
 *   automatic     Webhook → Split Out → HubSpot CRM upsert, fields mapped automatically
 *   expressions   Webhook → Split Out → HubSpot CRM upsert, fields defined below as three per-item
 *                 expressions (email, first and last name)
 *
 * Each is run once to warm up, then RUNS times; the median wall time of the webhook call (n8n answers when
 * the last node is done) is reported, with ratios. Reuses the e2e helpers to install and start n8n.
 * Env: BENCH_RUNS (default 5), BENCH_ITEMS (default 1000).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCredentials, importWorkflows, publishWorkflows, type WorkflowImport } from '../test/e2e/lib/n8n-cli';
import { n8nEnv } from '../test/e2e/lib/n8n-env';
import { ensureN8n } from '../test/e2e/lib/n8n-install';
import { startN8n } from '../test/e2e/lib/n8n-server';
import { assertBuilt, installCommunityPackage, packPackage } from '../test/e2e/lib/package-install';
import { repoRoot } from '../test/e2e/lib/paths';
import { freePort } from '../test/e2e/lib/ports';
import { cleanupAll, installSignalHandlers, onCleanup, sleep, trackTempDir } from '../test/e2e/lib/processes';
import { startSandbox } from '../sandbox/server';
import { AUTO_MAP_BY_EMAIL } from '../test/e2e/lib/workflow';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const TOKEN = 'sandbox-hubspot-token';
const CREDENTIAL = { id: 'benchHubSpotCred', name: 'HubSpot sandbox (bench)' };

type Variant = 'baseline' | 'automatic' | 'expressions';
const VARIANTS: Variant[] = ['baseline', 'automatic', 'expressions'];

function say(line: string): void {
	console.log(`[bench:n8n] ${line}`);
}

function hubspotUpsert(columns: Record<string, unknown>): Record<string, unknown> {
	return {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'HubSpot CRM',
		type: 'n8n-nodes-crm-bridge.hubSpotCrm',
		typeVersion: 1,
		position: [440, 0],
		parameters: { authentication: 'appToken', resource: 'contact', operation: 'upsert', columns },
		credentials: { crmHubSpotAppTokenApi: CREDENTIAL },
	};
}

const LAST: Record<Variant, Record<string, unknown>> = {
	baseline: {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [440, 0],
		parameters: {},
	},
	automatic: hubspotUpsert(AUTO_MAP_BY_EMAIL),
	expressions: hubspotUpsert({
		mappingMode: 'defineBelow',
		value: { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}' },
		matchingColumns: ['email'],
		schema: [],
	}),
};

function workflow(variant: Variant, n: number): WorkflowImport {
	const last = LAST[variant];
	return {
		id: `benchN8n${n}${variant.slice(0, 4)}`,
		name: `[bench] 1,000 items: ${variant}`,
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `b0000000-0000-4000-8000-0000000000a${n}`,
				parameters: { httpMethod: 'POST', path: `bench-${variant}`, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
			},
			last,
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: last.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveManualExecutions: false },
		active: false,
	};
}

async function post(url: string, body: unknown): Promise<{ status: number; ms: number }> {
	const start = performance.now();
	const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	await res.text();
	return { status: res.status, ms: performance.now() - start };
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
	installSignalHandlers({ label: '[bench:n8n]', exitCode: 1 });
	const root = repoRoot();
	assertBuilt(root);
	const install = await ensureN8n((line) => say(line.trim()));
	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-bench-'));
	trackTempDir(tmp);
	const userFolder = join(tmp, 'user');
	await installCommunityPackage(userFolder, await packPackage(root, tmp));

	// The rate window is widened so pacing never shows in the figures: this measures n8n, not HubSpot's limit.
	const sandbox = await startSandbox({ hubspot: { rateLimit: { max: 100_000, intervalMs: 10_000, daily: 10_000_000 } } });
	onCleanup(() => sandbox.close());
	const port = await freePort();
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	// 'info': the CLI confirms imports at that level.
	const env = n8nEnv(install, { userFolder, port, brokerPort, logLevel: 'info' });

	await importCredentials(install, env, [{ ...CREDENTIAL, type: 'crmHubSpotAppTokenApi', data: { accessToken: TOKEN, baseUrl: `${sandbox.url}/hubspot` } }], tmp);
	const workflows = VARIANTS.map((v, i) => workflow(v, i + 1));
	await importWorkflows(install, env, workflows, tmp);
	await publishWorkflows(install, env, workflows.map((w) => w.id));

	const logFile = join(tmp, 'n8n.log');
	writeFileSync(logFile, '');
	say('starting n8n...');
	const server = await startN8n({ install, env, port, logFile, timeoutMs: 240_000 });
	const contacts = Array.from({ length: ITEMS }, (_, i) => ({ email: `bench${i}@example.com`, firstName: `First${i}`, lastName: `Last${i}` }));

	const results = new Map<Variant, number[]>();
	for (const variant of VARIANTS) {
		const url = `${server.url}/webhook/bench-${variant}`;
		// Production webhooks can answer 404 for a moment after start: retry until registered.
		for (let tries = 0; ; tries++) {
			const warm = await post(url, { contacts });
			if (warm.status === 200) break;
			if (warm.status !== 404 || tries > 60) throw new Error(`${variant}: webhook answered ${warm.status}\n${server.logTail(30)}`);
			await sleep(500);
		}
		const times: number[] = [];
		for (let r = 0; r < RUNS; r++) {
			const before = sandbox.requests.list({ platform: 'hubspot', method: 'POST', path: 'batch/upsert$' }).length;
			const run = await post(url, { contacts });
			if (run.status !== 200) throw new Error(`${variant}: run ${r} answered ${run.status}`);
			const upserts = sandbox.requests.list({ platform: 'hubspot', method: 'POST', path: 'batch/upsert$' }).slice(before);
			const written = upserts.reduce((sum, u) => sum + (u.inputs ?? 0), 0);
			if (variant !== 'baseline' && written !== ITEMS) throw new Error(`${variant}: run ${r} wrote ${written} contacts, not ${ITEMS}`);
			times.push(run.ms);
		}
		results.set(variant, times);
		say(`${variant.padEnd(11)} median ${median(times).toFixed(0)} ms over ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
	}

	const m = (v: Variant) => median(results.get(v) ?? []);
	console.log('');
	console.log(`${ITEMS} items through n8n ${install.version}, median of ${RUNS} runs (webhook call until the last node is done)`);
	console.log(`  Webhook → Split Out → No Operation:                ${m('baseline').toFixed(0)} ms  (1.0x)`);
	console.log(`  ... → HubSpot upsert, Map Automatically:           ${m('automatic').toFixed(0)} ms  (${(m('automatic') / m('baseline')).toFixed(1)}x baseline)`);
	console.log(`  ... → HubSpot upsert, 3 expressions per item:      ${m('expressions').toFixed(0)} ms  (${(m('expressions') / m('baseline')).toFixed(1)}x baseline)`);
	console.log(`  per-item expressions cost ${(m('expressions') / m('automatic')).toFixed(1)}x the automatic mapping`);
	await cleanupAll();
}

main().catch(async (error: Error) => {
	console.error(`[bench:n8n] ${error?.stack ?? String(error)}`);
	await cleanupAll();
	process.exit(1);
});
