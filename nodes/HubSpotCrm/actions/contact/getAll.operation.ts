import { updateDisplayOptions } from 'n8n-workflow';
import { propertiesOption, splitList } from '../../../../src/n8n/fields/contact-fields';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';

export const getAll: Operation<HubSpotProvider> = {
	kind: 'item',
	requires: ['contactStore'],
	action: 'list contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, [
		...returnAllFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [propertiesOption('HubSpot', 'lifecyclestage,hs_lead_status')],
		},
	]),
	async execute(provider, i) {
		const properties = splitList(this.getNodeParameter('options.properties', i, ''));
		const limit = limitOf(this, i);
		return await drain(provider.listContacts({ properties, limit }), limit);
	},
};
