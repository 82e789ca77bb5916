import { updateDisplayOptions } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { ownerFields, readOwner } from '../owner-fields';
import { productNotice } from '../product-notice';

/** An owner's Lead Gen forms with their questions (what lead answers are keyed by). */
export const getAll: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'list lead forms',
	description: updateDisplayOptions({ show: { resource: ['form'], operation: ['getAll'] } }, [
		productNotice(LEAD_SYNC),
		...ownerFields,
		...returnAllFields,
	]),
	async execute(provider, i) {
		const limit = limitOf(this, i);
		return await drain(provider.getForms(readOwner(this, i), { limit }), limit);
	},
};
