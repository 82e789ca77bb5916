/**
 * An in-memory platform for the sync engine's unit tests: a contact store with batch upsert (one outcome
 * per input), a change feed in change-time order, and switches to fail records, spend the daily budget or
 * drop the change feed (as Apollo has none) or the store (as LinkedIn has none).
 */
import type { ChangeFeed } from '../../src/core/capabilities/change-feed';
import type { ContactBatches, ContactStore, ListOptions } from '../../src/core/capabilities/contact-store';
import { CRMException, CRMRateLimitError } from '../../src/core/errors';
import type { BatchOutcome, Contact, ContactInput, Platform } from '../../src/core/models';
import { CRMProvider, type Capabilities, type ProviderLimits, type RateLimitStatus } from '../../src/core/provider';

let tick = Date.UTC(2026, 0, 1);
/** A shared, always-increasing change time, so records of both fakes order like real edits. */
export const nextTime = () => new Date((tick += 1000)).toISOString();

export interface FakeOptions {
	feed?: boolean;
	store?: boolean;
	batches?: boolean;
}

export class FakeCrm extends CRMProvider<Capabilities> {
	readonly capabilities: Capabilities;
	readonly limits: ProviderLimits = { maxBatchSize: 100, maxPageSize: 100 };
	readonly records = new Map<string, Contact>();
	/** Every upsert call's inputs. */
	readonly writes: ContactInput[][] = [];
	/** Every update by id. */
	readonly updates: Array<{ id: string; contact: ContactInput }> = [];
	requests = 0;
	/** Emails whose writes fail (a per-record error), for as long as they are listed. */
	readonly failing = new Set<string>();
	/** Writes left before the daily budget is spent (per-record CRMRateLimitError 'daily' after that). */
	dailyBudget = Infinity;
	/** Pages the change feed serves before the daily budget for reads is spent (a CRMRateLimitError 'daily'). */
	feedPagesBeforeDailyLimit = Infinity;
	private nextId = 1;

	constructor(
		readonly platform: Platform,
		options: FakeOptions = {},
	) {
		super();
		const store: ContactStore = {
			getContact: async (id) => [...this.records.values()].find((c) => c.id === id) as Contact,
			getContactByEmail: async (email) => this.records.get(email.toLowerCase()),
			findContactsByEmail: async (emails) => {
				this.requests++;
				return new Map(emails.filter((e) => this.records.has(e)).map((e) => [e, structuredClone(this.records.get(e) as Contact)]));
			},
			createContact: async (c) => (this.put(c) as { value: Contact }).value,
			updateContact: async (id, c) => {
				this.requests++;
				this.updates.push({ id, contact: structuredClone(c) });
				return (this.putById(id, c) as { value: Contact }).value;
			},
			deleteContact: async () => undefined,
			upsertContacts: async (inputs) => {
				this.requests++;
				this.writes.push(structuredClone(inputs));
				return inputs.map((input, index) => ({ ...this.put(input), index }) as BatchOutcome<Contact>);
			},
			listContacts: (options?: ListOptions) => this.pages([...this.records.values()], options),
		};
		const feed: ChangeFeed = {
			getUpdatedContacts: (since) => {
				const changed = [...this.records.values()]
					.filter((c) => Date.parse(c.updatedAt as string) >= since.getTime())
					.sort((a, b) => Date.parse(a.updatedAt as string) - Date.parse(b.updatedAt as string));
				return this.feedPages(changed);
			},
		};
		const batches = {
			getContacts: async () => new Map(),
			updateContacts: async (updates) => {
				this.requests++;
				this.updates.push(...structuredClone(updates));
				return updates.map(({ id, contact }, index) => ({ ...this.putById(id, contact), index }) as BatchOutcome<Contact>);
			},
			deleteContacts: async () => [],
		} as ContactBatches;
		this.capabilities = {
			...(options.store === false ? {} : { contactStore: store }),
			...(options.feed === false ? {} : { changeFeed: feed }),
			...(options.batches === false ? {} : { contactBatches: batches }),
		};
	}

	private async *pages(list: Contact[], _options?: ListOptions): AsyncIterable<Contact[]> {
		for (let i = 0; i < list.length; i += 100) {
			this.requests++;
			yield structuredClone(list.slice(i, i + 100));
		}
	}

	private async *feedPages(list: Contact[]): AsyncIterable<Contact[]> {
		let served = 0;
		for await (const page of this.pages(list)) {
			if (served++ >= this.feedPagesBeforeDailyLimit) throw new CRMRateLimitError('Daily limit reached', { policy: 'daily', platform: this.platform });
			yield page;
		}
	}

	/** A person edits the record in the platform's UI. */
	edit(email: string, fields: Partial<Contact>): Contact {
		const key = email.toLowerCase();
		const current = this.records.get(key) ?? { email: key, properties: {}, ids: {}, id: `${this.platform}-${this.nextId++}` };
		const next = { ...current, ...fields, properties: { ...current.properties, ...fields.properties }, updatedAt: nextTime() } as Contact;
		next.ids = { [this.platform]: next.id as string };
		this.records.set(key, next);
		return next;
	}

	/** An update by id: the record keeps its id, and moves to its new e-mail if the update changes it. */
	private putById(id: string, input: ContactInput): BatchOutcome<Contact> {
		const current = [...this.records.values()].find((c) => c.id === id);
		if (!current) return { index: 0, ok: false, error: new CRMException(`No contact ${id}`, { platform: this.platform, httpStatus: 404 }) };
		const email = (input.email ?? current.email ?? '').toLowerCase();
		this.records.delete((current.email ?? '').toLowerCase());
		this.records.set(email, { ...current, email });
		return this.put({ ...input, email });
	}

	private put(input: ContactInput): BatchOutcome<Contact> {
		const email = (input.email ?? '').toLowerCase();
		if (this.dailyBudget <= 0) {
			return { index: 0, ok: false, error: new CRMRateLimitError('Daily limit reached', { policy: 'daily', platform: this.platform }) };
		}
		this.dailyBudget--;
		if (this.failing.has(email)) return { index: 0, ok: false, error: new CRMException(`Rejected ${email}`, { platform: this.platform, code: 'INVALID' }) };
		const created = !this.records.has(email);
		const { properties, ...fields } = input;
		const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
		return { index: 0, ok: true, value: structuredClone(this.edit(email, { ...defined, properties: properties ?? {} } as Partial<Contact>)), created };
	}

	async authenticate() {
		return { ok: true as const };
	}

	checkRateLimit(): RateLimitStatus {
		return { platform: this.platform, http: { requests: this.requests, retries: 0, waitedMs: 0 } };
	}
}

export function person(i: number, extra: Partial<Contact> = {}): Partial<Contact> {
	return { firstName: `First${i}`, lastName: `Last${i}`, company: `Co${i}`, title: 'CTO', ...extra };
}
