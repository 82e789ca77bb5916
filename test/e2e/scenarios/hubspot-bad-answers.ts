/**
 * The HubSpot CRM node when something other than HubSpot answers (issue 6): a proxy or captive portal
 * that returns 200 with an HTML page, and an error page that echoes the request, token included. A 2xx
 * that is not HubSpot's JSON must fail the item with a clear error (before the fix: a "contact" with
 * `id: undefined`), and a page echoing the token must never bring it into the node's error or n8n's log.
 */
import type { CredentialImport, Scenario, ScenarioContext } from '../lib/scenario';
import { hubspotCrmNode, stableId, webhookWorkflow, type NodeSpec } from '../lib/workflow';

const NAME = 'hubspot-bad-answers';
const BATCH_READ = '/batch/read$';

const paths = {
	getContinue: 'e2e-hubspot-bad-answers-get-continue',
	getStop: 'e2e-hubspot-bad-answers-get-stop',
};

const appToken = (ctx: { platforms: { hubspot: { token: string; url: string } } }): CredentialImport => ({
	id: stableId(`${NAME}/app-token`),
	name: '[e2e] HubSpot sandbox (bad answers)',
	type: 'crmHubSpotAppTokenApi',
	data: { accessToken: ctx.platforms.hubspot.token, baseUrl: ctx.platforms.hubspot.url },
});

function getNode(credential: CredentialImport, onError?: string): NodeSpec {
	const node = hubspotCrmNode(
		{ operation: 'get', lookupBy: 'id', contactId: '={{ $json.body.id }}', options: {} },
		credential,
	);
	return onError ? { ...node, onError } : node;
}

/** Answers every batch read with `page` (status `status`) until cleared, whatever the node retries. */
async function withHtmlAnswer<T>(
	ctx: ScenarioContext,
	fault: { status?: number; body?: string },
	run: () => Promise<T>,
): Promise<T> {
	const added = (await ctx.sandbox.faults({
		platform: 'hubspot',
		method: 'POST',
		path: BATCH_READ,
		kind: 'html',
		times: 0,
		...fault,
	})) as { id: string };
	try {
		return await run();
	} finally {
		await ctx.sandbox.control('DELETE', `/__sandbox/faults/${added.id}`);
	}
}

const ECHO_PAGE =
	'<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1>' +
	'<p>Request: {method} {url}?hapikey={bearer}</p><p>Authorization: {authorization}</p></body></html>';

const scenario: Scenario = {
	name: NAME,
	description:
		'HubSpot CRM node: a 2xx HTML page fails the item clearly; an error page echoing the token leaks nothing',
	credentials: (ctx) => [appToken(ctx)],
	workflows: (ctx) => [
		webhookWorkflow({
			id: stableId(`${NAME}/get-continue`),
			name: `[e2e] ${NAME}: get, continue on fail`,
			path: paths.getContinue,
			nodes: [getNode(appToken(ctx), 'continueRegularOutput')],
		}),
		webhookWorkflow({
			id: stableId(`${NAME}/get-stop`),
			name: `[e2e] ${NAME}: get, stop on error`,
			path: paths.getStop,
			nodes: [getNode(appToken(ctx))],
		}),
	],
	async run(ctx) {
		const { assert } = ctx;
		const token = ctx.platforms.hubspot.token;
		const seed = async (label: string) => {
			const [id] = await ctx.sandbox.seedHubspotContacts([
				{ properties: { email: `${label}-${Date.now()}@bad-answers.example` } },
			]);
			assert.ok(id, 'seeded contact id');
			return id;
		};

		await ctx.check(
			'Get answered 200 with an HTML page: the item fails with a clear error, no contact without an id',
			async () => {
				const id = await seed('html200');
				const res = await withHtmlAnswer(ctx, {}, () => ctx.webhook(paths.getContinue, { id }));
				assert.status(res, 200);
				const [item] = assert.array(res.json, 1) as Array<Record<string, unknown>>;
				ctx.info(`item: ${JSON.stringify(item).slice(0, 300)}`);
				assert.ok(typeof item.error === 'string' && item.error.length > 0, 'the item carries an error');
				// Clear: it says the answer was not HubSpot's JSON (before the fix: "No HubSpot contact has the ID …").
				assert.match(String(item.error), /JSON/, 'the error names the unexpected answer');
				assert.notIncludes(String(item.error), 'No HubSpot contact', 'the error');
				assert.ok(!('id' in item), `no contact-shaped item (got keys ${Object.keys(item).join(', ')})`);
				assert.notIncludes(String(item.error), '<html', 'the error (no raw page)');
			},
		);

		await ctx.check(
			'the same Get without continue-on-fail fails the execution, naming the answer',
			async () => {
				const id = await seed('html200-stop');
				const before = await ctx.executions.lastExecutionId();
				const res = await withHtmlAnswer(ctx, {}, () => ctx.webhook(paths.getStop, { id }));
				assert.ok(
					res.status >= 400,
					`expected an error status, got ${res.status}: ${res.text.slice(0, 300)}`,
				);
				await ctx.executions.waitForSettled(undefined, 15_000);
				const [execution] = await ctx.executions.executionDetails({ afterId: before });
				assert.equal(execution?.status, 'error', 'execution status');
				ctx.info(`error: ${execution?.error}`);
				assert.match(String(execution?.error), /JSON/, "the execution's error names the unexpected answer");
			},
		);

		await ctx.check(
			'an error page echoing the request (hapikey=…, Bearer …): no token in the item, the execution error, the answer or the log',
			async () => {
				const id = await seed('echo');
				const mark = ctx.n8n.logMark();
				const before = await ctx.executions.lastExecutionId();
				const [continued, stopped] = await withHtmlAnswer(ctx, { status: 403, body: ECHO_PAGE }, async () => [
					await ctx.webhook(paths.getContinue, { id }),
					await ctx.webhook(paths.getStop, { id }),
				]);
				assert.status(continued, 200);
				const [item] = assert.array(continued.json, 1) as Array<Record<string, unknown>>;
				assert.ok(item.error, 'the continue-on-fail item carries an error');
				ctx.info(`item: ${JSON.stringify(item).slice(0, 300)}`);
				assert.notIncludes(continued.text, token, 'continue-on-fail answer');
				assert.notIncludes(stopped.text, token, 'stop-on-error answer');
				await ctx.executions.waitForSettled(undefined, 15_000);
				const executions = await ctx.executions.executionDetails({ afterId: before });
				assert.equal(executions.length, 2, 'executions started');
				for (const e of executions) {
					assert.notIncludes(
						JSON.stringify({ error: e.error, nodeErrors: e.nodeErrors, outputs: e.outputs }),
						token,
						`execution ${e.id}`,
					);
				}
				assert.notIncludes(ctx.n8n.logSince(mark), token, "n8n's log");
			},
		);
	},
};

export default scenario;
