import { updateDisplayOptions } from 'n8n-workflow';
import { CRMValidationError } from '../../../../src/core/errors';
import type { ContactInput } from '../../../../src/core/models';
import { contactColumnsField, matchingField, readContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import { COLUMN_METHODS, notFound } from './write';

/**
 * All items in batch/update calls of 100, each contact found by the field chosen to match on: its ID,
 * or its email (resolved to IDs first with batch reads, so results are matched by ID). To change a
 * contact's email, match on its ID.
 */
export const update: Operation<HubSpotProvider> = {
	kind: 'batch',
	requires: ['contactStore', 'contactBatches'],
	action: 'update contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, [
		{
			...contactColumnsField('update', COLUMN_METHODS.update),
			description:
				'Map Automatically reads each input item\'s keys: the contact is found by its `id` (or `email`, whichever is chosen to match on), the other keys are written (unified names such as firstName, or HubSpot property names; other keys are ignored). An empty property value clears the property. All input items go together, 100 per request.',
		},
	]),
	async execute(provider, items) {
		const by = matchingField(this) === 'email' ? 'email' : 'id';
		const results: BatchResult[] = new Array(items.length);
		const byId: Array<{ item: number; id: string; contact: ContactInput }> = [];
		const byEmail: Array<{ item: number; email: string; contact: ContactInput }> = [];
		(await readContacts(this, items, provider, new Set(by === 'id' ? ['id'] : []))).forEach((c, item) => {
			if (!c.ok) {
				results[item] = c;
				return;
			}
			const key = String(c.record[by] ?? '').trim();
			if (!key) {
				const field = by === 'email' ? 'email' : 'id';
				results[item] = {
					ok: false,
					error: new CRMValidationError(`${field} is required to find the contact`, { fields: [{ field, message: 'is required', itemIndex: item }] }),
				};
			} else if (by === 'email') {
				// The email only finds the contact; it is not rewritten.
				const contact = { ...c.contact };
				delete contact.email;
				byEmail.push({ item, email: key.toLowerCase(), contact });
			} else byId.push({ item, id: key, contact: c.contact });
		});

		if (byEmail.length > 0) {
			try {
				const found = await provider.findContactsByEmail(byEmail.map((u) => u.email));
				for (const u of byEmail) {
					const id = found.get(u.email)?.id;
					if (id) byId.push({ item: u.item, id, contact: u.contact });
					else results[u.item] = { ok: false, error: notFound('email', u.email) };
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
	},
};
