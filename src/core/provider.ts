/**
 * The abstract CRMProvider every platform adapter implements. Ported from the original Python design
 * (authenticate, get/create/update, enrich, sync, changed-since, webhooks, rate limit) and extended with
 * what a real adapter needs: delete, find-by-email, native batch upsert, paged iteration and a
 * capabilities description, so a node can refuse an impossible operation up front instead of failing late.
 */
import { CRMNotSupportedError } from './errors';
import type { HttpClient, HttpStats } from './http';
import type { BatchOutcome, Contact, ContactInput, Platform, SyncResult, WebhookEvent } from './models';

export type ContactOperation =
	| 'create'
	| 'get'
	| 'getByEmail'
	| 'update'
	| 'delete'
	| 'upsert'
	| 'search'
	| 'list'
	| 'changedSince'
	| 'enrich';

export interface ProviderCapabilities {
	platform: Platform;
	operations: ReadonlySet<ContactOperation>;
	/** Most inputs one batch call accepts (1 when the platform has no batch endpoint). */
	maxBatchSize: number;
	/** Largest page the platform serves for list/search. */
	maxPageSize: number;
	/** Hard cap on results one search query can reach, if any. */
	maxSearchResults?: number;
	webhooks: boolean;
}

export interface ListOptions {
	properties?: string[];
	pageSize?: number;
	limit?: number;
}

export interface RateLimitStatus {
	platform: Platform;
	/** Remaining requests in the current short window, as last reported by the platform. */
	remaining?: number;
	max?: number;
	intervalMs?: number;
	dailyRemaining?: number;
	http: HttpStats;
}

export interface AuthenticationResult {
	ok: true;
	/** Who the credential belongs to, when the platform says (portal id, user email...). */
	account?: string;
}

export type SyncDirection = 'import' | 'export' | 'two-way';

export abstract class CRMProvider {
	abstract readonly capabilities: ProviderCapabilities;

	constructor(protected readonly http: HttpClient) {}

	get platform(): Platform {
		return this.capabilities.platform;
	}

	supports(operation: ContactOperation): boolean {
		return this.capabilities.operations.has(operation);
	}

	/** Proves the credential works with one cheap call. */
	abstract authenticate(): Promise<AuthenticationResult>;

	/** Platforms whose tokens are refreshed by the host (n8n's OAuth2 credentials) never need this. */
	async refreshAccessToken(): Promise<never> {
		throw this.unsupported('refreshAccessToken');
	}

	abstract getContact(id: string, properties?: string[]): Promise<Contact>;
	abstract createContact(contact: ContactInput): Promise<Contact>;
	abstract updateContact(id: string, contact: ContactInput): Promise<Contact>;
	abstract deleteContact(id: string): Promise<void>;

	/** Looks contacts up by email in as few calls as the platform allows; misses are absent from the map. */
	abstract findContactsByEmail(emails: string[], properties?: string[]): Promise<Map<string, Contact>>;

	/**
	 * Creates or updates by email with the platform's native batch endpoint. One outcome per input, in
	 * input order: a bad record fails alone, the rest are still written.
	 */
	abstract upsertContacts(contacts: ContactInput[]): Promise<BatchOutcome<Contact>[]>;

	/** Pages are yielded as they arrive, so a caller can stream instead of holding every result. */
	abstract searchContacts(query: never): AsyncIterable<Contact[]>;
	abstract listContacts(options?: ListOptions): AsyncIterable<Contact[]>;
	/** Contacts created or changed at or after `since`, oldest change first. */
	abstract getUpdatedContacts(since: Date, options?: ListOptions): AsyncIterable<Contact[]>;

	async enrichContact(email: string): Promise<Contact> {
		throw this.unsupported(`enriching contacts (asked for ${email})`);
	}

	/** Adapters that sync add their own (optional) filter parameters. */
	async syncContacts(direction: SyncDirection): Promise<SyncResult> {
		throw this.unsupported(`${direction} sync`);
	}

	/** Parses a verified webhook delivery into normalized events; signature checks live in core/signatures. */
	async handleWebhook(body: unknown): Promise<WebhookEvent[]> {
		throw this.unsupported(`webhooks (got a ${typeof body} body)`);
	}

	abstract checkRateLimit(): RateLimitStatus;

	async getContactByEmail(email: string, properties?: string[]): Promise<Contact | undefined> {
		return (await this.findContactsByEmail([email], properties)).get(email.trim().toLowerCase());
	}

	protected unsupported(operation: string): CRMNotSupportedError {
		return new CRMNotSupportedError(`${this.platform} does not support ${operation}`, { platform: this.platform });
	}
}

/** Reads an async page stream into one array, stopping at `limit` (the node's "Return All" off). */
export async function collect<T>(pages: AsyncIterable<T[]>, limit = Infinity): Promise<T[]> {
	const out: T[] = [];
	for await (const page of pages) {
		for (const item of page) {
			if (out.length >= limit) return out;
			out.push(item);
		}
		if (out.length >= limit) return out;
	}
	return out;
}
