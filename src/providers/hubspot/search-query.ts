/**
 * HubSpot's search grammar: filters inside a group are ANDed, groups are ORed, one sort. Other platforms
 * search differently (Apollo by person fields, LinkedIn not at all), so this stays HubSpot's and the core
 * only knows that a search takes some query and yields pages of contacts.
 */
import type { ListOptions } from '../../core/capabilities/contact-store';

export type FilterOperator =
	| 'EQ'
	| 'NEQ'
	| 'LT'
	| 'LTE'
	| 'GT'
	| 'GTE'
	| 'BETWEEN'
	| 'IN'
	| 'NOT_IN'
	| 'HAS_PROPERTY'
	| 'NOT_HAS_PROPERTY'
	| 'CONTAINS_TOKEN'
	| 'NOT_CONTAINS_TOKEN';

export interface SearchFilter {
	property: string;
	operator: FilterOperator;
	value?: string;
	highValue?: string;
	values?: string[];
}

export interface SearchSort {
	property: string;
	direction: 'ASCENDING' | 'DESCENDING';
}

/** `properties`, `pageSize` and `limit` mean what they mean for every list; the rest is HubSpot's. */
export interface HubSpotSearchQuery extends ListOptions {
	/** OR of groups; AND inside a group. */
	filterGroups?: SearchFilter[][];
	/** Free text, matched by HubSpot against its default searchable properties. */
	query?: string;
	sort?: SearchSort;
}
