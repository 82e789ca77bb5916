/**
 * Runs a polling trigger's `poll()` through n8n-core's real `PollContext` over a real `Workflow`, the way
 * n8n's poll scheduler does: parameters get their description defaults, credentials are applied by the
 * credential classes, and the node's static data is loaded before each poll and saved after it only when
 * the poll succeeded (n8n saves nothing for a poll that throws). The harness saves after manual polls
 * too, so a test sees whether the node itself left its cursor alone.
 */
import { dirname } from 'node:path';
import { InstanceSettings, PollContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWorkflowBase,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	additionalDataFor,
	lifecycleHooks,
	nodeTypeName,
	nodeTypesOf,
	TestCredentialsHelper,
	type CredentialData,
} from './n8n-core-host';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(
	require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] }),
) as { Container: { set(token: unknown, value: unknown): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = require(
	require.resolve('@n8n/backend-common', { paths: [dirname(require.resolve('n8n-core'))] }),
) as { Logger: unknown };

const quiet = { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined };
Container.set(Logger, { ...quiet, scoped: () => quiet });
Container.set(InstanceSettings, { instanceId: 'test-instance', n8nFolder: '/nonexistent' });

export interface PollSetup {
	parameters: INodeParameters;
	credentials: Record<string, CredentialData>;
	staticData?: IDataObject;
}

export interface PollRun {
	/** The emitted items' JSON (empty when the poll returned null). */
	items: IDataObject[];
	/** What poll() returned, as n8n receives it. */
	result: INodeExecutionData[][] | null;
}

export class PollHarness {
	/** The workflow's saved static data (what n8n writes to its database). */
	staticData: IDataObject;
	readonly node: INode;
	readonly credentials: TestCredentialsHelper;

	constructor(
		private readonly type: INodeType,
		setup: PollSetup,
	) {
		this.staticData = setup.staticData ?? {};
		this.credentials = new TestCredentialsHelper({ ...setup.credentials });
		const version = type.description.version;
		this.node = {
			id: 'poll-node-1',
			name: type.description.defaults.name ?? type.description.displayName,
			type: nodeTypeName(type),
			typeVersion: Array.isArray(version) ? Math.max(...version) : version,
			position: [0, 0],
			parameters: setup.parameters,
			credentials: Object.fromEntries(Object.keys(setup.credentials).map((name) => [name, { id: `cred-${name}`, name }])),
		};
	}

	/** The node's saved cursor state. */
	get cursor(): IDataObject | undefined {
		return (this.staticData[`node:${this.node.name}`] as IDataObject | undefined)?.cursor as IDataObject | undefined;
	}

	/** `budgetMs: null` plays an n8n older than the poll budget (no getPollBudgetMs on the context). */
	async poll(options: { mode?: WorkflowExecuteMode; budgetMs?: number | null } = {}): Promise<PollRun> {
		const mode = options.mode ?? 'trigger';
		const workflow = new Workflow({
			id: 'poll-workflow',
			name: 'poll test',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: nodeTypesOf(this.type),
			staticData: structuredClone(this.staticData),
		});
		const node = workflow.nodes[this.node.name];
		const additionalData = additionalDataFor(
			this.credentials,
			lifecycleHooks(mode, { id: workflow.id, name: workflow.name } as IWorkflowBase),
		);
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			() => options.budgetMs ?? 300_000,
		);
		if (options.budgetMs === null) Object.defineProperty(context, 'getPollBudgetMs', { value: undefined });
		const result = await this.type.poll!.call(context);
		this.save(workflow);
		return { result, items: (result?.[0] ?? []).map((item) => item.json) };
	}

	private save(workflow: Workflow): void {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete copy.__dataChanged;
		this.staticData = copy;
	}
}
