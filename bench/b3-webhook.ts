/**
 * B3: signed HubSpot deliveries at concurrency 10 against the CRM Webhook Trigger (platform HubSpot,
 * V3 Only, an app credential holding the client secret) and against n8n's own Webhook node doing no
 * verification, each followed by a No Operation node, both active in one real n8n.
 *
 * Every delivery is a genuine v3-signed HubSpot batch: EVENTS contact.creation events with unique
 * eventIds, signed over method + URL + body + a fresh timestamp just before it is sent. The plain Webhook
 * receives the same kind of bytes and headers and ignores the signature. Both answer on receipt
 * (the trigger's default Respond: Immediately; the Webhook node's responseMode onReceived), so latency is
 * the time n8n takes to accept a delivery and start its execution; executions are saved (n8n's default),
 * which is how each delivery is proven to have started exactly one.
 *
 * After a warm-up per side, N deliveries per side go out in ROUNDS rounds, the sides alternating (A B,
 * B A, ...) so that both share the machine's noise; after each side's round the run waits for that
 * round's executions to finish before the other side starts. Reported per side: deliveries/s while
 * answering (the round's wall time until the last answer), deliveries/s until the last execution
 * finished (from n8n's stoppedAt), p50 and p99 latency, and the ratios trigger/plain.
 *
 * Env: B3_DELIVERIES (per side, default 2000), B3_ROUNDS (default 10), B3_CONCURRENCY (default 10),
 * B3_EVENTS (events per delivery, default 10), B3_WARMUP (per side, default 100).
 */
import { randomBytes } from 'node:crypto';
import { hubspotV3 } from '../test/helpers/signers';
import type { CredentialImport, WorkflowImport } from '../test/e2e/lib/n8n-cli';
import { sleep } from '../test/e2e/lib/processes';
import { chainWorkflow, stableUuid } from '../test/e2e/lib/workflow';
import { startBenchN8n, type BenchN8n } from './n8n-instance';
import { percentile } from './stats';

const LABEL = 'b3';
const DELIVERIES = Number(process.env.B3_DELIVERIES ?? 2_000);
const ROUNDS = Number(process.env.B3_ROUNDS ?? 10);
const CONCURRENCY = Number(process.env.B3_CONCURRENCY ?? 10);
const EVENTS = Number(process.env.B3_EVENTS ?? 10);
const WARMUP = Number(process.env.B3_WARMUP ?? 100);

type Side = 'trigger' | 'plain';
const SIDES: Side[] = ['trigger', 'plain'];

const TRIGGER_ID = 'benchB3Trigger01';
const PLAIN_ID = 'benchB3PlainHook';
const TRIGGER_WEBHOOK_ID = stableUuid(`${TRIGGER_ID}/trigger`);
const PATHS: Record<Side, string> = { trigger: `${TRIGGER_WEBHOOK_ID}/webhook`, plain: 'bench-b3-plain' };
const WORKFLOW_IDS: Record<Side, string> = { trigger: TRIGGER_ID, plain: PLAIN_ID };
/** Where each side's execution data holds the delivery's events. */
const FIRST_NODE: Record<Side, string> = { trigger: 'CRM Webhook Trigger', plain: 'Webhook' };

// Fresh per run: a benchmark must not carry a reusable secret.
const SECRET = `bench-b3-${randomBytes(12).toString('hex')}`;
const CREDENTIAL: CredentialImport = {
	id: 'benchB3HubSpotAp',
	name: 'HubSpot app (bench B3)',
	type: 'crmHubSpotAppApi',
	data: { clientSecret: SECRET },
};

const noOp = { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

function workflows(): WorkflowImport[] {
	const trigger = chainWorkflow({
		id: TRIGGER_ID,
		name: '[bench B3] CRM Webhook Trigger (HubSpot v3) → No Operation',
		nodes: [
			{
				name: FIRST_NODE.trigger,
				type: 'n8n-nodes-crm-bridge.crmWebhookTrigger',
				typeVersion: 1.1,
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: {
					platform: 'hubspot',
					signatureVersion: 'v3',
					hubspotEvents: ['contact.creation'],
					responseMode: 'onReceived',
				},
				credentials: { crmHubSpotAppApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
			noOp,
		],
	});
	const plain = chainWorkflow({
		id: PLAIN_ID,
		name: '[bench B3] Webhook (no verification) → No Operation',
		nodes: [
			{
				name: FIRST_NODE.plain,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: stableUuid(`${PLAIN_ID}/webhook`),
				parameters: { httpMethod: 'POST', path: PATHS.plain, responseMode: 'onReceived', options: {} },
			},
			noOp,
		],
	});
	return [trigger, plain];
}

let eventSeq = 0;
const EVENT_BASE = Date.now() * 1_000;

/** One HubSpot delivery: a JSON array of contact.creation events, each with its own eventId. */
function delivery(): { body: string; firstEventId: number } {
	const events = Array.from({ length: EVENTS }, () => {
		eventSeq += 1;
		return {
			eventId: EVENT_BASE + eventSeq,
			subscriptionId: 4242,
			portalId: 62515,
			appId: 424242,
			occurredAt: Date.now() - 1_000,
			subscriptionType: 'contact.creation',
			attemptNumber: 0,
			objectId: 1_000_000 + eventSeq,
			changeSource: 'CRM',
		};
	});
	return { body: JSON.stringify(events), firstEventId: events[0].eventId };
}

interface Sent {
	status: number;
	ms: number;
	firstEventId: number;
	answer: string;
}

async function send(url: string): Promise<Sent> {
	const { body, firstEventId } = delivery();
	const headers = hubspotV3(SECRET, { url, body, timestamp: Date.now() });
	const start = performance.now();
	try {
		const res = await fetch(url, { method: 'POST', headers, body });
		const answer = await res.text();
		return { status: res.status, ms: performance.now() - start, firstEventId, answer };
	} catch (error) {
		return { status: 0, ms: performance.now() - start, firstEventId, answer: String(error) };
	}
}

/** `count` deliveries with `concurrency` in flight at any time. */
async function burst(url: string, count: number, concurrency: number): Promise<Sent[]> {
	const sent: Sent[] = [];
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next += 1;
			sent.push(await send(url));
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return sent;
}

interface Progress {
	count: number;
	open: number;
	lastStop: string | null;
}

/** n8n's own record of a workflow's executions after `afterId`. */
async function progress(n8n: BenchN8n, workflowId: string, afterId: number): Promise<Progress> {
	const [row] = await n8n.db.all<Progress>(
		`SELECT COUNT(*) AS count, SUM(CASE WHEN status IN ('new', 'running') OR stoppedAt IS NULL THEN 1 ELSE 0 END) AS open, MAX(stoppedAt) AS lastStop
		 FROM execution_entity WHERE workflowId = ? AND id > ?`,
		[workflowId, afterId],
	);
	return { count: row?.count ?? 0, open: row?.open ?? 0, lastStop: row?.lastStop ?? null };
}

/** n8n's sqlite dates are UTC without a zone ('2026-11-30 00:12:34.567'). */
function parseDbDate(value: string): number {
	return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** Waits until the workflow has `expected` executions after `afterId`, all finished. */
async function settle(
	n8n: BenchN8n,
	workflowId: string,
	afterId: number,
	expected: number,
	timeoutMs = 120_000,
): Promise<Progress> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const now = await progress(n8n, workflowId, afterId);
		if ((now.count >= expected && now.open === 0) || Date.now() > deadline) return now;
		await sleep(50);
	}
}

interface RoundResult {
	sent: Sent[];
	/** First request until the last answer. */
	answerMs: number;
	/** First request until the last execution of the round stopped (n8n's stoppedAt). */
	doneMs: number;
	executions: number;
}

async function round(n8n: BenchN8n, side: Side, count: number): Promise<RoundResult> {
	const url = `${n8n.server.url}/webhook/${PATHS[side]}`;
	const before = await n8n.executions.lastExecutionId();
	const startedAt = Date.now();
	const start = performance.now();
	const sent = await burst(url, count, CONCURRENCY);
	const answerMs = performance.now() - start;
	const done = await settle(n8n, WORKFLOW_IDS[side], before, count);
	const doneMs = done.lastStop ? Math.max(parseDbDate(done.lastStop) - startedAt, answerMs) : NaN;
	return { sent, answerMs, doneMs, executions: done.count };
}

export interface SideResult {
	deliveries: number;
	ok: number;
	failures: string[];
	answerMs: number;
	doneMs: number;
	perSecond: number;
	perSecondDone: number;
	p50: number;
	p99: number;
	executions: number;
	/** Deliveries whose first event is in exactly one execution (the run's proof of one execution each). */
	matchedOnce: number;
	failedExecutions: number;
}

export interface B3Result {
	n8nVersion: string;
	deliveries: number;
	rounds: number;
	concurrency: number;
	events: number;
	warmup: number;
	sides: Record<Side, SideResult>;
	/** Size of the trigger workflow's static data at the end (its event and signature memory), in bytes. */
	triggerStaticDataBytes: number;
}

/** The first event id of each delivery an execution received, read from its saved data. */
function firstEventIds(side: Side, outputs: Record<string, unknown[]>): number[] {
	const items = (outputs[FIRST_NODE[side]] ?? []) as Array<Record<string, unknown>>;
	if (side === 'trigger') return items.length > 0 ? [Number(items[0].eventId)] : [];
	const body = items[0]?.body as Array<{ eventId?: number }> | undefined;
	return Array.isArray(body) && body.length > 0 ? [Number(body[0].eventId)] : [];
}

async function verify(
	n8n: BenchN8n,
	side: Side,
	afterId: number,
	sent: Sent[],
): Promise<{ matchedOnce: number; failed: number }> {
	const details = await n8n.executions.executionDetails({ workflowId: WORKFLOW_IDS[side], afterId });
	const seen = new Map<number, number>();
	for (const execution of details)
		for (const id of firstEventIds(side, execution.outputs)) seen.set(id, (seen.get(id) ?? 0) + 1);
	return {
		matchedOnce: sent.filter((s) => seen.get(s.firstEventId) === 1).length,
		failed: details.filter((d) => d.status !== 'success').length,
	};
}

export async function runB3(): Promise<B3Result> {
	const n8n = await startBenchN8n({ label: LABEL, credentials: [CREDENTIAL], workflows: workflows() });
	try {
		for (const side of SIDES) {
			const before = await n8n.executions.lastExecutionId();
			// Production webhooks can answer 404 for a moment after activation: wait for the first 200.
			for (let tries = 0; ; tries++) {
				const first = await send(`${n8n.server.url}/webhook/${PATHS[side]}`);
				if (first.status === 200) break;
				if (tries > 60)
					throw new Error(`${side}: answered ${first.status} ${first.answer}\n${n8n.server.logTail(30)}`);
				await sleep(500);
			}
			await burst(`${n8n.server.url}/webhook/${PATHS[side]}`, WARMUP, CONCURRENCY);
			await settle(n8n, WORKFLOW_IDS[side], before, WARMUP + 1);
			console.log(`[${LABEL}] ${side}: warmed up`);
		}
		const start = Object.fromEntries(
			await Promise.all(SIDES.map(async (s) => [s, await n8n.executions.lastExecutionId()] as const)),
		) as Record<Side, number>;
		const rounds: Record<Side, RoundResult[]> = { trigger: [], plain: [] };
		const perRound = Math.ceil(DELIVERIES / ROUNDS);
		for (let r = 0; r < ROUNDS; r++) {
			const count = Math.min(perRound, DELIVERIES - r * perRound);
			if (count <= 0) break;
			for (const side of r % 2 === 0 ? SIDES : [...SIDES].reverse()) {
				const result = await round(n8n, side, count);
				rounds[side].push(result);
				const bad = result.sent.filter((s) => s.status !== 200).length;
				console.log(
					`[${LABEL}] round ${r + 1}/${ROUNDS} ${side.padEnd(7)} ${count} deliveries: answered in ${result.answerMs.toFixed(0)} ms, done in ${result.doneMs.toFixed(0)} ms, ${result.executions} executions, ${bad} not 200`,
				);
			}
		}
		const sides = {} as Record<Side, SideResult>;
		for (const side of SIDES) {
			const all = rounds[side].flatMap((r) => r.sent);
			const answerMs = rounds[side].reduce((t, r) => t + r.answerMs, 0);
			const doneMs = rounds[side].reduce((t, r) => t + r.doneMs, 0);
			const latencies = all.map((s) => s.ms);
			const checked = await verify(n8n, side, start[side], all);
			const failures = all
				.filter((s) => s.status !== 200)
				.map((s) => `${s.status} ${s.answer.slice(0, 120)}`);
			sides[side] = {
				deliveries: all.length,
				ok: all.length - failures.length,
				failures: [...new Set(failures)].slice(0, 5),
				answerMs,
				doneMs,
				perSecond: (all.length / answerMs) * 1_000,
				perSecondDone: (all.length / doneMs) * 1_000,
				p50: percentile(latencies, 50),
				p99: percentile(latencies, 99),
				executions: rounds[side].reduce((t, r) => t + r.executions, 0),
				matchedOnce: checked.matchedOnce,
				failedExecutions: checked.failed,
			};
		}
		const staticData = await n8n.executions.workflowStaticData(TRIGGER_ID);
		return {
			triggerStaticDataBytes: Buffer.byteLength(staticData, 'utf8'),
			n8nVersion: n8n.install.version,
			deliveries: DELIVERIES,
			rounds: ROUNDS,
			concurrency: CONCURRENCY,
			events: EVENTS,
			warmup: WARMUP,
			sides,
		};
	} finally {
		await n8n.stop();
	}
}

export function printB3(result: B3Result): boolean {
	const { trigger, plain } = result.sides;
	console.log(
		`B3 signed HubSpot deliveries (${result.events} events each) at concurrency ${result.concurrency}, n8n ${result.n8nVersion}: ` +
			`${result.deliveries} per side in ${result.rounds} alternating rounds after ${result.warmup} warm-up`,
	);
	const line = (name: string, s: SideResult) =>
		console.log(
			`  ${name}: ${s.perSecond.toFixed(1)} deliveries/s answered (${s.perSecondDone.toFixed(1)}/s until the last execution finished), ` +
				`p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; ${s.ok}/${s.deliveries} answered 200, ${s.executions} executions, ` +
				`${s.matchedOnce} deliveries in exactly one execution, ${s.failedExecutions} executions not successful`,
		);
	line('CRM Webhook Trigger (v3 verified)', trigger);
	line('Webhook node (no verification)  ', plain);
	for (const [name, s] of [
		['trigger', trigger],
		['plain', plain],
	] as const)
		if (s.failures.length) console.log(`  ${name} failures: ${s.failures.join(' | ')}`);
	console.log(
		`  the trigger's static data (event and signature memory, saved by n8n after each execution): ${(result.triggerStaticDataBytes / 1024).toFixed(1)} KiB at the end`,
	);
	console.log(
		`  ratio trigger/plain: throughput ${(trigger.perSecond / plain.perSecond).toFixed(2)}x (until done ${(trigger.perSecondDone / plain.perSecondDone).toFixed(2)}x), ` +
			`p50 ${(trigger.p50 / plain.p50).toFixed(2)}x, p99 ${(trigger.p99 / plain.p99).toFixed(2)}x`,
	);
	return SIDES.every((side) => {
		const s = result.sides[side];
		return (
			s.ok === s.deliveries &&
			s.executions === s.deliveries &&
			s.matchedOnce === s.deliveries &&
			s.failedExecutions === 0
		);
	});
}
