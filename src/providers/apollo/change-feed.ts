/**
 * Apollo contacts created or changed since a time, oldest first: Apollo's change feed.
 *
 * Apollo's contacts search has no "updated after" filter, only a sort on `contact_updated_at`. Read
 * ascending, a feed would page through every contact ever changed on every poll and stop for good at the
 * 500-page cap (50,000 records) however recent the wanted changes are. So the feed reads newest first and
 * stops at the first contact older than `since`: the requests it sends grow with the changes asked for,
 * not with the account. What it read is handed out oldest first, as the change feed promises.
 *
 * Paging newest first while contacts change is safe for a caller that re-reads from its cursor: a contact
 * updated meanwhile jumps to page 1 (already read), which shifts later pages down by one, so a record can
 * come twice (kept once, its newest version) but none is skipped that is not newer than the read began.
 */
import { CRMValidationError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import type { Contact } from '../../core/models';
import type { ListOptions } from '../../core/capabilities/contact-store';
import { MAX_PAGE_SIZE, MAX_PAGES } from './endpoints';
import { searchPages, type SearchCapNotice } from './search';

export function changedContacts(http: HttpClient, since: Date, options: ListOptions = {}): AsyncIterable<Contact[]> {
	const from = since instanceof Date ? since.getTime() : Number.NaN;
	if (Number.isNaN(from)) {
		throw new CRMValidationError('since: not a valid date', {
			platform: 'apollo',
			fields: [{ field: 'since', message: 'not a valid date' }],
		});
	}
	const pageSize = Math.max(1, Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
	return (async function* () {
		const newestFirst = await readBack(http, from);
		const oldestFirst = newestFirst.reverse().slice(0, options.limit ?? Infinity);
		for (let start = 0; start < oldestFirst.length; start += pageSize) {
			yield oldestFirst.slice(start, start + pageSize);
		}
	})();
}

/** Newest first, each contact once (its newest version), down to the first one changed before `from`. */
async function readBack(http: HttpClient, from: number): Promise<Contact[]> {
	const byId = new Map<string, Contact>();
	let capped: SearchCapNotice | undefined;
	const pages = searchPages(http, {
		target: 'contacts',
		sortBy: 'contact_updated_at',
		ascending: false,
		pageSize: MAX_PAGE_SIZE,
		onCapReached: (notice) => (capped = notice),
	});
	for await (const page of pages) {
		for (const contact of page) {
			if (updatedAt(contact) < from) return [...byId.values()];
			const key = contact.id ?? `${byId.size}`;
			if (!byId.has(key)) byId.set(key, contact);
		}
	}
	if (capped) {
		// Handing out only the newest 50,000 would let a cursor move past the older changes unread.
		throw new CRMValidationError(
			`More contacts changed since ${new Date(from).toISOString()} than Apollo serves in one search (${MAX_PAGES} pages of ${MAX_PAGE_SIZE}): read from a later time`,
			{ platform: 'apollo', code: 'CHANGE_FEED_CAP', fields: [{ field: 'since', message: 'too many changes since then' }] },
		);
	}
	return [...byId.values()];
}

/** A contact without a readable update time counts as changed now (kept rather than lost). */
function updatedAt(contact: Contact): number {
	const time = contact.updatedAt ? Date.parse(contact.updatedAt) : Number.NaN;
	return Number.isNaN(time) ? Infinity : time;
}
