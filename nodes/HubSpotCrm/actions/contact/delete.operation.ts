import type { INodeProperties } from 'n8n-workflow';
import { CRMValidationError } from '../../../../src/core/errors';
import type { BatchOperation, BatchResult } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		description: 'The contact is archived: HubSpot keeps it restorable for 90 days. All input items are archived together, 100 per request.',
		displayOptions: { show: { resource: ['contact'], operation: ['delete'] } },
	},
];

export const execute: BatchOperation = async function (provider, itemCount) {
	const results: BatchResult[] = new Array(itemCount);
	const ids: string[] = [];
	const items: number[] = [];
	for (let i = 0; i < itemCount; i++) {
		const id = String(this.getNodeParameter('contactId', i, '')).trim();
		if (!id) {
			results[i] = { ok: false, error: new CRMValidationError('contactId is required', { fields: [{ field: 'contactId', message: 'is required', itemIndex: i }] }) };
			continue;
		}
		ids.push(id);
		items.push(i);
	}
	for (const outcome of await provider.deleteContacts(ids)) {
		const item = items[outcome.index];
		results[item] = outcome.ok ? { ok: true, json: { id: outcome.value, deleted: true } } : { ok: false, error: outcome.error };
	}
	return results;
};
