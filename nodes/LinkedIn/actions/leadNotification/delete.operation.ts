import { updateDisplayOptions } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { productNotice } from '../product-notice';

export const del: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'delete lead notifications',
	description: updateDisplayOptions({ show: { resource: ['leadNotification'], operation: ['delete'] } }, [
		productNotice(LEAD_SYNC),
		{
			displayName: 'Notification ID',
			name: 'notificationId',
			type: 'string',
			required: true,
			default: '',
			description: 'The subscription ID, as Create or Get Many return it',
		},
	]),
	async execute(provider, i) {
		const id = String(this.getNodeParameter('notificationId', i, '') ?? '').trim();
		await provider.deleteLeadNotification(id);
		return [{ id, deleted: true }];
	},
};
