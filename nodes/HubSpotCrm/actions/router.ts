/**
 * Dispatches to the operation and applies n8n's per-item contract in one place: every output item is
 * paired with its input, and with "continue on fail" each failed item becomes an error item while the
 * others go on.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { hubspotCredentialType, hubspotProviderFor } from '../../../src/n8n/hubspot';
import { errorDetails, toNodeError } from '../../../src/n8n/errors';
import { batchOperations, itemOperations } from './contact';

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const provider = await hubspotProviderFor(this, hubspotCredentialType(this.getNodeParameter('authentication', 0)));
	const out: INodeExecutionData[] = [];

	const batch = batchOperations[operation];
	if (batch) {
		let outcomes;
		try {
			outcomes = await batch.call(this, provider, items.length);
		} catch (error) {
			// A failure before any item was sent (e.g. an unreadable parameter) belongs to no single item.
			throw toNodeError(this.getNode(), error);
		}
		outcomes.forEach((outcome, i) => {
			if (outcome.ok) out.push({ json: outcome.json, pairedItem: { item: i } });
			else if (this.continueOnFail()) out.push({ json: errorDetails(outcome.error), pairedItem: { item: i } });
			else throw toNodeError(this.getNode(), outcome.error, i);
		});
		return [out];
	}

	const run = itemOperations[operation];
	if (!run) throw toNodeError(this.getNode(), new Error(`Unknown operation "${operation}"`));
	for (let i = 0; i < items.length; i++) {
		try {
			const results = await run.call(this, provider, i);
			for (const json of results) out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			out.push({ json: errorDetails(error), pairedItem: { item: i } });
		}
	}
	return [out];
}
