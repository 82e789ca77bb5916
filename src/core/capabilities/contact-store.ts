/**
 * A platform that keeps contacts and lets us write them: HubSpot and Apollo, not LinkedIn. Methods keep
 * the names of the original CRMProvider (getContact, createContact, updateContact...).
 */
import type { BatchOutcome, Contact, ContactInput } from '../models';

/** What every paged read accepts. */
export interface ListOptions {
	/** Platform property names to return, beyond the defaults. */
	properties?: string[];
	pageSize?: number;
	/** Stop after this many results in total. */
	limit?: number;
}

export interface ContactStore {
	getContact(id: string, properties?: string[]): Promise<Contact>;
	/** Undefined when nobody has that email. */
	getContactByEmail(email: string, properties?: string[]): Promise<Contact | undefined>;
	/** Looks contacts up by email in as few calls as the platform allows; misses are absent from the map. */
	findContactsByEmail(emails: string[], properties?: string[]): Promise<Map<string, Contact>>;
	createContact(contact: ContactInput): Promise<Contact>;
	updateContact(id: string, contact: ContactInput): Promise<Contact>;
	deleteContact(id: string): Promise<void>;
	/**
	 * Creates or updates by email with the platform's native batch endpoint. One outcome per input, in
	 * input order: a bad record fails alone, the rest are still written.
	 */
	upsertContacts(contacts: ContactInput[]): Promise<BatchOutcome<Contact>[]>;
	/** Pages are yielded as they arrive, so a caller can stream instead of holding every result. */
	listContacts(options?: ListOptions): AsyncIterable<Contact[]>;
}

/** Reads and writes by id in batches: one call per batch instead of one per contact. */
export interface ContactBatches {
	/** Ids the platform does not know are absent from the map. */
	getContacts(ids: string[], properties?: string[]): Promise<Map<string, Contact>>;
	/** One outcome per input, in input order; a missing id fails its input alone. */
	updateContacts(updates: Array<{ id: string; contact: ContactInput }>): Promise<BatchOutcome<Contact>[]>;
	deleteContacts(ids: string[]): Promise<BatchOutcome<string>[]>;
}
