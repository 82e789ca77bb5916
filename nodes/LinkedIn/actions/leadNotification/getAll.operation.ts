import { updateDisplayOptions } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { LeadType } from '../../../../src/providers/linkedin/owner';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { leadTypeField, ownerFields, readOwner } from '../owner-fields';
import { productNotice } from '../product-notice';

/** The lead notification subscriptions of an owner, of one lead type or all. */
export const getAll: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'list lead notifications',
	description: updateDisplayOptions({ show: { resource: ['leadNotification'], operation: ['getAll'] } }, [
		productNotice(LEAD_SYNC),
		...ownerFields,
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [leadTypeField()],
		},
	]),
	async execute(provider, i) {
		const filters = this.getNodeParameter('filters', i, {}) as { leadType?: LeadType };
		const limit = limitOf(this, i);
		return await drain(provider.getLeadNotifications(readOwner(this, i), filters.leadType, { limit }), limit);
	},
};
