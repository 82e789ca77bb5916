/**
 * The CRM Contact Trigger (polling) active in a real n8n, against HubSpot contacts: n8n persists its cursor
 * between polls, each contact created after activation starts exactly one execution across polls, and a
 * contact that HubSpot search shows only after the poll that should have seen it (the sandbox's
 * `searchLagMs`) is still emitted, once, by the next poll.
 *
 * How it stays fast and deterministic: n8n 2.41 refuses poll times under a minute ("The polling interval
 * is too short. It has to be at least a minute": a 6-field cron with anything but a fixed second), and
 * runs one poll at activation. The workflow polls on the custom cron `* * * * *` (every minute at second
 * 0), and the scenario tells polls apart by the search requests they send. The trigger reads its own
 * private sandbox, started by this scenario before n8n: the minute polls then never add requests,
 * executions or contacts to what other scenarios count, and the search lag set here touches no one else.
 * The workflow is unpublished at the end, so no poll reaches the private sandbox once it is gone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import { chainWorkflow, credentialRef, stableId } from '../lib/workflow';

const NAME = 'contact-trigger';
const RUN = Date.now().toString(36);
const NODE = 'CRM Contact Trigger';
const TOKEN = 'sandbox-hubspot-token';
const SEARCH = '/crm/v3/objects/contacts/search';
const WORKFLOW_ID = stableId(`${NAME}/hubspot-polling`);

let own: Sandbox | undefined;

/** The trigger's private sandbox; a contact from before activation, which must never come out. */
async function privateSandbox(): Promise<Sandbox> {
	if (!own) {
		own = await startSandbox({ apollo: { defaultSeed: false } });
		own.hubspot.seedContacts([{ email: `before-${RUN}@poll.example`, lastmodifieddate: Date.now() - 1_000 }]);
	}
	return own;
}

const credential = async (): Promise<CredentialImport> => ({
	id: stableId(`${NAME}/credential`),
	name: '[e2e] HubSpot private sandbox (contact trigger)',
	type: 'crmHubSpotAppTokenApi',
	data: { accessToken: TOKEN, baseUrl: `${(await privateSandbox()).url}/hubspot` },
});

function searches(sandbox: Sandbox): number {
	return sandbox.requests.list({ platform: 'hubspot', path: SEARCH }).length;
}

/** Waits for the trigger's next poll: a search request beyond the `seen` already logged. */
async function nextPoll(sandbox: Sandbox, seen: number, timeoutMs = 80_000): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const now = searches(sandbox);
		if (now > seen) return now;
		await sleep(200);
	}
	throw new Error(`no poll within ${timeoutMs / 1000} s (searches stayed at ${seen})`);
}

async function createContact(sandbox: Sandbox, email: string): Promise<string> {
	const response = await fetch(`${sandbox.url}/hubspot/crm/v3/objects/contacts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify({ properties: { email, firstname: 'Poll' } }),
	});
	if (response.status !== 201) throw new Error(`contact create answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { id: string }).id;
}

/** The emails of each execution the workflow started after `afterId`, oldest first, once settled. */
async function emittedSince(ctx: ScenarioContext, afterId: number, expected: number): Promise<string[][]> {
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if ((await ctx.executions.executionDetails({ workflowId: WORKFLOW_ID, afterId })).length >= expected) break;
		await sleep(250);
	}
	await sleep(500);
	await ctx.executions.waitForSettled(WORKFLOW_ID);
	const details = await ctx.executions.executionDetails({ workflowId: WORKFLOW_ID, afterId });
	for (const d of details) ctx.assert.equal(d.status, 'success', `execution ${d.id} status`);
	return details.map((d) =>
		((d.outputs[NODE] ?? []) as Array<Record<string, unknown>>).map((item) => String(item.email)),
	);
}

const scenario: Scenario = {
	name: NAME,
	description:
		'active polling trigger on HubSpot: contacts created after activation, each in exactly one execution across minute polls, one of them visible to search only after a poll',
	credentials: async () => [await credential()],
	workflows: async (ctx: SetupContext) => {
		const cred = await credential();
		return [
			chainWorkflow({
				id: WORKFLOW_ID,
				name: '[e2e] contact-trigger: HubSpot polling',
				nodes: [
					{
						name: NODE,
						type: `${ctx.packageName}.crmContactTrigger`,
						typeVersion: 1,
						parameters: {
							pollTimes: { item: [{ mode: 'custom', cronExpression: '* * * * *' }] },
							platform: 'hubspot',
							hubspotAuthentication: 'appToken',
							event: 'changed',
							// Longer than the search lag below, and than a minute, so each poll re-reads the last one's window.
							options: { lagSeconds: 90 },
						},
						credentials: credentialRef(cred),
					},
				],
			}),
		];
	},
	async run(ctx) {
		const { assert } = ctx;
		const sandbox = await privateSandbox();
		try {
			await ctx.check(
				'contacts created after activation start one execution each across polls; a change search shows late comes on the next poll, once',
				async () => {
					const start = await ctx.executions.lastExecutionId();
					// Poll 1: the cursor n8n kept since activation; contacts are created right after it.
					let polls = await nextPoll(sandbox, searches(sandbox));
					const first = Date.now();
					const a = `a-${RUN}@poll.example`;
					const b = `b-${RUN}@poll.example`;
					await createContact(sandbox, a);
					await sleep(20);
					await createContact(sandbox, b);
					// ~10 s before poll 2: a change that search will show only 30 s later.
					await sleep(Math.max(0, first + 48_000 - Date.now()));
					sandbox.configure({ hubspot: { searchLagMs: 30_000 } });
					const late = `late-${RUN}@poll.example`;
					await createContact(sandbox, late);

					polls = await nextPoll(sandbox, polls);
					const afterPoll2 = await emittedSince(ctx, start, 1);
					assert.deepEqual(afterPoll2, [[a, b]], 'poll 2: the two visible contacts, oldest first; the late one not yet');
					const mark = (await ctx.executions.executionDetails({ workflowId: WORKFLOW_ID, afterId: start })).at(-1)!.id;

					// Search catches up; poll 3 re-reads poll 2's window (a and b again) and emits only the late one.
					sandbox.configure({ hubspot: { searchLagMs: 0 } });
					await nextPoll(sandbox, polls);
					const afterPoll3 = await emittedSince(ctx, mark, 1);
					assert.deepEqual(afterPoll3, [[late]], 'poll 3: only the contact search showed late');
					const all = (await emittedSince(ctx, start, 2)).flat();
					assert.deepEqual(all, [a, b, late], 'every contact exactly once; none from before activation');
				},
			);
		} finally {
			sandbox.configure({ hubspot: { searchLagMs: 0 } });
			await ctx.n8n.deactivateWorkflow(WORKFLOW_ID).catch((error: unknown) => ctx.info(`deactivate: ${String(error)}`));
		}
	},
};

export default scenario;
