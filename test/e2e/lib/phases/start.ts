/**
 * Phase 4: `n8n start`, then what n8n made of each published workflow (one check per workflow: activated,
 * or refused when the scenario expects a refusal) and whether it loaded the package without errors.
 */
import type { Reporter } from '../checks';
import { formatProblems, scanLog } from '../log-scan';
import type { N8nDb } from '../n8n-db';
import type { N8nInstall } from '../n8n-install';
import { startN8n, waitForActivation, type ActivationResult, type N8nServer } from '../n8n-server';
import { seconds } from '../options';
import type { OwnedSetup } from '../scenario-set';
import { activationRefusalExpected, expectedRefusalLog, shouldPublish } from '../workflow';

export interface Started {
	server: N8nServer;
	/** How n8n's activation of a published workflow ended: waits for it when still under way. */
	activation(workflowId: string): Promise<ActivationResult | undefined>;
	/** Workflows that should have activated and did not: their scenarios are not run. */
	failedWorkflows: Set<string>;
	/** Log offset after start-up: the whole-run scan reads from here, so nothing is counted twice. */
	startupMark: number;
}

export async function startPhase(options: {
	install: N8nInstall;
	env: NodeJS.ProcessEnv;
	port: number;
	logFile: string;
	db: N8nDb;
	owned: OwnedSetup[];
	published: string[];
	packageName: string;
	reporter: Reporter;
	say: (line: string) => void;
	/** Called as soon as n8n runs, so the caller can stop it whatever happens next. */
	onServer: (server: N8nServer) => void;
}): Promise<Started> {
	const { reporter, say, owned } = options;
	const t = Date.now();
	const server = await startN8n({
		install: options.install,
		env: options.env,
		port: options.port,
		logFile: options.logFile,
	});
	options.onServer(server);
	say(`n8n answered /healthz after ${seconds(server.startedInMs)} at ${server.url}`);

	reporter.startSection('n8n setup');
	// A refusal takes n8n several retries (~15 s); the scenario that expects it waits for it itself.
	const refused = new Set(
		owned.flatMap((o) => o.workflows.filter(activationRefusalExpected).map((w) => w.id)),
	);
	const awaited = options.published.filter((id) => !refused.has(id));
	const results = await waitForActivation(server, options.db, awaited);
	say(`all ${awaited.length} published workflow(s) processed ${seconds(Date.now() - t)} after start`);
	const activation = new Map(results.map((r) => [r.workflowId, r]));
	const failedWorkflows = new Set<string>();
	for (const { workflows } of owned) {
		for (const w of workflows.filter((w) => shouldPublish(w) && !refused.has(w.id))) {
			const problems = activationProblems(activation.get(w.id));
			if (problems.length > 0) {
				failedWorkflows.add(w.id);
				reporter.fail(`workflow "${w.name}" activated`, problems.join('\n'));
			} else {
				reporter.pass(`workflow "${w.name}" activated`);
			}
		}
	}
	const startupMark = server.logMark();
	const startupProblems = scanLog(server.log(), options.packageName, expectedRefusalLogs(owned));
	const name = `n8n loaded ${options.packageName} without errors`;
	if (startupProblems.length > 0)
		reporter.fail(name, `${formatProblems(startupProblems)}\nlog: ${options.logFile}`);
	else reporter.pass(name);
	return {
		server,
		activation: async (workflowId) =>
			activation.get(workflowId) ?? (await waitForActivation(server, options.db, [workflowId]))[0],
		failedWorkflows,
		startupMark,
	};
}

/** The publication error, and trigger errors only where they add something to it. */
export function activationProblems(result: ActivationResult | undefined): string[] {
	if (!result) return ['n8n has no publication record of it'];
	const publication =
		result.status !== 'completed' ? `publication ${result.status}: ${result.error ?? ''}` : '';
	return [
		publication,
		...result.triggerErrors.filter((e) => !result.error || !e.includes(result.error.replace(/^.*?: /, ''))),
	].filter(Boolean);
}

/** What n8n logs about the refusals the scenarios expect: excused from the log scans. */
export function expectedRefusalLogs(owned: OwnedSetup[]): RegExp[] {
	return owned
		.flatMap((o) => o.workflows.map(expectedRefusalLog))
		.filter((pattern): pattern is RegExp => pattern !== undefined);
}
