/**
 * Runs a trigger node's `webhook()` and `webhookMethods` through n8n-core's real `WebhookContext` and
 * `HookContext`, over a real `Workflow` from n8n-workflow, the way n8n's webhook server does: the
 * node's parameters get their description defaults (including '@version'-dependent ones) from the
 * Workflow, expressions resolve, credentials come from a credentials helper, and the workflow's static
 * data is loaded before and saved after each request like a production webhook call. Only the HTTP
 * side is faked: an express-like request and response.
 *
 * Each request builds a fresh Workflow from the saved static data, as n8n does when it loads an active
 * workflow for a webhook call; a node's per-process caches (module state) are still shared, so to
 * play "another process" give the harness another workflow id over the same saved static data.
 */
import { dirname } from 'node:path';
import { HookContext, InstanceSettings, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWorkflowBase,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';
import {
	additionalDataFor,
	lifecycleHooks,
	nodeTypeName,
	nodeTypesOf,
	TestCredentialsHelper,
	type CredentialData,
} from './n8n-core-host';

export const WEBHOOK_BASE_URL = 'https://n8n.example.com/webhook';
export const WEBHOOK_ID = 'abc';

/** n8n-core's own copy of its DI container (a second copy sits at the top of node_modules). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(
	require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] }),
) as { Container: { set(token: unknown, value: unknown): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = require(
	require.resolve('@n8n/backend-common', { paths: [dirname(require.resolve('n8n-core'))] }),
) as { Logger: unknown };

export interface TestLogger {
	warn: jest.Mock;
	info: jest.Mock;
	debug: jest.Mock;
	error: jest.Mock;
	/** n8n's services log through scoped children; here they share the same mocks. */
	scoped(): TestLogger;
}

function testLogger(): TestLogger {
	const logger: TestLogger = {
		warn: jest.fn(),
		info: jest.fn(),
		debug: jest.fn(),
		error: jest.fn(),
		scoped: () => logger,
	};
	return logger;
}

export interface TriggerSetup {
	parameters: INodeParameters;
	/** The node version a saved workflow carries; defaults to the type's defaultVersion. */
	typeVersion?: number;
	credentials: Record<string, CredentialData>;
	workflowId?: string;
	/** Saved workflow static data, shared between harnesses that play several processes. */
	staticData?: IDataObject;
	webhookBaseUrl?: string;
}

export interface WebhookRequest {
	method?: 'POST' | 'GET';
	body?: string;
	headers?: Record<string, string>;
	/** The request line's path and raw query, e.g. `/webhook/abc/webhook?token=x`. */
	url?: string;
	/** Which of the node's webhooks n8n matched; GET requests go to the one named 'setup'. */
	webhookName?: string;
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	/** Status the node wrote on the response itself (refusals), if any. */
	status?: number;
	/** Body the node wrote on the response itself. */
	sent?: unknown;
	items: IDataObject[];
}

interface FakeResponse {
	statusCode?: number;
	sent?: unknown;
	headersSent: boolean;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
	send(body: unknown): FakeResponse;
	end(): FakeResponse;
	setHeader(): FakeResponse;
}

function fakeResponse(): FakeResponse {
	const response: FakeResponse = {
		headersSent: false,
		status(code) {
			response.statusCode = code;
			return response;
		},
		json(body) {
			response.sent = body;
			response.headersSent = true;
			return response;
		},
		send(body) {
			return response.json(body);
		},
		end() {
			response.headersSent = true;
			return response;
		},
		setHeader() {
			return response;
		},
	};
	return response;
}

function fakeRequest(request: WebhookRequest, method: string): Record<string, unknown> {
	const url = request.url ?? `/webhook/${WEBHOOK_ID}/webhook`;
	const at = url.indexOf('?');
	const query = Object.fromEntries(new URLSearchParams(at >= 0 ? url.slice(at + 1) : ''));
	const raw = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
	let body: unknown = {};
	try {
		body = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		body = {};
	}
	return {
		method,
		url,
		originalUrl: url,
		headers: Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		),
		query,
		params: {},
		body,
		// n8n's body parsing keeps the raw bytes for JSON, text and form bodies.
		rawBody: raw ?? Buffer.alloc(0),
	};
}

export class TriggerHarness {
	readonly credentials: TestCredentialsHelper;
	readonly logger: TestLogger = testLogger();
	/** The workflow's saved static data (what n8n writes to its database). */
	staticData: IDataObject;
	readonly node: INode;
	private readonly workflowId: string;
	private readonly webhookBaseUrl: string;

	constructor(
		private readonly type: INodeType,
		setup: TriggerSetup,
	) {
		const description = type.description;
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		this.credentials = new TestCredentialsHelper({ ...setup.credentials });
		this.staticData = setup.staticData ?? {};
		this.workflowId = setup.workflowId ?? 'wf-1';
		this.webhookBaseUrl = setup.webhookBaseUrl ?? WEBHOOK_BASE_URL;
		this.node = {
			id: 'node-1',
			name: 'CRM Webhook Trigger',
			type: nodeTypeName(type),
			typeVersion: setup.typeVersion ?? description.defaultVersion ?? Math.max(...versions),
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: setup.parameters,
			credentials: Object.fromEntries(
				Object.keys(setup.credentials).map((name) => [name, { id: `cred-${name}`, name }]),
			),
		};
	}

	/** The node's parameters after n8n filled in defaults, as the workflow editor would save them. */
	resolvedParameters(): INodeParameters {
		return this.workflow().nodes[this.node.name].parameters;
	}

	async deliver(request: WebhookRequest): Promise<WebhookOutcome> {
		const method = request.method ?? 'POST';
		const webhookName = request.webhookName ?? (method === 'GET' ? 'setup' : 'default');
		const workflow = this.workflow();
		const node = workflow.nodes[this.node.name];
		const response = fakeResponse();
		const additionalData = this.additionalData({
			httpRequest: fakeRequest(request, method) as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		});
		const webhookData: IWebhookData = {
			httpMethod: method,
			node: node.name,
			path: 'webhook',
			webhookDescription: this.webhookDescription(webhookName),
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
		};
		this.useLogger();
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		const result = await this.type.webhook!.call(context);
		this.save(workflow);
		const items = (result.workflowData?.[0] ?? []).map((item: INodeExecutionData) => item.json);
		return { result, status: response.statusCode, sent: response.sent, items };
	}

	/** Runs one of webhookMethods.default, as n8n does on activation (checkExists, create) and deactivation. */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode = 'activate',
	): Promise<boolean> {
		const workflow = this.workflow();
		const node = workflow.nodes[this.node.name];
		const additionalData = this.additionalData({});
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: this.webhookDescription('default'),
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
		};
		this.useLogger();
		const context = new HookContext(workflow, node, additionalData, 'trigger', activation, webhookData);
		const fn = this.type.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`the node has no webhookMethods.default.${method}`);
		try {
			return await fn.call(context);
		} finally {
			this.save(workflow);
		}
	}

	private workflow(): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'test workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: nodeTypesOf(this.type),
			staticData: structuredClone(this.staticData),
		});
	}

	/** n8n saves a workflow's static data after a call that changed it. */
	private save(workflow: Workflow): void {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete copy.__dataChanged;
		this.staticData = copy;
	}

	private webhookDescription(name: string): IWebhookDescription {
		const found = this.type.description.webhooks?.find((webhook) => webhook.name === name);
		if (!found) throw new Error(`the node has no webhook named ${name}`);
		return found;
	}

	private additionalData(http: Partial<IWorkflowExecuteAdditionalData>): IWorkflowExecuteAdditionalData {
		const base = this.webhookBaseUrl.replace(/\/webhook$/, '');
		const workflow = { id: this.workflowId, name: 'test workflow' } as IWorkflowBase;
		return additionalDataFor(this.credentials, lifecycleHooks('webhook', workflow), {
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			instanceBaseUrl: `${base}/`,
			...http,
		});
	}

	private useLogger(): void {
		Container.set(Logger, this.logger);
	}
}

// n8n-core reads instance settings (a file under ~/.n8n) when a context is built; tests need none of it.
Container.set(InstanceSettings, { instanceId: 'test-instance', n8nFolder: '/nonexistent' });
