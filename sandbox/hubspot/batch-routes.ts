/**
 * `/crm/v3/objects/contacts/batch/{read,create,update,upsert,archive}`. Request-level problems (over 100
 * inputs, duplicate ids, any invalid property value) fail the whole batch with a 400, as HubSpot does;
 * per-input problems (missing contact, email taken) come back in a 207 while the other inputs are done.
 */
import { isRecord, json, ReplyError, type Reply, type SandboxRequest } from '../http';
import { checkIdProperty, createContact, findContact, updateContact, type WriteResult } from './contacts';
import {
	conflictMessage,
	errorBody,
	propertyValidationError,
	validationError,
	type PropertyProblem,
} from './errors';
import { EMAIL_PATTERN } from './properties';
import { flag, jsonObject } from './request';
import { requestedProperties, toApi, toApiWritten } from './serialize';
import type { HubSpotState } from './state';
import type { ContactRecord } from './store';

export const MAX_BATCH_INPUTS = 100;
const MAX_HISTORY_INPUTS = 50;
const NOT_FOUND_MESSAGE =
	'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.';

type Input = Record<string, unknown>;
type BatchError = ReturnType<typeof errorBody>;

export const BATCH_OPERATIONS = ['read', 'create', 'update', 'upsert', 'archive'] as const;
export type BatchOperation = (typeof BATCH_OPERATIONS)[number];

export function batch(operation: BatchOperation, request: SandboxRequest, state: HubSpotState): Reply {
	const body = jsonObject(request);
	const inputs = readInputs(body);
	const reply = (() => {
		try {
			return HANDLERS[operation](inputs, body, request, state);
		} catch (error) {
			if (error instanceof ReplyError) return error.reply;
			throw error;
		}
	})();
	return { ...reply, inputs: inputs.length };
}

const HANDLERS: Record<
	BatchOperation,
	(inputs: Input[], body: Input, request: SandboxRequest, state: HubSpotState) => Reply
> = {
	read(inputs, body, request, state) {
		const idProperty = body.idProperty ?? undefined;
		rejectIfInvalid(checkIdProperty(idProperty));
		const history = requestedProperties(body.propertiesWithHistory);
		if (history && inputs.length > MAX_HISTORY_INPUTS) {
			throw new ReplyError(
				validationError(
					`Batch read with propertiesWithHistory is limited to ${MAX_HISTORY_INPUTS} inputs, got ${inputs.length}`,
				),
			);
		}
		const ids = inputs.map((input) => inputId(input, idProperty));
		rejectDuplicates(ids);
		const requested = requestedProperties(body.properties);
		const archived = flag(request, 'archived');
		const results: unknown[] = [];
		const missing: string[] = [];
		for (const id of ids) {
			const record = findContact(state.store, id, idProperty, archived);
			if (!record) missing.push(id);
			else
				results.push({
					...toApi(record, requested, state.registry),
					...(history ? { propertiesWithHistory: historyOf(record, history) } : {}),
				});
		}
		const errors =
			missing.length === 0
				? []
				: [errorBody('OBJECT_NOT_FOUND', NOT_FOUND_MESSAGE, { context: { ids: missing } })];
		return batchReply(results, errors);
	},

	create(inputs, _body, _request, state) {
		const values = validateAll(
			state,
			inputs.map((input) => input.properties),
		);
		rejectDuplicates(values.map((value) => value.email).filter((email): email is string => Boolean(email)));
		return createdReply(values.map((value) => createContact(state.store, value)));
	},

	update(inputs, body, _request, state) {
		const ids = inputs.map((input) => {
			const idProperty = input.idProperty ?? body.idProperty;
			rejectIfInvalid(checkIdProperty(idProperty));
			return inputId(input, idProperty);
		});
		rejectDuplicates(ids);
		const values = validateAll(
			state,
			inputs.map((input) => input.properties),
		);
		const results: unknown[] = [];
		const errors: BatchError[] = [];
		inputs.forEach((input, index) => {
			const record = findContact(state.store, ids[index], input.idProperty ?? body.idProperty);
			if (!record) {
				errors.push(errorBody('OBJECT_NOT_FOUND', NOT_FOUND_MESSAGE, { context: { ids: [ids[index]] } }));
				return;
			}
			const result = updateContact(state.store, record, values[index]);
			if (result.ok) results.push(toApiWritten(result.record));
			else errors.push(conflictError(result, { ids: [ids[index]], emails: [result.email] }));
		});
		return batchReply(results, errors);
	},

	/**
	 * Creates by email when absent (the new contact gets that email), otherwise updates. Without idProperty
	 * the id is a record id, which can only be updated: a missing one is a per-input OBJECT_NOT_FOUND.
	 */
	upsert(inputs, _body, _request, state) {
		const problems: PropertyProblem[] = [];
		const ids = inputs.map((input) => {
			const idProperty = input.idProperty;
			rejectIfInvalid(checkIdProperty(idProperty));
			const id = inputId(input, idProperty);
			if (idProperty === 'email' && !EMAIL_PATTERN.test(id)) {
				problems.push({ name: 'email', error: 'INVALID_EMAIL', message: `Email address ${id} is invalid` });
			}
			return id;
		});
		const values = validateAll(
			state,
			inputs.map((input) => input.properties),
			problems,
		);
		rejectDuplicates(ids);
		const results: unknown[] = [];
		const errors: BatchError[] = [];
		inputs.forEach((input, index) => {
			const id = ids[index];
			const record = findContact(state.store, id, input.idProperty);
			let result: WriteResult;
			if (record) result = updateContact(state.store, record, values[index]);
			else if (input.idProperty === 'email')
				result = createContact(state.store, { ...values[index], email: id });
			else {
				errors.push(errorBody('OBJECT_NOT_FOUND', NOT_FOUND_MESSAGE, { context: { ids: [id] } }));
				return;
			}
			if (result.ok) results.push({ ...toApiWritten(result.record), new: result.isNew });
			else errors.push(conflictError(result, { ids: [id], emails: [result.email] }));
		});
		return batchReply(results, errors);
	},

	archive(inputs, _body, _request, state) {
		const ids = inputs.map((input) => inputId(input, undefined));
		rejectDuplicates(ids);
		for (const id of ids) {
			const record = state.store.get(id);
			if (record) state.store.archive(record);
		}
		return { status: 204 };
	},
};

function readInputs(body: Input): Input[] {
	const { inputs } = body;
	if (!Array.isArray(inputs))
		throw new ReplyError(validationError('Invalid input JSON: "inputs" must be an array'));
	if (inputs.length > MAX_BATCH_INPUTS) {
		throw new ReplyError({
			...validationError(
				`Too many inputs: the limit is ${MAX_BATCH_INPUTS} per batch, got ${inputs.length}`,
				{
					context: { limit: [String(MAX_BATCH_INPUTS)], size: [String(inputs.length)] },
				},
			),
			inputs: inputs.length,
		});
	}
	if (!inputs.every(isRecord))
		throw new ReplyError(validationError('Invalid input JSON: every input must be an object'));
	return inputs;
}

function inputId(input: Input, idProperty: unknown): string {
	const { id } = input;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new ReplyError(validationError('Invalid input JSON: every input needs an "id"'));
	}
	const text = String(id).trim();
	return idProperty === 'email' ? text.toLowerCase() : text;
}

function rejectIfInvalid(reply: Reply | undefined): void {
	if (reply) throw new ReplyError(reply);
}

function rejectDuplicates(ids: string[]): void {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const id of ids) (seen.has(id) ? duplicates : seen).add(id);
	if (duplicates.size > 0) {
		throw new ReplyError(
			validationError(
				`Duplicate IDs found in batch input: [${[...duplicates].join(', ')}]. IDs must be unique`,
			),
		);
	}
}

/** One invalid value anywhere fails the whole batch: this is the behaviour clients must survive. */
function validateAll(
	state: HubSpotState,
	propertyObjects: unknown[],
	problems: PropertyProblem[] = [],
): Record<string, string>[] {
	const values = propertyObjects.map((properties) => {
		const checked = state.registry.validateWrite(properties);
		problems.push(...checked.problems);
		return checked.values;
	});
	if (problems.length > 0) throw new ReplyError(propertyValidationError(problems));
	return values;
}

function createdReply(results: WriteResult[]): Reply {
	const done: unknown[] = [];
	const errors: BatchError[] = [];
	for (const result of results) {
		if (result.ok) done.push(toApiWritten(result.record));
		else errors.push(conflictError(result, { emails: [result.email] }));
	}
	return batchReply(done, errors, 201);
}

function conflictError(
	result: Extract<WriteResult, { ok: false }>,
	context: Record<string, string[]>,
): BatchError {
	return errorBody('CONFLICT', conflictMessage(result.existingId), { context });
}

function historyOf(record: ContactRecord, names: string[]): Record<string, unknown[]> {
	const history: Record<string, unknown[]> = {};
	for (const name of names) {
		const value = record.properties[name];
		history[name] =
			value === undefined
				? []
				: [
						{
							value,
							timestamp: new Date(record.updatedAt).toISOString(),
							sourceType: 'API',
							sourceId: 'sandbox',
						},
					];
	}
	return history;
}

/** Batch create answers 201 when everything was written, like the real API; the others 200. */
function batchReply(results: unknown[], errors: BatchError[], okStatus = 200): Reply {
	const now = new Date().toISOString();
	return json(errors.length > 0 ? 207 : okStatus, {
		status: 'COMPLETE',
		results,
		...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
		startedAt: now,
		completedAt: now,
	});
}
