/**
 * The JSON shapes Apollo answers with. Enrichment shows the work email (and personal emails when asked,
 * outside GDPR regions); search never shows emails or phones; phones only ever travel in callbacks.
 */
import type { OrganizationDirectory, OrganizationRecord } from './organizations';
import type { PersonRecord } from './people';

/** Countries whose residents' personal emails Apollo never reveals (EU/EEA, UK, Switzerland). */
export const GDPR_COUNTRIES = new Set([
	'Austria',
	'Belgium',
	'Bulgaria',
	'Croatia',
	'Cyprus',
	'Czech Republic',
	'Denmark',
	'Estonia',
	'Finland',
	'France',
	'Germany',
	'Greece',
	'Hungary',
	'Ireland',
	'Italy',
	'Latvia',
	'Lithuania',
	'Luxembourg',
	'Malta',
	'Netherlands',
	'Poland',
	'Portugal',
	'Romania',
	'Slovakia',
	'Slovenia',
	'Spain',
	'Sweden',
	'Iceland',
	'Liechtenstein',
	'Norway',
	'Switzerland',
	'United Kingdom',
]);

export function organizationJson(record: OrganizationRecord) {
	return {
		id: record.id,
		name: record.name,
		website_url: record.website_url,
		primary_domain: record.primary_domain,
		linkedin_url: record.linkedin_url,
		industry: record.industry,
		estimated_num_employees: record.estimated_num_employees,
		founded_year: record.founded_year,
		phone: record.phone,
		city: record.city,
		country: record.country,
	};
}

function baseJson(person: PersonRecord, organizations: OrganizationDirectory) {
	const organization = person.organization_id ? organizations.byId(person.organization_id) : undefined;
	return {
		id: person.id,
		first_name: person.first_name,
		last_name: person.last_name,
		name: `${person.first_name} ${person.last_name}`,
		title: person.title,
		headline: organization ? `${person.title} at ${organization.name}` : person.title,
		linkedin_url: person.linkedin_url,
		city: person.city,
		state: person.state ?? null,
		country: person.country,
		organization_id: organization?.id ?? null,
		organization: organization ? organizationJson(organization) : null,
	};
}

export function enrichedPersonJson(
	person: PersonRecord,
	organizations: OrganizationDirectory,
	options: { revealPersonalEmails: boolean },
) {
	const gdpr = GDPR_COUNTRIES.has(person.country);
	return {
		...baseJson(person, organizations),
		email: person.email || null,
		email_status: person.email ? 'verified' : 'unavailable',
		personal_emails: options.revealPersonalEmails && !gdpr ? [...person.personal_emails] : [],
		// Phones are never in the synchronous answer; they come to webhook_url.
		phone_numbers: [],
	};
}

export function searchPersonJson(person: PersonRecord, organizations: OrganizationDirectory) {
	return {
		...baseJson(person, organizations),
		has_email: person.email !== '',
		has_direct_phone: person.mobile_phone !== undefined,
	};
}
