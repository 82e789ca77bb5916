/**
 * Two workflows upserting 5,000 contacts each at the same time, in queue mode: each execution runs on a
 * worker (two workers, jobs alternate), both write into ONE sandbox HubSpot account limited to 100 requests
 * per 10 s. Proves every contact is written once, no execution fails, and the 429s the account answers
 * (two processes pacing themselves without knowing each other) are retried, never surfaced as errors.
 */
import {
	AUTO_MAP_BY_EMAIL,
	hubspotCrmNode,
	stableId,
	webhookWorkflow,
	type NodeSpec,
} from '../../e2e/lib/workflow';
import type { QueueScenario } from '../lib/context';

const NAME = 'queue-parallel-upserts';
const RUN = Date.now().toString(36);
const PER_WORKFLOW = 5_000;
const KEYS = ['a', 'b'] as const;
const path = (key: string) => `queue-upsert-${key}`;
const workflowId = (key: string) => stableId(`${NAME}/${key}`);
const emailOf = (key: string, i: number) => `q${key}${i}-${RUN}@queue.example`;

const scenario: QueueScenario = {
	name: NAME,
	description: `2 workflows × ${PER_WORKFLOW} contacts upserted at once on 2 workers into one HubSpot account (100 requests/10 s)`,
	async setup(setup) {
		const credential = {
			id: stableId(`${NAME}/hubspot`),
			name: '[queue] HubSpot sandbox',
			type: 'crmHubSpotAppTokenApi',
			data: { accessToken: 'sandbox-hubspot-token', baseUrl: `${setup.sandbox.url}/hubspot` },
		};
		const upsert = hubspotCrmNode(
			{ operation: 'upsert', columns: AUTO_MAP_BY_EMAIL },
			credential,
			setup.packageName,
		);
		const split: NodeSpec = {
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
		};
		return {
			credentials: [credential],
			workflows: KEYS.map((key) =>
				webhookWorkflow({
					id: workflowId(key),
					name: `[queue] upsert ${PER_WORKFLOW} contacts (${key})`,
					path: path(key),
					// Answer at once: the execution is queued for a worker; the check reads its end from the database.
					responseMode: 'onReceived',
					nodes: [split, upsert],
				}),
			),
		};
	},
	async run(ctx) {
		const { assert, sandbox } = ctx;
		const before = sandbox.requests.list({ platform: 'hubspot' }).length;
		const started = Date.now();
		await ctx.check(
			`both workflows accept ${PER_WORKFLOW} contacts each through the webhook processor`,
			async () => {
				const answers = await Promise.all(
					KEYS.map((key) =>
						fetch(ctx.webhookUrl(path(key)), {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({
								contacts: Array.from({ length: PER_WORKFLOW }, (_, i) => ({
									email: emailOf(key, i),
									firstName: `F${i}`,
									lastName: key.toUpperCase(),
									company: 'Queue Inc',
								})),
							}),
						}),
					),
				);
				assert.deepEqual(
					answers.map((a) => a.status),
					[200, 200],
					'webhook answers',
				);
			},
		);
		const counts = await Promise.all(KEYS.map((key) => ctx.settled(workflowId(key), 600_000, 1)));
		const elapsed = Date.now() - started;
		await ctx.check('each workflow ran exactly one execution, and it succeeded', () => {
			assert.deepEqual(counts, [{ success: 1 }, { success: 1 }], 'executions by status');
		});
		await ctx.check('the two executions ran on the two different workers', async () => {
			const ids = await ctx.services.sql(
				`SELECT id FROM execution_entity WHERE "workflowId" IN ('${workflowId('a')}','${workflowId('b')}') ORDER BY id`,
			);
			const ranOn = ids.map((id) =>
				ctx.cluster
					.workers()
					.filter((w) => new RegExp(`execution ${id}\\b|executionId[": ]+${id}\\b|"${id}"`).test(w.log()))
					.map((w) => w.name)
					.join('+'),
			);
			ctx.note(`executions ${ids.join(', ')} ran on ${ranOn.map((w) => w || '?').join(', ')}`);
			assert.equal(new Set(ranOn).size, 2, 'distinct workers');
		});
		const requests = sandbox.requests.list({ platform: 'hubspot' }).slice(before);
		const upserts = requests.filter((r) => r.path.endsWith('/batch/upsert'));
		const limited = requests.filter((r) => r.status === 429).length;
		await ctx.check(
			`every one of the ${KEYS.length * PER_WORKFLOW} contacts was written exactly once`,
			() => {
				const emails = new Map<string, number>();
				for (const c of sandbox.hubspot.contacts()) {
					const email = String(c.properties.email ?? '');
					if (email.endsWith(`-${RUN}@queue.example`)) emails.set(email, (emails.get(email) ?? 0) + 1);
				}
				assert.equal(emails.size, KEYS.length * PER_WORKFLOW, 'distinct contacts in HubSpot');
				assert.equal([...emails.values()].filter((n) => n > 1).length, 0, 'duplicated contacts');
				const written = upserts
					.filter((r) => r.status >= 200 && r.status < 300)
					.reduce((n, r) => n + (r.inputs ?? 0), 0);
				assert.equal(
					written,
					KEYS.length * PER_WORKFLOW,
					'inputs of successful batch/upsert requests (none resent after success)',
				);
			},
		);
		ctx.note(
			`${requests.length} HubSpot requests (${upserts.length} batch/upsert), ${limited} answered 429, ` +
				`${(elapsed / 1000).toFixed(1)} s for ${KEYS.length * PER_WORKFLOW} contacts`,
		);
	},
};

export default scenario;
