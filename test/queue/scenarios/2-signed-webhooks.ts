/**
 * Signed HubSpot webhooks through the webhook processor: 1,000 genuine deliveries (one event each) at
 * concurrency 20, 50 forgeries among them, and 10% of the events redelivered (HubSpot's retry: a new
 * request, new timestamp and signature, attemptNumber + 1) to the webhook processor and to main at the
 * same moment. Main keeps serving production webhooks for that (a load balancer may send a retry to
 * either). Then 30 redeliveries to the processor alone, after the originals' executions ended.
 *
 * Forgeries must be refused and start nothing; every genuine event must start an execution. The trigger
 * remembers event ids in workflow static data, which n8n saves whole when each call ends (last writer wins)
 * plus a per-process copy: a copy reaching a second process at the same moment can start a second
 * execution. That number is measured (events are read back from n8n's execution data) and printed; copies
 * to the same process must start nothing.
 */
import { hubspotV3 } from '../../helpers/signers';
import { freshSecret, TriggerFlows } from '../../e2e/lib/trigger';
import { stableId } from '../../e2e/lib/workflow';
import type { SetupContext } from '../../e2e/lib/scenario';
import type { QueueContext, QueueScenario } from '../lib/context';

const NAME = 'queue-signed-webhooks';
const flows = new TriggerFlows(NAME);
const KEY = 'hubspot';
const SECRET = freshSecret('queue-hubspot');
const DELIVERIES = 1_000;
const CONCURRENCY = 20;
const REDELIVER_EVERY = 10;
const FORGERIES = 50;
const SAME_PROCESS_COPIES = 30;
// Event ids unique to this run, and easy to find again in n8n's execution data.
const BASE = (Date.now() % 1_000_000) * 1_000_000_000 + 7_000_000_000;
const eventId = (i: number) => BASE + i;
const OCCURRED_AT = Date.now();

interface Answer {
	status: number;
	body: string;
}

function signedDelivery(
	ctx: QueueContext,
	i: number,
	attempt: number,
	secret = SECRET,
): { body: string; headers: Record<string, string> } {
	const body = JSON.stringify([
		{
			eventId: eventId(i),
			subscriptionId: 4242,
			portalId: 62515,
			appId: 54321,
			// A redelivery repeats the event as it was (only attemptNumber changes): fixed per event.
			occurredAt: OCCURRED_AT - i,
			subscriptionType: 'contact.creation',
			attemptNumber: attempt,
			objectId: 500_000 + i,
			changeSource: 'CRM',
		},
	]);
	// Signed over the advertised URL (WEBHOOK_URL, the same on every process), wherever the request is sent.
	return {
		body,
		headers: hubspotV3(secret, { url: ctx.webhookUrl(flows.path(KEY)), body, timestamp: Date.now() }),
	};
}

async function send(
	base: string,
	path: string,
	delivery: { body: string; headers: Record<string, string> },
): Promise<Answer> {
	const res = await fetch(`${base}/webhook/${path}`, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
		signal: AbortSignal.timeout(60_000),
	});
	return { status: res.status, body: await res.text() };
}

async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				results[i] = await task(i);
			}
		}),
	);
	return results;
}

/** How many executions each of this run's event ids started, read from n8n's stored execution data. */
async function executionsPerEvent(ctx: QueueContext, workflowId: string): Promise<Map<number, number>> {
	const rows = await ctx.services.sql(
		`SELECT d.data FROM execution_data d JOIN execution_entity e ON e.id = d."executionId" WHERE e."workflowId" = '${workflowId}'`,
	);
	const per = new Map<number, number>();
	const prefix = String(BASE).slice(0, 6);
	for (const row of rows) {
		const ids = new Set(
			(row.match(new RegExp(`\\b${prefix}\\d{${String(BASE).length - 6}}\\b`, 'g')) ?? []).map(Number),
		);
		for (const id of ids) if (id >= BASE && id < BASE + DELIVERIES) per.set(id, (per.get(id) ?? 0) + 1);
	}
	return per;
}

const scenario: QueueScenario = {
	name: NAME,
	description: `${DELIVERIES} signed HubSpot deliveries at concurrency ${CONCURRENCY} through the webhook processor, ${DELIVERIES / REDELIVER_EVERY} redelivered to the processor and main at once`,
	async setup(setup) {
		const credential = {
			id: stableId(`${NAME}/app`),
			name: '[queue] HubSpot app (webhooks)',
			type: 'crmHubSpotAppApi',
			data: { clientSecret: SECRET },
		};
		return {
			credentials: [credential],
			workflows: [
				// TriggerFlows reads only the package name from its set-up context.
				flows.workflow({ packageName: setup.packageName } as SetupContext, {
					key: KEY,
					name: '[queue] CRM Webhook Trigger: HubSpot',
					parameters: {
						platform: 'hubspot',
						hubspotEvents: ['contact.creation'],
						options: { duplicateMemorySize: 5_000 },
					},
					credentials: [credential],
				}),
			],
		};
	},
	async run(ctx) {
		const { assert, cluster } = ctx;
		const workflowId = flows.workflowId(KEY);
		const path = flows.path(KEY);
		const processor = cluster.webhook.url;
		const main = cluster.main.url;
		const forgedAt = new Set(
			Array.from({ length: FORGERIES }, (_, k) => Math.floor(((k + 0.5) * DELIVERIES) / FORGERIES)),
		);
		const started = Date.now();
		const answers = await pool(DELIVERIES, CONCURRENCY, async (i) => {
			const original = await send(processor, path, signedDelivery(ctx, i, 0));
			const forged = forgedAt.has(i)
				? await send(processor, path, signedDelivery(ctx, i, 0, 'not-the-app-secret'))
				: undefined;
			// One redelivery (byte for byte the same request) reaching both processes at the same moment.
			const redelivery = signedDelivery(ctx, i, 1);
			const copies =
				i % REDELIVER_EVERY === 0
					? await Promise.all([send(processor, path, redelivery), send(main, path, redelivery)])
					: [];
			return { original, forged, copies };
		});
		const sendMs = Date.now() - started;
		const counts = await ctx.settled(workflowId, 600_000, DELIVERIES);
		ctx.note(
			`${DELIVERIES} deliveries + ${FORGERIES} forgeries + ${2 * (DELIVERIES / REDELIVER_EVERY)} copies sent in ${(sendMs / 1000).toFixed(1)} s; executions by status ${JSON.stringify(counts)}`,
		);

		await ctx.check(`all ${DELIVERIES} genuine deliveries answered 200`, () => {
			const bad = answers.filter((a) => a.original.status !== 200);
			assert.equal(
				bad.length,
				0,
				`non-200 answers (first: ${bad[0]?.original.status} ${bad[0]?.original.body.slice(0, 200)})`,
			);
		});
		await ctx.check(`all ${FORGERIES} forgeries refused with 401`, () => {
			const forged = answers.flatMap((a) => (a.forged ? [a.forged.status] : []));
			assert.equal(forged.length, FORGERIES, 'forgeries sent');
			assert.deepEqual([...new Set(forged)], [401], 'answers to forgeries');
		});
		await ctx.check(
			'every copy was acknowledged (2xx) or refused as a replay of the other copy (401)',
			() => {
				const copies = answers.flatMap((a) => a.copies);
				const other = copies.filter(
					(c) =>
						!(c.status >= 200 && c.status < 300) &&
						!(c.status === 401 && c.body.includes('replayed request')),
				);
				assert.equal(other.length, 0, `other answers ${JSON.stringify(other.slice(0, 3))}`);
				const replays = copies.filter((c) => c.status === 401).length;
				ctx.note(
					`${copies.length} copies: ${copies.length - replays} answered 2xx, ${replays} refused as a replayed request`,
				);
			},
		);
		const per = await executionsPerEvent(ctx, workflowId);
		await ctx.check(`every genuine event started an execution, none failed, no forgery started one`, () => {
			assert.equal(counts.error ?? 0, 0, 'failed executions');
			assert.equal(counts.crashed ?? 0, 0, 'crashed executions');
			assert.equal(per.size, DELIVERIES, 'distinct events that started an execution');
		});
		const duplicates = [...per.values()].reduce((n, c) => n + c - 1, 0);
		const duplicatedEvents = [...per.values()].filter((c) => c > 1).length;
		const copiesSent = 2 * (DELIVERIES / REDELIVER_EVERY);
		ctx.note(
			`duplicate executions: ${duplicates} from ${copiesSent} redelivered copies (${duplicatedEvents} of ${DELIVERIES / REDELIVER_EVERY} redelivered events ran twice or more; ` +
				`${((100 * duplicates) / (DELIVERIES + copiesSent)).toFixed(1)}% of all genuine requests)`,
		);
		await ctx.check('duplicates come only from redelivered events (an original never ran twice)', () => {
			const strays = [...per.entries()].filter(([id, c]) => c > 1 && (id - BASE) % REDELIVER_EVERY !== 0);
			assert.equal(strays.length, 0, 'events without a copy that ran twice');
		});

		// Same process, after the originals' executions ended: the saved static data and the process copy both know them.
		const sameProcess = Array.from({ length: SAME_PROCESS_COPIES }, (_, k) => k * REDELIVER_EVERY + 1);
		const before = await ctx.executions(workflowId);
		const sameAnswers = await pool(sameProcess.length, 10, (k) =>
			send(processor, path, signedDelivery(ctx, sameProcess[k], 2)),
		);
		// Nothing is expected to start: give a wrongly started execution time to show up.
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const after = await ctx.settled(workflowId, 120_000);
		const started2 =
			Object.values(after).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0);
		ctx.note(`same-process redeliveries: ${started2} of ${SAME_PROCESS_COPIES} started an execution`);
		await ctx.check(
			`${SAME_PROCESS_COPIES} redeliveries to the processor alone: acknowledged, none starts an execution`,
			() => {
				assert.deepEqual([...new Set(sameAnswers.map((a) => a.status))], [200], 'answers');
				assert.equal(started2, 0, 'executions started');
			},
		);
	},
};

export default scenario;
