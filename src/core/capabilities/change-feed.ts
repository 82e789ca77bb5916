/**
 * Contacts created or changed since a point in time: what a polling trigger and an incremental sync read.
 * HubSpot serves it from search on the modification date; LinkedIn's lead responses are the same shape
 * (new leads since the last poll), which is why a read-only platform can offer it.
 */
import type { Contact } from '../models';
import type { ListOptions } from './contact-store';

export interface ChangeFeed {
	/** Contacts created or changed at or after `since`, oldest change first, in pages. */
	getUpdatedContacts(since: Date, options?: ListOptions): AsyncIterable<Contact[]>;
}
