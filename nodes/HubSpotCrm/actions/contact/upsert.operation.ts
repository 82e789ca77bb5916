import { updateDisplayOptions } from 'n8n-workflow';
import { contactColumnsField, upsertMappedContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import { COLUMN_METHODS } from './write';

/** All items in one call: the provider batches them 100 per request and reports each item's outcome. */
export const upsert: Operation<HubSpotProvider> = {
	kind: 'batch',
	requires: ['contactStore'],
	action: 'create or update contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, [
		{
			...contactColumnsField('upsert', COLUMN_METHODS.upsert),
			description:
				'Creates each contact, or updates the one with its email; all input items go together, 100 per request. Map Automatically reads each input item\'s keys (unified names such as email and firstName, or HubSpot property names; other keys are ignored) without evaluating anything per item: the fastest way to write many contacts.',
		},
	]),
	async execute(provider, items) {
		return await upsertMappedContacts(this, items, provider, provider);
	},
};
