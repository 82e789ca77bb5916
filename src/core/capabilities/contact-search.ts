/**
 * Searching contacts. Each platform has its own query language (HubSpot's filter groups, Apollo's person
 * fields), so the capability is generic over the query; only the answer is shared: pages of contacts.
 */
import type { Contact } from '../models';

export interface ContactSearch<Query> {
	searchContacts(query: Query): AsyncIterable<Contact[]>;
}
