/**
 * Search filter semantics. Values compare by property type: datetimes as epoch milliseconds (given as ms or
 * ISO), numbers numerically, everything else as case-insensitive text.
 */
import { toEpochMs, type PropertyDefinition } from './properties';
import type { ContactRecord } from './store';

export const OPERATORS = [
	'EQ',
	'NEQ',
	'LT',
	'LTE',
	'GT',
	'GTE',
	'BETWEEN',
	'IN',
	'NOT_IN',
	'HAS_PROPERTY',
	'NOT_HAS_PROPERTY',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
	definition: PropertyDefinition;
	operator: Operator;
	value?: string;
	highValue?: string;
	values?: string[];
}

type Comparable = number | string;

/** `undefined` when the text cannot be read as this property's type. */
export function comparable(definition: PropertyDefinition, text: string): Comparable | undefined {
	if (definition.type === 'datetime') return toEpochMs(text);
	if (definition.type === 'number') {
		const number = Number(text);
		return text.trim() === '' || !Number.isFinite(number) ? undefined : number;
	}
	return text.toLowerCase();
}

export function compare(a: Comparable, b: Comparable): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function matches(record: ContactRecord, filter: Filter): boolean {
	const raw = record.properties[filter.definition.name];
	switch (filter.operator) {
		case 'HAS_PROPERTY':
			return raw !== undefined;
		case 'NOT_HAS_PROPERTY':
			return raw === undefined;
		// Negations also match contacts without the property: they are "not equal" to anything.
		case 'NEQ':
			return !equals(filter, raw, filter.value);
		case 'NOT_IN':
			return !(filter.values ?? []).some((value) => equals(filter, raw, value));
		case 'NOT_CONTAINS_TOKEN':
			return raw === undefined || !containsToken(raw, filter.value ?? '');
		default:
			break;
	}
	if (raw === undefined) return false;
	const actual = comparable(filter.definition, raw);
	const wanted = filter.value === undefined ? undefined : comparable(filter.definition, filter.value);
	if (actual === undefined) return false;
	switch (filter.operator) {
		case 'EQ':
			return equals(filter, raw, filter.value);
		case 'IN':
			return (filter.values ?? []).some((value) => equals(filter, raw, value));
		case 'CONTAINS_TOKEN':
			return containsToken(raw, filter.value ?? '');
		case 'BETWEEN': {
			const high = comparable(filter.definition, filter.highValue ?? '');
			return (
				wanted !== undefined &&
				high !== undefined &&
				compare(actual, wanted) >= 0 &&
				compare(actual, high) <= 0
			);
		}
		default:
			return wanted !== undefined && ordered(filter.operator, compare(actual, wanted));
	}
}

function ordered(operator: Operator, order: number): boolean {
	switch (operator) {
		case 'LT':
			return order < 0;
		case 'LTE':
			return order <= 0;
		case 'GT':
			return order > 0;
		case 'GTE':
			return order >= 0;
		default:
			return false;
	}
}

function equals(filter: Filter, raw: string | undefined, value: string | undefined): boolean {
	if (raw === undefined || value === undefined) return false;
	const actual = comparable(filter.definition, raw);
	const wanted = comparable(filter.definition, value);
	return actual !== undefined && wanted !== undefined && compare(actual, wanted) === 0;
}

/**
 * HubSpot matches tokens: words of the value, or the whole value; `*` is a wildcard. Splitting on
 * punctuation too lets `example` match inside `ann@example.com`, and `*@example.com` match the whole.
 */
export function containsToken(raw: string, token: string): boolean {
	const pattern = new RegExp(`^${token.split('*').map(escapeRegExp).join('.*')}$`, 'i');
	const candidates = [raw, ...raw.split(/\s+/), ...raw.split(/[^\p{L}\p{N}]+/u)];
	return candidates.some((candidate) => candidate !== '' && pattern.test(candidate));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
