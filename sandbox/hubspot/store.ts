/**
 * In-memory contacts. Besides the live records it keeps, per contact, the recent versions that search still
 * sees, so a configured search lag reproduces HubSpot's eventual consistency: reads see a write at once,
 * search only `searchLagMs` later.
 */
export interface ContactRecord {
	id: string;
	/** Only properties with a value; `createdate`, `lastmodifieddate` and `hs_object_id` are always set. */
	properties: Record<string, string>;
	createdAt: number;
	updatedAt: number;
	archived: boolean;
	archivedAt?: number;
}

export interface CreateOptions {
	createdAt?: number;
	updatedAt?: number;
	archived?: boolean;
	/** Visible to search at once regardless of lag: seeded data is meant to predate the test. */
	immediate?: boolean;
}

interface SearchVersion {
	at: number;
	snapshot: ContactRecord;
}

const FIRST_ID = 1001;

export class ContactStore {
	private records = new Map<string, ContactRecord>();
	/** Lowercased email to id, for contacts that are not archived. */
	private emails = new Map<string, string>();
	private versions = new Map<string, SearchVersion[]>();
	private nextId = FIRST_ID;

	constructor(private readonly searchLagMs: () => number) {}

	reset(): void {
		this.records.clear();
		this.emails.clear();
		this.versions.clear();
		this.nextId = FIRST_ID;
	}

	get(id: string): ContactRecord | undefined {
		return this.records.get(id);
	}

	/** The live contact that owns this email, if any. */
	byEmail(email: string): ContactRecord | undefined {
		const id = this.emails.get(email.trim().toLowerCase());
		return id === undefined ? undefined : this.records.get(id);
	}

	/** Every contact, archived ones included, in id order. */
	all(): ContactRecord[] {
		return [...this.records.values()];
	}

	/** The caller has checked that the email is free; `values` are already validated and normalised. */
	create(values: Record<string, string>, options: CreateOptions = {}): ContactRecord {
		const id = String(this.nextId++);
		const now = Date.now();
		const createdAt = options.createdAt ?? now;
		const updatedAt = options.updatedAt ?? createdAt;
		const record: ContactRecord = {
			id,
			properties: {},
			createdAt,
			updatedAt,
			archived: false,
		};
		for (const [name, value] of Object.entries(values)) if (value !== '') record.properties[name] = value;
		this.stamp(record);
		this.records.set(id, record);
		if (options.archived) {
			record.archived = true;
			record.archivedAt = now;
		} else if (record.properties.email) {
			this.claimEmail(record.properties.email, id);
		}
		this.remember(record, options.immediate ? -Infinity : now);
		return record;
	}

	/** Applies values (`''` clears); bumps the modification time only when something actually changed. */
	update(record: ContactRecord, values: Record<string, string>): boolean {
		const before = record.properties.email;
		let changed = false;
		for (const [name, value] of Object.entries(values)) {
			if ((record.properties[name] ?? '') === value) continue;
			changed = true;
			if (value === '') delete record.properties[name];
			else record.properties[name] = value;
		}
		if (!changed) return false;
		const after = record.properties.email;
		if (before !== after) {
			if (before !== undefined) this.emails.delete(before);
			if (after !== undefined) this.claimEmail(after, record.id);
		}
		record.updatedAt = Date.now();
		this.stamp(record);
		this.remember(record, record.updatedAt);
		return true;
	}

	archive(record: ContactRecord): void {
		if (record.archived) return;
		record.archived = true;
		record.archivedAt = Date.now();
		const email = record.properties.email;
		if (email !== undefined && this.emails.get(email) === record.id) this.emails.delete(email);
		this.remember(record, record.archivedAt);
	}

	/** What search sees now: for each contact the newest version older than the lag, if not archived. */
	searchable(now = Date.now()): ContactRecord[] {
		const cutoff = now - this.searchLagMs();
		const visible: ContactRecord[] = [];
		for (const versions of this.versions.values()) {
			let current: ContactRecord | undefined;
			for (const version of versions) {
				if (version.at > cutoff) break;
				current = version.snapshot;
			}
			if (current && !current.archived) visible.push(current);
		}
		return visible;
	}

	private claimEmail(email: string, id: string): void {
		const owner = this.emails.get(email);
		// Callers check for conflicts first; reaching this means a handler forgot to.
		if (owner !== undefined && owner !== id) throw new Error(`email ${email} already belongs to ${owner}`);
		this.emails.set(email, id);
	}

	private stamp(record: ContactRecord): void {
		record.properties.hs_object_id = record.id;
		record.properties.createdate = new Date(record.createdAt).toISOString();
		record.properties.lastmodifieddate = new Date(record.updatedAt).toISOString();
	}

	private remember(record: ContactRecord, at: number): void {
		const snapshot: ContactRecord = { ...record, properties: { ...record.properties } };
		const versions = this.versions.get(record.id) ?? [];
		versions.push({ at, snapshot });
		// Versions older than the newest one search can already see are unreachable.
		const cutoff = Date.now() - this.searchLagMs();
		let newestVisible = -1;
		versions.forEach((version, index) => {
			if (version.at <= cutoff) newestVisible = index;
		});
		if (newestVisible > 0) versions.splice(0, newestVisible);
		this.versions.set(record.id, versions);
	}
}
