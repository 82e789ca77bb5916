import { updateDisplayOptions } from 'n8n-workflow';
import { lookupFields, readLookup } from '../../../../src/n8n/lookup';
import type { Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { notFound } from './fields';

/** By ID, or by email (a contacts search by keyword, then an exact email comparison). */
export const get: Operation<ApolloProvider> = {
	kind: 'item',
	requires: ['contactStore'],
	action: 'read contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, lookupFields),
	async execute(provider, i) {
		const { by, key } = readLookup(this, i);
		const contact = by === 'email' ? await provider.getContactByEmail(key) : await provider.getContact(key);
		if (!contact) throw notFound(by, key);
		return [{ ...contact }];
	},
};
