/** Apollo's company database, which organization enrichment reads and people point into. */
import { stableId } from './ids';

export interface OrganizationRecord {
	id: string;
	name: string;
	primary_domain: string;
	website_url: string;
	industry: string;
	estimated_num_employees: number;
	city: string;
	country: string;
	linkedin_url: string;
	founded_year: number;
	phone: string;
}

export type OrganizationInput = Partial<OrganizationRecord> & { name: string; primary_domain: string };

/** `https://www.Acme.com/about` and `acme.com` are the same domain. */
export function normalizeDomain(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^[a-z]+:\/\//, '')
		.replace(/^www\./, '')
		.replace(/[/?#].*$/, '');
}

export class OrganizationDirectory {
	private byIdMap = new Map<string, OrganizationRecord>();
	private byDomainMap = new Map<string, OrganizationRecord>();

	add(input: OrganizationInput): OrganizationRecord {
		const domain = normalizeDomain(input.primary_domain);
		const slug = domain.split('.')[0];
		const record: OrganizationRecord = {
			id: input.id ?? stableId(`organization:${domain}`),
			name: input.name,
			primary_domain: domain,
			website_url: input.website_url ?? `http://www.${domain}`,
			industry: input.industry ?? 'information technology & services',
			estimated_num_employees: input.estimated_num_employees ?? 50,
			city: input.city ?? 'San Francisco',
			country: input.country ?? 'United States',
			linkedin_url: input.linkedin_url ?? `http://www.linkedin.com/company/${slug}`,
			founded_year: input.founded_year ?? 2015,
			phone: input.phone ?? '+1 415-555-0100',
		};
		const previous = this.byDomainMap.get(domain);
		if (previous) this.byIdMap.delete(previous.id);
		this.byIdMap.set(record.id, record);
		this.byDomainMap.set(domain, record);
		return record;
	}

	byId(id: string): OrganizationRecord | undefined {
		return this.byIdMap.get(id);
	}

	byDomain(domain: string): OrganizationRecord | undefined {
		return this.byDomainMap.get(normalizeDomain(domain));
	}

	byName(name: string): OrganizationRecord | undefined {
		const wanted = name.trim().toLowerCase();
		return [...this.byIdMap.values()].find((record) => record.name.toLowerCase() === wanted);
	}

	all(): OrganizationRecord[] {
		return [...this.byIdMap.values()];
	}

	reset(): void {
		this.byIdMap.clear();
		this.byDomainMap.clear();
	}
}
