/**
 * Paged search: the free people search (`mixed_people/api_search`, 0 credits, no emails or phones) and
 * the user's own contacts (`contacts/search`). Pages are yielded as they arrive. Apollo serves at most
 * page 500 of 100 (50,000 records) for one query; Return All stops there cleanly and says so through
 * `onCapReached` instead of asking for page 501 and failing on Apollo's 422.
 */
import type { HttpClient } from '../../core/http';
import type { Contact } from '../../core/models';
import { APOLLO_PATHS, BUCKETS, MAX_PAGE_SIZE, MAX_PAGES } from './endpoints';
import { fromApolloContact, fromPerson } from './mapping';

export interface SearchCapNotice {
	/** Pages read (Apollo's maximum). */
	pages: number;
	returned: number;
	/** Matches Apollo reported in total, when it did. */
	totalEntries?: number;
	message: string;
}

interface CommonQuery {
	keywords?: string;
	/** Per page, at most 100 (the default). */
	pageSize?: number;
	/** Stop after this many results in total. */
	limit?: number;
	/** Called once when the page cap ends a search that had more matches. */
	onCapReached?: (notice: SearchCapNotice) => void;
}

export interface ApolloPeopleQuery extends CommonQuery {
	target: 'people';
	titles?: string[];
	/** Companies' domains. */
	domains?: string[];
}

export type ContactSortField = 'contact_created_at' | 'contact_updated_at' | 'contact_last_activity_date';

export interface ApolloContactQuery extends CommonQuery {
	target: 'contacts';
	sortBy?: ContactSortField;
	ascending?: boolean;
}

export type ApolloSearchQuery = ApolloPeopleQuery | ApolloContactQuery;

interface SearchPage {
	people?: unknown[];
	contacts?: unknown[];
	pagination?: { total_pages?: number; total_entries?: number };
	total_entries?: number;
}

export async function* searchPages(http: HttpClient, query: ApolloSearchQuery): AsyncGenerator<Contact[]> {
	const limit = query.limit ?? Infinity;
	const size = Math.max(
		1,
		Math.min(query.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE, Number.isFinite(limit) ? limit : MAX_PAGE_SIZE),
	);
	const people = query.target === 'people';
	let returned = 0;
	for (let page = 1; returned < limit; page++) {
		const response = await http.request({
			method: 'POST',
			path: people ? APOLLO_PATHS.peopleSearch : APOLLO_PATHS.contactSearch,
			bucket: BUCKETS.other,
			// Reading a page twice changes nothing.
			idempotent: true,
			body: { ...filters(query), page, per_page: size },
		});
		const body = response.body as SearchPage;
		const records = ((people ? body.people : body.contacts) ?? []).filter(isObject);
		const mapped = records.slice(0, limit - returned).map(people ? fromPerson : fromApolloContact);
		returned += mapped.length;
		if (mapped.length > 0) yield mapped;

		const totalPages = body.pagination?.total_pages;
		const more = totalPages !== undefined ? page < totalPages : records.length === size;
		if (!more || records.length === 0) return;
		if (page >= MAX_PAGES) {
			if (returned < limit)
				query.onCapReached?.(capNotice(page, returned, body.pagination?.total_entries ?? body.total_entries));
			return;
		}
	}
}

function filters(query: ApolloSearchQuery): Record<string, unknown> {
	const keywords = query.keywords?.trim() ? { q_keywords: query.keywords.trim() } : {};
	if (query.target === 'contacts') {
		return {
			...keywords,
			...(query.sortBy ? { sort_by_field: query.sortBy } : {}),
			...(query.ascending !== undefined ? { sort_ascending: query.ascending } : {}),
		};
	}
	const titles = (query.titles ?? []).map((t) => t.trim()).filter(Boolean);
	const domains = (query.domains ?? []).map((d) => d.trim()).filter(Boolean);
	return {
		...keywords,
		...(titles.length ? { person_titles: titles } : {}),
		...(domains.length ? { q_organization_domains_list: domains } : {}),
	};
}

function capNotice(pages: number, returned: number, totalEntries: number | undefined): SearchCapNotice {
	const total = typeof totalEntries === 'number' ? ` of ${totalEntries}` : '';
	return {
		pages,
		returned,
		totalEntries: typeof totalEntries === 'number' ? totalEntries : undefined,
		message: `Apollo serves at most ${MAX_PAGES} pages per search: stopped after ${returned}${total} results. Narrow the search (keywords, titles, domains) to reach the rest.`,
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
