/**
 * The two ends of a sync as the engine uses them: what each can do (from its provider's capabilities),
 * reading its changes, looking records up by email, and writing with its batch upsert. Impossible
 * combinations are refused here, before any request.
 */
import type { ChangeFeed } from '../capabilities/change-feed';
import type { ContactBatches, ContactStore } from '../capabilities/contact-store';
import { CRMNotSupportedError } from '../errors';
import { Contact, type Platform } from '../models';
import { requireCapability, type CRMProvider } from '../provider';
import { PLATFORM_NAMES } from '../platforms';
import { normalEmail, type Role } from './fields';
import type { SyncEndpoint, SyncMode } from './types';

export interface Side {
	role: Role;
	label: string;
	endpoint: SyncEndpoint;
	platform?: Platform;
	provider?: CRMProvider;
	feed?: ChangeFeed;
	store?: ContactStore;
	batches?: ContactBatches;
}

function describe(endpoint: SyncEndpoint): string {
	if (endpoint.kind === 'provider') return PLATFORM_NAMES[endpoint.provider.platform];
	return endpoint.kind === 'items' ? 'input items' : 'output items';
}

function refuse(message: string, description?: string): never {
	throw new CRMNotSupportedError(message, { code: 'NOT_SUPPORTED', description });
}

/** Checks the combination and binds each end's capabilities; throws a CRMNotSupportedError otherwise. */
export function bindSides(source: SyncEndpoint, target: SyncEndpoint, mode: SyncMode): { source: Side; target: Side } {
	if (source.kind === 'output') refuse('Output items cannot be a sync source', 'Pick a platform or the input items as the source.');
	if (target.kind === 'items') refuse('Input items cannot be a sync target', 'Pick a platform or output items as the target.');
	if (mode === 'two-way' && (source.kind !== 'provider' || target.kind !== 'provider')) {
		refuse(`Two-way sync needs two platforms, not ${describe(source)} and ${describe(target)}`, 'Use one-way to read input items or to return output items.');
	}
	const side = (role: Role, endpoint: SyncEndpoint): Side => {
		const label = describe(endpoint);
		if (endpoint.kind !== 'provider') return { role, label, endpoint };
		const provider = endpoint.provider;
		const writes = role === 'target' || mode === 'two-way';
		const bound: Side = { role, label, endpoint, platform: provider.platform, provider };
		if (writes) bound.store = requireCapability(provider, 'contactStore', role === 'target' ? 'be a sync target (write contacts)' : 'be written by a two-way sync');
		else bound.store = provider.supports('contactStore') ? requireCapability(provider, 'contactStore') : undefined;
		if (provider.supports('changeFeed')) bound.feed = requireCapability(provider, 'changeFeed');
		if (provider.supports('contactBatches')) bound.batches = requireCapability(provider, 'contactBatches');
		if (role === 'source' && !bound.feed && !bound.store) refuse(`${label} cannot be a sync source: it can neither list contacts nor list changes`);
		return bound;
	};
	return { source: side('source', source), target: side('target', target) };
}

/**
 * A side's records changed since `since` (undefined: everything), oldest change first when the side has a
 * change feed; without one (Apollo) every contact, oldest first. `cursorable` says whether the order is by
 * change time, i.e. whether a cursor can be kept.
 */
export function readChanges(side: Side, since: Date | undefined, properties: string[]): { pages: AsyncIterable<Contact[]>; cursorable: boolean } {
	const endpoint = side.endpoint;
	if (endpoint.kind === 'items') return { pages: itemPages(endpoint.contacts), cursorable: false };
	if (side.feed) return { pages: side.feed.getUpdatedContacts(since ?? new Date(0), { properties }), cursorable: true };
	if (side.store) return { pages: side.store.listContacts({ properties }), cursorable: false };
	return refuse(`${side.label} cannot be read`);
}

async function* itemPages(contacts: unknown[]): AsyncIterable<Contact[]> {
	// Parsed one by one so a bad item is reported alone; its index is its key.
	const page: Contact[] = [];
	contacts.forEach((raw, index) => {
		const parsed = Contact.safeParse(raw);
		if (parsed.success) page.push(parsed.data);
		else page.push({ properties: { __invalid: `item ${index}: ${parsed.error.issues[0]?.path.join('.') || 'contact'}: ${parsed.error.issues[0]?.message}` }, ids: {} });
	});
	yield page;
}

export type Lookup = Map<string, Contact>;

/**
 * Current records by email. With batch reads (HubSpot: 100 per call) the emails are read directly;
 * without (Apollo: one search per email), above `snapshotAbove` emails the side is listed whole once per
 * run (100 per page) and served from that.
 */
export class SideReader {
	private snapshot?: Promise<Lookup>;
	constructor(
		private readonly side: Side,
		private readonly properties: string[],
		private readonly snapshotAbove: number,
		private readonly expected: number,
	) {}

	async find(emails: string[]): Promise<Lookup> {
		const store = this.side.store;
		if (!store || emails.length === 0) return new Map();
		if (!this.side.batches && this.expected > this.snapshotAbove) {
			this.snapshot ??= this.listAll(store);
			const all = await this.snapshot;
			return new Map(emails.filter((e) => all.has(e)).map((e) => [e, all.get(e) as Contact]));
		}
		const found = await store.findContactsByEmail(emails, this.properties);
		const out: Lookup = new Map();
		for (const [email, contact] of found) {
			const key = normalEmail(email);
			if (key) out.set(key, contact);
		}
		return out;
	}

	/** Remembers what this run wrote, so a later chunk served from the snapshot sees it. */
	remember(key: string, contact: Contact): void {
		void this.snapshot?.then((all) => all.set(key, contact));
	}

	private async listAll(store: ContactStore): Promise<Lookup> {
		const all: Lookup = new Map();
		for await (const page of store.listContacts({ properties: this.properties })) {
			for (const contact of page) {
				const key = normalEmail(contact.email);
				if (key && !all.has(key)) all.set(key, contact);
			}
		}
		return all;
	}
}
