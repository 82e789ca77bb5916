/**
 * n8n's per-item contract in one place: every output item is paired with its input, and with "continue
 * on fail" (the node's On Error setting) a failed item becomes an error item while the others go on;
 * otherwise the first failure stops the node with that item's index.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorDetails, toNodeError } from './errors';
import type { BatchResult } from './operations';

/** Calls `run` for each item in turn and pairs what it returns with the item. */
export async function forEachItem(
	ctx: IExecuteFunctions,
	itemCount: number,
	run: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < itemCount; i++) {
		try {
			for (const json of await run(i)) out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, i);
			out.push({ json: errorDetails(error), pairedItem: { item: i } });
		}
	}
	return out;
}

/** Turns a batch operation's results (one per input item, in order) into paired output items. */
export function pairBatchResults(ctx: IExecuteFunctions, results: BatchResult[]): INodeExecutionData[] {
	const continueOnFail = ctx.continueOnFail();
	return results.map((result, i) => {
		if (result.ok) return { json: result.json, pairedItem: { item: i } };
		if (!continueOnFail) throw toNodeError(ctx.getNode(), result.error, i);
		return { json: errorDetails(result.error), pairedItem: { item: i } };
	});
}
