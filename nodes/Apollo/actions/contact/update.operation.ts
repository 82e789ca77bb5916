import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import { CRMValidationError } from '../../../../src/core/errors';
import { contactColumnsField, matchingField, readContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { apolloContactCatalog, COLUMN_METHODS, notFound } from './fields';

/**
 * One PATCH per item, the contact found by its ID or by its email (looked up first). Without
 * continue-on-fail the first failure stops the run before later items are sent.
 */
export const update: Operation<ApolloProvider> = {
	kind: 'batch',
	requires: ['contactStore'],
	action: 'update contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, [
		{
			...contactColumnsField('update', COLUMN_METHODS.update),
			description:
				"Map Automatically reads each input item's keys: the contact is found by its `id` (or `email`, whichever is chosen to match on), the other keys are written (unified names such as firstName, or Apollo attribute names). An empty value clears the field. To change a contact's email, match on its ID.",
		},
	]),
	async execute(provider, items) {
		const by = matchingField(this) === 'email' ? 'email' : 'id';
		const stopOnFailure = !this.continueOnFail();
		const results: BatchResult[] = [];
		const contacts = await readContacts(
			this,
			items,
			apolloContactCatalog,
			new Set(by === 'id' ? ['id'] : []),
		);
		for (const [item, c] of contacts.entries()) {
			let result: BatchResult;
			if (!c.ok) result = c;
			else {
				try {
					const key = String(c.record[by] ?? '').trim();
					if (!key) {
						throw new CRMValidationError(`${by} is required to find the contact`, {
							platform: 'apollo',
							fields: [{ field: by, message: 'is required', itemIndex: item }],
						});
					}
					let id = key;
					const contact = { ...c.contact };
					if (by === 'email') {
						// The email only finds the contact; it is not rewritten.
						delete contact.email;
						const found = await provider.getContactByEmail(key);
						if (!found?.id) throw notFound('email', key);
						id = found.id;
					}
					result = { ok: true, json: { ...(await provider.updateContact(id, contact)) } as IDataObject };
				} catch (error) {
					result = { ok: false, error };
				}
			}
			results.push(result);
			if (!result.ok && stopOnFailure) break;
		}
		return results;
	},
};
