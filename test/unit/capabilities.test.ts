/**
 * The capability shape, proven with two small in-memory providers shaped like the coming platforms: an
 * Apollo-like one (contacts, enrichment, its own people search) and a LinkedIn-like read-only lead source
 * (a change feed of leads, a profile, no contact writes). Neither touches the core, and neither stubs
 * anything. Lines marked `@ts-expect-error` and the `Is<...>` checks are type-level assertions: `tsc`
 * (npm run lint) fails if the types stop refusing what they must refuse.
 */
import type { ChangeFeed } from '../../src/core/capabilities/change-feed';
import type { ContactSearch } from '../../src/core/capabilities/contact-search';
import type { ContactStore, ListOptions } from '../../src/core/capabilities/contact-store';
import type { Enrichment, EnrichmentKey } from '../../src/core/capabilities/enrichment';
import { CRMNotFoundError, CRMNotSupportedError } from '../../src/core/errors';
import { Contact, type BatchOutcome, type ContactInput } from '../../src/core/models';
import {
	collect,
	CRMProvider,
	requireCapability,
	type AuthenticationResult,
	type CapabilityName,
	type ProviderLimits,
	type RateLimitStatus,
} from '../../src/core/provider';
import { HubSpotProvider } from '../../src/providers/hubspot/provider';
import { hubspotWebhookSource } from '../../src/providers/hubspot/webhook-source';
import { HUBSPOT_REFUSALS } from '../../src/providers/hubspot/webhooks';
import type { HubSpotSearchQuery } from '../../src/providers/hubspot/search-query';
import { fakeClock } from '../helpers/hubspot-fetch-transport';
import { hubspotV3WithV1, withoutHubspotV3 } from '../helpers/signers';

const SECRET = 'fake-client-secret-capabilities';

type Is<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typeIs = <T extends true>(): T => true as T;

/** Pages of `size` from a list, as a platform would serve them. */
async function* pagesOf<T>(items: T[], size: number): AsyncGenerator<T[]> {
	for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

// ---- A read-only lead source, LinkedIn-like -------------------------------------------------------

interface Lead {
	id: string;
	email: string;
	submittedAt: string;
}

type LeadSourceLike = { changeFeed: ChangeFeed };

class LeadSource extends CRMProvider<LeadSourceLike> implements ChangeFeed {
	readonly platform = 'linkedin';
	readonly capabilities: LeadSourceLike = { changeFeed: this };
	readonly limits: ProviderLimits = { maxBatchSize: 1, maxPageSize: 2 };

	constructor(private readonly leads: Lead[]) {
		super();
	}

	async authenticate(): Promise<AuthenticationResult> {
		return { ok: true, account: 'urn:li:person:fake' };
	}

	checkRateLimit(): RateLimitStatus {
		return { platform: this.platform };
	}

	/** A platform's own extra (LinkedIn's "get me"): no core change needed to offer it. */
	async getProfile(): Promise<Contact> {
		return { id: 'me', firstName: 'Ada', properties: {}, ids: { linkedin: 'me' } };
	}

	async *getUpdatedContacts(since: Date, options: ListOptions = {}): AsyncIterable<Contact[]> {
		const fresh = this.leads
			.filter((lead) => Date.parse(lead.submittedAt) >= since.getTime())
			.sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))
			.slice(0, options.limit ?? Infinity);
		for await (const page of pagesOf(fresh, options.pageSize ?? this.limits.maxPageSize)) {
			yield page.map((lead) => ({ id: lead.id, email: lead.email, properties: {}, ids: { linkedin: lead.id }, createdAt: lead.submittedAt }));
		}
	}
}

// ---- Contacts, enrichment and a people search, Apollo-like ----------------------------------------

interface PeopleQuery {
	titles?: string[];
	domains?: string[];
}

type ApolloLike = { contactStore: ContactStore; enrichment: Enrichment; search: ContactSearch<PeopleQuery> };

class PeopleStore extends CRMProvider<ApolloLike> implements ContactStore, Enrichment, ContactSearch<PeopleQuery> {
	readonly platform = 'apollo';
	readonly capabilities: ApolloLike = { contactStore: this, enrichment: this, search: this };
	readonly limits: ProviderLimits = { maxBatchSize: 10, maxPageSize: 100 };
	private readonly contacts = new Map<string, Contact>();
	private nextId = 1;

	constructor(private readonly directory: Contact[]) {
		super();
	}

	async authenticate(): Promise<AuthenticationResult> {
		return { ok: true };
	}

	checkRateLimit(): RateLimitStatus {
		return { platform: this.platform };
	}

	async getContact(id: string): Promise<Contact> {
		const found = this.contacts.get(id);
		if (!found) throw new CRMNotFoundError(`no contact ${id}`, { platform: 'apollo', id });
		return found;
	}

	async getContactByEmail(email: string): Promise<Contact | undefined> {
		return (await this.findContactsByEmail([email])).get(email.toLowerCase());
	}

	async findContactsByEmail(emails: string[]): Promise<Map<string, Contact>> {
		const wanted = new Set(emails.map((e) => e.toLowerCase()));
		return new Map([...this.contacts.values()].filter((c) => c.email && wanted.has(c.email)).map((c) => [c.email as string, c]));
	}

	async createContact(input: ContactInput): Promise<Contact> {
		const id = String(this.nextId++);
		const contact = Contact.parse({ ...input, id, ids: { apollo: id } });
		this.contacts.set(id, contact);
		return contact;
	}

	async updateContact(id: string, input: ContactInput): Promise<Contact> {
		const updated = Contact.parse({ ...(await this.getContact(id)), ...input, id });
		this.contacts.set(id, updated);
		return updated;
	}

	async deleteContact(id: string): Promise<void> {
		this.contacts.delete(id);
	}

	async upsertContacts(inputs: ContactInput[]): Promise<BatchOutcome<Contact>[]> {
		const out: BatchOutcome<Contact>[] = [];
		for (const [index, input] of inputs.entries()) {
			const existing = input.email ? await this.getContactByEmail(input.email) : undefined;
			const value = existing ? await this.updateContact(existing.id as string, input) : await this.createContact(input);
			out.push({ index, ok: true, value, created: !existing });
		}
		return out;
	}

	listContacts(options: ListOptions = {}): AsyncIterable<Contact[]> {
		return pagesOf([...this.contacts.values()].slice(0, options.limit ?? Infinity), options.pageSize ?? this.limits.maxPageSize);
	}

	async enrichContact(person: EnrichmentKey): Promise<Contact | undefined> {
		return this.directory.find((c) => c.email === person.email || (person.linkedinUrl && c.linkedinUrl === person.linkedinUrl));
	}

	searchContacts(query: PeopleQuery): AsyncIterable<Contact[]> {
		const hits = this.directory.filter(
			(c) => (!query.titles || query.titles.includes(c.title ?? '')) && (!query.domains || query.domains.includes(c.domain ?? '')),
		);
		return pagesOf(hits, this.limits.maxPageSize);
	}
}

const ADA: Contact = { email: 'ada@example.com', title: 'CTO', domain: 'example.com', properties: {}, ids: {} };
const GRACE: Contact = { email: 'grace@example.org', title: 'Engineer', domain: 'example.org', properties: {}, ids: {} };

function leads(): LeadSource {
	return new LeadSource([
		{ id: 'l2', email: 'b@example.com', submittedAt: '2026-03-02T00:00:00.000Z' },
		{ id: 'l1', email: 'a@example.com', submittedAt: '2026-03-01T00:00:00.000Z' },
		{ id: 'l0', email: 'old@example.com', submittedAt: '2026-01-01T00:00:00.000Z' },
		{ id: 'l3', email: 'c@example.com', submittedAt: '2026-03-03T00:00:00.000Z' },
	]);
}

function error(run: () => unknown): CRMNotSupportedError {
	try {
		run();
	} catch (caught) {
		return caught as CRMNotSupportedError;
	}
	throw new Error('expected requireCapability to throw');
}

describe('a read-only lead source (LinkedIn-like)', () => {
	it('offers its leads as a change feed, oldest first, in pages, through the core', async () => {
		const feed = requireCapability(leads(), 'changeFeed');
		const pages: Contact[][] = [];
		for await (const page of feed.getUpdatedContacts(new Date('2026-02-01T00:00:00Z'))) pages.push(page);

		expect(pages.map((page) => page.map((c) => c.id))).toEqual([['l1', 'l2'], ['l3']]);
		expect(await collect(feed.getUpdatedContacts(new Date('2026-02-01T00:00:00Z')), 2)).toHaveLength(2);
	});

	it('refuses contact writes up front, naming the platform and the operation', () => {
		const source = leads();

		const refused = error(() => requireCapability(source, 'contactStore', 'create contacts'));

		expect(refused).toBeInstanceOf(CRMNotSupportedError);
		expect(refused.message).toBe('LinkedIn cannot create contacts: it has no contact store');
		expect(refused.platform).toBe('linkedin');
		expect(refused.code).toBe('NOT_SUPPORTED');
		expect(refused.description).toBe('LinkedIn offers: feed of changed contacts');
	});

	it('names the capability itself when the caller gives no operation', () => {
		expect(error(() => requireCapability(leads(), 'enrichment')).message).toBe('LinkedIn cannot enrich contacts: it has no enrichment');
		expect(error(() => requireCapability(leads(), 'search')).message).toBe('LinkedIn cannot search contacts: it has no contact search');
	});

	it('reports only what it implements', () => {
		const all: CapabilityName[] = ['contactStore', 'contactBatches', 'changeFeed', 'search', 'enrichment', 'webhooks', 'tokenRefresh'];
		expect(all.filter((c) => leads().supports(c))).toEqual(['changeFeed']);
	});

	it('is refused at compile time too: there is no contact method to call and no store to get', () => {
		const source = leads();
		// @ts-expect-error a lead source has no createContact, not even one that throws
		expect(source.createContact).toBeUndefined();
		typeIs<Is<ReturnType<typeof requireCapability<LeadSourceLike, 'contactStore'>>, never>>();
		typeIs<Is<ReturnType<typeof requireCapability<LeadSourceLike, 'changeFeed'>>, ChangeFeed>>();
	});

	it('keeps its own extras beside the capabilities', async () => {
		expect((await leads().getProfile()).ids).toEqual({ linkedin: 'me' });
	});
});

describe('contacts, enrichment and a people search (Apollo-like)', () => {
	it('writes and reads contacts through the contact store capability', async () => {
		const store = requireCapability(new PeopleStore([]), 'contactStore');

		const [first, second] = await store.upsertContacts([{ email: 'ada@example.com' }, { email: 'ada@example.com', firstName: 'Ada' }]);

		expect(first).toMatchObject({ ok: true, created: true });
		expect(second).toMatchObject({ ok: true, created: false, value: { firstName: 'Ada' } });
		expect((await collect(store.listContacts())).map((c) => c.email)).toEqual(['ada@example.com']);
	});

	it('enriches and searches with its own query type', async () => {
		const people = new PeopleStore([ADA, GRACE]);

		expect(await requireCapability(people, 'enrichment').enrichContact({ email: 'grace@example.org' })).toBe(GRACE);
		expect(await collect(requireCapability(people, 'search').searchContacts({ titles: ['CTO'] }))).toEqual([ADA]);
	});

	it('has no change feed, and says so', () => {
		expect(error(() => requireCapability(new PeopleStore([]), 'changeFeed')).description).toBe(
			'Apollo offers: contact store, contact search, enrichment',
		);
	});

	it('types each search by its platform grammar', () => {
		const people = new PeopleStore([]);
		typeIs<Is<Parameters<ReturnType<typeof requireCapability<ApolloLike, 'search'>>['searchContacts']>[0], PeopleQuery>>();
		// @ts-expect-error HubSpot's filter groups are not Apollo's query
		void people.searchContacts({ filterGroups: [] });
		// A provider known only as CRMProvider can be asked whether it searches, not handed a query it cannot type.
		const generic: CRMProvider = people;
		// @ts-expect-error the query type of an unknown platform is unknown
		void requireCapability(generic, 'search').searchContacts({ titles: [] });
	});
});

describe('HubSpot', () => {
	const hubspot = () => new HubSpotProvider({ transport: async () => ({ status: 500, headers: {}, body: undefined }), clock: fakeClock() });

	it('offers a contact store, batches, a change feed and its own search (all by the provider itself), and webhooks', () => {
		const provider = hubspot();

		expect(provider.capabilities).toEqual({
			contactStore: provider,
			contactBatches: provider,
			changeFeed: provider,
			search: provider,
			webhooks: hubspotWebhookSource,
		});
		expect(provider.supports('enrichment')).toBe(false);
		expect(error(() => requireCapability(provider, 'enrichment', 'enrich a contact')).message).toBe(
			'HubSpot cannot enrich a contact: it has no enrichment',
		);
		typeIs<Is<Parameters<ReturnType<typeof requireCapability<HubSpotProvider['capabilities'], 'search'>>['searchContacts']>[0], HubSpotSearchQuery>>();
	});

	it('verifies and parses a delivery through its webhook capability', () => {
		const webhooks = requireCapability(hubspot(), 'webhooks');
		const url = 'https://n8n.example.com/webhook/abc';
		const body = JSON.stringify([{ eventId: 1, subscriptionType: 'contact.creation', objectId: 51, occurredAt: 1_767_225_600_000 }]);
		const receivedAt = 1_767_225_601_000;
		const headers = hubspotV3WithV1(SECRET, { url, body, timestamp: receivedAt - 1_000 });
		const request = { method: 'POST', url, headers, rawBody: Buffer.from(body), receivedAt };

		expect(webhooks.verifyWebhookSignature(request, { clientSecret: SECRET, mode: 'auto', v3Seen: false })).toMatchObject({ ok: true, version: 'v3' });
		expect(webhooks.verifyWebhookSignature({ ...request, headers: withoutHubspotV3(headers) }, { clientSecret: SECRET, mode: 'auto', v3Seen: true })).toEqual({
			ok: false,
			reason: HUBSPOT_REFUSALS.downgrade,
		});
		expect(webhooks.handleWebhook(JSON.parse(body), { verified: true, receivedAt })).toMatchObject([
			{ platform: 'hubspot', type: 'contact.created', objectId: '51', verified: true },
		]);
	});
});
