import { updateDisplayOptions } from 'n8n-workflow';
import { propertiesOption, splitList } from '../../../../src/n8n/fields/contact-fields';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';

export const getChanged: Operation<HubSpotProvider> = {
	kind: 'item',
	requires: ['changeFeed'],
	action: 'list contacts changed since a time',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['getChanged'] } }, [
		{
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'Contacts created or changed at or after this time, oldest change first. HubSpot search is eventually consistent: changes from the last few seconds may not show yet.',
		},
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
		const since = new Date(this.getNodeParameter('since', i) as string);
		const properties = splitList(this.getNodeParameter('options.properties', i, ''));
		const limit = limitOf(this, i);
		return await drain(provider.getUpdatedContacts(since, { properties, limit }), limit);
	},
};
