/**
 * Resource/operation dispatch for action nodes: finds the operation in the node's table, refuses one the
 * provider cannot run before any item is read, and runs it per item or as one batch through the
 * shared item loop. A node supplies only its table and how to build its provider.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { requireCapability, type CRMProvider } from '../core/provider';
import { forEachItem, pairBatchResults } from './item-loop';
import { toNodeError } from './errors';
import type { Operation, OperationTable, ResourceMap } from './operations';

export interface RouteOptions<P extends CRMProvider, M extends ResourceMap> {
	operations: OperationTable<P, M>;
	providerFor: (ctx: IExecuteFunctions) => Promise<P>;
}

export async function route<P extends CRMProvider, M extends ResourceMap>(
	ctx: IExecuteFunctions,
	{ operations, providerFor }: RouteOptions<P, M>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const table = operations as Record<string, Record<string, Operation<P>>>;
	// Own keys only: a workflow file may name any operation, e.g. "constructor".
	const found = Object.hasOwn(table, resource) && Object.hasOwn(table[resource], operation) ? table[resource][operation] : undefined;
	if (!found) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operation}" for resource "${resource}"`);

	let provider: P;
	try {
		provider = await providerFor(ctx);
		for (const capability of found.requires) requireCapability(provider, capability, found.action);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}

	const items = ctx.getInputData();
	if (found.kind === 'item') {
		const execute = found.execute;
		return [await forEachItem(ctx, items.length, async (i) => await execute.call(ctx, provider, i))];
	}
	let results;
	try {
		results = await found.execute.call(ctx, provider, items);
	} catch (error) {
		// A failure before any item was sent (e.g. an unreadable parameter) belongs to no single item.
		throw toNodeError(ctx.getNode(), error);
	}
	return [pairBatchResults(ctx, results)];
}
