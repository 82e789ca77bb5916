/**
 * B4: peak memory of the n8n process while the HubSpot CRM node pulls 100,000 contacts with Return All.
 *
 * One workflow, Webhook → HubSpot CRM (Contact → Get Many, Return All) → Summarize (count of ids), so
 * the webhook's answer is one small item however many contacts went through. The sandbox keeps HubSpot's
 * documented private-app window (100 requests per 10 s): 1,000 pages of 100 take at least 99 s.
 *
 * Each size runs in a fresh n8n process (a V8 heap grown by an earlier pull would hide part of the next
 * one): a small warm-up pull (Limit 100, same node, so its code and the credential are loaded), then the
 * idle baseline (median RSS over 3 s), then the pull while RSS of n8n and its descendants (the task
 * runner) is sampled every 50 ms from /proc. Reported: peak RSS of the main process (where a workflow
 * without a Code node runs; the runner idles, and its own RSS moves on its own) above the idle baseline, per 1,000
 * contacts, and against the same pull at 10,000 contacts (the baseline: if memory per contact stays the
 * same at 10x the contacts, what dominates grows with the items, not with the paging).
 *
 * Executions are not saved (saveDataSuccessExecution: none), so the figure is the pull, not n8n
 * serializing 100,000 items into its database afterwards.
 *
 * Env: B4_CONTACTS (default 100000), B4_BASELINE_CONTACTS (default 10000).
 */
import { request } from 'node:http';
import type { CredentialImport, WorkflowImport } from '../test/e2e/lib/n8n-cli';
import { sleep } from '../test/e2e/lib/processes';
import { stableUuid } from '../test/e2e/lib/workflow';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { startBenchN8n, type BenchN8n } from './n8n-instance';
import { medianOf, mib, peakOf, startSampler, type MemorySample } from './proc-memory';

const LABEL = 'b4';
const TOKEN = 'sandbox-hubspot-token';
const CREDENTIAL = { id: 'benchB4HubSpot00', name: 'HubSpot sandbox (bench B4)' };
const WINDOW = { max: 100, intervalMs: 10_000 };
const IDLE_MS = 3_000;

function say(line: string): void {
	console.log(`[${LABEL}] ${line}`);
}

function pullWorkflow(
	id: string,
	path: string,
	pull: { returnAll: boolean; limit?: number },
): WorkflowImport {
	return {
		id,
		name: `[bench B4] ${path}`,
		nodes: [
			{
				id: stableUuid(`${id}/Webhook`),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: stableUuid(`${id}/webhook`),
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				id: stableUuid(`${id}/HubSpot CRM`),
				name: 'HubSpot CRM',
				type: 'n8n-nodes-crm-bridge.hubSpotCrm',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					authentication: 'appToken',
					resource: 'contact',
					operation: 'getAll',
					...pull,
					options: {},
				},
				credentials: { crmHubSpotAppTokenApi: CREDENTIAL },
			},
			{
				id: stableUuid(`${id}/Summarize`),
				name: 'Summarize',
				type: 'n8n-nodes-base.summarize',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { fieldsToSummarize: { values: [{ aggregation: 'count', field: 'id' }] }, options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'HubSpot CRM', type: 'main', index: 0 }]] },
			'HubSpot CRM': { main: [[{ node: 'Summarize', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveManualExecutions: false },
		active: false,
	};
}

const HTTP_CREDENTIAL = { id: 'benchB4HttpHeadr', name: 'HubSpot token header (bench B4)' };
const HTTP_ID = 'benchB4HttpPages';

/**
 * The second baseline, n8n's own way without this package: HTTP Request paginating the same list endpoint
 * (the `after` cursor from each answer, complete when an answer has no `paging`), one request per 110 ms
 * so it stays under the 100-per-10-s window without a pacer, then Split Out into one item per contact.
 */
function httpWorkflow(sandboxUrl: string): WorkflowImport {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: Record<string, unknown>,
		extra = {},
	) => ({
		id: stableUuid(`${HTTP_ID}/${name}`),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	return {
		id: HTTP_ID,
		name: '[bench B4] HTTP Request pages → Split Out → Summarize',
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				0,
				{
					httpMethod: 'POST',
					path: 'bench-b4-http',
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
				{ webhookId: stableUuid(`${HTTP_ID}/webhook`) },
			),
			node(
				'HTTP Request',
				'n8n-nodes-base.httpRequest',
				4.2,
				220,
				{
					method: 'GET',
					url: `${sandboxUrl}/hubspot/crm/v3/objects/contacts`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					sendQuery: true,
					specifyQuery: 'keypair',
					queryParameters: {
						parameters: [
							{ name: 'limit', value: '100' },
							{
								name: 'properties',
								value:
									'email,firstname,lastname,company,jobtitle,phone,hs_linkedin_url,website,city,state,country',
							},
						],
					},
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [
										{ type: 'qs', name: 'after', value: '={{ $response.body.paging.next.after }}' },
									],
								},
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.paging }}',
								requestInterval: 110,
							},
						},
					},
				},
				{ credentials: { httpHeaderAuth: HTTP_CREDENTIAL } },
			),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 440, {
				fieldToSplitOut: 'results',
				include: 'noOtherFields',
				options: {},
			}),
			node('Summarize', 'n8n-nodes-base.summarize', 1.1, 660, {
				fieldsToSummarize: { values: [{ aggregation: 'count', field: 'id' }] },
				options: {},
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
			'HTTP Request': { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Summarize', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveManualExecutions: false },
		active: false,
	};
}

function workflows(sandboxUrl: string): WorkflowImport[] {
	return [
		pullWorkflow('benchB4PullAll01', 'bench-b4-all', { returnAll: true }),
		pullWorkflow('benchB4WarmUp001', 'bench-b4-warm', { returnAll: false, limit: 100 }),
		httpWorkflow(sandboxUrl),
	];
}

export interface Pull {
	label: string;
	/** Webhook path of the workflow that pulls. */
	path: string;
	contacts: number;
}

const NODE_LABEL = 'HubSpot CRM Get Many';
const HTTP_LABEL = 'HTTP Request pages + Split Out';

/** POST with no client timeout: the 100,000-contact pull answers after minutes (fetch gives up at 300 s). */
function post(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
			let body = '';
			res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end('{}');
	});
}

function seed(sandbox: Sandbox, n: number): void {
	sandbox.reset();
	const cities = ['Berlin', 'Boston', 'Lyon', 'Austin', 'Leeds', 'Porto', 'Osaka', 'Denver'];
	sandbox.hubspot.seedContacts(
		Array.from({ length: n }, (_, i) => ({
			properties: {
				email: `person.${i}@company-${i % 997}.example`,
				firstname: `First${i}`,
				lastname: `Last${i}`,
				company: `Company ${i % 997} GmbH`,
				jobtitle: i % 3 === 0 ? 'Head of Purchasing' : 'Sales Manager',
				phone: `+49 30 ${String(1_000_000 + i).slice(-7)}`,
				website: `company-${i % 997}.example`,
				hs_linkedin_url: `https://www.linkedin.com/in/person-${i}`,
				city: cities[i % cities.length],
				country: 'Germany',
			},
		})),
	);
}

export interface PullRun {
	label: string;
	contacts: number;
	counted: number;
	ms: number;
	requests: number;
	rateLimited: number;
	idle: { main: number; tree: number };
	peak: { main: number; tree: number };
	/** Peak above the idle baseline. */
	above: { main: number; tree: number };
	processes: number;
	samples: number;
	/** Longest gap between two samples (the sampler shares the driver's event loop with the sandbox). */
	maxGapMs: number;
}

async function pull(n8n: BenchN8n, sandbox: Sandbox, { label, path, contacts }: Pull): Promise<PullRun> {
	seed(sandbox, contacts);
	// Production webhooks can answer 404 for a moment after activation: retry until registered.
	for (let tries = 0; ; tries++) {
		const warm = await post(`${n8n.server.url}/webhook/bench-b4-warm`);
		if (warm.status === 200) break;
		if (warm.status !== 404 || tries > 60)
			throw new Error(`warm-up answered ${warm.status}: ${warm.body.slice(0, 300)}`);
		await sleep(500);
	}
	await sleep(1_000);
	const idleSampler = startSampler(n8n.pid);
	await sleep(IDLE_MS);
	const idleSamples = idleSampler.stop();
	const idle = { main: medianOf(idleSamples, 'main'), tree: medianOf(idleSamples, 'tree') };

	sandbox.requests.clear();
	const sampler = startSampler(n8n.pid);
	const start = performance.now();
	const answer = await post(`${n8n.server.url}/webhook/${path}`);
	const ms = performance.now() - start;
	const samples: MemorySample[] = sampler.stop();
	if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${answer.body.slice(0, 500)}`);
	const counted = Number((JSON.parse(answer.body) as { count_id?: number }).count_id);
	const hubspot = sandbox.requests.list({ platform: 'hubspot' });
	const peak = { main: peakOf(samples, 'main'), tree: peakOf(samples, 'tree') };
	let maxGapMs = 0;
	for (let i = 1; i < samples.length; i++) maxGapMs = Math.max(maxGapMs, samples[i].at - samples[i - 1].at);
	return {
		label,
		contacts,
		counted,
		ms,
		requests: hubspot.length,
		rateLimited: hubspot.filter((r) => r.status === 429).length,
		idle,
		peak,
		above: { main: peak.main - idle.main, tree: peak.tree - idle.tree },
		processes: Math.max(...samples.map((s) => s.processes)),
		samples: samples.length,
		maxGapMs,
	};
}

export interface B4Result {
	n8nVersion: string;
	runs: PullRun[];
}

/** The node at the baseline size, the node at the full size, then (unless B4_HTTP=0) HTTP Request at the full size. */
export function defaultPulls(): Pull[] {
	const full = Number(process.env.B4_CONTACTS ?? 100_000);
	const pulls: Pull[] = [
		{ label: NODE_LABEL, path: 'bench-b4-all', contacts: Number(process.env.B4_BASELINE_CONTACTS ?? 10_000) },
		{ label: NODE_LABEL, path: 'bench-b4-all', contacts: full },
	];
	if (process.env.B4_HTTP !== '0') pulls.push({ label: HTTP_LABEL, path: 'bench-b4-http', contacts: full });
	return pulls;
}

export async function runB4(pulls = defaultPulls()): Promise<B4Result> {
	const sandbox = await startSandbox({ hubspot: { rateLimit: WINDOW } });
	let n8n: BenchN8n | undefined;
	try {
		const credentials: CredentialImport[] = [
			{
				...CREDENTIAL,
				type: 'crmHubSpotAppTokenApi',
				data: { accessToken: TOKEN, baseUrl: `${sandbox.url}/hubspot` },
			},
			{
				...HTTP_CREDENTIAL,
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${TOKEN}` },
			},
		];
		n8n = await startBenchN8n({ label: LABEL, credentials, workflows: workflows(sandbox.url) });
		const runs: PullRun[] = [];
		for (const [i, one] of pulls.entries()) {
			if (i > 0) n8n = await n8n.restart();
			say(
				`${one.label}: pulling ${one.contacts} contacts (sandbox window ${WINDOW.max}/${WINDOW.intervalMs / 1000} s)...`,
			);
			const run = await pull(n8n, sandbox, one);
			say(
				`  ${run.counted} counted in ${(run.ms / 1000).toFixed(1)} s, peak RSS +${mib(run.above.main)} MiB above idle (n8n's main process)`,
			);
			runs.push(run);
		}
		return { n8nVersion: n8n.install.version, runs };
	} finally {
		await n8n?.stop();
		await sandbox.close();
	}
}

export function printB4(result: B4Result): boolean {
	const perK = (run: PullRun, bytes: number) => `${mib((bytes / run.contacts) * 1_000)} MiB`;
	console.log(
		`B4 peak RSS of n8n ${result.n8nVersion} pulling contacts with Return All (→ Summarize; sandbox ${WINDOW.max} requests/${WINDOW.intervalMs / 1000} s)`,
	);
	for (const run of result.runs) {
		console.log(
			`  ${run.label}, ${run.contacts} contacts: ${run.counted} counted, ${run.requests} requests, ${run.rateLimited} x 429, ${(run.ms / 1000).toFixed(1)} s`,
		);
		console.log(
			`    n8n main process: idle ${mib(run.idle.main)} MiB, peak ${mib(run.peak.main)} MiB; its ${run.processes - 1} children (task runner): idle ${mib(run.idle.tree - run.idle.main)} MiB, peak ${mib(run.peak.tree - run.peak.main)} MiB at the tree's peak`,
		);
		console.log(
			`    peak above idle: ${mib(run.above.main)} MiB in the main process, ${perK(run, run.above.main)} per 1,000 contacts (whole tree ${mib(run.above.tree)} MiB)`,
		);
		console.log(`    ${run.samples} samples, longest gap ${run.maxGapMs} ms`);
	}
	const nodeRuns = result.runs.filter((r) => r.label === NODE_LABEL);
	const [base, big] = [nodeRuns[0], nodeRuns[nodeRuns.length - 1]];
	if (base && big && base !== big) {
		const ratio = big.above.main / base.above.main;
		const perContact = big.above.main / big.contacts / (base.above.main / base.contacts);
		console.log(
			`  node, ${big.contacts} against ${base.contacts}: ${ratio.toFixed(1)}x the memory for ${(big.contacts / base.contacts).toFixed(0)}x the contacts (${perContact.toFixed(2)}x per contact)`,
		);
	}
	const http = result.runs.find((r) => r.label === HTTP_LABEL && r.contacts === big?.contacts);
	if (big && http) {
		console.log(
			`  node against HTTP Request + Split Out at ${big.contacts}: ${(big.above.main / http.above.main).toFixed(2)}x the memory, ${(big.ms / http.ms).toFixed(2)}x the time`,
		);
	}
	// 429s are reported, not judged here (the node retries them; B4 is about memory): every contact must arrive.
	return result.runs.every((r) => r.counted === r.contacts);
}
