/** Filling in what a platform knows about a person from what we already have (Apollo's people match). */
import type { Contact, ContactInput } from '../models';

/** Whatever identifies the person: an email alone, or a LinkedIn URL, or a name with a company domain. */
export type EnrichmentKey = Pick<ContactInput, 'email' | 'linkedinUrl' | 'firstName' | 'lastName' | 'company' | 'domain'>;

export interface Enrichment {
	/** The platform's best match for the person; undefined when it knows nobody matching. */
	enrichContact(person: EnrichmentKey): Promise<Contact | undefined>;
}
