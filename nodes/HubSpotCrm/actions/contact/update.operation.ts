import type { INodeProperties } from 'n8n-workflow';
import { CRMNotFoundError, CRMValidationError } from '../../../../src/core/errors';
import type { ContactInput } from '../../../../src/core/models';
import type { BatchOperation, BatchResult } from '../types';
import { contactFieldOptions, customPropertiesField, readContact } from './fields';
import { lookupFields } from './lookup';

export const description: INodeProperties[] = [
	...lookupFields('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['update'] } },
		options: [{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' }, ...contactFieldOptions],
	},
	customPropertiesField(['update']),
];

/**
 * All items in batch/update calls of 100. Items that name their contact by email are resolved to ids
 * first with batch reads: the update may change the email itself, so results are matched by id.
 */
export const execute: BatchOperation = async function (provider, itemCount) {
	const results: BatchResult[] = new Array(itemCount);
	const byId: Array<{ item: number; id: string; contact: ContactInput }> = [];
	const byEmail: Array<{ item: number; email: string; contact: ContactInput }> = [];
	for (let i = 0; i < itemCount; i++) {
		const lookupBy = this.getNodeParameter('lookupBy', i) as 'id' | 'email';
		const field = lookupBy === 'email' ? 'email' : 'contactId';
		const key = String(this.getNodeParameter(field, i, '')).trim();
		if (!key) {
			results[i] = { ok: false, error: new CRMValidationError(`${field} is required`, { fields: [{ field, message: 'is required', itemIndex: i }] }) };
			continue;
		}
		const contact = readContact(this, i, 'updateFields');
		if (lookupBy === 'email') byEmail.push({ item: i, email: key.toLowerCase(), contact });
		else byId.push({ item: i, id: key, contact });
	}

	if (byEmail.length > 0) {
		try {
			const found = await provider.findContactsByEmail(byEmail.map((u) => u.email));
			for (const u of byEmail) {
				const id = found.get(u.email)?.id;
				if (id) byId.push({ item: u.item, id, contact: u.contact });
				else results[u.item] = { ok: false, error: new CRMNotFoundError(`No HubSpot contact has the email ${u.email}`, { platform: 'hubspot', httpStatus: 404, resource: 'contact' }) };
			}
		} catch (error) {
			for (const u of byEmail) results[u.item] = { ok: false, error };
		}
	}

	const outcomes = await provider.updateContacts(byId.map(({ id, contact }) => ({ id, contact })));
	outcomes.forEach((outcome, k) => {
		results[byId[k].item] = outcome.ok ? { ok: true, json: { ...outcome.value } } : { ok: false, error: outcome.error };
	});
	return results;
};
