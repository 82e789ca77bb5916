/**
 * Whose leads, forms and notifications: LinkedIn has no "all leads", only those of an ad account or an
 * organization page, per lead type. The parameters and reading them for one item.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	LEAD_TYPES,
	type LeadOwner,
	type LeadType,
	type OwnerKind,
} from '../../../src/providers/linkedin/owner';

const LEAD_TYPE_NAMES: Record<LeadType, string> = {
	SPONSORED: 'Sponsored (Lead Gen Forms on Ads)',
	EVENT: 'Event',
	COMPANY: 'Company Page',
	ORGANIZATION_PRODUCT: 'Organization Product Page',
};

export const ownerFields: INodeProperties[] = [
	{
		displayName: 'Owner Type',
		name: 'ownerType',
		type: 'options',
		options: [
			{ name: 'Ad Account', value: 'sponsoredAccount' },
			{ name: 'Organization', value: 'organization' },
		],
		default: 'sponsoredAccount',
		description: 'Who owns the lead forms: an ad account (Campaign Manager) or an organization page',
	},
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5100001 or urn:li:sponsoredAccount:5100001',
		description: 'The ad account or organization ID, or its URN',
	},
];

export function leadTypeField(defaultValue: LeadType = 'SPONSORED'): INodeProperties {
	return {
		displayName: 'Lead Type',
		name: 'leadType',
		type: 'options',
		options: LEAD_TYPES.map((value) => ({ name: LEAD_TYPE_NAMES[value], value })),
		default: defaultValue,
		description: 'Which kind of leads: from ads, events, company pages or product pages',
	};
}

export function readOwner(ctx: IExecuteFunctions, i: number): LeadOwner {
	return {
		kind: ctx.getNodeParameter('ownerType', i) as OwnerKind,
		id: String(ctx.getNodeParameter('ownerId', i, '') ?? ''),
	};
}

export function readLeadType(ctx: IExecuteFunctions, i: number): LeadType {
	return ctx.getNodeParameter('leadType', i, 'SPONSORED') as LeadType;
}
