import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { productNotice } from '../product-notice';

/** One lead form response by id or URN (what a lead notification names), as a Contact. */
export const get: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'read leads',
	description: updateDisplayOptions({ show: { resource: ['lead'], operation: ['get'] } }, [
		productNotice(LEAD_SYNC),
		{
			displayName: 'Lead ID',
			name: 'leadId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. urn:li:leadGenFormResponse:3f0c…',
			description: "The lead form response's ID or URN (a lead notification's objectId)",
		},
	]),
	async execute(provider, i) {
		return [{ ...(await provider.getLead(this.getNodeParameter('leadId', i, '') as string)) } as IDataObject];
	},
};
