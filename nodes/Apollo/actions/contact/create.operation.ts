import { updateDisplayOptions } from 'n8n-workflow';
import { contactColumnsField, createMappedContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { apolloContactCatalog, COLUMN_METHODS } from './fields';

/**
 * One POST per item, in order. Without continue-on-fail the first failure stops the run before later
 * items are sent, as a per-item node would.
 */
export const create: Operation<ApolloProvider> = {
	kind: 'batch',
	requires: ['contactStore'],
	action: 'create contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, [
		{
			displayName: 'Deduplicate',
			name: 'dedupe',
			type: 'boolean',
			default: true,
			description:
				'Whether an existing contact with the same email (or name and company) is updated and returned instead of created again. Apollo creates a duplicate on every create without it.',
		},
		{
			...contactColumnsField('add', COLUMN_METHODS.create),
			description:
				"Map Automatically: each input item's keys are written as they are (unified names such as email and firstName, or Apollo attribute names such as first_name); other keys are ignored",
		},
	]),
	async execute(provider, items) {
		const dedupe = this.getNodeParameter('dedupe', 0, true) !== false;
		return await createMappedContacts(this, items, apolloContactCatalog, async (contact) => await provider.createContact(contact, { dedupe }));
	},
};
