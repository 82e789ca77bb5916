/**
 * The LinkedIn data the sandbox serves: members, organizations, ad accounts, lead forms and their
 * responses, posts. Plain records; serialize.ts turns them into API shapes.
 */
export type LeadType = 'SPONSORED' | 'EVENT' | 'COMPANY' | 'ORGANIZATION_PRODUCT';
export const LEAD_TYPES: readonly LeadType[] = ['SPONSORED', 'EVENT', 'COMPANY', 'ORGANIZATION_PRODUCT'];

/** Lead Sync owners, as in the API: `{sponsoredAccount: urn}` or `{organization: urn}`. */
export type Owner = { sponsoredAccount: string } | { organization: string };

export interface Member {
	sub: string;
	givenName: string;
	familyName: string;
	email: string;
	emailVerified: boolean;
	picture: string;
	locale: { country: string; language: string };
}

export interface Organization {
	id: string;
	name: string;
	/** Members with a role that may post and read leads for the organization (ADMINISTRATOR). */
	admins: string[];
}

export interface SponsoredAccount {
	id: string;
	name: string;
	organization: string;
	/** Members with a role on the ad account. */
	users: string[];
}

export interface Question {
	questionId: number;
	name: string;
	label: string;
	predefinedField: string;
}

export interface LeadForm {
	id: number;
	versionId: number;
	name: string;
	owner: Owner;
	leadType: LeadType;
	createdAt: number;
	questions: Question[];
}

export interface LeadResponse {
	id: string;
	formId: number;
	owner: Owner;
	leadType: LeadType;
	submitter: string;
	submittedAt: number;
	testLead: boolean;
	/** Answer text by question name (`firstName`, `email`, ...). */
	answers: Record<string, string>;
	campaign?: string;
	creative?: string;
}

export interface Post {
	urn: string;
	author: string;
	/** The member who made the call (for organization posts, the admin acting for it). */
	createdBy: string;
	body: Record<string, unknown>;
	createdAt: number;
}

export function ownerUrn(owner: Owner): string {
	return 'sponsoredAccount' in owner ? owner.sponsoredAccount : owner.organization;
}

export function sameOwner(a: Owner, b: Owner): boolean {
	return ownerUrn(a) === ownerUrn(b);
}

export function versionedFormUrn(form: Pick<LeadForm, 'id' | 'versionId'>): string {
	return `urn:li:versionedLeadGenForm:(urn:li:leadGenForm:${form.id},${form.versionId})`;
}

export const personUrn = (sub: string) => `urn:li:person:${sub}`;
export const organizationUrn = (id: string) => `urn:li:organization:${id}`;
export const sponsoredAccountUrn = (id: string) => `urn:li:sponsoredAccount:${id}`;
export const responseUrn = (id: string) => `urn:li:leadGenFormResponse:${id}`;

/** Leads are kept 365 days; older ones are no longer served. */
export const LEAD_RETENTION_MS = 365 * 86_400_000;

export class World {
	members = new Map<string, Member>();
	organizations = new Map<string, Organization>();
	sponsoredAccounts = new Map<string, SponsoredAccount>();
	forms = new Map<number, LeadForm>();
	responses = new Map<string, LeadResponse>();
	posts: Post[] = [];

	clear(): void {
		this.members.clear();
		this.organizations.clear();
		this.sponsoredAccounts.clear();
		this.forms.clear();
		this.responses.clear();
		this.posts = [];
	}

	/** Whether `member` may read the owner's leads: a role on the ad account or the organization. */
	canAccessOwner(member: string, owner: Owner): 'yes' | 'no-role' | 'unknown' {
		if ('sponsoredAccount' in owner) {
			const account = this.sponsoredAccounts.get(idOf(owner.sponsoredAccount, 'sponsoredAccount'));
			if (!account) return 'unknown';
			return account.users.includes(member) ? 'yes' : 'no-role';
		}
		const organization = this.organizations.get(idOf(owner.organization, 'organization'));
		if (!organization) return 'unknown';
		return organization.admins.includes(member) ? 'yes' : 'no-role';
	}
}

/** The id at the end of `urn:li:<kind>:<id>`, or '' when the URN is of another kind. */
export function idOf(urn: string, kind: string): string {
	const prefix = `urn:li:${kind}:`;
	return urn.startsWith(prefix) ? urn.slice(prefix.length) : '';
}
