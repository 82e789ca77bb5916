/**
 * CRMProvider: the core every platform adapter builds on, composed of capabilities. A platform implements
 * what it can (HubSpot: a contact store, a change feed, search; Apollo: contacts, enrichment, people search;
 * LinkedIn: a change feed of leads, no contact writes) and lists those implementations in `capabilities`.
 * A capability a platform lacks is absent, never a stub that throws, so a node or the sync can refuse an
 * impossible operation up front with `requireCapability`.
 *
 * The original Python CRMProvider's methods keep their names, each in the capability it belongs to:
 * getContact/createContact/updateContact (contact store), getUpdatedContacts (change feed),
 * enrichContact (enrichment), verifyWebhookSignature/handleWebhook (webhooks), refreshAccessToken (token
 * refresh); authenticate and checkRateLimit stay here. syncContacts works across two providers, so it
 * belongs to the sync engine, not to one platform.
 */
import type { ChangeFeed } from './capabilities/change-feed';
import type { ContactSearch } from './capabilities/contact-search';
import type { ContactBatches, ContactStore } from './capabilities/contact-store';
import type { Enrichment } from './capabilities/enrichment';
import type { TokenRefresh } from './capabilities/token-refresh';
import type { WebhookSource } from './capabilities/webhooks';
import { CRMNotSupportedError } from './errors';
import type { HttpStats } from './http';
import { PLATFORM_NAMES, type Platform } from './platforms';

/**
 * Every capability a platform may have. Search and webhooks are generic over the platform's own query
 * and secrets; through this map they are only known to exist (a caller that wants to search must know
 * the platform's grammar, i.e. hold the platform's provider type).
 */
export interface CapabilityMap {
	contactStore: ContactStore;
	contactBatches: ContactBatches;
	changeFeed: ChangeFeed;
	search: ContactSearch<never>;
	enrichment: Enrichment;
	webhooks: WebhookSource<never>;
	tokenRefresh: TokenRefresh;
}

export type CapabilityName = keyof CapabilityMap;
export type Capabilities = Partial<CapabilityMap>;

/** What a provider with capabilities `C` hands out for `K`: its own implementation, or nothing at all. */
export type Provided<C extends Capabilities, K extends CapabilityName> = K extends keyof C ? Exclude<C[K], undefined> : never;

const CAPABILITY_LABELS: Record<CapabilityName, { noun: string; verb: string }> = {
	contactStore: { noun: 'contact store', verb: 'read or write contacts' },
	contactBatches: { noun: 'batch reads and writes by ID', verb: 'read or write contacts in batches' },
	changeFeed: { noun: 'feed of changed contacts', verb: 'list contacts changed since a time' },
	search: { noun: 'contact search', verb: 'search contacts' },
	enrichment: { noun: 'enrichment', verb: 'enrich contacts' },
	webhooks: { noun: 'webhooks', verb: 'receive webhooks' },
	tokenRefresh: { noun: 'token refresh', verb: 'refresh access tokens' },
};

export interface ProviderLimits {
	/** Most inputs one batch call accepts (1 when the platform has no batch endpoint). */
	maxBatchSize: number;
	/** Largest page the platform serves for list/search. */
	maxPageSize: number;
	/** Hard cap on results one search query can reach, if any. */
	maxSearchResults?: number;
}

export interface RateLimitStatus {
	platform: Platform;
	/** Remaining requests in the current short window, as last reported by the platform. */
	remaining?: number;
	max?: number;
	intervalMs?: number;
	dailyRemaining?: number;
	/** Requests, retries and waiting, for adapters that go through the core's HTTP layer. */
	http?: HttpStats;
}

export interface AuthenticationResult {
	ok: true;
	/** Who the credential belongs to, when the platform says (portal id, user email...). */
	account?: string;
}

export type SyncDirection = 'import' | 'export' | 'two-way';

export abstract class CRMProvider<C extends Capabilities = Capabilities> {
	abstract readonly platform: Platform;
	/** Each capability by its implementation (usually the provider itself); a missing one is not offered. */
	abstract readonly capabilities: C;
	abstract readonly limits: ProviderLimits;

	/** Proves the credential works with one cheap call. */
	abstract authenticate(): Promise<AuthenticationResult>;

	abstract checkRateLimit(): RateLimitStatus;

	supports(capability: CapabilityName): boolean {
		return (this.capabilities as Capabilities)[capability] !== undefined;
	}
}

/**
 * The provider's implementation of a capability, or a CRMNotSupportedError naming the platform and the
 * operation (e.g. "LinkedIn cannot create contacts: it has no contact store"), raised before any item is
 * read or any request sent.
 */
export function requireCapability<C extends Capabilities, K extends CapabilityName>(
	provider: CRMProvider<C>,
	capability: K,
	operation: string = CAPABILITY_LABELS[capability].verb,
): Provided<C, K> {
	const found = (provider.capabilities as Capabilities)[capability];
	if (found !== undefined) return found as Provided<C, K>;
	const name = PLATFORM_NAMES[provider.platform];
	const offered = (Object.keys(CAPABILITY_LABELS) as CapabilityName[]).filter((c) => provider.supports(c));
	throw new CRMNotSupportedError(`${name} cannot ${operation}: it has no ${CAPABILITY_LABELS[capability].noun}`, {
		platform: provider.platform,
		code: 'NOT_SUPPORTED',
		description: offered.length
			? `${name} offers: ${offered.map((c) => CAPABILITY_LABELS[c].noun).join(', ')}`
			: `${name} offers none of the contact capabilities`,
	});
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
