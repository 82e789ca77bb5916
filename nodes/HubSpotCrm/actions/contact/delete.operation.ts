import { updateDisplayOptions } from 'n8n-workflow';
import { CRMValidationError } from '../../../../src/core/errors';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';

export const del: Operation<HubSpotProvider> = {
	kind: 'batch',
	requires: ['contactBatches'],
	action: 'delete contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['delete'] } }, [
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			required: true,
			default: '',
			description: 'The contact is archived: HubSpot keeps it restorable for 90 days. All input items are archived together, 100 per request.',
		},
	]),
	async execute(provider, items) {
		const results: BatchResult[] = new Array(items.length);
		const ids: string[] = [];
		const sent: number[] = [];
		for (let i = 0; i < items.length; i++) {
			const id = String(this.getNodeParameter('contactId', i, '') ?? '').trim();
			if (!id) {
				results[i] = { ok: false, error: new CRMValidationError('contactId is required', { fields: [{ field: 'contactId', message: 'is required', itemIndex: i }] }) };
				continue;
			}
			ids.push(id);
			sent.push(i);
		}
		for (const outcome of await provider.deleteContacts(ids)) {
			results[sent[outcome.index]] = outcome.ok ? { ok: true, json: { id: outcome.value, deleted: true } } : { ok: false, error: outcome.error };
		}
		return results;
	},
};
