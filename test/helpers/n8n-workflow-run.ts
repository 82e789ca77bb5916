/**
 * Runs one action node the way n8n does: the node sits in a real `Workflow` (n8n-workflow) that
 * n8n-core's `WorkflowExecute` executes, fed the given items as its input. So parameter defaults,
 * expressions (`={{ $json.email }}`), paired items, node-level `onError` and credential signing are
 * n8n's own, not a model of them. HTTP goes out through n8n's request helper (axios), where nock
 * answers.
 */
import { LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ExecutionError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
} from 'n8n-workflow';
import {
	additionalDataFor,
	lifecycleHooks,
	nodeTypeName,
	nodeTypesOf,
	TestCredentialsHelper,
	type CredentialData,
} from './n8n-core-host';

export interface NodeRunOptions {
	nodeType: INodeType;
	/** The node's parameters as a saved workflow holds them: expressions are `={{ … }}` strings. */
	parameters: INodeParameters;
	items: INodeExecutionData[];
	/** Decrypted credential data by credential type; the node uses the first one as its selected credential. */
	credentials: Record<string, CredentialData>;
	/** Node setting "On Error" (default: stop the workflow). */
	onError?: INode['onError'];
	/** The workflow's static data at the start (as an active workflow's last execution saved it). */
	staticData?: IDataObject;
}

export interface SentRequest {
	method: string;
	url: string;
	qs?: Record<string, unknown>;
	body?: unknown;
}

/** One `getNodeParameter` call the node made: which parameter, for which item. */
export interface ParameterRead {
	name: string;
	itemIndex: number;
}

export interface NodeRunResult {
	/** The node's main outputs, as n8n stored them in the run data (empty when the node failed). */
	output: INodeExecutionData[][];
	/** The error that stopped the node, as n8n recorded it. */
	error?: ExecutionError;
	/** Every request the node sent through n8n's authenticated request helper, before signing. */
	requests: SentRequest[];
	parameterReads: ParameterRead[];
	run: IRun;
	/** The workflow's static data after the run: what n8n would save for an active workflow. */
	staticData: IDataObject;
}

/** Records each request n8n signs, without its credentials, and every parameter the node reads. */
class RecordingCredentialsHelper extends TestCredentialsHelper {
	readonly requests: SentRequest[] = [];

	async authenticate(...args: Parameters<TestCredentialsHelper['authenticate']>): Promise<IHttpRequestOptions> {
		const [, , request] = args;
		const { method = 'GET', url, baseURL, qs, body } = request as IHttpRequestOptions;
		this.requests.push({ method, url: baseURL ? baseURL.replace(/\/+$/, '') + url : url, qs: qs as Record<string, unknown>, body });
		return await super.authenticate(...args);
	}
}

/** The node type with its execute() seeing a context whose getNodeParameter calls are logged. */
function tracing(nodeType: INodeType, reads: ParameterRead[]): INodeType {
	const execute = nodeType.execute;
	if (!execute) return nodeType;
	const traced = Object.create(nodeType) as INodeType;
	traced.execute = async function (this: IExecuteFunctions) {
		const context = this;
		const proxy = new Proxy(context, {
			get(target, property, receiver) {
				if (property === 'getNodeParameter') {
					return (name: string, itemIndex: number, ...rest: unknown[]) => {
						reads.push({ name, itemIndex });
						return (target.getNodeParameter as (...a: unknown[]) => unknown)(name, itemIndex, ...rest);
					};
				}
				const value = Reflect.get(target, property, receiver) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			},
		});
		return await execute.call(proxy);
	};
	return traced;
}

/** The node as a saved workflow holds it, alone in a Workflow that knows only its type. */
function nodeInWorkflow(
	nodeType: INodeType,
	parameters: INodeParameters,
	credentials: Record<string, CredentialData>,
	onError?: INode['onError'],
	registered: INodeType = nodeType,
	staticData?: IDataObject,
): { node: INode; workflow: Workflow; workflowData: IWorkflowBase } {
	const description = nodeType.description;
	const version = Array.isArray(description.version) ? description.version[description.version.length - 1] : description.version;
	const node: INode = {
		id: '3f0c8a52-8d1e-4a53-9b7e-5c0a1d2e3f40',
		name: description.defaults.name ?? description.displayName,
		type: nodeTypeName(nodeType),
		typeVersion: version,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((type, i) => [type, { id: `cred-${i + 1}`, name: `Test ${type}` }])),
		...(onError ? { onError } : {}),
	};
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'Node test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(0),
		updatedAt: new Date(0),
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(registered),
		staticData: staticData === undefined ? undefined : structuredClone(staticData),
	});
	return { node, workflow, workflowData };
}

export async function runNode(options: NodeRunOptions): Promise<NodeRunResult> {
	const parameterReads: ParameterRead[] = [];
	const { node, workflow, workflowData } = nodeInWorkflow(
		options.nodeType,
		options.parameters,
		options.credentials,
		options.onError,
		tracing(options.nodeType, parameterReads),
		options.staticData,
	);

	const credentialsHelper = new RecordingCredentialsHelper({ ...options.credentials });
	const hooks = lifecycleHooks('manual', workflowData);
	let finish: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));

	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node, data: { main: [options.items] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalDataFor(credentialsHelper, hooks), 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;

	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		output: (task?.data?.main ?? []).map((items) => items ?? []),
		error: task?.error ?? run.data.resultData.error,
		requests: credentialsHelper.requests,
		parameterReads,
		run,
		staticData: JSON.parse(JSON.stringify(workflow.staticData ?? {})) as IDataObject,
	};
}

/**
 * Calls one of the node's `methods` (loadOptions, resourceMapping...) the way the editor does: through
 * n8n-core's LoadOptionsContext over the node as saved, with its credentials.
 */
export async function callNodeMethod<T>(
	options: Omit<NodeRunOptions, 'items' | 'onError'>,
	method: (this: ILoadOptionsFunctions) => Promise<T>,
): Promise<{ value: T; requests: SentRequest[] }> {
	const { node, workflow, workflowData } = nodeInWorkflow(options.nodeType, options.parameters, options.credentials);
	const credentialsHelper = new RecordingCredentialsHelper({ ...options.credentials });
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(credentialsHelper, lifecycleHooks('manual', workflowData)), 'parameters.columns');
	return { value: await method.call(context), requests: credentialsHelper.requests };
}
