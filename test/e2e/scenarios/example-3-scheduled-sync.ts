/**
 * examples/3-scheduled-hubspot-apollo-sync.json run by its own Schedule Trigger. Two changes to the loaded copy,
 * and only these: the schedule fires every 5 seconds instead of every 15 minutes (n8n would otherwise run it
 * once in the whole test run), and its HubSpot and Apollo credentials point at a private sandbox. A two-way sync
 * reads and writes whole accounts: on the shared sandbox it would copy every other scenario's contacts across
 * and they would find contacts they never made (crm-sync.ts does the same for the same reason). The encryption
 * key credential is the demo one, as in the file.
 *
 * The failure branch is driven by the sandbox's faults API: Apollo answers the contacts bulk_create 422 once,
 * the run must end as a failed execution whose error is the report naming the contact and the reason, and the
 * next run writes the contact and reports nothing.
 */
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { exampleCredentials, exampleNode, loadExample } from '../lib/examples';
import type { ExecutionDetails } from '../lib/executions';
import type { CredentialImport, WorkflowImport } from '../lib/n8n-cli';
import { sleep } from '../lib/processes';
import type { Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import { credentialRef, stableId } from '../lib/workflow';

const NAME = 'example-3-scheduled-sync';
const FILE = '3-scheduled-hubspot-apollo-sync.json';
const SYNC = 'Sync HubSpot ↔ Apollo';
const REPORT = 'Failure Report';
const ALERT = 'Report as Failed Execution';
const RUN = Date.now().toString(36);
const EVERY_SECONDS = 5;

type Json = Record<string, any>;

let own: Sandbox | undefined;
async function privateSandbox(): Promise<Sandbox> {
	own ??= await startSandbox({ apollo: { defaultSeed: false } });
	return own;
}

async function privateCredentials(): Promise<CredentialImport[]> {
	const sandbox = await privateSandbox();
	return [
		{
			id: stableId(`${NAME}/hubspot`),
			name: '[e2e] HubSpot private sandbox (example 3)',
			type: 'crmHubSpotAppTokenApi',
			data: { accessToken: 'sandbox-hubspot-token', baseUrl: `${sandbox.url}/hubspot` },
		},
		{
			id: stableId(`${NAME}/apollo`),
			name: '[e2e] Apollo private sandbox (example 3)',
			type: 'crmApolloApi',
			data: { apiKey: 'sandbox-apollo-key', baseUrl: `${sandbox.url}/apollo/api/v1` },
		},
	];
}

/** The example as the test runs it: a 5-second schedule, HubSpot and Apollo on the private sandbox. */
async function testedCopy(): Promise<WorkflowImport> {
	const workflow = loadExample(FILE);
	exampleNode(workflow, 'Every 15 Minutes').parameters.rule = {
		interval: [{ field: 'seconds', secondsInterval: EVERY_SECONDS }],
	};
	const sync = exampleNode(workflow, SYNC);
	const [hubspot, apollo] = await privateCredentials();
	sync.credentials = { ...sync.credentials, ...credentialRef(hubspot), ...credentialRef(apollo) };
	return workflow;
}

const workflowId = () => loadExample(FILE).id;

/** The scheduled runs that started after execution `after` and have ended, oldest first. */
async function runsSince(ctx: ScenarioContext, after: number): Promise<ExecutionDetails[]> {
	const runs = await ctx.executions.executionDetails({ workflowId: workflowId(), afterId: after });
	return runs.filter((r) => !['new', 'running', 'waiting'].includes(r.status));
}

/**
 * Polls until `done` holds (the sandbox's state, or a run's outcome), then lets the run under way end: the
 * schedule keeps firing, and a run that was already reading when the data changed may not have seen it.
 */
async function until(
	ctx: ScenarioContext,
	what: string,
	done: () => boolean | Promise<boolean>,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`no scheduled run within ${timeoutMs / 1000} s: ${what}`);
		await sleep(500);
	}
	await ctx.executions.waitForSettled(workflowId());
}

const describe = (runs: ExecutionDetails[]) =>
	JSON.stringify(
		runs.map((r) => ({ id: r.id, status: r.status, error: r.error?.slice(0, 300), ...(r.nodeErrors ?? {}) })),
	);

const summaryOf = (run: ExecutionDetails) => (run.outputs[SYNC]?.[0] ?? {}) as Json;
const apolloEmails = (sandbox: Sandbox) =>
	(sandbox.apollo.allContacts() as Json[]).map((c) => String(c.email));
const hubspotEmails = (sandbox: Sandbox) => sandbox.hubspot.contacts().map((c) => String(c.properties.email));

const scenario: Scenario = {
	name: NAME,
	description:
		'example 3: scheduled two-way HubSpot ↔ Apollo sync; contacts it cannot write end the run with a readable report',
	credentials: async (ctx: SetupContext) => [...exampleCredentials(ctx), ...(await privateCredentials())],
	workflows: async () => [await testedCopy()],
	async run(ctx) {
		const { assert } = ctx;
		const sandbox = await privateSandbox();
		try {
			await ctx.check(
				"a scheduled run copies HubSpot's new contacts to Apollo and Apollo's to HubSpot, and reports nothing",
				async () => {
					const fromHubSpot = [1, 2, 3].map((i) => `hub${i}-${RUN}@sync.example`);
					const fromApollo = [1, 2].map((i) => `apo${i}-${RUN}@sync.example`);
					sandbox.hubspot.seedContacts(
						fromHubSpot.map((email, i) => ({
							email,
							firstname: `Hub${i}`,
							lastname: 'Spot',
							company: 'Hub Co',
						})),
					);
					sandbox.apollo.seedContacts(
						fromApollo.map((email, i) => ({
							email,
							first_name: `Apo${i}`,
							last_name: 'Llo',
							organization_name: 'Apollo Co',
						})),
					);
					const after = await ctx.executions.lastExecutionId();
					await until(
						ctx,
						'both sides hold all five contacts',
						() =>
							fromHubSpot.every((e) => apolloEmails(sandbox).includes(e)) &&
							fromApollo.every((e) => hubspotEmails(sandbox).includes(e)),
					);
					const runs = await runsSince(ctx, after);
					assert.ok(runs.length > 0, 'scheduled runs');
					assert.ok(
						runs.every((r) => r.status === 'success' && !r.nodesRun.includes(REPORT)),
						`every run succeeded without a report: ${describe(runs)}`,
					);
					const apollo = (sandbox.apollo.allContacts() as Json[]).find((c) => c.email === fromHubSpot[0]);
					assert.equal(apollo?.first_name, 'Hub0', 'first name written to Apollo');
					const hubspot = sandbox.hubspot.contacts().find((c) => c.properties.email === fromApollo[1]);
					assert.equal(hubspot?.properties.company, 'Apollo Co', 'company written to HubSpot');
				},
			);

			const refused = `refused-${RUN}@sync.example`;
			let failedRun = await ctx.executions.lastExecutionId();
			await ctx.check(
				'a contact Apollo refuses ends the run as a failed execution whose error is the report naming it and why',
				async () => {
					sandbox.faults.add({
						platform: 'apollo',
						method: 'POST',
						path: 'contacts/bulk_create',
						kind: 'status',
						status: 422,
						body: { error: 'Refused by the test', error_code: 'UNPROCESSABLE_ENTITY' },
						times: 1,
					});
					sandbox.hubspot.seedContacts([{ email: refused, firstname: 'Re', lastname: 'Fused' }]);
					const after = await ctx.executions.lastExecutionId();
					await until(ctx, 'a run ends in error', async () =>
						(await runsSince(ctx, after)).some((r) => r.status === 'error'),
					);
					const runs = await runsSince(ctx, after);
					const run = runs.find((r) => r.status === 'error')!;
					failedRun = run.id;
					assert.equal(run.lastNodeExecuted, ALERT, 'the run ended in the alert node');
					const report = run.outputs[REPORT]?.[0] as Json | undefined;
					assert.equal(report?.contacts, 1, 'contacts in the report');
					ctx.info(`report: ${String(run.error)}`);
					assert.match(String(run.error), /1 contact\(s\) could not be written/, 'report subject');
					assert.match(
						String(run.error),
						new RegExp(`- ${refused.replace(/[.]/g, '\\.')} → Apollo: .+`),
						'report line',
					);
					assert.match(String(run.error), /tried again next run/, 'what happens next');
					assert.ok(!apolloEmails(sandbox).includes(refused), 'not in Apollo yet');
				},
			);

			await ctx.check('the next run writes the refused contact and reports nothing', async () => {
				await until(ctx, 'the refused contact reaches Apollo', () => apolloEmails(sandbox).includes(refused));
				const runs = await runsSince(ctx, failedRun);
				assert.ok(
					runs.every((r) => r.status === 'success' && !r.nodesRun.includes(REPORT)),
					`every later run succeeded without a report: ${describe(runs)}`,
				);
				assert.equal(
					runs.filter((r) => summaryOf(r).retried === 1 && summaryOf(r).created === 1).length,
					1,
					`one run retried and created the contact: ${JSON.stringify(runs.map(summaryOf))}`,
				);
				assert.equal(
					apolloEmails(sandbox).filter((e) => e === refused).length,
					1,
					'Apollo contacts with the email',
				);
			});
		} finally {
			await ctx.n8n.deactivateWorkflow(workflowId()).catch(() => undefined);
			await sandbox.close();
			own = undefined;
		}
	},
};

export default scenario;
