/**
 * The contacts endpoints (the user's own CRM, 0 credits). `POST /contacts` creates a duplicate unless
 * `run_dedupe` is true, exactly the trap Apollo documents; bulk create never updates what it finds.
 */
import { isRecord, json, ReplyError, type Reply, type SandboxRequest } from '../http';
import { contactWrite } from './contact-write';
import { contactJson, type ContactRecord, type ContactWrite } from './contacts';
import { notFound, unprocessable } from './errors';
import { boundedList, flag, paginate, paging, params, text } from './request';
import type { ApolloState } from './state';

/** Apollo's documented bulk create size; larger lists are split by the client. */
export const MAX_BULK_CREATE = 100;
export const MAX_BULK_UPDATE = 1_000;

const SORT_FIELDS: Record<string, (record: ContactRecord) => number> = {
	contact_created_at: (record) => record.created_at,
	contact_updated_at: (record) => record.updated_at,
	// The sandbox records no activity; an update is the nearest thing.
	contact_last_activity_date: (record) => record.updated_at,
};

export function createContact(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const write = contactWrite(input, 'contact');
	if (!['first_name', 'last_name', 'email', 'organization_name'].some((field) => text(input[field]))) {
		return unprocessable('A contact needs at least one of first_name, last_name, email or organization_name');
	}
	const duplicate = flag(input.run_dedupe)
		? state.contacts.findDuplicate({ ...write, id: text(input.id) })
		: undefined;
	const record = duplicate
		? state.contacts.update(duplicate, write, state.now())
		: state.contacts.create(write, state.now());
	return json(200, { contact: contactJson(record) });
}

export function getContact(_request: SandboxRequest, state: ApolloState, id: string): Reply {
	const record = state.contacts.byId(id);
	return record ? json(200, { contact: contactJson(record) }) : notFound('Contact');
}

export function updateContact(request: SandboxRequest, state: ApolloState, id: string): Reply {
	const record = state.contacts.byId(id);
	if (!record) return notFound('Contact');
	state.contacts.update(record, contactWrite(params(request), 'contact'), state.now());
	return json(200, { contact: contactJson(record) });
}

export function searchContacts(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const page = paging(input);
	const sortField = text(input.sort_by_field) ?? 'contact_created_at';
	const sortKey = SORT_FIELDS[sortField];
	if (!sortKey) {
		return unprocessable(`sort_by_field must be one of ${Object.keys(SORT_FIELDS).join(', ')}`);
	}
	const ascending = flag(input.sort_ascending);
	const words = (text(input.q_keywords) ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const matches = state.contacts
		.all()
		.filter((record) => {
			const haystack = [
				record.first_name,
				record.last_name,
				record.email,
				record.title,
				record.organization_name,
			]
				.filter(Boolean)
				.join(' ')
				.toLowerCase();
			return words.every((word) => haystack.includes(word));
		})
		.sort((a, b) => {
			const order = sortKey(a) - sortKey(b) || a.seq - b.seq;
			return ascending ? order : -order;
		});
	const { items, pagination } = paginate(matches, page);
	return json(200, { contacts: items.map(contactJson), pagination });
}

export function bulkCreateContacts(request: SandboxRequest, state: ApolloState): Reply {
	const list = boundedList(params(request).contacts, 'contacts', MAX_BULK_CREATE);
	const writes = list.map((entry, index) => contactWrite(entry, `contacts[${index}]`));
	const created: ContactRecord[] = [];
	const existing: ContactRecord[] = [];
	for (const write of writes) {
		const duplicate = state.contacts.findDuplicate(write);
		if (duplicate) existing.push(duplicate);
		else created.push(state.contacts.create(write, state.now()));
	}
	return {
		...json(200, {
			created_contacts: created.map(contactJson),
			existing_contacts: existing.map(contactJson),
		}),
		inputs: list.length,
	};
}

/** Either the same fields for many `contact_ids`, or one object per contact in `contact_attributes`. */
export function bulkUpdateContacts(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const updates: Array<{ id: string; write: ContactWrite }> =
		input.contact_attributes !== undefined
			? boundedList(input.contact_attributes, 'contact_attributes', MAX_BULK_UPDATE).map((entry, index) => {
					const id = isRecord(entry) ? text(entry.id) : undefined;
					if (id === undefined)
						throw new ReplyError(unprocessable(`contact_attributes[${index}].id is required`));
					return { id, write: contactWrite(entry, `contact_attributes[${index}]`) };
				})
			: boundedList(input.contact_ids, 'contact_ids', MAX_BULK_UPDATE).map((id) => ({
					id: String(id),
					write: contactWrite(input, 'body'),
				}));
	const updated: ContactRecord[] = [];
	const missing: string[] = [];
	for (const { id, write } of updates) {
		const record = state.contacts.byId(id);
		if (record) updated.push(state.contacts.update(record, write, state.now()));
		else missing.push(id);
	}
	return {
		...json(200, { contacts: updated.map(contactJson), missing_contact_ids: missing }),
		inputs: updates.length,
	};
}
