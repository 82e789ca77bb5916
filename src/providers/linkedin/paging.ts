/**
 * Rest.li collections, `{elements, paging: {start, count, total?, links}}`, read page by page with
 * `start`/`count`. LinkedIn does not always send `total`, so the next page is asked for while a `next`
 * link is offered, or while the total says more remain, or (with neither) while pages come back full.
 */
import type { LinkedInApi } from './api';
import { withQuery, type RestliValue } from './restli';

export const MAX_PAGE = 100;

export interface RestliCollection<T> {
	elements?: T[];
	paging?: { start?: number; count?: number; total?: number; links?: Array<{ rel?: string }> };
}

export interface PageOptions {
	pageSize?: number;
	/** Stop after this many elements in total (Return All off). */
	limit?: number;
}

export async function* restliPages<T>(
	api: LinkedInApi,
	path: string,
	params: Array<[string, RestliValue]>,
	options: PageOptions = {},
): AsyncGenerator<T[]> {
	const limit = options.limit ?? Infinity;
	const pageSize = Math.max(1, Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE));
	let start = 0;
	let emitted = 0;
	for (;;) {
		const count = Math.min(pageSize, limit - emitted);
		if (count <= 0) return;
		const response = await api.request({
			method: 'GET',
			path: withQuery(path, [...params, ['start', start], ['count', count]]),
		});
		const body = response.body as RestliCollection<T>;
		const elements = Array.isArray(body.elements) ? body.elements : [];
		if (elements.length === 0) return;
		emitted += elements.length;
		yield elements;
		start += elements.length;
		const paging = body.paging ?? {};
		const next = paging.links?.some((link) => link.rel === 'next');
		const more = next || (paging.total !== undefined ? start < paging.total : elements.length >= count);
		if (!more) return;
	}
}
