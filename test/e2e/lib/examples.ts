/**
 * The workflows in `examples/` as the e2e tests run them: read from the file as it is (what a user imports
 * is what is tested), with the demo credentials they reference (scripts/demo/credentials.ts) pointing at
 * the run's sandbox. Every example scenario returns the same demo credentials; the scenario set imports
 * each once (identical id and content may come from several scenarios, see scenario-set.ts).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { demoCredentials } from '../../../scripts/demo/credentials';
import type { ExecutionDetails } from './executions';
import type { CredentialImport, WorkflowImport } from './n8n-cli';
import { repoRoot } from './paths';
import { sleep } from './processes';
import type { ScenarioContext, SetupContext } from './scenario';
import type { NodeSpec } from './workflow';

const execFileAsync = promisify(execFile);

/** `examples/<fileName>`, parsed, unchanged. A scenario that must adapt it (e.g. a shorter schedule) says so. */
export function loadExample(fileName: string): WorkflowImport {
	const file = join(repoRoot(), 'examples', fileName);
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowImport;
	if (!workflow.id || !Array.isArray(workflow.nodes))
		throw new Error(`${file} is not an n8n workflow export`);
	return workflow;
}

/**
 * The sandbox HubSpot app the examples' credential names. A HubSpot app sends its webhooks to one URL, and a
 * trigger whose credential has a developer API key points the app at itself on activation; the webhook-trigger
 * scenario's managed flow does that with the sandbox's default app, so the examples get an app of their own
 * (registered with the sandbox by registerExamplesHubSpotApp) instead of one of the two refusing to activate.
 */
export const EXAMPLES_HUBSPOT_APP_ID = '424243';

/** The demo credentials the examples reference, pointing at this run's sandbox (HubSpot app: the examples' own). */
export function exampleCredentials(ctx: Pick<SetupContext, 'platforms'>): CredentialImport[] {
	const hubspot = { ...ctx.platforms.hubspot, appId: EXAMPLES_HUBSPOT_APP_ID };
	return demoCredentials({ ...ctx.platforms, hubspot });
}

/** Adds the examples' HubSpot app to the sandbox's apps (before n8n starts: activation subscribes with it). */
export async function registerExamplesHubSpotApp(ctx: Pick<SetupContext, 'sandboxUrl'>): Promise<void> {
	const control = async (method: string, body?: unknown) => {
		const response = await fetch(`${ctx.sandboxUrl}/__sandbox/config`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(`sandbox config ${method}: ${response.status} ${await response.text()}`);
		return (await response.json()) as { hubspot?: { appIds?: string[] } };
	};
	const appIds = (await control('GET')).hubspot?.appIds ?? [];
	if (!appIds.includes(EXAMPLES_HUBSPOT_APP_ID)) {
		await control('POST', { hubspot: { appIds: [...appIds, EXAMPLES_HUBSPOT_APP_ID] } });
	}
}

/** A node of an example by its name; throws naming the example when it has none (a renamed node). */
export function exampleNode(workflow: WorkflowImport, name: string): NodeSpec {
	const node = (workflow.nodes as NodeSpec[]).find((n) => n.name === name);
	if (!node) throw new Error(`example "${workflow.name}" has no node named "${name}"`);
	return node;
}

/**
 * The production webhook path (under /webhook/) of a trigger node: its `path` parameter when it has one,
 * else `<webhookId>/webhook` (the CRM Webhook Trigger has no path parameter; n8n serves it there).
 */
export function exampleWebhookPath(workflow: WorkflowImport, nodeName: string): string {
	const node = exampleNode(workflow, nodeName);
	const path = node.parameters?.path;
	if (typeof path === 'string' && path !== '') return path;
	if (typeof node.webhookId !== 'string') throw new Error(`node "${nodeName}" has no webhookId`);
	return `${node.webhookId}/webhook`;
}

/**
 * The executions of an example started after `afterId`, once `count` of them exist and have ended (plus a
 * short wait, so one too many would show). Reads n8n's own tables, as a user reads the Executions list.
 */
export async function exampleRunsAfter(
	ctx: ScenarioContext,
	workflowId: string,
	afterId: number,
	count: number,
	timeoutMs = 20_000,
): Promise<ExecutionDetails[]> {
	const deadline = Date.now() + timeoutMs;
	const ended = (runs: ExecutionDetails[]) =>
		runs.filter((r) => !['new', 'running', 'waiting'].includes(r.status));
	let runs = await ctx.executions.executionDetails({ workflowId, afterId });
	while (ended(runs).length < count && Date.now() < deadline) {
		await sleep(250);
		runs = await ctx.executions.executionDetails({ workflowId, afterId });
	}
	await sleep(500);
	await ctx.executions.waitForSettled(workflowId);
	return await ctx.executions.executionDetails({ workflowId, afterId });
}

/** The first bash block of "### Try it" under "## <number>." in examples/README.md: what a user is told to run. */
export function readmeTryIt(number: number): string {
	const readme = readFileSync(join(repoRoot(), 'examples', 'README.md'), 'utf8');
	const section = readme.split(/^## /m).find((s) => s.startsWith(`${number}. `));
	const tryIt = section?.split(/^### /m).find((s) => s.startsWith('Try it'));
	const block = tryIt && /```bash\n([\s\S]*?)```/.exec(tryIt)?.[1];
	if (!block) throw new Error(`examples/README.md has no bash block under "## ${number}." → "### Try it"`);
	return block;
}

/**
 * Runs a README try-it block with bash (errexit, nounset, pipefail) against this run's n8n and sandbox, as
 * `export N8N=… SANDBOX=…` at the top of the README sets them; returns its standard output lines.
 */
export async function runReadmeTryIt(ctx: ScenarioContext, number: number): Promise<string[]> {
	const { stdout } = await execFileAsync('bash', ['-euo', 'pipefail', '-c', readmeTryIt(number)], {
		env: { ...process.env, N8N: ctx.n8nUrl, SANDBOX: ctx.sandboxUrl },
		timeout: 60_000,
	});
	return stdout.split('\n').filter((line) => line.trim() !== '');
}
