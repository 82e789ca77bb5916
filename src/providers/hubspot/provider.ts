/**
 * HubSpot adapter on CRM v3: contacts by id or email, batch upsert, windowed search, list and
 * changed-since. Auth is the transport's business (n8n signs requests with the credential), so this
 * class never holds a token.
 */
import type { ChangeFeed } from '../../core/capabilities/change-feed';
import type { ContactSearch } from '../../core/capabilities/contact-search';
import type { ContactBatches, ContactStore, ListOptions } from '../../core/capabilities/contact-store';
import type { WebhookSource } from '../../core/capabilities/webhooks';
import { mapConcurrent } from '../../core/concurrency';
import { CRMException, CRMValidationError } from '../../core/errors';
import { HttpClient, type HttpClientOptions, type HttpResponse } from '../../core/http';
import { Contact, type BatchOutcome, type ContactInput } from '../../core/models';
import { CRMProvider, type AuthenticationResult, type ProviderLimits, type RateLimitStatus } from '../../core/provider';
import { BATCH_CONCURRENCY, MAX_BATCH, updateById, upsertByEmail } from './batch';
import { hubspotDialect } from './dialect';
import { CONTACT_PATHS, HUBSPOT_DEFAULT_BASE_URL } from './endpoints';
import { HubSpotGovernor, type HubSpotLimits } from './governor';
import { DEFAULT_PROPERTIES, fromHubSpot, toProperties, type HubSpotObject } from './mapping';
import { MAX_SEARCH_PAGE, MAX_SEARCH_RESULTS, searchPages } from './search';
import type { HubSpotSearchQuery } from './search-query';
import { hubspotWebhookSource, type HubSpotWebhookSettings } from './webhook-source';

const MAX_LIST_PAGE = 100;

export interface PropertyDefinition {
	name: string;
	label: string;
	description?: string;
	type?: string;
	readOnly: boolean;
}

interface RawProperty {
	name: string;
	label?: string;
	description?: string;
	type?: string;
	modificationMetadata?: { readOnlyValue?: boolean };
}

/**
 * The HTTP layer's options (transport, clock, retry, jitter, and whatever else HttpClient accepts) pass
 * straight through; the platform's dialect and governor are HubSpot's own.
 */
export interface HubSpotProviderOptions extends Omit<HttpClientOptions, 'baseUrl' | 'dialect' | 'governor'> {
	baseUrl?: string;
	limits?: HubSpotLimits;
	/** Batch calls in flight at once (default 3); the governor caps the request rate either way. */
	batchConcurrency?: number;
}

/**
 * What HubSpot offers here. No enrichment (its API has none) and no token refresh (n8n refreshes OAuth2
 * tokens itself; a private app token does not expire).
 */
export interface HubSpotCapabilities {
	contactStore: ContactStore;
	contactBatches: ContactBatches;
	changeFeed: ChangeFeed;
	search: ContactSearch<HubSpotSearchQuery>;
	webhooks: WebhookSource<HubSpotWebhookSettings>;
}

export class HubSpotProvider
	extends CRMProvider<HubSpotCapabilities>
	implements ContactStore, ContactBatches, ChangeFeed, ContactSearch<HubSpotSearchQuery>
{
	readonly platform = 'hubspot';
	readonly capabilities: HubSpotCapabilities = {
		contactStore: this,
		contactBatches: this,
		changeFeed: this,
		search: this,
		webhooks: hubspotWebhookSource,
	};
	readonly limits: ProviderLimits = { maxBatchSize: MAX_BATCH, maxPageSize: MAX_SEARCH_PAGE, maxSearchResults: MAX_SEARCH_RESULTS };

	private readonly http: HttpClient;
	private readonly governor: HubSpotGovernor;
	private readonly batchConcurrency: number;

	constructor(options: HubSpotProviderOptions) {
		super();
		const { baseUrl, limits, batchConcurrency, ...httpOptions } = options;
		this.governor = new HubSpotGovernor(limits);
		this.http = new HttpClient({
			...httpOptions,
			baseUrl: baseUrl || HUBSPOT_DEFAULT_BASE_URL,
			dialect: hubspotDialect,
			governor: this.governor,
		});
		this.batchConcurrency = Math.max(1, batchConcurrency ?? BATCH_CONCURRENCY);
	}

	async authenticate(): Promise<AuthenticationResult> {
		await this.http.request({ method: 'GET', path: CONTACT_PATHS.collection, query: { limit: 1 } });
		return { ok: true };
	}

	async getContact(id: string, properties: string[] = []): Promise<Contact> {
		const response = await this.http.request({
			method: 'GET',
			path: CONTACT_PATHS.one(requireValue(id, 'contactId')),
			query: { properties: propertyList(properties), archived: false },
		});
		return fromHubSpot(response.body as HubSpotObject);
	}

	/** One GET by email instead of a batch read: same cost for one contact, and a miss is a plain 404. */
	async getContactByEmail(email: string, properties: string[] = []): Promise<Contact | undefined> {
		const response = await this.http.request({
			method: 'GET',
			path: CONTACT_PATHS.one(normalEmail(email)),
			query: { idProperty: 'email', properties: propertyList(properties), archived: false },
			accept: [404],
		});
		return response.status === 404 ? undefined : fromHubSpot(response.body as HubSpotObject);
	}

	/** Reads contacts by id, 100 per call; ids HubSpot does not know are absent from the map. */
	async getContacts(ids: string[], properties: string[] = []): Promise<Map<string, Contact>> {
		const found = new Map<string, Contact>();
		for await (const contact of this.batchRead(ids.map((id) => id.trim()).filter(Boolean), undefined, properties)) {
			found.set(contact.id as string, contact);
		}
		return found;
	}

	async findContactsByEmail(emails: string[], properties: string[] = []): Promise<Map<string, Contact>> {
		const found = new Map<string, Contact>();
		for await (const contact of this.batchRead(emails.map(normalEmail), 'email', properties)) {
			if (contact.email) found.set(contact.email.toLowerCase(), contact);
		}
		return found;
	}

	/** batch/read, 100 keys per call. 207 means some keys matched nobody: those are simply not yielded. */
	private async *batchRead(keys: string[], idProperty: 'email' | undefined, properties: string[]): AsyncGenerator<Contact> {
		const wanted = [...new Set(keys)];
		for (let start = 0; start < wanted.length; start += MAX_BATCH) {
			const response = await this.http.request({
				method: 'POST',
				path: CONTACT_PATHS.batch('read'),
				idempotent: true,
				accept: [207],
				body: {
					idProperty,
					inputs: wanted.slice(start, start + MAX_BATCH).map((id) => ({ id })),
					properties: propertyList(properties).split(','),
				},
			});
			for (const object of (response.body as { results?: HubSpotObject[] }).results ?? []) yield fromHubSpot(object);
		}
	}

	async createContact(contact: ContactInput): Promise<Contact> {
		const properties = validatedProperties(contact);
		const email = properties.email;
		const response = await this.http.request({
			method: 'POST',
			path: CONTACT_PATHS.collection,
			body: { properties },
			idempotent: false,
			// If the answer was lost, the contact may exist now: look before sending it again.
			recover: email ? () => this.recoverCreate(email) : undefined,
		});
		return fromHubSpot(response.body as HubSpotObject);
	}

	async updateContact(id: string, contact: ContactInput, by: 'id' | 'email' = 'id'): Promise<Contact> {
		const key = by === 'email' ? normalEmail(id) : requireValue(id, 'contactId');
		const response = await this.http.request({
			method: 'PATCH',
			path: CONTACT_PATHS.one(key),
			query: by === 'email' ? { idProperty: 'email' } : undefined,
			// Setting the same values twice leaves the same record: safe to resend.
			idempotent: true,
			body: { properties: validatedProperties(contact) },
		});
		return fromHubSpot(response.body as HubSpotObject);
	}

	async deleteContact(id: string): Promise<void> {
		await this.http.request({ method: 'DELETE', path: CONTACT_PATHS.one(requireValue(id, 'contactId')) });
	}

	/**
	 * Archives by id, 100 per call. HubSpot answers 204 for ids it does not know, as for single deletes.
	 * A call that fails after its retries fails only its own ids; the other calls still go out.
	 */
	async deleteContacts(ids: string[]): Promise<BatchOutcome<string>[]> {
		const chunks: string[][] = [];
		for (let start = 0; start < ids.length; start += MAX_BATCH) chunks.push(ids.slice(start, start + MAX_BATCH).map((id) => id.trim()));
		const done = await mapConcurrent(chunks, this.batchConcurrency, async (chunk, n): Promise<BatchOutcome<string>[]> => {
			const index = (i: number) => n * MAX_BATCH + i;
			try {
				await this.http.request({
					method: 'POST',
					path: CONTACT_PATHS.batch('archive'),
					// Archiving twice leaves the same state.
					idempotent: true,
					body: { inputs: [...new Set(chunk)].map((id) => ({ id })) },
				});
				return chunk.map((id, i) => ({ index: index(i), ok: true, value: id }));
			} catch (error) {
				const failure = error instanceof CRMException ? error : new CRMException('Archive failed', { platform: 'hubspot', cause: error });
				return chunk.map((_, i) => ({ index: index(i), ok: false, error: failure }));
			}
		});
		return done.flat();
	}

	upsertContacts(contacts: ContactInput[]): Promise<BatchOutcome<Contact>[]> {
		return upsertByEmail(this.http, contacts, this.batchConcurrency);
	}

	/** Updates by id with batch/update, 100 per call; a missing id fails its input alone (207). */
	updateContacts(updates: Array<{ id: string; contact: ContactInput }>): Promise<BatchOutcome<Contact>[]> {
		return updateById(this.http, updates, this.batchConcurrency);
	}

	async *searchContacts(query: HubSpotSearchQuery): AsyncIterable<Contact[]> {
		for await (const page of searchPages(this.http, { ...query, properties: withDefaults(query.properties) })) {
			yield page.map(fromHubSpot);
		}
	}

	async *listContacts(options: ListOptions = {}): AsyncIterable<Contact[]> {
		const limit = options.limit ?? Infinity;
		let after: string | undefined;
		let emitted = 0;
		do {
			const size = Math.min(options.pageSize ?? MAX_LIST_PAGE, MAX_LIST_PAGE, limit - emitted);
			if (size <= 0) return;
			const response = await this.http.request({
				method: 'GET',
				path: CONTACT_PATHS.collection,
				query: { limit: size, after, properties: propertyList(options.properties ?? []), archived: false },
			});
			const body = response.body as { results?: HubSpotObject[]; paging?: { next?: { after?: string } } };
			const page = (body.results ?? []).map(fromHubSpot);
			emitted += page.length;
			if (page.length > 0) yield page;
			after = body.paging?.next?.after;
		} while (after);
	}

	/**
	 * Search on lastmodifieddate, oldest first, windowed past 10,000. Search is eventually consistent
	 * (writes take seconds to show), so a caller polling for changes should overlap its windows.
	 */
	getUpdatedContacts(since: Date, options: ListOptions = {}): AsyncIterable<Contact[]> {
		if (Number.isNaN(since.getTime())) {
			throw new CRMValidationError('since: not a valid date', { platform: 'hubspot', fields: [{ field: 'since', message: 'not a valid date' }] });
		}
		return this.searchContacts({
			filterGroups: [[{ property: 'lastmodifieddate', operator: 'GTE', value: String(since.getTime()) }]],
			sort: { property: 'lastmodifieddate', direction: 'ASCENDING' },
			properties: options.properties,
			pageSize: options.pageSize,
			limit: options.limit,
		});
	}

	/** The account's contact property definitions (for pick lists in the editor). */
	async listProperties(): Promise<PropertyDefinition[]> {
		const response = await this.http.request({ method: 'GET', path: CONTACT_PATHS.properties });
		const results = (response.body as { results?: RawProperty[] }).results ?? [];
		return results.map((p) => ({
			name: p.name,
			label: p.label || p.name,
			description: p.description || undefined,
			type: p.type,
			readOnly: p.modificationMetadata?.readOnlyValue === true,
		}));
	}

	checkRateLimit(): RateLimitStatus {
		const s = this.governor.state;
		return {
			platform: 'hubspot',
			remaining: s.remaining,
			max: s.max,
			intervalMs: s.intervalMs,
			dailyRemaining: s.dailyRemaining,
			http: { ...this.http.stats },
		};
	}

	private async recoverCreate(email: string): Promise<HttpResponse | 'resend'> {
		const existing = await this.http.request({
			method: 'GET',
			path: CONTACT_PATHS.one(email),
			query: { idProperty: 'email', properties: DEFAULT_PROPERTIES.join(',') },
			accept: [404],
		});
		return existing.status === 404 ? 'resend' : existing;
	}
}

function withDefaults(properties: string[] = []): string[] {
	return [...new Set([...DEFAULT_PROPERTIES, ...properties.map((p) => p.trim()).filter(Boolean)])];
}

function propertyList(properties: string[]): string {
	return withDefaults(properties).join(',');
}

function normalEmail(email: string): string {
	return requireValue(email, 'email').toLowerCase();
}

function requireValue(value: string, field: string): string {
	const trimmed = (value ?? '').trim();
	if (!trimmed) {
		throw new CRMValidationError(`${field} is required`, { platform: 'hubspot', fields: [{ field, message: 'is required' }] });
	}
	return trimmed;
}

/** Validates unified fields before any request, so a typo fails with the field named instead of a 400. */
function validatedProperties(contact: ContactInput): Record<string, string> {
	const checked = Contact.safeParse(contact);
	if (!checked.success) {
		const issue = checked.error.issues[0];
		const field = issue.path.join('.') || 'contact';
		throw new CRMValidationError(`${field}: ${issue.message}`, { platform: 'hubspot', fields: [{ field, message: issue.message }] });
	}
	return toProperties(checked.data);
}
