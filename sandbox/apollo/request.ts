/**
 * Reading Apollo parameters. Apollo's spec lists most of them as query parameters while clients send JSON
 * bodies, and both work; the body wins where both carry one. Query arrays use Rails' `name[]=` form.
 */
import { isRecord, parseJsonBody, ReplyError, type SandboxRequest } from '../http';
import { badRequest, unprocessable } from './errors';

export function params(request: SandboxRequest): Record<string, unknown> {
	const body = parseJsonBody(request.rawBody, (detail) => badRequest(`Invalid JSON: ${detail}`));
	if (body !== undefined && !isRecord(body)) throw new ReplyError(badRequest('Expected a JSON object'));
	const fromQuery: Record<string, unknown> = {};
	for (const key of new Set(request.query.keys())) {
		if (key.endsWith('[]')) fromQuery[key.slice(0, -2)] = request.query.getAll(key);
		else fromQuery[key] = request.query.get(key);
	}
	return { ...fromQuery, ...body };
}

export function flag(value: unknown): boolean {
	return value === true || value === 'true';
}

export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

export function textList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(text).filter((entry): entry is string => entry !== undefined);
	const single = text(value);
	return single === undefined
		? []
		: single
				.split(',')
				.map((entry) => entry.trim())
				.filter(Boolean);
}

/** An integer within bounds, else Apollo's 422 naming the parameter. */
export function boundedInteger(
	value: unknown,
	name: string,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const parsed = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
		throw new ReplyError(unprocessable(`${name} must be an integer between ${min} and ${max}`));
	}
	return parsed;
}

/** A list parameter that must be an array of at most `max` entries. */
export function boundedList(value: unknown, name: string, max: number): unknown[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw new ReplyError(unprocessable(`${name} must be a non-empty array`));
	}
	if (value.length > max) {
		throw new ReplyError(unprocessable(`Too many ${name} provided: ${value.length}. The maximum is ${max}.`));
	}
	return value;
}

export interface Page {
	page: number;
	perPage: number;
}

/** Apollo's search paging: per_page at most 100, page at most 500 (50,000 records). */
export function paging(input: Record<string, unknown>): Page {
	return {
		page: boundedInteger(input.page, 'page', 1, 1, 500),
		perPage: boundedInteger(input.per_page, 'per_page', 10, 1, 100),
	};
}

export function paginate<T>(items: T[], { page, perPage }: Page) {
	return {
		items: items.slice((page - 1) * perPage, page * perPage),
		pagination: {
			page,
			per_page: perPage,
			total_entries: items.length,
			total_pages: Math.ceil(items.length / perPage),
		},
	};
}
