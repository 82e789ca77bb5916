/**
 * Apollo adapter: the user's contacts (create with dedupe, get, update, upsert, find by email, search),
 * the free people search, and credit-spending enrichment of people and organizations, batched 10 per call
 * and kept under a per-run credit cap. Auth is the transport's business (the API key travels in the
 * `x-api-key` header the transport adds), so this class never holds the key.
 */
import type { ChangeFeed } from '../../core/capabilities/change-feed';
import type { ContactSearch } from '../../core/capabilities/contact-search';
import type { ContactStore, ListOptions } from '../../core/capabilities/contact-store';
import type { Enrichment, EnrichmentKey } from '../../core/capabilities/enrichment';
import { mapConcurrent } from '../../core/concurrency';
import { CRMAuthenticationError, CRMNotSupportedError, CRMValidationError } from '../../core/errors';
import { HttpClient, type HttpClientOptions } from '../../core/http';
import { Contact, type BatchOutcome, type ContactInput } from '../../core/models';
import {
	CRMProvider,
	type AuthenticationResult,
	type ProviderLimits,
	type RateLimitStatus,
} from '../../core/provider';
import { changedContacts } from './change-feed';
import { upsertContacts } from './contact-upsert';
import { CreditBudget } from './credits';
import { apolloDialect } from './dialect';
import {
	APOLLO_DEFAULT_BASE_URL,
	APOLLO_PATHS,
	BUCKETS,
	MAX_BULK_PEOPLE,
	MAX_PAGE_SIZE,
	MAX_PAGES,
} from './endpoints';
import type { ApolloOrganization, EnrichmentResult, PeopleEnrichmentOptions } from './enrichment-types';
import { ApolloGovernor, type ApolloLimits } from './governor';
import { fromApolloContact, toContactAttributes } from './mapping';
import { enrichOrganizations } from './organization-enrichment';
import { enrichPeople } from './people-enrichment';
import { searchPages, type ApolloSearchQuery } from './search';

/** Calls in flight at once; the governor caps the request rate either way. */
export const APOLLO_CONCURRENCY = 3;

export interface ApolloProviderOptions extends Omit<HttpClientOptions, 'baseUrl' | 'dialect' | 'governor'> {
	baseUrl?: string;
	limits?: ApolloLimits;
	batchConcurrency?: number;
	/** Most credits this provider (one run) may spend on enrichment; absent for no cap. */
	creditCap?: number;
}

export interface ApolloCapabilities {
	contactStore: ContactStore;
	search: ContactSearch<ApolloSearchQuery>;
	enrichment: Enrichment;
	changeFeed: ChangeFeed;
}

export interface CreateContactOptions {
	/**
	 * Apollo's `run_dedupe`. Off, Apollo creates a duplicate every time; on (our default), a match by id,
	 * CRM id, email or name + company is updated in place and returned instead.
	 */
	dedupe?: boolean;
}

export class ApolloProvider
	extends CRMProvider<ApolloCapabilities>
	implements ContactStore, ContactSearch<ApolloSearchQuery>, Enrichment, ChangeFeed
{
	readonly platform = 'apollo';
	readonly capabilities: ApolloCapabilities = {
		contactStore: this,
		search: this,
		enrichment: this,
		changeFeed: this,
	};
	readonly limits: ProviderLimits = {
		maxBatchSize: MAX_BULK_PEOPLE,
		maxPageSize: MAX_PAGE_SIZE,
		maxSearchResults: MAX_PAGES * MAX_PAGE_SIZE,
	};
	/** Credits spent by this provider's enrichment calls, and the cap they stay under. */
	readonly credits: CreditBudget;

	private readonly http: HttpClient;
	private readonly governor: ApolloGovernor;
	private readonly concurrency: number;

	constructor(options: ApolloProviderOptions) {
		super();
		const { baseUrl, limits, batchConcurrency, creditCap, ...httpOptions } = options;
		this.governor = new ApolloGovernor(limits);
		this.http = new HttpClient({
			...httpOptions,
			baseUrl: baseUrl || APOLLO_DEFAULT_BASE_URL,
			dialect: apolloDialect,
			governor: this.governor,
		});
		this.concurrency = Math.max(1, batchConcurrency ?? APOLLO_CONCURRENCY);
		if (creditCap !== undefined && !(creditCap >= 0)) {
			throw new CRMValidationError('creditCap: must be 0 or more', {
				platform: 'apollo',
				fields: [{ field: 'creditCap', message: 'must be 0 or more' }],
			});
		}
		this.credits = new CreditBudget(creditCap);
	}

	async authenticate(): Promise<AuthenticationResult> {
		const response = await this.http.request({
			method: 'GET',
			path: APOLLO_PATHS.health,
			bucket: BUCKETS.other,
		});
		if ((response.body as { is_logged_in?: unknown }).is_logged_in !== true) {
			throw new CRMAuthenticationError('Apollo did not accept the API key (is_logged_in is false)', {
				platform: 'apollo',
				httpStatus: response.status,
			});
		}
		return { ok: true };
	}

	async getContact(id: string): Promise<Contact> {
		const response = await this.http.request({
			method: 'GET',
			path: APOLLO_PATHS.contact(requireValue(id, 'contactId')),
			bucket: BUCKETS.other,
		});
		return fromApolloContact(contactOf(response.body));
	}

	/** Contacts search by keyword, then an exact email comparison (keywords match more than the email). */
	async getContactByEmail(email: string): Promise<Contact | undefined> {
		const wanted = requireValue(email, 'email').toLowerCase();
		for await (const page of searchPages(this.http, {
			target: 'contacts',
			keywords: wanted,
			pageSize: 25,
			limit: 25,
		})) {
			const found = page.find((contact) => contact.email?.toLowerCase() === wanted);
			if (found) return found;
		}
		return undefined;
	}

	async findContactsByEmail(emails: string[]): Promise<Map<string, Contact>> {
		const unique = [...new Set(emails.map((e) => (e ?? '').trim().toLowerCase()).filter(Boolean))];
		const found = await mapConcurrent(unique, this.concurrency, (email) => this.getContactByEmail(email));
		const map = new Map<string, Contact>();
		found.forEach((contact, i) => contact && map.set(unique[i], contact));
		return map;
	}

	async createContact(contact: ContactInput, options: CreateContactOptions = {}): Promise<Contact> {
		const dedupe = options.dedupe ?? true;
		const response = await this.http.request({
			method: 'POST',
			path: APOLLO_PATHS.contacts,
			bucket: BUCKETS.other,
			// With dedupe a resend finds the first send's contact; without it a resend is a second contact.
			idempotent: dedupe,
			body: { ...validatedAttributes(contact), run_dedupe: dedupe },
		});
		return fromApolloContact(contactOf(response.body));
	}

	async updateContact(id: string, contact: ContactInput): Promise<Contact> {
		const response = await this.http.request({
			method: 'PATCH',
			path: APOLLO_PATHS.contact(requireValue(id, 'contactId')),
			bucket: BUCKETS.other,
			idempotent: true,
			body: validatedAttributes(contact),
		});
		return fromApolloContact(contactOf(response.body));
	}

	/** Apollo's API has no documented contact delete. */
	async deleteContact(): Promise<void> {
		throw new CRMNotSupportedError('Apollo cannot delete contacts through its API', {
			platform: 'apollo',
			code: 'NOT_SUPPORTED',
		});
	}

	upsertContacts(contacts: ContactInput[]): Promise<BatchOutcome<Contact>[]> {
		return upsertContacts(this.http, contacts, this.concurrency);
	}

	/** Oldest first, so contacts created while paging land after the pages already read. */
	listContacts(options: ListOptions = {}): AsyncIterable<Contact[]> {
		return searchPages(this.http, {
			target: 'contacts',
			sortBy: 'contact_created_at',
			ascending: true,
			pageSize: options.pageSize,
			limit: options.limit,
		});
	}

	/** Contacts changed at or after `since`, oldest first (read newest first down to `since`: change-feed.ts). */
	getUpdatedContacts(since: Date, options: ListOptions = {}): AsyncIterable<Contact[]> {
		return changedContacts(this.http, since, options);
	}

	searchContacts(query: ApolloSearchQuery): AsyncIterable<Contact[]> {
		return searchPages(this.http, query);
	}

	/** One person through people/match; undefined when Apollo knows nobody matching. */
	async enrichContact(
		person: EnrichmentKey,
		options: Omit<PeopleEnrichmentOptions, 'onlyIfMissing'> = {},
	): Promise<Contact | undefined> {
		const [result] = await this.enrichPeople([person], options);
		if (result.status === 'failed') throw result.error;
		return result.status === 'matched' ? result.value : undefined;
	}

	/** Many people, 10 per bulk_match call; one result per input, in input order. */
	enrichPeople(
		people: ContactInput[],
		options: PeopleEnrichmentOptions = {},
	): Promise<EnrichmentResult<Contact>[]> {
		return enrichPeople(this.http, people, options, this.credits, this.concurrency);
	}

	/** Companies by domain, 10 per bulk_enrich call; one result per input, in input order. */
	enrichOrganizations(domains: string[]): Promise<EnrichmentResult<ApolloOrganization>[]> {
		return enrichOrganizations(this.http, domains, this.credits, this.concurrency);
	}

	checkRateLimit(): RateLimitStatus {
		const readings = this.governor.status(BUCKETS.other);
		return {
			platform: 'apollo',
			remaining: readings.minute?.left,
			max: readings.minute?.limit,
			intervalMs: 60_000,
			dailyRemaining: readings.daily?.left,
			http: { ...this.http.stats },
		};
	}

	/** The last header readings of one limit class (enrichment, bulk_match, other). */
	rateLimitsOf(bucket: (typeof BUCKETS)[keyof typeof BUCKETS]) {
		return this.governor.status(bucket);
	}
}

function contactOf(body: unknown): Record<string, unknown> {
	const contact = (body as { contact?: unknown }).contact;
	return typeof contact === 'object' && contact !== null && !Array.isArray(contact)
		? (contact as Record<string, unknown>)
		: {};
}

function requireValue(value: string, field: string): string {
	const trimmed = (value ?? '').trim();
	if (!trimmed)
		throw new CRMValidationError(`${field} is required`, {
			platform: 'apollo',
			fields: [{ field, message: 'is required' }],
		});
	return trimmed;
}

/** Validates unified fields before any request, so a typo fails with the field named instead of a 422. */
function validatedAttributes(contact: ContactInput): Record<string, string> {
	const checked = Contact.safeParse(contact);
	if (!checked.success) {
		const issue = checked.error.issues[0];
		const field = issue.path.join('.') || 'contact';
		throw new CRMValidationError(`${field}: ${issue.message}`, {
			platform: 'apollo',
			fields: [{ field, message: issue.message }],
		});
	}
	return toContactAttributes(checked.data);
}
