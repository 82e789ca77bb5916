/** Lookups and writes shared by the single-object and batch endpoints, including the email-uniqueness rule. */
import type { Reply } from '../http';
import { validationError } from './errors';
import type { ContactRecord, ContactStore } from './store';

export type WriteResult =
	| { ok: true; record: ContactRecord; isNew: boolean }
	| { ok: false; existingId: string; email: string };

/** Only the record id and email identify contacts here; HubSpot allows other unique properties too. */
export function checkIdProperty(idProperty: unknown): Reply | undefined {
	if (
		idProperty === undefined ||
		idProperty === null ||
		idProperty === 'hs_object_id' ||
		idProperty === 'email'
	) {
		return undefined;
	}
	return validationError(
		`${String(idProperty)} is not a valid unique identifier property for CONTACT; use email or hs_object_id`,
	);
}

/** `archived` picks archived contacts only, as HubSpot's `archived=true` does. */
export function findContact(
	store: ContactStore,
	id: string,
	idProperty: unknown,
	archived = false,
): ContactRecord | undefined {
	if (idProperty === 'email') {
		const email = id.trim().toLowerCase();
		return archived
			? store.all().find((record) => record.archived && record.properties.email === email)
			: store.byEmail(email);
	}
	const record = store.get(id);
	return record && record.archived === archived ? record : undefined;
}

export function createContact(store: ContactStore, values: Record<string, string>): WriteResult {
	const owner = values.email ? store.byEmail(values.email) : undefined;
	if (owner) return { ok: false, existingId: owner.id, email: values.email };
	return { ok: true, record: store.create(values), isNew: true };
}

export function updateContact(
	store: ContactStore,
	record: ContactRecord,
	values: Record<string, string>,
): WriteResult {
	const owner = values.email ? store.byEmail(values.email) : undefined;
	if (owner && owner.id !== record.id) return { ok: false, existingId: owner.id, email: values.email };
	store.update(record, values);
	return { ok: true, record, isNew: false };
}
