/**
 * `POST /crm/v3/objects/contacts/search`: filter groups (OR of ANDs), one sort, free-text query, offset
 * paging and the 10,000-result cap. Reads the search view of the store, so it lags writes when configured.
 */
import { isRecord, json, ReplyError, type Reply, type SandboxRequest } from '../http';
import { validationError } from './errors';
import { compare, comparable, matches, OPERATORS, type Filter, type Operator } from './filters';
import type { PropertyDefinition, PropertyRegistry } from './properties';
import { boundedInteger, jsonObject } from './request';
import { requestedProperties, toApi } from './serialize';
import type { HubSpotState } from './state';
import type { ContactRecord } from './store';

export const MAX_SEARCH_RESULTS = 10_000;
const MAX_LIMIT = 200;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const QUERY_PROPERTIES = ['firstname', 'lastname', 'email', 'company', 'phone', 'mobilephone'];
const NEEDS_VALUE: readonly Operator[] = [
	'EQ',
	'NEQ',
	'LT',
	'LTE',
	'GT',
	'GTE',
	'BETWEEN',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
];

interface Sort {
	definition: PropertyDefinition;
	descending: boolean;
}

interface SearchRequest {
	groups: Filter[][];
	sort?: Sort;
	limit: number;
	offset: number;
	words: string[];
	properties?: string[];
}

export function search(request: SandboxRequest, state: HubSpotState): Reply {
	const parsed = parse(jsonObject(request), state.registry);
	if (parsed.offset + parsed.limit > MAX_SEARCH_RESULTS) {
		return validationError(
			`Search results are limited to ${MAX_SEARCH_RESULTS}: after + limit must not exceed ${MAX_SEARCH_RESULTS} (after=${parsed.offset}, limit=${parsed.limit})`,
		);
	}
	const filtered = state.store
		.searchable()
		.filter(
			(record) =>
				matchesQuery(record, parsed.words) &&
				(parsed.groups.length === 0 ||
					parsed.groups.some((group) => group.every((filter) => matches(record, filter)))),
		);
	const matched = parsed.sort ? sortRecords(filtered, parsed.sort) : filtered;
	const end = parsed.offset + parsed.limit;
	return json(200, {
		total: matched.length,
		results: matched
			.slice(parsed.offset, end)
			.map((record) => toApi(record, parsed.properties, state.registry)),
		...(end < matched.length ? { paging: { next: { after: String(end) } } } : {}),
	});
}

function parse(body: Record<string, unknown>, registry: PropertyRegistry): SearchRequest {
	const after = body.after;
	if (after !== undefined && after !== null && !/^\d+$/.test(String(after)))
		fail(`Invalid paging cursor: after=${String(after)}`);
	const query = body.query;
	if (query !== undefined && typeof query !== 'string') fail('query must be a string');
	return {
		groups: parseGroups(body.filterGroups, registry),
		sort: parseSort(body.sorts, registry),
		limit: boundedInteger(body.limit, 'limit', 10, 0, MAX_LIMIT),
		offset: after === undefined || after === null ? 0 : Number(after),
		words: (query ?? '').toLowerCase().split(/\s+/).filter(Boolean),
		properties: requestedProperties(body.properties),
	};
}

function parseGroups(input: unknown, registry: PropertyRegistry): Filter[][] {
	if (input === undefined) return [];
	if (!Array.isArray(input)) fail('filterGroups must be an array');
	if (input.length > MAX_GROUPS)
		fail(`Too many filter groups: at most ${MAX_GROUPS} are allowed, got ${input.length}`);
	let total = 0;
	const groups = input.map((group) => {
		const filters = isRecord(group) ? group.filters : undefined;
		if (!Array.isArray(filters)) fail('each filter group needs a filters array');
		if (filters.length > MAX_FILTERS_PER_GROUP) {
			fail(
				`Too many filters in a group: at most ${MAX_FILTERS_PER_GROUP} are allowed, got ${filters.length}`,
			);
		}
		total += filters.length;
		return filters.map((filter) => parseFilter(filter, registry));
	});
	if (total > MAX_FILTERS)
		fail(`Too many filters: at most ${MAX_FILTERS} are allowed in total, got ${total}`);
	// An empty group would match everything and silently widen an OR; HubSpot rejects it too.
	if (groups.some((group) => group.length === 0)) fail('filter groups must not be empty');
	return groups;
}

function parseFilter(input: unknown, registry: PropertyRegistry): Filter {
	if (!isRecord(input)) fail('each filter must be an object');
	const { propertyName, operator = 'EQ', value, highValue, values } = input;
	const definition = typeof propertyName === 'string' ? registry.get(propertyName) : undefined;
	if (!definition) fail(`Property ${JSON.stringify(propertyName)} does not exist`);
	if (!(OPERATORS as readonly unknown[]).includes(operator)) {
		fail(`Invalid operator ${JSON.stringify(operator)}; use one of ${OPERATORS.join(', ')}`);
	}
	const op = operator as Operator;
	const filter: Filter = { definition, operator: op };
	if (NEEDS_VALUE.includes(op)) filter.value = scalar(value, `${op} on ${definition.name} needs a value`);
	if (op === 'BETWEEN')
		filter.highValue = scalar(highValue, `BETWEEN on ${definition.name} needs a highValue`);
	if (op === 'IN' || op === 'NOT_IN') {
		if (!Array.isArray(values) || values.length === 0)
			fail(`${op} on ${definition.name} needs a non-empty values array`);
		filter.values = values.map((item) => scalar(item, `${op} values must be strings or numbers`));
	}
	if (op !== 'CONTAINS_TOKEN' && op !== 'NOT_CONTAINS_TOKEN') {
		for (const given of [filter.value, filter.highValue, ...(filter.values ?? [])]) {
			if (given !== undefined && comparable(definition, given) === undefined) {
				fail(`${given} is not a valid ${definition.type} value for ${definition.name}`);
			}
		}
	}
	return filter;
}

/** One sort: `{propertyName, direction}`, a JSON string of that, or `"name"` / `"-name"` for descending. */
function parseSort(input: unknown, registry: PropertyRegistry): Sort | undefined {
	if (input === undefined || (Array.isArray(input) && input.length === 0)) return undefined;
	if (!Array.isArray(input)) fail('sorts must be an array');
	if (input.length > 1) fail(`Only one sort is supported, got ${input.length}`);
	let sort = input[0];
	if (typeof sort === 'string' && sort.trim().startsWith('{')) {
		try {
			sort = JSON.parse(sort);
		} catch {
			fail(`Invalid sort ${sort}`);
		}
	}
	const [name, direction] =
		typeof sort === 'string'
			? [sort.replace(/^-/, ''), sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING']
			: isRecord(sort)
				? [sort.propertyName, sort.direction ?? 'ASCENDING']
				: [undefined, undefined];
	const definition = typeof name === 'string' ? registry.get(name) : undefined;
	if (!definition) fail(`Cannot sort by ${JSON.stringify(name)}: property does not exist`);
	if (direction !== 'ASCENDING' && direction !== 'DESCENDING')
		fail('sort direction must be ASCENDING or DESCENDING');
	return { definition, descending: direction === 'DESCENDING' };
}

/** Contacts without the property sort last either way; ties keep id order so paging is stable. */
function sortRecords(records: ContactRecord[], sort: Sort): ContactRecord[] {
	const keyed = records.map((record) => {
		const raw = record.properties[sort.definition.name];
		return {
			record,
			key: raw === undefined ? undefined : comparable(sort.definition, raw),
			id: Number(record.id),
		};
	});
	keyed.sort((a, b) => {
		if (a.key === undefined || b.key === undefined) {
			if (a.key !== b.key) return a.key === undefined ? 1 : -1;
		} else {
			const order = compare(a.key, b.key);
			if (order !== 0) return sort.descending ? -order : order;
		}
		return a.id - b.id;
	});
	return keyed.map((entry) => entry.record);
}

function matchesQuery(record: ContactRecord, words: string[]): boolean {
	return words.every((word) =>
		QUERY_PROPERTIES.some((name) => record.properties[name]?.toLowerCase().includes(word)),
	);
}

function scalar(value: unknown, message: string): string {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
		return String(value);
	return fail(message);
}

function fail(message: string): never {
	throw new ReplyError(validationError(message));
}
