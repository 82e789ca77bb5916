/** Apollo API paths, written once, and which rate-limit class each one is counted in. */
export const APOLLO_DEFAULT_BASE_URL = 'https://api.apollo.io/api/v1';

export const APOLLO_PATHS = {
	health: '/auth/health',
	peopleMatch: '/people/match',
	peopleBulkMatch: '/people/bulk_match',
	organizationEnrich: '/organizations/enrich',
	organizationBulkEnrich: '/organizations/bulk_enrich',
	peopleSearch: '/mixed_people/api_search',
	contacts: '/contacts',
	contact: (id: string): string => `/contacts/${encodeURIComponent(id)}`,
	contactSearch: '/contacts/search',
	contactBulkCreate: '/contacts/bulk_create',
	contactBulkUpdate: '/contacts/bulk_update',
} as const;

/**
 * Apollo counts enrichment, the bulk people endpoint (a tenth of enrichment's limit) and everything else
 * in separate windows, so each is its own governor bucket.
 */
export const BUCKETS = { enrichment: 'enrichment', bulkMatch: 'bulk_match', other: 'other' } as const;
export type ApolloBucket = (typeof BUCKETS)[keyof typeof BUCKETS];

/** Most people per bulk_match call and domains per bulk_enrich call. */
export const MAX_BULK_PEOPLE = 10;
export const MAX_BULK_DOMAINS = 10;
/** Apollo's documented bulk contact sizes. */
export const MAX_BULK_CREATE = 100;
export const MAX_BULK_UPDATE = 1_000;
/** Search paging: at most 100 per page and page 500 (50,000 records per query). */
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGES = 500;
