/**
 * HubSpot search with Return All that survives the 10,000-result cap. One query can page at most 10,000
 * results, so results are sorted by a monotonic key and, when a query's window is used up, a new query
 * starts just past the last key seen. Pages are yielded as they come; only the ids on the current window
 * boundary are remembered, so memory stays flat however many contacts match.
 */
import { CRMValidationError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import { CONTACT_PATHS } from './endpoints';
import { SEARCH_BUCKET } from './governor';
import type { HubSpotObject } from './mapping';
import type { HubSpotSearchQuery, SearchFilter } from './search-query';

export const MAX_SEARCH_PAGE = 200;
export const MAX_SEARCH_RESULTS = 10_000;
const MAX_FILTERS_PER_GROUP = 6;

interface SearchPage {
	total?: number;
	results: HubSpotObject[];
	paging?: { next?: { after?: string } };
}

export interface HubSpotSearchOptions extends HubSpotSearchQuery {
	properties: string[];
}

export async function* searchPages(http: HttpClient, options: HubSpotSearchOptions): AsyncGenerator<HubSpotObject[]> {
	const sort = options.sort ?? { property: 'hs_object_id', direction: 'ASCENDING' as const };
	const ascending = sort.direction === 'ASCENDING';
	const pageSize = Math.min(options.pageSize ?? MAX_SEARCH_PAGE, MAX_SEARCH_PAGE);
	const limit = options.limit ?? Infinity;
	const properties = [...new Set([...options.properties, sort.property])];

	let emitted = 0;
	let boundary: { value: string; ids: Set<string> } | undefined;

	for (;;) {
		let after: string | undefined;
		let windowCount = 0;
		let sawAny = false;
		const filterGroups = withWindow(options.filterGroups ?? [], sort.property, ascending, boundary?.value);

		for (;;) {
			const remainingInWindow = MAX_SEARCH_RESULTS - windowCount;
			const size = Math.min(pageSize, remainingInWindow, limit - emitted);
			if (size <= 0) break;
			const response = await http.request({
				method: 'POST',
				path: CONTACT_PATHS.search,
				bucket: SEARCH_BUCKET,
				idempotent: true,
				body: {
					filterGroups: filterGroups.map((filters) => ({ filters: filters.map(toHubSpotFilter) })),
					sorts: [{ propertyName: sort.property, direction: sort.direction }],
					query: options.query || undefined,
					properties,
					limit: size,
					after,
				},
			});
			const page = response.body as SearchPage;
			const results = page.results ?? [];
			windowCount += results.length;

			const fresh = results.filter((r) => !boundary?.ids.has(r.id));
			for (const r of results) {
				sawAny = true;
				const value = r.properties?.[sort.property] ?? r.id;
				if (value === undefined || value === null) continue;
				if (!boundary || boundary.value !== value) boundary = { value, ids: new Set() };
				boundary.ids.add(r.id);
			}
			const take = fresh.slice(0, limit - emitted);
			if (take.length > 0) {
				emitted += take.length;
				yield take;
			}
			if (emitted >= limit) return;
			after = page.paging?.next?.after;
			if (!after) return;
		}

		if (emitted >= limit) return;
		// The window is used up but HubSpot has more: restart past the last key.
		if (!sawAny || !boundary) return;
		if (boundary.ids.size >= MAX_SEARCH_RESULTS) {
			throw new CRMValidationError(
				`More than ${MAX_SEARCH_RESULTS} contacts share ${sort.property} = ${boundary.value}; narrow the filters`,
				{ platform: 'hubspot', fields: [{ field: 'sort', message: 'cannot page past 10,000 equal values' }] },
			);
		}
	}
}

/**
 * Adds "key at or past the boundary" to every OR-group (an OR of ANDs distributes that way). The id key
 * is unique, so a strict comparison is exact; other keys (dates) repeat, so the boundary value itself is
 * re-read and the ids already emitted are skipped.
 */
function withWindow(
	groups: SearchFilter[][],
	property: string,
	ascending: boolean,
	from: string | undefined,
): SearchFilter[][] {
	if (from === undefined) return groups;
	const unique = property === 'hs_object_id';
	const operator = ascending ? (unique ? 'GT' : 'GTE') : unique ? 'LT' : 'LTE';
	const bound: SearchFilter = { property, operator, value: toFilterValue(property, from) };
	const base = groups.length > 0 ? groups : [[]];
	return base.map((group) => {
		if (group.length >= MAX_FILTERS_PER_GROUP) {
			throw new CRMValidationError(
				`A filter group with ${MAX_FILTERS_PER_GROUP} filters cannot be paged past 10,000 results; use at most ${MAX_FILTERS_PER_GROUP - 1} filters per group`,
				{ platform: 'hubspot', fields: [{ field: 'filters', message: 'too many filters to page past 10,000 results' }] },
			);
		}
		return [...group, bound];
	});
}

/** Date properties come back as ISO strings but are filtered as epoch milliseconds. */
function toFilterValue(property: string, value: string): string {
	if (/date$/i.test(property) && !/^\d+$/.test(value)) {
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) return String(ms);
	}
	return value;
}

function toHubSpotFilter(filter: SearchFilter): Record<string, unknown> {
	const out: Record<string, unknown> = { propertyName: filter.property, operator: filter.operator };
	if (filter.values !== undefined) out.values = filter.values;
	else if (filter.value !== undefined) out.value = toFilterValue(filter.property, filter.value);
	if (filter.highValue !== undefined) out.highValue = toFilterValue(filter.property, filter.highValue);
	return out;
}
