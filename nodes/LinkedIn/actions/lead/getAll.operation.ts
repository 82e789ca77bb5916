import { updateDisplayOptions } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import { LEAD_SYNC } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { leadTypeField, ownerFields, readLeadType, readOwner } from '../owner-fields';
import { productNotice } from '../product-notice';

interface Filters {
	submittedAfter?: string;
	submittedBefore?: string;
	testLeads?: boolean;
	formUrn?: string;
}

/** A filter date as the provider takes it; an unreadable one reaches the provider's check as Invalid Date. */
const dateOf = (value: string | undefined): Date | undefined => (value ? new Date(value) : undefined);

/** Lead form responses of an owner, newest first, as Contacts (answers kept under properties.answers). */
export const getAll: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'list leads',
	description: updateDisplayOptions({ show: { resource: ['lead'], operation: ['getAll'] } }, [
		productNotice(LEAD_SYNC),
		...ownerFields,
		leadTypeField(),
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Form Version URN',
					name: 'formUrn',
					type: 'string',
					default: '',
					placeholder: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7001,1)',
					description: 'Only responses to this form version',
				},
				{
					displayName: 'Submitted After',
					name: 'submittedAfter',
					type: 'dateTime',
					default: '',
					description: 'Only leads submitted at or after this time',
				},
				{
					displayName: 'Submitted Before',
					name: 'submittedBefore',
					type: 'dateTime',
					default: '',
					description: 'Only leads submitted at or before this time',
				},
				{
					displayName: 'Test Leads Only',
					name: 'testLeads',
					type: 'boolean',
					default: false,
					description:
						'Whether to return only test leads (created with the form preview) instead of real ones; LinkedIn returns one kind or the other',
				},
			],
		},
	]),
	async execute(provider, i) {
		const filters = this.getNodeParameter('filters', i, {}) as Filters;
		const limit = limitOf(this, i);
		return await drain(
			provider.getLeads({
				owner: readOwner(this, i),
				leadType: readLeadType(this, i),
				submittedAfter: dateOf(filters.submittedAfter),
				submittedBefore: dateOf(filters.submittedBefore),
				testLeads: filters.testLeads === true,
				formUrn: filters.formUrn,
				limit,
			}),
			limit,
		);
	},
};
