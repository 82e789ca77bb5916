/** What a queue-mode scenario declares (imported before n8n starts) and what it gets to run with. */
import type { Reporter } from '../../e2e/lib/checks';
import { assert } from '../../e2e/lib/checks';
import type { CredentialImport, WorkflowImport } from '../../e2e/lib/n8n-cli';
import { sleep } from '../../e2e/lib/processes';
import type { Sandbox } from '../../../sandbox/server';
import type { Cluster } from './cluster';
import type { Services } from './services';

export interface QueueSetup {
	packageName: string;
	/** The shared sandbox (HubSpot at `${url}/hubspot`). */
	sandbox: Sandbox;
	/** The production URL of a webhook path, as every process advertises it. */
	webhookUrl(path: string): string;
}

export interface QueueContext extends QueueSetup {
	cluster: Cluster;
	services: Services;
	reporter: Reporter;
	assert: typeof assert;
	check(name: string, fn: () => unknown): Promise<boolean>;
	/** One line under the current section: the figures a scenario measured. */
	note(line: string): void;
	executions(workflowId: string): Promise<Record<string, number>>;
	/** Waits until the workflow has `atLeast` executions and none is new/running/waiting (bounded). */
	settled(workflowId: string, timeoutMs?: number, atLeast?: number): Promise<Record<string, number>>;
}

export interface QueueScenario {
	name: string;
	description: string;
	setup(setup: QueueSetup): Promise<{ credentials: CredentialImport[]; workflows: WorkflowImport[] }>;
	run(ctx: QueueContext): Promise<void>;
	/** Anything the scenario started itself (a private sandbox). */
	teardown?(): Promise<void>;
}

/** Execution counts by status of one workflow, from n8n's database. */
export async function executionCounts(
	services: Services,
	workflowId: string,
): Promise<Record<string, number>> {
	const rows = await services.sql(
		`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' GROUP BY status`,
	);
	const counts: Record<string, number> = {};
	for (const row of rows) {
		const [status, count] = row.split('|');
		counts[status] = Number(count);
	}
	return counts;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Waits until the workflow has at least `atLeast` executions and none is new/running/waiting (bounded). */
export async function waitSettled(
	services: Services,
	workflowId: string,
	timeoutMs = 120_000,
	atLeast = 0,
): Promise<Record<string, number>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const counts = await executionCounts(services, workflowId);
		const busy = (counts.new ?? 0) + (counts.running ?? 0) + (counts.waiting ?? 0);
		if ((busy === 0 && total(counts) >= atLeast) || Date.now() > deadline) return counts;
		await sleep(500);
	}
}
