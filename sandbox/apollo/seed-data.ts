/**
 * The built-in demo data: 30 companies with 10 people each, generated from fixed lists (no randomness), so
 * every run, test and demo sees the same 300 people. Companies in GDPR countries make the "no personal
 * emails" rule visible; every second person has a mobile number and every third a personal email.
 */
import type { OrganizationInput } from './organizations';
import type { PersonInput } from './people';

type Company = [
	name: string,
	domain: string,
	industry: string,
	employees: number,
	city: string,
	country: string,
];

const COMPANIES: Company[] = [
	['Northwind Analytics', 'northwind-analytics.com', 'computer software', 240, 'Seattle', 'United States'],
	[
		'Bluepeak Logistics',
		'bluepeak-logistics.com',
		'logistics & supply chain',
		1200,
		'Chicago',
		'United States',
	],
	['Harbor Health Systems', 'harborhealth.io', 'hospital & health care', 3400, 'Boston', 'United States'],
	['Lumen Robotics', 'lumenrobotics.ai', 'machinery', 180, 'Pittsburgh', 'United States'],
	['Cedar & Pine Finance', 'cedarpine.finance', 'financial services', 560, 'New York', 'United States'],
	['Quillstone Media', 'quillstone.media', 'online media', 75, 'Austin', 'United States'],
	[
		'Redwood Cloudworks',
		'redwoodcloud.dev',
		'information technology & services',
		890,
		'San Francisco',
		'United States',
	],
	['Summit Learning Labs', 'summitlearning.edu', 'e-learning', 130, 'Denver', 'United States'],
	['Atlas Freight Canada', 'atlasfreight.ca', 'transportation/trucking/railroad', 700, 'Toronto', 'Canada'],
	['Maple Leaf Insurance', 'mapleleaf-insurance.ca', 'insurance', 2100, 'Montreal', 'Canada'],
	[
		'Kestrel Security',
		'kestrelsecurity.com',
		'computer & network security',
		320,
		'Arlington',
		'United States',
	],
	['Orbital Payments', 'orbitalpay.com', 'financial services', 450, 'Miami', 'United States'],
	['Greenfield Agritech', 'greenfield-agri.com', 'farming', 95, 'Des Moines', 'United States'],
	['Sydney Harbour Software', 'harboursoftware.com.au', 'computer software', 260, 'Sydney', 'Australia'],
	['Koru Digital', 'korudigital.co.nz', 'marketing & advertising', 40, 'Auckland', 'New Zealand'],
	['Lotus Biotech', 'lotusbio.sg', 'biotechnology', 380, 'Singapore', 'Singapore'],
	['Sakura Devices', 'sakuradevices.jp', 'consumer electronics', 5200, 'Osaka', 'Japan'],
	['Bangalore Data Works', 'bdataworks.in', 'information technology & services', 1500, 'Bengaluru', 'India'],
	['Rio Verde Energia', 'rioverde.com.br', 'renewables & environment', 610, 'Sao Paulo', 'Brazil'],
	['Andes Mining Group', 'andesmining.cl', 'mining & metals', 2800, 'Santiago', 'Chile'],
	// GDPR regions from here on: personal emails are never revealed for their people.
	['Rheinwerk Automation', 'rheinwerk-automation.de', 'industrial automation', 950, 'Cologne', 'Germany'],
	['Spreeblick Software', 'spreeblick.de', 'computer software', 140, 'Berlin', 'Germany'],
	['Lumière Cosmétiques', 'lumiere-cosmetiques.fr', 'cosmetics', 420, 'Lyon', 'France'],
	['Canal Street Fintech', 'canalfintech.nl', 'financial services', 210, 'Amsterdam', 'Netherlands'],
	[
		'Thames Valley Consulting',
		'thamesvalley.co.uk',
		'management consulting',
		330,
		'Reading',
		'United Kingdom',
	],
	['Dublin Cloud Services', 'dublincloud.ie', 'information technology & services', 270, 'Dublin', 'Ireland'],
	['Nordlys Energi', 'nordlys-energi.no', 'oil & energy', 780, 'Oslo', 'Norway'],
	['Barcelona Bites', 'barcelonabites.es', 'food & beverages', 160, 'Barcelona', 'Spain'],
	['Alpenblick Reisen', 'alpenblick-reisen.ch', 'leisure, travel & tourism', 60, 'Zurich', 'Switzerland'],
	['Vistula Games', 'vistulagames.pl', 'computer games', 230, 'Warsaw', 'Poland'],
];

const FIRST_NAMES = [
	'Ava',
	'Liam',
	'Maya',
	'Noah',
	'Zoe',
	'Ethan',
	'Lena',
	'Omar',
	'Priya',
	'Lucas',
	'Sofia',
	'Mateo',
	'Hana',
	'Felix',
	'Amara',
	'Jonas',
	'Chloe',
	'Ravi',
	'Ingrid',
	'Diego',
];

const LAST_NAMES = [
	'Anderson',
	'Becker',
	'Chen',
	'Dubois',
	'Evans',
	'Fischer',
	'Garcia',
	'Haddad',
	'Ito',
	'Jensen',
	'Kowalski',
	'Lopez',
	'Murphy',
	'Nakamura',
	'Okafor',
	'Petrov',
	'Quinn',
	'Rossi',
	'Schmidt',
	'Tanaka',
	'Usman',
	'Varga',
	'Walsh',
];

const TITLES = [
	'Chief Executive Officer',
	'VP of Sales',
	'Head of Marketing',
	'Sales Development Representative',
	'Account Executive',
	'Chief Technology Officer',
	'Senior Software Engineer',
	'Operations Manager',
	'Customer Success Manager',
	'Director of Revenue Operations',
];

export const DEFAULT_PEOPLE_PER_COMPANY = TITLES.length;

export function defaultOrganizations(): OrganizationInput[] {
	return COMPANIES.map(([name, domain, industry, employees, city, country], index) => ({
		name,
		primary_domain: domain,
		industry,
		estimated_num_employees: employees,
		city,
		country,
		founded_year: 1990 + ((index * 7) % 33),
		phone: `+1 555-01${String(index).padStart(2, '0')}`,
	}));
}

/** `organization_id`s are filled in by the caller, which knows the organizations' ids. */
export function defaultPeople(): Array<PersonInput & { domain: string }> {
	const people: Array<PersonInput & { domain: string }> = [];
	COMPANIES.forEach(([, domain, , , city, country], company) => {
		TITLES.forEach((title, index) => {
			const n = company * TITLES.length + index;
			// Distinct first names within a company keep first.last@domain unique.
			const first = FIRST_NAMES[(company * 7 + index) % FIRST_NAMES.length];
			const last = LAST_NAMES[(company * 3 + index * 5) % LAST_NAMES.length];
			people.push({
				first_name: first,
				last_name: last,
				title,
				email: `${first}.${last}@${domain}`.toLowerCase(),
				personal_emails: n % 3 === 0 ? [`${first}.${last}${n}@gmail.com`.toLowerCase()] : [],
				...(n % 2 === 0 ? { mobile_phone: `+1 555-${String(2000 + n).padStart(4, '0')}` } : {}),
				linkedin_url: `http://www.linkedin.com/in/${first}-${last}-${n}`.toLowerCase(),
				city,
				country,
				domain,
			});
		});
	});
	return people;
}
