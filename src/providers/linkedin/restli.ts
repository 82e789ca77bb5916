/**
 * Rest.li 2.0 query strings. Record values such as `owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A1)`
 * must keep their parentheses, colons and commas as they are while the values inside are percent-encoded;
 * a generic query encoder would encode the structure too (or encode the URN twice), so the query string is
 * built here and handed to the HTTP layer as part of the path.
 */
import { restliKey } from './endpoints';

/** A Rest.li record: `(key:value,key:value)` with each value encoded. */
export class RestliRecord {
	constructor(readonly fields: Record<string, string | number>) {}

	toString(): string {
		const parts = Object.entries(this.fields).map(([key, value]) => `${key}:${restliKey(String(value))}`);
		return `(${parts.join(',')})`;
	}
}

export type RestliValue = string | number | boolean | RestliRecord | undefined;

/** `path?key=value&…` in the order given; undefined values are left out. */
export function withQuery(path: string, params: Array<[string, RestliValue]>): string {
	const parts: string[] = [];
	for (const [key, value] of params) {
		if (value === undefined) continue;
		parts.push(`${key}=${value instanceof RestliRecord ? value.toString() : restliKey(String(value))}`);
	}
	return parts.length ? `${path}?${parts.join('&')}` : path;
}
