/**
 * The workflows in `examples/` as the e2e tests run them: read from the file as it is (what a user imports
 * is what is tested), with the demo credentials they reference (scripts/demo/credentials.ts) pointing at
 * the run's sandbox. Every example scenario returns the same demo credentials; the scenario set imports
 * each once (identical id and content may come from several scenarios, see scenario-set.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCredentials } from '../../../scripts/demo/credentials';
import type { CredentialImport, WorkflowImport } from './n8n-cli';
import { repoRoot } from './paths';
import type { SetupContext } from './scenario';
import type { NodeSpec } from './workflow';

/** `examples/<fileName>`, parsed, unchanged. A scenario that must adapt it (e.g. a shorter schedule) says so. */
export function loadExample(fileName: string): WorkflowImport {
	const file = join(repoRoot(), 'examples', fileName);
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowImport;
	if (!workflow.id || !Array.isArray(workflow.nodes))
		throw new Error(`${file} is not an n8n workflow export`);
	return workflow;
}

/** The demo credentials the examples reference, pointing at this run's sandbox. */
export function exampleCredentials(ctx: Pick<SetupContext, 'platforms'>): CredentialImport[] {
	return demoCredentials(ctx.platforms);
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
