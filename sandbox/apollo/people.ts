/**
 * Apollo's people database and how enrichment finds someone in it. Matching tries the strongest
 * identifier first (id, email, hashed email, LinkedIn URL, then name at a company), as Apollo describes;
 * a name alone is not enough to match anyone.
 */
import { createHash } from 'node:crypto';
import { stableId } from './ids';
import { normalizeDomain, type OrganizationDirectory } from './organizations';

export interface PersonRecord {
	id: string;
	first_name: string;
	last_name: string;
	title: string;
	email: string;
	personal_emails: string[];
	/** Only ever sent through the asynchronous phone callback. */
	mobile_phone?: string;
	linkedin_url: string;
	city: string;
	state?: string;
	country: string;
	organization_id?: string;
}

export type PersonInput = Partial<PersonRecord> & { first_name: string; last_name: string };

/** What `/people/match` and each `details` entry of `/people/bulk_match` may carry. */
export interface MatchParams {
	id?: string;
	email?: string;
	hashed_email?: string;
	linkedin_url?: string;
	first_name?: string;
	last_name?: string;
	name?: string;
	domain?: string;
	organization_name?: string;
}

/** `https://www.linkedin.com/in/ann/` and `linkedin.com/in/ann` are the same profile. */
export function normalizeLinkedIn(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^[a-z]+:\/\//, '')
		.replace(/^www\./, '')
		.replace(/\/+$/, '');
}

export class PeopleDirectory {
	private records = new Map<string, PersonRecord>();

	constructor(private readonly organizations: OrganizationDirectory) {}

	add(input: PersonInput): PersonRecord {
		const email = input.email?.toLowerCase() ?? '';
		const record: PersonRecord = {
			id: input.id ?? stableId(`person:${email || `${input.first_name} ${input.last_name}`}`),
			first_name: input.first_name,
			last_name: input.last_name,
			title: input.title ?? '',
			email,
			personal_emails: input.personal_emails ?? [],
			...(input.mobile_phone === undefined ? {} : { mobile_phone: input.mobile_phone }),
			linkedin_url:
				input.linkedin_url ??
				`http://www.linkedin.com/in/${input.first_name}-${input.last_name}-${stableId(email).slice(0, 6)}`.toLowerCase(),
			city: input.city ?? '',
			...(input.state === undefined ? {} : { state: input.state }),
			country: input.country ?? 'United States',
			...(input.organization_id === undefined ? {} : { organization_id: input.organization_id }),
		};
		this.records.set(record.id, record);
		return record;
	}

	byId(id: string): PersonRecord | undefined {
		return this.records.get(id);
	}

	all(): PersonRecord[] {
		return [...this.records.values()];
	}

	reset(): void {
		this.records.clear();
	}

	match(params: MatchParams): PersonRecord | undefined {
		const people = this.all();
		if (params.id) return this.records.get(params.id);
		if (params.email) {
			const email = params.email.trim().toLowerCase();
			const found = people.find((person) => person.email === email || person.personal_emails.includes(email));
			if (found) return found;
		}
		if (params.hashed_email) {
			const hash = params.hashed_email.trim().toLowerCase();
			const found = people.find(
				(person) => person.email !== '' && [md5(person.email), sha256(person.email)].includes(hash),
			);
			if (found) return found;
		}
		if (params.linkedin_url) {
			const url = normalizeLinkedIn(params.linkedin_url);
			const found = people.find((person) => normalizeLinkedIn(person.linkedin_url) === url);
			if (found) return found;
		}
		return this.matchByName(people, params);
	}

	private matchByName(people: PersonRecord[], params: MatchParams): PersonRecord | undefined {
		const [first, ...rest] = (params.name ?? '').trim().split(/\s+/);
		const firstName = (params.first_name ?? first ?? '').trim().toLowerCase();
		const lastName = (params.last_name ?? rest.join(' ')).trim().toLowerCase();
		if (firstName === '' || lastName === '') return undefined;
		const organization = params.domain
			? this.organizations.byDomain(normalizeDomain(params.domain))
			: params.organization_name
				? this.organizations.byName(params.organization_name)
				: undefined;
		if (!organization) return undefined;
		return people.find(
			(person) =>
				person.organization_id === organization.id &&
				person.first_name.toLowerCase() === firstName &&
				person.last_name.toLowerCase() === lastName,
		);
	}
}

const md5 = (value: string) => createHash('md5').update(value).digest('hex');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
