import { updateDisplayOptions } from 'n8n-workflow';
import { contactColumnsField, createMappedContacts } from '../../../../src/n8n/fields/contact-mapper';
import type { Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import { COLUMN_METHODS } from './write';

/**
 * One POST per item, in order (HubSpot has no batch create that names the existing contact per record).
 * Without continue-on-fail the first failure stops the run before later items are sent, as a per-item
 * node would.
 */
export const create: Operation<HubSpotProvider> = {
	kind: 'batch',
	requires: ['contactStore'],
	action: 'create contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, [
		{
			...contactColumnsField('add', COLUMN_METHODS.create),
			description:
				'Map Automatically: each input item\'s keys are written as they are (unified names such as email and firstName, or HubSpot property names); other keys are ignored. An existing email fails the item with the existing contact\'s ID: use Create or Update for those.',
		},
	]),
	async execute(provider, items) {
		return await createMappedContacts(this, items, provider, async (contact) => await provider.createContact(contact));
	},
};
