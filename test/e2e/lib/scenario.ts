/**
 * What a scenario file (test/e2e/scenarios/*.ts) exports, and what it gets to work with. Credentials and
 * workflows are collected from every scenario first and imported into ONE n8n before it starts (imports
 * and publishing need n8n stopped); then each scenario's run() drives its workflows through webhooks.
 */
import type { Assert } from './checks';
import type { Executions, ExecutionSummary } from './executions';
import type { CredentialImport, WorkflowImport } from './n8n-cli';
import type { ActivationResult } from './n8n-server';
import type { Platforms } from './platforms';
import type { SandboxClient } from './sandbox';
import type { WebhookCallOptions, WebhookResponse } from './webhook';

/** Known before n8n starts: enough to write credentials and workflows. */
export interface SetupContext {
	/** Sandbox root URL, e.g. http://127.0.0.1:41234 */
	sandboxUrl: string;
	/** Each emulated platform: its API base in the sandbox and the sandbox's accounts. */
	platforms: Platforms;
	n8nUrl: string;
	/** The package under test, e.g. n8n-nodes-crm-bridge; node types are `<packageName>.<name>`. */
	packageName: string;
	/** Full production URL of a webhook path. */
	webhookUrl(path: string): string;
}

export interface ScenarioContext extends SetupContext {
	/** The scenario's name. */
	name: string;
	sandbox: SandboxClient;
	/** POSTs (by default) to /webhook/<path>, retrying the 404s of a just-started n8n. */
	webhook(path: string, body?: unknown, options?: WebhookCallOptions): Promise<WebhookResponse>;
	/** Every webhook answer of the whole run so far. */
	webhookHistory(): readonly WebhookResponse[];
	n8n: {
		url: string;
		/** n8n's whole console log so far. */
		log(): string;
		logMark(): number;
		logSince(mark: number): string;
		/** Excuse log entries the scenario provokes on purpose from the whole-run log scan. */
		allowLogEntries(pattern: RegExp): void;
		/**
		 * Unpublishes a workflow through n8n's REST API (the first call sets up the instance owner to get a
		 * session). n8n then runs its triggers' webhookMethods.delete, possibly after this resolves.
		 */
		deactivateWorkflow(workflowId: string): Promise<void>;
	};
	/**
	 * How n8n's activation at start ended for one of the published workflows (status 'completed', or the
	 * error n8n recorded), waiting for it if n8n is still at it: for workflows marked
	 * expectActivationRefused(), which the harness does not wait for before the scenarios.
	 */
	activation(workflowId: string): Promise<ActivationResult | undefined>;
	executions: Executions;
	countExecutions(workflowId?: string): Promise<number>;
	listExecutions(workflowId?: string): Promise<ExecutionSummary[]>;
	assert: Assert;
	/** Runs one named check: prints PASS/FAIL, counts it, never throws. Returns whether it passed. */
	check(name: string, fn: () => unknown): Promise<boolean>;
	/**
	 * Records a check as skipped, with why: for behaviour the package does not have yet. Never for a check
	 * that ran and failed.
	 */
	skip(name: string, reason: string): void;
	/** An informational line under the current scenario. */
	info(line: string): void;
}

export interface Scenario {
	name: string;
	description?: string;
	/** May be async (e.g. to obtain OAuth tokens from the sandbox); the sandbox is already running. */
	credentials(ctx: SetupContext): CredentialImport[] | Promise<CredentialImport[]>;
	workflows(ctx: SetupContext): WorkflowImport[] | Promise<WorkflowImport[]>;
	run(ctx: ScenarioContext): Promise<void>;
}

export type { CredentialImport, WorkflowImport, Platforms };
