/** Single-contact endpoints and the paged list: `/crm/v3/objects/contacts[/{id}]`. */
import { json, ReplyError, type Reply, type SandboxRequest } from '../http';
import { checkIdProperty, createContact, findContact, updateContact } from './contacts';
import { conflict, notFound, propertyValidationError, validationError } from './errors';
import { boundedInteger, flag, jsonObject } from './request';
import { requestedProperties, toApi, toApiWritten } from './serialize';
import type { HubSpotState } from './state';

export const CONTACTS_PATH = '/crm/v3/objects/contacts';

export function createOne(request: SandboxRequest, state: HubSpotState): Reply {
	const { values, problems } = state.registry.validateWrite(jsonObject(request).properties);
	if (problems.length > 0) return propertyValidationError(problems);
	const result = createContact(state.store, values);
	return result.ok ? json(201, toApiWritten(result.record)) : conflict(result.existingId);
}

export function getOne(request: SandboxRequest, state: HubSpotState, id: string): Reply {
	const idProperty = request.query.get('idProperty') ?? undefined;
	const invalid = checkIdProperty(idProperty);
	if (invalid) return invalid;
	const record = findContact(state.store, id, idProperty, flag(request, 'archived'));
	if (!record) return notFound();
	return json(200, toApi(record, requestedProperties(request.query.getAll('properties')), state.registry));
}

export function updateOne(request: SandboxRequest, state: HubSpotState, id: string): Reply {
	const idProperty = request.query.get('idProperty') ?? undefined;
	const invalid = checkIdProperty(idProperty);
	if (invalid) return invalid;
	const { values, problems } = state.registry.validateWrite(jsonObject(request).properties);
	if (problems.length > 0) return propertyValidationError(problems);
	const record = findContact(state.store, id, idProperty);
	if (!record) return notFound();
	const result = updateContact(state.store, record, values);
	return result.ok ? json(200, toApiWritten(result.record)) : conflict(result.existingId);
}

/** Idempotent like HubSpot's: archiving a missing or already archived contact is still a 204. */
export function archiveOne(state: HubSpotState, id: string): Reply {
	const record = state.store.get(id);
	if (record) state.store.archive(record);
	return { status: 204 };
}

/** Pages in id order; `after` is the id of the first contact on the next page. */
export function listContacts(request: SandboxRequest, state: HubSpotState): Reply {
	const limit = boundedInteger(request.query.get('limit'), 'limit', 10, 1, 100);
	const afterParam = request.query.get('after');
	if (afterParam !== null && !/^\d+$/.test(afterParam)) {
		throw new ReplyError(validationError(`Invalid paging cursor: after=${afterParam}`));
	}
	const after = afterParam === null ? 0 : Number(afterParam);
	const archived = flag(request, 'archived');
	const requested = requestedProperties(request.query.getAll('properties'));
	const matching = state.store
		.all()
		.filter((record) => record.archived === archived && Number(record.id) >= after);
	const page = matching.slice(0, limit);
	const next = matching[limit];
	return json(200, {
		results: page.map((record) => toApi(record, requested, state.registry)),
		...(next === undefined
			? {}
			: {
					paging: { next: { after: next.id, link: `${request.baseUrl}${CONTACTS_PATH}?after=${next.id}` } },
				}),
	});
}
