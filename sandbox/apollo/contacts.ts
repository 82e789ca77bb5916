/**
 * The user's own Apollo CRM contacts. Dedupe follows Apollo's documented order: id, then CRM ids
 * (hubspot_vid, salesforce_*), then person_id, then email, then name at the same company. Updates
 * overwrite the fields sent and clear those sent empty; fields not sent stay.
 */
import { newId } from './ids';

export const TEXT_FIELDS = [
	'first_name',
	'last_name',
	'title',
	'organization_name',
	'email',
	'account_id',
	'person_id',
	'hubspot_vid',
	'salesforce_contact_id',
	'salesforce_lead_id',
	'salesforce_account_id',
	'linkedin_url',
	'website_url',
	'direct_phone',
	'mobile_phone',
	'corporate_phone',
	'home_phone',
	'other_phone',
	'present_raw_address',
	'contact_stage_id',
] as const;

export type TextField = (typeof TEXT_FIELDS)[number];

export type ContactRecord = { id: string; seq: number; created_at: number; updated_at: number } & {
	[K in TextField]: string | null;
} & { label_names: string[]; typed_custom_fields: Record<string, unknown> };

/** Writable fields as sent; `null` or `''` clears a field. Unknown fields are ignored, as Apollo does. */
export type ContactWrite = Partial<Record<TextField, string | null>> & {
	label_names?: string[] | null;
	typed_custom_fields?: Record<string, unknown> | null;
};

const CRM_IDS: TextField[] = ['hubspot_vid', 'salesforce_contact_id', 'salesforce_lead_id'];

const lower = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

export class ContactStore {
	private records = new Map<string, ContactRecord>();
	private sequence = 0;

	create(write: ContactWrite, now: number, id = newId()): ContactRecord {
		const record = {
			id,
			seq: (this.sequence += 1),
			created_at: now,
			updated_at: now,
			label_names: [],
			typed_custom_fields: {},
			...Object.fromEntries(TEXT_FIELDS.map((field) => [field, null])),
		} as unknown as ContactRecord;
		this.apply(record, write);
		if (record.email) record.email = lower(record.email);
		this.records.set(record.id, record);
		return record;
	}

	update(record: ContactRecord, write: ContactWrite, now: number): ContactRecord {
		this.apply(record, write);
		if (record.email) record.email = lower(record.email);
		record.updated_at = now;
		return record;
	}

	byId(id: string): ContactRecord | undefined {
		return this.records.get(id);
	}

	/** The contact `run_dedupe` would update for this write, if any. */
	findDuplicate(write: ContactWrite & { id?: string }): ContactRecord | undefined {
		const all = this.all();
		if (write.id && this.records.has(write.id)) return this.records.get(write.id);
		for (const field of CRM_IDS) {
			const value = write[field];
			if (value) {
				const found = all.find((record) => record[field] === value);
				if (found) return found;
			}
		}
		if (write.person_id) {
			const found = all.find((record) => record.person_id === write.person_id);
			if (found) return found;
		}
		if (write.email) {
			const found = all.find((record) => record.email === lower(write.email));
			if (found) return found;
		}
		const first = lower(write.first_name);
		const last = lower(write.last_name);
		const company = lower(write.organization_name);
		if (first === '' || last === '' || company === '') return undefined;
		return all.find(
			(record) =>
				lower(record.first_name) === first &&
				lower(record.last_name) === last &&
				lower(record.organization_name) === company,
		);
	}

	all(): ContactRecord[] {
		return [...this.records.values()];
	}

	reset(): void {
		this.records.clear();
		this.sequence = 0;
	}

	private apply(record: ContactRecord, write: ContactWrite): void {
		for (const field of TEXT_FIELDS) {
			if (!(field in write)) continue;
			const value = write[field];
			record[field] = value === undefined || value === null || value === '' ? null : value;
		}
		if ('label_names' in write) record.label_names = write.label_names ? [...write.label_names] : [];
		if ('typed_custom_fields' in write) {
			record.typed_custom_fields = write.typed_custom_fields ? { ...write.typed_custom_fields } : {};
		}
	}
}

export function contactJson(record: ContactRecord) {
	const { seq: _seq, created_at, updated_at, ...fields } = record;
	const name = [record.first_name, record.last_name].filter(Boolean).join(' ');
	return {
		...fields,
		name: name || null,
		created_at: new Date(created_at).toISOString(),
		updated_at: new Date(updated_at).toISOString(),
	};
}
