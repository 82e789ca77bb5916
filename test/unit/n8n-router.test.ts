/**
 * The shared router and item loop, with a provider that lacks a capability (LinkedIn has no contact
 * store), run inside n8n-core's WorkflowExecute through a minimal node that is only descriptions plus
 * calls, as an Apollo or LinkedIn node will be.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { CRMProvider, type AuthenticationResult, type ProviderLimits, type RateLimitStatus } from '../../src/core/provider';
import type { OperationTable } from '../../src/n8n/operations';
import { route } from '../../src/n8n/router';
import { runNode } from '../helpers/n8n-workflow-run';

/** A read-only platform: a change feed and nothing else. */
class FeedOnlyProvider extends CRMProvider<{ changeFeed: { getUpdatedContacts(): AsyncIterable<never[]> } }> {
	readonly platform = 'linkedin';
	readonly limits: ProviderLimits = { maxBatchSize: 1, maxPageSize: 10 };
	readonly capabilities = { changeFeed: { getUpdatedContacts: async function* () {} } };
	async authenticate(): Promise<AuthenticationResult> {
		return { ok: true };
	}
	checkRateLimit(): RateLimitStatus {
		return { platform: 'linkedin' };
	}
}

type TestMap = { contact: 'create' | 'echo' };
const calls: string[] = [];

const operations: OperationTable<FeedOnlyProvider, TestMap> = {
	contact: {
		create: {
			kind: 'item',
			requires: ['contactStore'],
			action: 'create contacts',
			description: [],
			async execute() {
				calls.push('create');
				return [];
			},
		},
		echo: {
			kind: 'item',
			requires: ['changeFeed'],
			action: 'echo',
			description: [],
			async execute(_provider, i) {
				const value = this.getNodeParameter('value', i) as string;
				if (value === 'bad') throw new Error(`item ${i} is bad`);
				return [{ value }];
			},
		},
	},
};

class RouterTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Router Test',
		name: 'routerTest',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Router Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'options', options: [{ name: 'Contact', value: 'contact' }], default: 'contact' },
			{ displayName: 'Operation', name: 'operation', type: 'options', options: [{ name: 'Create', value: 'create' }, { name: 'Echo', value: 'echo' }], default: 'echo' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, { operations, providerFor: async () => new FeedOnlyProvider() });
	}
}

const items = (values: string[]) => values.map((value) => ({ json: { value } }));

beforeEach(() => {
	calls.length = 0;
});

it('refuses an operation the provider has no capability for before any item runs, naming the platform', async () => {
	const result = await runNode({ nodeType: new RouterTestNode(), parameters: { operation: 'create' }, items: items(['a', 'b']), credentials: {} });

	expect(calls).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toBe('LinkedIn cannot create contacts: it has no contact store');
	expect(result.error?.context?.itemIndex).toBeUndefined();
});

it('runs an item operation per item with expressions, pairing each output; continue-on-fail keeps going', async () => {
	const result = await runNode({
		nodeType: new RouterTestNode(),
		parameters: { operation: 'echo', value: '={{ $json.value }}' },
		items: items(['a', 'bad', 'c']),
		credentials: {},
		onError: 'continueRegularOutput',
	});

	expect(result.output).toEqual([
		[
			{ json: { value: 'a' }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 is bad' }, pairedItem: { item: 1 } },
			{ json: { value: 'c' }, pairedItem: { item: 2 } },
		],
	]);
});

it('without continue-on-fail the first failing item stops the node with its index', async () => {
	const result = await runNode({ nodeType: new RouterTestNode(), parameters: { operation: 'echo', value: '={{ $json.value }}' }, items: items(['a', 'bad', 'c']), credentials: {} });

	expect(result.output).toEqual([]);
	expect(result.error?.message).toBe('item 1 is bad');
	expect(result.error?.context?.itemIndex).toBe(1);
});

it('refuses an operation name the table does not own, even one every object inherits', async () => {
	const result = await runNode({ nodeType: new RouterTestNode(), parameters: { operation: 'constructor' }, items: items(['a']), credentials: {} });

	expect(result.error?.message).toBe('Unknown operation "constructor" for resource "contact"');
});
