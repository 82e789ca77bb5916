/**
 * The workflows in `examples/`, as the demo imports them: any number of files, each a workflow export with a
 * fixed `id` (the examples' README and e2e tests name them). Whether one can be activated is read from its
 * trigger: a workflow started only by hand (Manual Trigger) or by another workflow has nothing to listen for,
 * and n8n refuses to publish it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowImport } from '../../test/e2e/lib/n8n-cli';

export interface Example {
	file: string;
	workflow: WorkflowImport;
	/** The node types that start it (a webhook, a schedule, a poller, a chat...). */
	triggers: string[];
	activatable: boolean;
}

interface NodeLike {
	type?: unknown;
	disabled?: unknown;
}

// Triggers that start a workflow without it being active: by hand, from another workflow, or as the error
// workflow of another one.
const INERT_TRIGGERS = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'@n8n/n8n-nodes-langchain.manualChatTrigger',
]);

function isTrigger(type: string): boolean {
	// n8n names every trigger node type `...Trigger`, except its Webhook node.
	return /Trigger$/.test(type) || type === 'n8n-nodes-base.webhook';
}

export function describeExample(file: string, workflow: WorkflowImport): Example {
	if (typeof workflow.id !== 'string' || workflow.id === '') {
		throw new Error(`examples/${file} has no "id": the demo and the examples' README need a fixed one`);
	}
	const triggers = (workflow.nodes as NodeLike[])
		.filter((n) => typeof n.type === 'string' && n.disabled !== true && isTrigger(n.type))
		.map((n) => n.type as string);
	return {
		file,
		workflow,
		triggers,
		activatable: triggers.some((t) => !INERT_TRIGGERS.has(t)),
	};
}

export function readExamples(dir: string): Example[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => describeExample(f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as WorkflowImport));
}
