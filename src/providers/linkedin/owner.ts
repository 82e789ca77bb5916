/**
 * Who owns lead forms and their responses: an ad account (sponsored leads) or an organization page.
 * Accepts a bare id or a full URN, so users can paste either from Campaign Manager or the page URL.
 */
import { CRMValidationError } from '../../core/errors';
import { RestliRecord } from './restli';

export type OwnerKind = 'sponsoredAccount' | 'organization';

export interface LeadOwner {
	kind: OwnerKind;
	/** The numeric id, or the URN's id part. */
	id: string;
}

export const LEAD_TYPES = ['SPONSORED', 'EVENT', 'COMPANY', 'ORGANIZATION_PRODUCT'] as const;
export type LeadType = (typeof LEAD_TYPES)[number];

export function ownerUrn(owner: LeadOwner): string {
	return `urn:li:${owner.kind}:${ownerId(owner)}`;
}

/** `(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A123)` for a query parameter. */
export function ownerRecord(owner: LeadOwner): RestliRecord {
	return new RestliRecord({ [owner.kind]: ownerUrn(owner) });
}

/** `{sponsoredAccount: "urn:li:sponsoredAccount:123"}` for a JSON body. */
export function ownerBody(owner: LeadOwner): Record<string, string> {
	return { [owner.kind]: ownerUrn(owner) };
}

function ownerId(owner: LeadOwner): string {
	const raw = String(owner.id ?? '').trim();
	const id = raw.startsWith(`urn:li:${owner.kind}:`) ? raw.slice(`urn:li:${owner.kind}:`.length) : raw;
	if (!/^\d+$/.test(id)) {
		const field = owner.kind === 'organization' ? 'organizationId' : 'adAccountId';
		throw new CRMValidationError(`${field}: expected a numeric id or urn:li:${owner.kind}:<id>`, {
			platform: 'linkedin',
			fields: [{ field, message: `expected a numeric id or urn:li:${owner.kind}:<id>` }],
		});
	}
	return id;
}

export function checkLeadType(leadType: string): LeadType {
	if ((LEAD_TYPES as readonly string[]).includes(leadType)) return leadType as LeadType;
	throw new CRMValidationError(`leadType: must be one of ${LEAD_TYPES.join(', ')}`, {
		platform: 'linkedin',
		fields: [{ field: 'leadType', message: `must be one of ${LEAD_TYPES.join(', ')}` }],
	});
}
