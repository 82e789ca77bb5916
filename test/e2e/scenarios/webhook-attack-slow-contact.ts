/**
 * Attack (issue 6): Fetch Full Contact against a slow HubSpot. The trigger reads the contacts before
 * answering, within 3 seconds so HubSpot's 5-second answer budget holds. Before the fix the budget only
 * stopped waiting: the read went on retrying in the background for minutes. Now the delivery is answered
 * in time with `contactError` on the item, and no read reaches HubSpot after the budget.
 */
import { hubspotV3 } from '../../helpers/signers';
import { sleep } from '../lib/processes';
import type { CredentialImport, Scenario } from '../lib/scenario';
import { expectDelivery, freshSecret, hubspotEvent, TriggerFlows, type TriggerFlow } from '../lib/trigger';
import { stableId } from '../lib/workflow';

const NAME = 'webhook-attack-slow-contact';
const SECRET = freshSecret('hubspot-slow');
const flows = new TriggerFlows(NAME);
/**
 * Every batch read answers 503 after 3.5 s: still in flight when the 3-second budget ends, and an answer
 * the HTTP layer retries, so a read that was not cancelled keeps going in the background.
 */
const LATENCY_MS = 3_500;
/** The 3-second budget plus n8n's own share on a busy 2-core machine; HubSpot gives up at 5 s. */
const ANSWER_WITHIN_MS = 3_800;
const BATCH_READ = '/batch/read$';

const app: CredentialImport = {
	id: stableId(`${NAME}/app`),
	name: '[e2e] HubSpot app (slow contact reads)',
	type: 'crmHubSpotAppApi',
	data: { clientSecret: SECRET },
};

const FLOW = (token: CredentialImport): TriggerFlow => ({
	key: 'hubspot',
	name: '[e2e] attack: HubSpot Fetch Full Contact against a slow API',
	parameters: {
		platform: 'hubspot',
		hubspotEvents: ['contact.creation'],
		fetchContact: true,
		hubspotApiAuthentication: 'appToken',
	},
	credentials: [app, token],
	typeVersion: 1.1,
});

const scenario: Scenario = {
	name: NAME,
	description:
		'Attack: a slow HubSpot must not hold the delivery past 3 s nor keep reading in the background',
	credentials: (ctx) => [
		app,
		{
			id: stableId(`${NAME}/token`),
			name: '[e2e] HubSpot sandbox (slow contact reads)',
			type: 'crmHubSpotAppTokenApi',
			data: { accessToken: ctx.platforms.hubspot.token, baseUrl: ctx.platforms.hubspot.url },
		},
	],
	workflows: (ctx) => {
		const [, token] = scenario.credentials(ctx) as CredentialImport[];
		return [flows.workflow(ctx, FLOW(token))];
	},
	async run(ctx) {
		await ctx.check(
			`with every batch read answering 503 after ${LATENCY_MS / 1000} s: answered within ${ANSWER_WITHIN_MS / 1000} s, the item carries contactError, no read after the budget`,
			async () => {
				const [id] = await ctx.sandbox.seedHubspotContacts([
					{ properties: { email: `slow-${Date.now()}@example.com` } },
				]);
				const fault = (await ctx.sandbox.faults({
					platform: 'hubspot',
					method: 'POST',
					path: BATCH_READ,
					kind: 'status',
					status: 503,
					latencyMs: LATENCY_MS,
					times: 0,
				})) as { id: string };
				try {
					await ctx.sandbox.clearRequests();
					const body = JSON.stringify([hubspotEvent({ objectId: Number(id) })]);
					const headers = hubspotV3(SECRET, { url: flows.url(ctx, 'hubspot'), body, timestamp: Date.now() });
					const sent = Date.now();
					const { response, items } = await expectDelivery(
						ctx,
						flows,
						'hubspot',
						{ body, options: { headers } },
						{ status: 200, executions: 1, items: 1 },
					);
					const answeredAt = sent + response.durationMs;
					ctx.info(`answered after ${response.durationMs} ms`);
					ctx.assert.atMost(response.durationMs, ANSWER_WITHIN_MS, 'answer time (ms)');
					const item = items[0] as { contactError?: unknown };
					ctx.assert.ok(item.contactError, 'the item carries contactError');
					ctx.info(`contactError: ${JSON.stringify(item.contactError)}`);

					// A read sent before the budget ended is logged LATENCY_MS after it arrived: wait for every
					// read a background retry could have sent in the next ~10 s to show up in the log.
					await sleep(Math.max(0, sent + 10_000 + LATENCY_MS + 1_000 - Date.now()));
					const reads = await ctx.sandbox.requests('hubspot', { method: 'POST', path: BATCH_READ });
					const arrivals = reads.map((r) => (r.at ?? 0) - LATENCY_MS - sent);
					ctx.info(
						`batch/read requests arrived at ${arrivals.map((ms) => `+${ms} ms`).join(', ') || 'none'}`,
					);
					ctx.assert.atLeast(reads.length, 1, 'batch/read requests (the trigger did try)');
					const late = arrivals.filter((ms) => sent + ms > answeredAt + 250);
					ctx.assert.deepEqual(
						late,
						[],
						'batch/read requests sent after the delivery was answered (ms after sending)',
					);
				} finally {
					await ctx.sandbox.control('DELETE', `/__sandbox/faults/${fault.id}`);
				}
			},
		);
	},
};

export default scenario;
