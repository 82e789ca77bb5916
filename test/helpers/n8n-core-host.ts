/**
 * The pieces of an n8n host that n8n-core's execution engine needs around a node class in a test: the
 * node-type registry (this package's nodes under their published type names) and the
 * `additionalData` n8n passes every execution. Credentials come from TestCredentialsHelper, which
 * applies each credential class's own `authenticate`. Shared by the action-node and trigger harnesses.
 */
import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { TestCredentialsHelper, type CredentialData } from './n8n-webhook-credentials';

export const PACKAGE_NAME = 'n8n-nodes-crm-bridge';

/** The type name n8n gives a community node: `<package>.<description.name>`. */
export function nodeTypeName(nodeType: INodeType): string {
	return `${PACKAGE_NAME}.${nodeType.description.name}`;
}

export function nodeTypesOf(...nodeTypes: INodeType[]): INodeTypes {
	const byName = new Map(nodeTypes.map((type) => [nodeTypeName(type), type]));
	const get = (name: string): INodeType => {
		const type = byName.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: (name: string): INodeType | IVersionedNodeType => get(name),
		getByNameAndVersion: (name: string) => get(name),
		getKnownTypes: (): IDataObject => Object.fromEntries([...byName.keys()].map((name) => [name, {}])),
	};
}

/** An ExecutionLifecycleHooks for one run, as n8n creates it per execution. */
export function lifecycleHooks(mode: WorkflowExecuteMode, workflow: IWorkflowBase): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks(mode, 'test-execution', workflow);
}

/** What n8n hands every node context: the fields a node of this package can reach, with loopback URLs. */
export function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		...extra,
	};
	return data as IWorkflowExecuteAdditionalData;
}

export { TestCredentialsHelper, type CredentialData };
