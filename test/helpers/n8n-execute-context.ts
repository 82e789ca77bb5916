/**
 * A fake IExecuteFunctions close enough to n8n 2.x for running a real node class in a unit test:
 *
 * - parameters get their defaults the way n8n fills them in (NodeHelpers.getNodeParameters over the
 *   node's own description, so hidden parameters drop out), per item; a function value stands for an
 *   expression and is evaluated for each item;
 * - getNodeParameter reads dotted paths, returns the fallback for a missing value and otherwise throws
 *   "Could not get parameter", as n8n does;
 * - helpers.httpRequestWithAuthentication signs with the credential (the credential class's own
 *   `authenticate` headers), sends with fetch (so nock answers), honours returnFullResponse and
 *   ignoreHttpStatusErrors, and on a status >= 400 throws what n8n throws: a NodeApiError whose cause is
 *   an AxiosError with `.response = {status, statusText, headers, data}` and `.config` (with the
 *   Authorization header, as axios keeps it).
 */
import {
	ApplicationError,
	NodeApiError,
	NodeHelpers,
	NodeOperationError,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type JsonObject,
} from 'n8n-workflow';
import { CrmHubSpotAppTokenApi } from '../../credentials/CrmHubSpotAppTokenApi.credentials';

export interface N8nCredentials {
	accessToken: string;
	baseUrl?: string;
}

/** A parameter value, or a function standing for an expression evaluated per item. */
export type ParameterValue = unknown;
export type Expression = (itemIndex: number, item: INodeExecutionData) => unknown;

export interface ExecuteContextOptions {
	nodeType: INodeType;
	/** The node's parameters as the workflow JSON would hold them; functions are per-item expressions. */
	parameters: Record<string, ParameterValue>;
	items: INodeExecutionData[];
	credentials: N8nCredentials;
	/** Which credential the node has selected; defaults to the app token credential. */
	credentialType?: string;
	/** Node setting "On Error": continue (regular output) when true, stop the workflow otherwise. */
	continueOnFail?: boolean;
}

export interface RecordedHttpRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: unknown;
	status?: number;
}

export interface FakeExecuteContext {
	context: IExecuteFunctions;
	node: INode;
	/** Every request the node made through httpRequestWithAuthentication. */
	requests: RecordedHttpRequest[];
}

const CREDENTIAL_CLASSES: Record<string, ICredentialType> = {
	crmHubSpotAppTokenApi: new CrmHubSpotAppTokenApi(),
};

/** What axios throws; n8n keys its HTTP-code detection on the constructor name. */
class AxiosError extends Error {
	readonly isAxiosError = true;
	constructor(
		message: string,
		readonly code: string | undefined,
		readonly config: IDataObject,
		readonly response?: { status: number; statusText: string; headers: Record<string, string>; data: unknown; config: IDataObject },
	) {
		super(message);
		this.name = 'AxiosError';
	}
}

export function createExecuteContext(options: ExecuteContextOptions): FakeExecuteContext {
	const description = options.nodeType.description;
	const credentialType = options.credentialType ?? 'crmHubSpotAppTokenApi';
	const node: INode = {
		id: '3f0c8a52-8d1e-4a53-9b7e-5c0a1d2e3f40',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-crm-bridge.${description.name}`,
		typeVersion: Array.isArray(description.version) ? description.version[description.version.length - 1] : description.version,
		position: [0, 0],
		// As saved in the workflow: expressions stay unevaluated strings.
		parameters: withDefaults(evaluate(options.parameters, () => '={{ $json }}') as INodeParameters),
		credentials: { [credentialType]: { id: 'cred-1', name: 'HubSpot account' } },
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const requests: RecordedHttpRequest[] = [];

	const resolved = new Map<number, INodeParameters>();

	/** The node's parameters for one item: expressions evaluated, then n8n's defaults filled in. */
	function resolvedParameters(itemIndex: number): INodeParameters {
		let parameters = resolved.get(itemIndex);
		if (!parameters) {
			const item = options.items[itemIndex] ?? { json: {} };
			parameters = withDefaults(evaluate(options.parameters, (fn) => fn(itemIndex, item)) as INodeParameters);
			resolved.set(itemIndex, parameters);
		}
		return parameters;
	}

	function withDefaults(parameters: INodeParameters): INodeParameters {
		const filled = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion: 1 }, description);
		return (filled ?? {}) as INodeParameters;
	}

	function getNodeParameter(parameterName: string, itemIndex: number, fallbackValue?: unknown): unknown {
		const value = getPath(resolvedParameters(itemIndex), parameterName);
		if (value === undefined) {
			if (fallbackValue === undefined) {
				throw new ApplicationError('Could not get parameter', { extra: { parameterName } });
			}
			return fallbackValue;
		}
		return structuredClone(value);
	}

	async function getCredentials(type: string): Promise<IDataObject> {
		if (!node.credentials?.[type]) {
			throw new NodeOperationError(node, 'Node does not have any credentials set');
		}
		if (type !== credentialType) throw new NodeOperationError(node, `Node does not have credentials of type ${type}`);
		return { ...options.credentials };
	}

	async function httpRequestWithAuthentication(type: string, request: IHttpRequestOptions): Promise<unknown> {
		const credentials = await getCredentials(type);
		const url = new URL(request.baseURL ? request.baseURL.replace(/\/+$/, '') + request.url : request.url);
		for (const [key, value] of Object.entries((request.qs ?? {}) as IDataObject)) {
			if (value !== undefined) url.searchParams.append(key, String(value));
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries((request.headers ?? {}) as IDataObject)) headers[name.toLowerCase()] = String(value);
		Object.assign(headers, authHeaders(type, credentials));
		let body: string | undefined;
		if (request.body !== undefined && request.method !== 'GET') {
			body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
			headers['content-type'] ??= 'application/json';
		}
		const record: RecordedHttpRequest = {
			method: request.method ?? 'GET',
			url: url.toString(),
			headers,
			body: request.body,
		};
		requests.push(record);
		const config = { url: url.toString(), method: (request.method ?? 'GET').toLowerCase(), headers: { ...headers }, data: body };

		let response: Response;
		try {
			response = await fetch(url, { method: request.method ?? 'GET', headers, body });
		} catch (error) {
			const cause = ((error as { cause?: unknown }).cause ?? error) as { message?: string; code?: string };
			throw new NodeApiError(node, new AxiosError(cause.message ?? 'socket hang up', cause.code, config) as unknown as JsonObject);
		}
		record.status = response.status;
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			responseHeaders[name.toLowerCase()] = value;
		});
		const text = await response.text();
		let data: unknown = text;
		// axios's default transitional JSON parsing: any JSON-looking text becomes an object.
		if (text !== '') {
			try {
				data = JSON.parse(text);
			} catch {
				data = text;
			}
		}
		if (response.status >= 400 && request.ignoreHttpStatusErrors !== true) {
			const axiosError = new AxiosError(
				`Request failed with status code ${response.status}`,
				response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
				config,
				{ status: response.status, statusText: response.statusText, headers: responseHeaders, data, config },
			);
			throw new NodeApiError(node, axiosError as unknown as JsonObject);
		}
		if (request.returnFullResponse) {
			return { body: data, headers: responseHeaders, statusCode: response.status, statusMessage: response.statusText };
		}
		return data;
	}

	const implemented: Record<string, unknown> = {
		getInputData: (inputIndex = 0) => {
			if (inputIndex !== 0) throw new ApplicationError(`The node has no input ${inputIndex}`);
			return options.items;
		},
		getNodeParameter,
		getNode: () => node,
		continueOnFail: () => node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput',
		getCredentials,
		getExecutionId: () => 'test-execution',
		getMode: () => 'manual',
		helpers: {
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: itemData })),
		},
	};

	// Anything the node touches that this fake does not model fails loudly instead of returning undefined.
	const context = new Proxy(implemented, {
		get(target, property) {
			if (typeof property === 'symbol' || property in target) return target[property as string];
			throw new Error(`The fake IExecuteFunctions does not implement "${property}"`);
		},
	}) as unknown as IExecuteFunctions;

	return { context, node, requests };
}

/** Runs the node's execute() with the fake context. */
export async function executeNode(options: ExecuteContextOptions): Promise<{ output: INodeExecutionData[][]; fake: FakeExecuteContext }> {
	const fake = createExecuteContext(options);
	if (!options.nodeType.execute) throw new Error('The node has no execute method');
	const output = (await options.nodeType.execute.call(fake.context)) as INodeExecutionData[][];
	return { output, fake };
}

/** The credential's generic `authenticate` headers with `{{$credentials.x}}` filled in. */
function authHeaders(type: string, credentials: IDataObject): Record<string, string> {
	const credential = CREDENTIAL_CLASSES[type];
	const authenticate = credential?.authenticate;
	if (!authenticate || typeof authenticate === 'function' || authenticate.type !== 'generic') {
		return { authorization: `Bearer ${String(credentials.accessToken)}` };
	}
	const out: Record<string, string> = {};
	for (const [name, template] of Object.entries((authenticate.properties.headers ?? {}) as IDataObject)) {
		const value = String(template)
			.replace(/^=/, '')
			.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
		out[name.toLowerCase()] = value;
	}
	return out;
}

function evaluate(value: unknown, run: (fn: Expression) => unknown): unknown {
	if (typeof value === 'function') return run(value as Expression);
	if (Array.isArray(value)) return value.map((v) => evaluate(v, run));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, run)]));
	}
	return value;
}

/** lodash-style `get` for dotted paths (what n8n's getNodeParameter uses). */
function getPath(source: unknown, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
