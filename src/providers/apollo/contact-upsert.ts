/**
 * Upsert through Apollo's bulk endpoints: `bulk_create` (100 per call) creates what it cannot match and
 * returns the matches unchanged in `existing_contacts`; those are then written with `bulk_update` (1,000
 * per call). One outcome per input, in input order. Inputs are keyed by email, or by first + last name at
 * a company (Apollo's own last dedupe rule), so answers can be paired back; repeats in one run are merged,
 * last value wins.
 */
import { CRMException, CRMValidationError } from '../../core/errors';
import { mapConcurrent } from '../../core/concurrency';
import type { HttpClient } from '../../core/http';
import { Contact, type BatchOutcome, type ContactInput } from '../../core/models';
import { APOLLO_PATHS, BUCKETS, MAX_BULK_CREATE, MAX_BULK_UPDATE } from './endpoints';
import { fromApolloContact, toContactAttributes } from './mapping';

type Json = Record<string, unknown>;

interface Pending {
	key: string;
	attributes: Record<string, string>;
	indices: number[];
}

export async function upsertContacts(
	http: HttpClient,
	contacts: ContactInput[],
	concurrency: number,
): Promise<BatchOutcome<Contact>[]> {
	const outcomes: BatchOutcome<Contact>[] = new Array(contacts.length);
	const byKey = new Map<string, Pending>();
	contacts.forEach((contact, index) => {
		const checked = Contact.safeParse(contact);
		const attributes = checked.success ? toContactAttributes(checked.data) : {};
		const key = checked.success ? keyOf(attributes) : undefined;
		if (!key) {
			const issue = checked.success ? undefined : checked.error.issues[0];
			const field = issue ? issue.path.join('.') || 'contact' : 'email';
			const message = issue
				? issue.message
				: 'an email (or first name, last name and company) is required to upsert a contact';
			outcomes[index] = {
				index,
				ok: false,
				error: new CRMValidationError(`Item ${index}: ${field}: ${message}`, {
					platform: 'apollo',
					fields: [{ field, message, itemIndex: index }],
				}),
			};
			return;
		}
		const pending = byKey.get(key);
		if (pending) {
			Object.assign(pending.attributes, attributes);
			pending.indices.push(index);
		} else byKey.set(key, { key, attributes, indices: [index] });
	});

	const pending = [...byKey.values()];
	const chunks: Pending[][] = [];
	for (let start = 0; start < pending.length; start += MAX_BULK_CREATE)
		chunks.push(pending.slice(start, start + MAX_BULK_CREATE));
	const existing: Array<{ pending: Pending; id: string }> = [];
	await mapConcurrent(chunks, concurrency, (chunk) => create(http, chunk, outcomes, existing));
	for (let start = 0; start < existing.length; start += MAX_BULK_UPDATE) {
		await update(http, existing.slice(start, start + MAX_BULK_UPDATE), outcomes);
	}
	return outcomes;
}

async function create(
	http: HttpClient,
	chunk: Pending[],
	outcomes: BatchOutcome<Contact>[],
	existing: Array<{ pending: Pending; id: string }>,
): Promise<void> {
	let body: { created_contacts?: unknown[]; existing_contacts?: unknown[] };
	try {
		const response = await http.request({
			method: 'POST',
			path: APOLLO_PATHS.contactBulkCreate,
			bucket: BUCKETS.other,
			// bulk_create never duplicates what it can match: a resend finds the first send's records.
			idempotent: true,
			body: { contacts: chunk.map((p) => p.attributes) },
		});
		body = response.body as typeof body;
	} catch (error) {
		// Apollo names the bad entry (`contacts[3].email …`): fail it alone and send the rest again.
		const bad = badEntry(error, chunk.length);
		if (bad !== undefined) {
			fail(outcomes, chunk[bad], error);
			const rest = chunk.filter((_, i) => i !== bad);
			if (rest.length > 0) await create(http, rest, outcomes, existing);
			return;
		}
		for (const p of chunk) fail(outcomes, p, error);
		return;
	}
	const claimed = new Set<Pending>();
	for (const record of (body.created_contacts ?? []).filter(isObject)) {
		const p = chunk.find((c) => !claimed.has(c) && c.key === keyOf(stringsOf(record)));
		if (!p) continue;
		claimed.add(p);
		const contact = fromApolloContact(record);
		for (const index of p.indices) outcomes[index] = { index, ok: true, value: contact, created: true };
	}
	for (const record of (body.existing_contacts ?? []).filter(isObject)) {
		const p = chunk.find((c) => !claimed.has(c) && c.key === keyOf(stringsOf(record)));
		if (!p || typeof record.id !== 'string') continue;
		claimed.add(p);
		existing.push({ pending: p, id: record.id });
	}
	for (const p of chunk) {
		if (!claimed.has(p))
			fail(outcomes, p, new CRMException(`Apollo returned no result for ${p.key}`, { platform: 'apollo' }));
	}
}

async function update(
	http: HttpClient,
	entries: Array<{ pending: Pending; id: string }>,
	outcomes: BatchOutcome<Contact>[],
): Promise<void> {
	let body: { contacts?: unknown[]; missing_contact_ids?: unknown[] };
	try {
		const response = await http.request({
			method: 'POST',
			path: APOLLO_PATHS.contactBulkUpdate,
			bucket: BUCKETS.other,
			// Setting the same values on known ids converges however often it is sent.
			idempotent: true,
			body: { contact_attributes: entries.map(({ pending, id }) => ({ ...pending.attributes, id })) },
		});
		body = response.body as typeof body;
	} catch (error) {
		for (const { pending } of entries) fail(outcomes, pending, error);
		return;
	}
	const updated = new Map<string, Json>();
	for (const record of (body.contacts ?? []).filter(isObject))
		if (typeof record.id === 'string') updated.set(record.id, record);
	for (const { pending, id } of entries) {
		const record = updated.get(id);
		if (record) {
			const contact = fromApolloContact(record);
			for (const index of pending.indices)
				outcomes[index] = { index, ok: true, value: contact, created: false };
		} else {
			fail(
				outcomes,
				pending,
				new CRMException(`Apollo matched ${pending.key} to contact ${id} but did not update it`, {
					platform: 'apollo',
					httpStatus: 404,
				}),
			);
		}
	}
}

/** Email, else first + last name at a company: what bulk_create matches on, and what its answers carry. */
function keyOf(attributes: Record<string, string | undefined>): string | undefined {
	const email = attributes.email?.trim().toLowerCase();
	if (email) return `email:${email}`;
	const parts = [attributes.first_name, attributes.last_name, attributes.organization_name].map((v) =>
		v?.trim().toLowerCase(),
	);
	return parts.every(Boolean) ? `name:${parts.join('|')}` : undefined;
}

function stringsOf(record: Json): Record<string, string | undefined> {
	const pick = (name: string) => (typeof record[name] === 'string' ? (record[name] as string) : undefined);
	return {
		email: pick('email'),
		first_name: pick('first_name'),
		last_name: pick('last_name'),
		organization_name: pick('organization_name'),
	};
}

function badEntry(error: unknown, size: number): number | undefined {
	if (!(error instanceof CRMValidationError) || size < 2) return undefined;
	const index = Number(error.fields[0]?.field.match(/^contacts\[(\d+)\]/)?.[1]);
	return Number.isInteger(index) && index < size ? index : undefined;
}

function fail(outcomes: BatchOutcome<Contact>[], p: Pending, error: unknown): void {
	const err =
		error instanceof CRMException
			? error
			: new CRMException(`Write of ${p.key} failed`, { platform: 'apollo', cause: error });
	for (const index of p.indices) outcomes[index] = { index, ok: false, error: err };
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
