/**
 * Phase 5: the scenarios, in file-name order, each with its context (webhooks, sandbox, n8n's tables and
 * log). A scenario whose workflows did not activate is reported, not run; a check that fails shows the
 * executions it started and what n8n logged meanwhile.
 */
import { assert, type Reporter } from '../checks';
import type { Executions } from '../executions';
import { parseLog } from '../log-scan';
import type { ActivationResult, N8nServer } from '../n8n-server';
import type { N8nRest } from '../n8n-rest';
import { seconds } from '../options';
import type { RunningSandbox } from '../sandbox';
import type { ScenarioContext, SetupContext, WorkflowImport } from '../scenario';
import type { OwnedSetup } from '../scenario-set';
import type { WebhookCaller } from '../webhook';

export async function runScenarios(options: {
	owned: OwnedSetup[];
	setup: SetupContext;
	server: N8nServer;
	sandbox: RunningSandbox;
	executions: Executions;
	webhooks: WebhookCaller;
	rest: N8nRest;
	activation(workflowId: string): Promise<ActivationResult | undefined>;
	failedWorkflows: Set<string>;
	/** Log entries scenarios excuse on purpose, for the whole-run scan. */
	allowedLogEntries: RegExp[];
	reporter: Reporter;
}): Promise<void> {
	const { owned, server, executions, webhooks, reporter } = options;
	const workflows = owned.flatMap((o) => o.workflows);
	for (const { scenario, workflows: mine } of owned) {
		reporter.startSection(`scenario ${scenario.name}`);
		const broken = mine.filter((w) => options.failedWorkflows.has(w.id));
		if (broken.length > 0) {
			reporter.fail(
				`${scenario.name} can run`,
				`not run: its workflows did not activate (${broken.map((w) => w.name).join(', ')})`,
			);
			continue;
		}
		const ctx: ScenarioContext = {
			...options.setup,
			name: scenario.name,
			sandbox: options.sandbox.client,
			webhook: (path, body, opts) => webhooks.call(path, body, opts),
			webhookHistory: () => webhooks.history,
			n8n: {
				url: server.url,
				log: () => server.log(),
				logMark: () => server.logMark(),
				logSince: (mark) => server.logSince(mark),
				allowLogEntries: (pattern) => options.allowedLogEntries.push(pattern),
				deactivateWorkflow: (workflowId) => options.rest.deactivateWorkflow(workflowId),
			},
			activation: (workflowId) => options.activation(workflowId),
			executions,
			countExecutions: (workflowId) => executions.countExecutions(workflowId),
			listExecutions: (workflowId) => executions.listExecutions(workflowId),
			assert,
			check: async (name, fn) => {
				const mark = server.logMark();
				const lastExecution = await executions.lastExecutionId().catch(() => 0);
				return reporter.check(name, fn, () =>
					explainFailure(server, executions, mark, lastExecution, workflows),
				);
			},
			skip: (name, reason) => reporter.skip(name, reason),
			info: (line) => reporter.info(line),
		};
		const started = Date.now();
		try {
			await scenario.run(ctx);
		} catch (error) {
			reporter.fail(
				`${scenario.name} ran to the end`,
				`${(error as Error)?.stack ?? String(error)}\nLast n8n log lines:\n${server.logTail(30)}`,
			);
		}
		if (server.process.hasExited()) {
			reporter.fail(
				'n8n still running after the scenario',
				`n8n exited. Last log lines:\n${server.logTail(40)}`,
			);
			return;
		}
		reporter.info(`${scenario.name}: ${seconds(Date.now() - started)}`);
	}
}

/**
 * What a failed check needs next to its assertion message: the executions it started (status, failing
 * node and error) and what n8n logged meanwhile at warn/error level (or the log's tail when nothing was).
 */
async function explainFailure(
	server: N8nServer,
	executions: Executions,
	logMark: number,
	lastExecutionId: number,
	workflows: WorkflowImport[],
): Promise<string> {
	const lines: string[] = [];
	const started = await executions.executionDetails({ afterId: lastExecutionId });
	for (const e of started) {
		const errors = Object.entries(e.nodeErrors).map(([node, messages]) => `${node}: ${messages.join('; ')}`);
		lines.push(
			`execution ${e.id} of "${workflows.find((w) => w.id === e.workflowId)?.name ?? e.workflowId}" (${e.mode}): ${e.status}` +
				(e.error || errors.length ? ` — ${[e.error, ...errors].filter(Boolean).join(' | ')}` : ''),
		);
	}
	const entries = parseLog(server.logSince(logMark)).filter(
		(entry) => entry.level === 'error' || entry.level === 'warn',
	);
	if (entries.length > 0) {
		lines.push(
			'n8n warnings/errors during this check:',
			...entries.slice(-15).map((entry) => `  ${entry.text.split('\n').slice(0, 4).join('\n  ')}`),
		);
	} else {
		lines.push(
			'n8n log tail:',
			...server
				.logTail(12)
				.split('\n')
				.map((l) => `  ${l}`),
		);
	}
	return lines.join('\n');
}
