import { updateDisplayOptions } from 'n8n-workflow';
import { contactColumnsField, upsertMappedContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { apolloContactCatalog, COLUMN_METHODS } from './fields';

/** All items in one provider call: bulk_create 100 per request, the matches then bulk_update. */
export const upsert: Operation<ApolloProvider> = {
	kind: 'batch',
	requires: ['contactStore'],
	action: 'create or update contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, [
		{
			...contactColumnsField('upsert', COLUMN_METHODS.upsert),
			description:
				"Creates each contact, or updates the one with its email (or, without an email, its first name, last name and company); all input items go together, 100 per request. Map Automatically reads each input item's keys (unified names such as email and firstName, or Apollo attribute names); other keys are ignored.",
		},
	]),
	async execute(provider, items) {
		return await upsertMappedContacts(this, items, apolloContactCatalog, provider);
	},
};
