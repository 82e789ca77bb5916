/**
 * Rest.li 2.0 query values: records such as `(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A1)` and
 * `(start:1700000000000,end:1700000001000)`, and `start`/`count` paging. Query values arrive percent-decoded,
 * so nesting is told apart by balanced parentheses (a versioned form URN carries its own).
 */
import { ReplyError, type SandboxRequest } from '../http';
import { badRequest } from './errors';

/** Parses `(key:value,key:value)`; undefined when the text is not a record. */
export function parseRecord(text: string): Record<string, string> | undefined {
	if (!text.startsWith('(') || !text.endsWith(')')) return undefined;
	const inner = text.slice(1, -1);
	const record: Record<string, string> = {};
	let depth = 0;
	let start = 0;
	const take = (end: number) => {
		const part = inner.slice(start, end);
		const colon = part.indexOf(':');
		if (colon <= 0) return false;
		record[part.slice(0, colon)] = part.slice(colon + 1);
		return true;
	};
	for (let index = 0; index < inner.length; index += 1) {
		const char = inner[index];
		if (char === '(') depth += 1;
		else if (char === ')') depth -= 1;
		else if (char === ',' && depth === 0) {
			if (!take(index)) return undefined;
			start = index + 1;
		}
		if (depth < 0) return undefined;
	}
	if (depth !== 0 || (inner.length > 0 && !take(inner.length))) return undefined;
	return record;
}

/** A required or optional record parameter; a value that is not a record is a 400. */
export function recordParam(request: SandboxRequest, name: string): Record<string, string> | undefined {
	const raw = request.query.get(name);
	if (raw === null) return undefined;
	const record = parseRecord(raw);
	if (!record)
		throw new ReplyError(badRequest(`Invalid Rest.li 2.0 value for query parameter ${name}: ${raw}`));
	return record;
}

export interface Page {
	start: number;
	count: number;
}

export const MAX_COUNT = 100;

export function pageParams(request: SandboxRequest, defaultCount = 10): Page {
	const read = (name: string, fallback: number, min: number, max: number) => {
		const raw = request.query.get(name);
		if (raw === null) return fallback;
		const value = Number(raw);
		if (!/^\d+$/.test(raw) || value < min || value > max) {
			throw new ReplyError(
				badRequest(`Query parameter ${name} must be an integer between ${min} and ${max}`),
			);
		}
		return value;
	};
	return {
		start: read('start', 0, 0, Number.MAX_SAFE_INTEGER),
		count: read('count', defaultCount, 1, MAX_COUNT),
	};
}

/** A Rest.li collection answer with `paging.total` and a `next` link while more elements remain. */
export function collection<T>(request: SandboxRequest, all: T[], page: Page) {
	const elements = all.slice(page.start, page.start + page.count);
	const links: Array<{ rel: string; href: string; type: string }> = [];
	if (page.start + page.count < all.length) {
		const next = new URLSearchParams(request.query);
		next.set('start', String(page.start + page.count));
		next.set('count', String(page.count));
		links.push({ rel: 'next', href: `${request.path}?${next}`, type: 'application/json' });
	}
	return { elements, paging: { start: page.start, count: page.count, total: all.length, links } };
}
