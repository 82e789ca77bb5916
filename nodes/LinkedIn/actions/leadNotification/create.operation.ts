import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { leadTypeField, ownerFields, readLeadType, readOwner } from '../owner-fields';
import { productNotice } from '../product-notice';

/** Subscribes a webhook (e.g. a CRM Webhook Trigger's Production URL) to an owner's new leads. */
export const create: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'create lead notifications',
	description: updateDisplayOptions({ show: { resource: ['leadNotification'], operation: ['create'] } }, [
		productNotice(LEAD_SYNC),
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…',
			description:
				'Where LinkedIn sends the notifications (HTTPS). LinkedIn validates it first with a challenge: a CRM Webhook Trigger in LinkedIn mode, active, answers it.',
		},
		...ownerFields,
		leadTypeField(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Associated Entity URN',
					name: 'associatedEntity',
					type: 'string',
					default: '',
					placeholder: 'urn:li:sponsoredCampaign:123',
					description: 'Only leads from this campaign, event or other entity',
				},
				{
					displayName: 'Form Version URN',
					name: 'versionedForm',
					type: 'string',
					default: '',
					placeholder: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7001,1)',
					description: 'Only leads of this form version',
				},
			],
		},
	]),
	async execute(provider, i) {
		const options = this.getNodeParameter('options', i, {}) as {
			associatedEntity?: string;
			versionedForm?: string;
		};
		const created = await provider.createLeadNotification({
			webhook: this.getNodeParameter('webhookUrl', i, '') as string,
			owner: readOwner(this, i),
			leadType: readLeadType(this, i),
			associatedEntity: options.associatedEntity,
			versionedForm: options.versionedForm,
		});
		return [{ ...created } as IDataObject];
	},
};
