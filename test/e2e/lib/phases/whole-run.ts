/**
 * Phase 6: checks over the whole run: n8n's log (load errors, error entries naming the package), no
 * credential secret in any webhook answer or in the log, and every node and credential the package lists
 * ran in a successful execution.
 */
import { assert, type Reporter } from '../checks';
import type { Executions } from '../executions';
import { findSecrets, formatProblems, scanLog } from '../log-scan';
import type { N8nServer } from '../n8n-server';
import type { PackageContents } from '../package-install';
import type { WorkflowImport } from '../scenario';
import type { WebhookCaller } from '../webhook';
import type { NodeSpec } from '../workflow';

export async function wholeRunChecks(options: {
	reporter: Reporter;
	server: N8nServer;
	startupMark: number;
	packageName: string;
	allowedLogEntries: RegExp[];
	webhooks: WebhookCaller;
	secrets: string[];
	executions: Executions;
	workflows: WorkflowImport[];
	contents: PackageContents;
	coverage: 'fail' | 'warn' | 'skip';
}): Promise<void> {
	const { reporter, server, secrets } = options;
	reporter.startSection('whole run');
	await reporter.check('n8n log has no load errors nor error entries naming the package', () => {
		const problems = scanLog(
			server.logSince(options.startupMark),
			options.packageName,
			options.allowedLogEntries,
		);
		if (problems.length > 0) assert.fail(`${formatProblems(problems)}\nlog: ${server.logFile}`);
	});
	await reporter.check('no credential secret in any webhook answer', () => {
		const hits = options.webhooks.history.flatMap((r) =>
			findSecrets(r.text, secrets).map((h) => `${r.url}: ${h}`),
		);
		if (hits.length > 0) assert.fail(hits.join('\n'));
	});
	await reporter.check("no credential secret in n8n's log", () => {
		const hits = findSecrets(server.log(), secrets);
		if (hits.length > 0) assert.fail(`${hits.join('\n')}\nlog: ${server.logFile}`);
	});
	await coverageChecks(reporter, options.executions, options.workflows, options.contents, options.coverage);
}

/**
 * Proves every node and credential of the package ran inside n8n: a node counts when a successful
 * execution has run data for it; a credential counts when such a node used it.
 */
async function coverageChecks(
	reporter: Reporter,
	executions: Executions,
	workflows: WorkflowImport[],
	contents: PackageContents,
	mode: 'fail' | 'warn' | 'skip',
): Promise<void> {
	const details = (await executions.executionDetails()).filter((e) => e.status === 'success');
	const ranTypes = new Set<string>();
	const usedCredentials = new Set<string>();
	for (const execution of details) {
		const workflow = workflows.find((w) => w.id === execution.workflowId);
		if (!workflow) continue;
		for (const node of workflow.nodes as NodeSpec[]) {
			if (!execution.nodesRun.includes(node.name) || execution.nodeErrors[node.name]) continue;
			ranTypes.add(node.type);
			for (const type of Object.keys(node.credentials ?? {})) usedCredentials.add(type);
		}
	}
	const report = (name: string, ok: boolean, why: string) => {
		if (ok) reporter.pass(name);
		else if (mode === 'skip') reporter.skip(name, 'subset run');
		else if (mode === 'warn') reporter.skip(name, `not exercised (--coverage=warn): ${why}`);
		else reporter.fail(name, why);
	};
	for (const node of contents.nodes) {
		report(
			`node ${node.type} ran in a real n8n workflow`,
			ranTypes.has(node.type),
			'no successful execution ran this node: add a scenario',
		);
	}
	for (const credential of contents.credentials) {
		report(
			`credential ${credential.name} imported and used by a node`,
			usedCredentials.has(credential.name),
			'no successful execution ran a node with this credential: add a scenario',
		);
	}
}
