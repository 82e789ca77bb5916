/**
 * What every CRM Webhook Trigger scenario needs: the trigger node in a workflow of its own, HubSpot-shaped
 * events, and "send one request, then prove what n8n started": the answer, the number of executions the
 * workflow started, and the trigger's items in them, read from n8n's own tables.
 */
import { randomBytes } from 'node:crypto';
import { sleep } from './processes';
import type { CredentialImport, ScenarioContext, SetupContext, WorkflowImport } from './scenario';
import type { WebhookCallOptions, WebhookResponse } from './webhook';
import { chainWorkflow, credentialRef, stableId, stableUuid, type NodeSpec } from './workflow';

export const TRIGGER_NODE = 'CRM Webhook Trigger';

/** One trigger workflow of a scenario: `key` names it inside the scenario. */
export interface TriggerFlow {
	key: string;
	name: string;
	parameters: Record<string, unknown>;
	credentials: CredentialImport[];
	/** Default 1 (the first version); the current one is what a new node gets in the editor. */
	typeVersion?: number;
}

/** Ids and paths of one scenario's trigger workflows, derived from the scenario name and the flow key. */
export class TriggerFlows {
	constructor(readonly scenario: string) {}

	workflowId(key: string): string {
		return stableId(`${this.scenario}/${key}`);
	}

	webhookId(key: string): string {
		return stableUuid(`${this.scenario}/${key}/trigger`);
	}

	/** The path under /webhook/ (a trigger without a path parameter listens on <webhookId>/webhook). */
	path(key: string): string {
		return `${this.webhookId(key)}/webhook`;
	}

	url(ctx: SetupContext, key: string): string {
		return ctx.webhookUrl(this.path(key));
	}

	workflow(ctx: SetupContext, flow: TriggerFlow): WorkflowImport {
		const node: NodeSpec = {
			name: TRIGGER_NODE,
			type: `${ctx.packageName}.crmWebhookTrigger`,
			typeVersion: flow.typeVersion ?? 1,
			webhookId: this.webhookId(flow.key),
			parameters: flow.parameters,
			credentials: Object.assign({}, ...flow.credentials.map(credentialRef)) as NodeSpec['credentials'],
		};
		return chainWorkflow({ id: this.workflowId(flow.key), name: flow.name, nodes: [node] });
	}

	/** Each credential once, however many flows use it. */
	credentials(flows: TriggerFlow[]): CredentialImport[] {
		return [...new Map(flows.flatMap((f) => f.credentials).map((c) => [c.id, c])).values()];
	}
}

let eventSeq = 0;

/** A HubSpot webhook event (contact.creation unless overridden), unique within the run. */
export function hubspotEvent(extra: Record<string, unknown> = {}): Record<string, unknown> {
	eventSeq += 1;
	return {
		eventId: Number(`${Date.now() % 1e6}${eventSeq}`),
		subscriptionId: 4242,
		portalId: 62515,
		appId: 54321,
		occurredAt: Date.now() - 2000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 900_000 + eventSeq,
		changeSource: 'CRM',
		...extra,
	};
}

/**
 * The trigger's items of each execution the workflow started after `afterId`. Waits for the expected
 * number to appear, then a little longer, so an extra execution would be seen too.
 */
export async function executionsSince(
	ctx: ScenarioContext,
	workflowId: string,
	afterId: number,
	expected: number,
): Promise<unknown[][]> {
	const deadline = Date.now() + 15_000;
	while (expected > 0 && Date.now() < deadline) {
		if ((await ctx.executions.executionDetails({ workflowId, afterId })).length >= expected) break;
		await sleep(200);
	}
	await sleep(expected > 0 ? 300 : 700);
	await ctx.executions.waitForSettled(workflowId);
	const details = await ctx.executions.executionDetails({ workflowId, afterId });
	return details.map((d) => d.outputs[TRIGGER_NODE] ?? []);
}

export interface Expected {
	status: number;
	executions: number;
	items?: number;
	/** The refusal body's reason: a string for `{error: reason}` exactly, a pattern to match it. */
	error?: string | RegExp;
}

/** Sends one request to a flow and checks the answer, how many executions it started, and their items. */
export async function expectDelivery(
	ctx: ScenarioContext,
	flows: TriggerFlows,
	key: string,
	request: { body?: string; options: WebhookCallOptions },
	expected: Expected,
): Promise<{ response: WebhookResponse; items: unknown[] }> {
	const workflowId = flows.workflowId(key);
	const before = await ctx.executions.lastExecutionId();
	const response = await ctx.webhook(flows.path(key), request.body, request.options);
	ctx.assert.status(response, expected.status);
	if (typeof expected.error === 'string') {
		ctx.assert.deepEqual(response.json, { error: expected.error }, 'refusal body');
	} else if (expected.error) {
		const reason = (response.json as { error?: unknown } | undefined)?.error;
		ctx.assert.match(String(reason), expected.error, 'refusal reason');
	}
	const outputs = await executionsSince(ctx, workflowId, before, expected.executions);
	ctx.assert.equal(outputs.length, expected.executions, 'executions started');
	const items = outputs[0] ?? [];
	if (expected.items !== undefined) ctx.assert.equal(items.length, expected.items, 'items emitted');
	return { response, items };
}

/** Fresh per run: nothing in the repository is a usable secret, and the harness scans answers and logs for them. */
export function freshSecret(label: string): string {
	return `e2e-${label}-${randomBytes(12).toString('hex')}`;
}
