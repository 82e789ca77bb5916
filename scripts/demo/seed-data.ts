/**
 * Fixed lists behind the demo data (scripts/demo/seed.ts): companies that only HubSpot knows (Apollo's
 * directory, the sandbox's built-in 300 people at 30 companies, has no one there, so enrichment finds
 * nothing for them, as it would for a small or new company), names for their people, and how HubSpot's
 * lifecycle stages are spread over a typical contact base.
 */

/** [name, domain, city, country, phone prefix] */
export const HUBSPOT_ONLY_COMPANIES: Array<[string, string, string, string, string]> = [
	['Brightlane Studio', 'brightlane.studio', 'Portland', 'United States', '+1 503-555-'],
	['Tidewater Labs', 'tidewater-labs.com', 'Norfolk', 'United States', '+1 757-555-'],
	['Copperline Outfitters', 'copperline.shop', 'Boise', 'United States', '+1 208-555-'],
	['Juniper Dental Group', 'juniperdental.com', 'Phoenix', 'United States', '+1 602-555-'],
	['Ironbark Builders', 'ironbark-builders.com.au', 'Brisbane', 'Australia', '+61 7 5550 '],
	['Halcyon Events', 'halcyonevents.co.uk', 'Manchester', 'United Kingdom', '+44 161 555 '],
	['Fennel & Fig Catering', 'fennelfig.ca', 'Vancouver', 'Canada', '+1 604-555-'],
	['Kiwi Ledger', 'kiwiledger.co.nz', 'Wellington', 'New Zealand', '+64 4 555 '],
	['Oakmont Legal', 'oakmontlegal.com', 'Charlotte', 'United States', '+1 704-555-'],
	['Saltmarsh Brewing', 'saltmarshbrewing.com', 'Savannah', 'United States', '+1 912-555-'],
	['Vireo Architects', 'vireo-architects.ie', 'Cork', 'Ireland', '+353 21 555 '],
	['Pinecrest Veterinary', 'pinecrestvet.com', 'Madison', 'United States', '+1 608-555-'],
];

export const FIRST_NAMES = [
	'Olivia',
	'James',
	'Emma',
	'William',
	'Charlotte',
	'Benjamin',
	'Amelia',
	'Henry',
	'Harper',
	'Samuel',
	'Evelyn',
	'Daniel',
	'Abigail',
	'Leo',
	'Emily',
	'Isaac',
	'Nora',
	'Caleb',
	'Aria',
	'Julian',
];

export const LAST_NAMES = [
	'Bennett',
	'Carter',
	'Delgado',
	'Ellison',
	'Foster',
	'Grant',
	'Hughes',
	'Iverson',
	'Keller',
	'Lindqvist',
	'Moreno',
	'Nguyen',
	'OBrien',
	'Patel',
	'Reyes',
	'Sullivan',
	'Thornton',
	'Whitaker',
];

export const SMALL_COMPANY_TITLES = [
	'Owner',
	'Office Manager',
	'Marketing Coordinator',
	'Operations Director',
	'Bookkeeper',
	'General Manager',
	'',
];

/** [stage, weight]: most contacts are early in the funnel, few are customers. */
export const LIFECYCLE_WEIGHTS: Array<[string, number]> = [
	['subscriber', 14],
	['lead', 34],
	['marketingqualifiedlead', 18],
	['salesqualifiedlead', 12],
	['opportunity', 9],
	['customer', 11],
	['evangelist', 2],
];
