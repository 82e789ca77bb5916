/**
 * Builders for the workflow and credential JSON that `n8n import:*` takes, so scenarios state only what
 * matters (which nodes, which parameters) and ids stay stable from run to run (readable logs, no clashes).
 */
import { createHash } from 'node:crypto';
import type { CredentialImport, WorkflowImport } from './n8n-cli';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 16-character id shaped like n8n's own (nanoid alphabet), derived from `seed`. */
export function stableId(seed: string): string {
	const bytes = createHash('sha256').update(seed).digest();
	let id = '';
	for (let i = 0; i < 16; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
	return id;
}

/** A UUID v4-shaped id derived from `seed` (node ids and webhook ids are UUIDs in n8n). */
export function stableUuid(seed: string): string {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface NodeSpec {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	/** Credentials by type, e.g. credentialRef(cred). */
	credentials?: Record<string, { id: string; name: string }>;
	/** Node-level error handling ('continueRegularOutput' | 'continueErrorOutput'); default stops the workflow. */
	onError?: string;
	[key: string]: unknown;
}

/** The `credentials` entry of a node that uses `credential`. */
export function credentialRef(credential: CredentialImport): Record<string, { id: string; name: string }> {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

/**
 * A HubSpot CRM node (Contact) of this package: `parameters` add the operation and its fields; the
 * authentication follows `credential` (app token or OAuth2).
 */
export function hubspotCrmNode(
	parameters: Record<string, unknown>,
	credential: CredentialImport,
	packageName = 'n8n-nodes-crm-bridge',
): NodeSpec {
	return {
		name: 'HubSpot CRM',
		type: `${packageName}.hubSpotCrm`,
		typeVersion: 1,
		parameters: {
			authentication: credential.type === 'crmHubSpotOAuth2Api' ? 'oAuth2' : 'appToken',
			resource: 'contact',
			...parameters,
		},
		credentials: credentialRef(credential),
	};
}

/** The field mapper's Map Automatically, matching on email: the input items' keys are the fields. */
export const AUTO_MAP_BY_EMAIL = {
	mappingMode: 'autoMapInputData',
	value: null,
	matchingColumns: ['email'],
	schema: [],
};

export interface WebhookWorkflowOptions {
	/** Defaults to stableId(name). */
	id?: string;
	name: string;
	/** The production URL is /webhook/<path>. */
	path: string;
	/** Run after the Webhook node, one after another. */
	nodes: NodeSpec[];
	httpMethod?: string;
	/** Default 'lastNode': the answer is the last node's output, so a test sees what the node produced. */
	responseMode?: 'lastNode' | 'onReceived' | 'responseNode';
	/** With lastNode: 'allEntries' answers every item as a JSON array. */
	responseData?: 'allEntries' | 'firstEntryJson' | 'firstEntryBinary' | 'noData';
	webhookOptions?: Record<string, unknown>;
	/** false: imported but not published. */
	active?: boolean;
}

/** Webhook (typeVersion 2) → nodes[0] → nodes[1] → ... */
export function webhookWorkflow(options: WebhookWorkflowOptions): WorkflowImport {
	const id = options.id ?? stableId(options.name);
	const webhook: NodeSpec = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: stableUuid(`${id}/webhook`),
		parameters: {
			httpMethod: options.httpMethod ?? 'POST',
			path: options.path,
			responseMode: options.responseMode ?? 'lastNode',
			...(options.responseMode === undefined || options.responseMode === 'lastNode'
				? { responseData: options.responseData ?? 'allEntries' }
				: {}),
			options: options.webhookOptions ?? {},
		},
	};
	return chainWorkflow({
		id,
		name: options.name,
		nodes: [webhook, ...options.nodes],
		active: options.active,
	});
}

/** Any linear workflow: nodes connected main→main in the given order. */
export function chainWorkflow(options: {
	id?: string;
	name: string;
	nodes: NodeSpec[];
	active?: boolean;
}): WorkflowImport {
	const id = options.id ?? stableId(options.name);
	const nodes = options.nodes.map((node, index) => ({
		id: stableUuid(`${id}/${node.name}`),
		position: [index * 240, 0],
		...node,
	}));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	const workflow: WorkflowImport = {
		id,
		name: options.name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	if (options.active === false) unpublished.add(workflow);
	return workflow;
}

// Kept outside the JSON so nothing harness-only reaches n8n's import.
const unpublished = new WeakSet<object>();

const refusedAtActivation = new WeakMap<object, RegExp>();

/**
 * Marks a workflow whose activation n8n must refuse (a node rejecting its own configuration): the harness
 * publishes it, does not wait for n8n's verdict before the scenarios start, and runs its scenario
 * anyway; the scenario checks the refusal with `await ctx.activation(id)`. `logged` matches what n8n logs about it (its error entries,
 * at start and on n8n's later activation retries), excused from the log scans.
 */
export function expectActivationRefused(workflow: WorkflowImport, logged: RegExp): WorkflowImport {
	refusedAtActivation.set(workflow, logged);
	return workflow;
}

export function activationRefusalExpected(workflow: WorkflowImport): boolean {
	return refusedAtActivation.has(workflow);
}

/** The log pattern of an expected activation refusal, if the workflow has one. */
export function expectedRefusalLog(workflow: WorkflowImport): RegExp | undefined {
	return refusedAtActivation.get(workflow);
}

/** Whether the harness should publish (activate) this workflow. */
export function shouldPublish(workflow: WorkflowImport): boolean {
	return !unpublished.has(workflow);
}

/** Webhook paths a workflow listens on (Webhook nodes and any node with a `path` parameter and webhookId). */
export function webhookPaths(workflow: WorkflowImport): string[] {
	return (workflow.nodes as NodeSpec[])
		.filter((n) => typeof n.webhookId === 'string' && typeof n.parameters?.path === 'string')
		.map((n) => `${String(n.parameters.httpMethod ?? 'POST')} ${String(n.parameters.path)}`);
}
