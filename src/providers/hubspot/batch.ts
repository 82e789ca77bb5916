/**
 * Batch writes (upsert by email, update by id): 100 inputs per call, one outcome per input. HubSpot
 * answers a batch in three ways and all three are handled: 200 (all written), 207 (some inputs failed,
 * the rest written), and a whole-batch 400 when a single value is invalid; then the batch is split in
 * halves until the bad inputs stand alone, so every good contact is still written.
 */
import { CRMException, CRMValidationError } from '../../core/errors';
import { mapConcurrent } from '../../core/concurrency';
import { errorFrom, type HttpClient } from '../../core/http';
import { Contact, type BatchOutcome, type ContactInput } from '../../core/models';
import { hubspotDialect } from './dialect';
import { CONTACT_PATHS } from './endpoints';
import { fromHubSpot, toProperties, type HubSpotObject } from './mapping';

export const MAX_BATCH = 100;
/** Batch calls in flight at once: most of a call is network wait; the governor still caps the rate. */
export const BATCH_CONCURRENCY = 3;

interface BatchResponse {
	results?: Array<HubSpotObject & { new?: boolean }>;
	errors?: Array<{ message?: string; category?: string; context?: Record<string, unknown> }>;
}

interface Pending {
	/** What HubSpot's results and errors identify the input by: the email (upsert) or the id (update). */
	key: string;
	properties: Record<string, string>;
	/** Input indices that asked for this key (repeats inside one run are merged, last value wins). */
	indices: number[];
}

interface BatchKind {
	path: string;
	input(p: Pending): Record<string, unknown>;
	keyOf(result: HubSpotObject): string | undefined;
}

const UPSERT: BatchKind = {
	path: CONTACT_PATHS.batch('upsert'),
	input: (p) => ({ id: p.key, idProperty: 'email', properties: p.properties }),
	keyOf: (result) => result.properties?.email?.toLowerCase(),
};

const UPDATE: BatchKind = {
	path: CONTACT_PATHS.batch('update'),
	input: (p) => ({ id: p.key, properties: p.properties }),
	keyOf: (result) => result.id,
};

export function upsertByEmail(
	http: HttpClient,
	contacts: ContactInput[],
	concurrency = BATCH_CONCURRENCY,
): Promise<BatchOutcome<Contact>[]> {
	const inputs = contacts.map((contact) => ({ contact }));
	return write(http, UPSERT, inputs, (properties) => properties.email, 'An email is required to upsert a contact', concurrency);
}

export function updateById(
	http: HttpClient,
	updates: Array<{ id: string; contact: ContactInput }>,
	concurrency = BATCH_CONCURRENCY,
): Promise<BatchOutcome<Contact>[]> {
	const keyFor = (_properties: Record<string, string>, id?: string) => id?.trim() || undefined;
	return write(http, UPDATE, updates, keyFor, 'A contact ID is required to update a contact', concurrency);
}

async function write(
	http: HttpClient,
	kind: BatchKind,
	inputs: Array<{ id?: string; contact: ContactInput }>,
	keyFor: (properties: Record<string, string>, id?: string) => string | undefined,
	missingKey: string,
	concurrency: number,
): Promise<BatchOutcome<Contact>[]> {
	const outcomes: BatchOutcome<Contact>[] = new Array(inputs.length);
	const byKey = new Map<string, Pending>();

	inputs.forEach(({ id, contact }, index) => {
		const checked = Contact.safeParse(contact);
		const properties = checked.success ? toProperties(checked.data) : {};
		const key = checked.success ? keyFor(properties, id) : undefined;
		if (!key) {
			const issue = checked.success ? undefined : checked.error.issues[0];
			const field = issue ? issue.path.join('.') || 'contact' : kind === UPSERT ? 'email' : 'contactId';
			const message = issue ? issue.message : missingKey;
			outcomes[index] = {
				index,
				ok: false,
				error: new CRMValidationError(`Item ${index}: ${field}: ${message}`, {
					platform: 'hubspot',
					fields: [{ field, message, itemIndex: index }],
				}),
			};
			return;
		}
		const pending = byKey.get(key);
		// HubSpot refuses a batch that names one id twice; merging keeps the user's intent (last write wins).
		if (pending) {
			Object.assign(pending.properties, properties);
			pending.indices.push(index);
		} else byKey.set(key, { key, properties, indices: [index] });
	});

	const pending = [...byKey.values()];
	const chunks: Pending[][] = [];
	for (let start = 0; start < pending.length; start += MAX_BATCH) chunks.push(pending.slice(start, start + MAX_BATCH));
	// sendBatch never rejects: a failing chunk records its failures and the others carry on.
	await mapConcurrent(chunks, concurrency, (chunk) => sendBatch(http, kind, chunk, outcomes));
	return outcomes;
}

async function sendBatch(http: HttpClient, kind: BatchKind, batch: Pending[], outcomes: BatchOutcome<Contact>[]): Promise<void> {
	let body: BatchResponse;
	try {
		const response = await http.request({
			method: 'POST',
			path: kind.path,
			// Upsert by a unique key, or setting values on known ids, converges however often it is sent.
			idempotent: true,
			accept: [207],
			body: { inputs: batch.map(kind.input) },
		});
		body = response.body as BatchResponse;
	} catch (error) {
		// Only a complaint about property values can be narrowed down by splitting; a malformed request
		// would fail every half as well, so it fails the batch at once instead of costing ~2n calls.
		if (error instanceof CRMValidationError && error.fields.length > 0 && batch.length > 1) {
			const half = Math.ceil(batch.length / 2);
			await sendBatch(http, kind, batch.slice(0, half), outcomes);
			await sendBatch(http, kind, batch.slice(half), outcomes);
			return;
		}
		// Anything else (retries exhausted, daily limit) fails this batch's inputs only: the batches already
		// written stay reported as written, and later batches still get their chance.
		for (const p of batch) fail(outcomes, p, error);
		return;
	}

	const done = new Set<string>();
	for (const result of body.results ?? []) {
		const key = kind.keyOf(result);
		const p = key === undefined ? undefined : batch.find((b) => b.key === key);
		if (!p) continue;
		done.add(p.key);
		const contact = fromHubSpot(result);
		for (const index of p.indices) outcomes[index] = { index, ok: true, value: contact, created: result.new === true };
	}
	for (const entry of body.errors ?? []) {
		const mentioned = JSON.stringify(entry.context ?? {}).toLowerCase();
		for (const p of batch) {
			if (done.has(p.key) || !mentioned.includes(JSON.stringify(p.key.toLowerCase()))) continue;
			done.add(p.key);
			fail(
				outcomes,
				p,
				errorFrom(hubspotDialect, { status: statusOf(entry.category), headers: {}, body: entry }, { method: 'POST', path: kind.path }),
			);
		}
	}
	for (const p of batch) {
		if (!done.has(p.key)) {
			fail(outcomes, p, new CRMException(`HubSpot returned no result for ${p.key}`, { platform: 'hubspot', httpStatus: 207 }));
		}
	}
}

function fail(outcomes: BatchOutcome<Contact>[], p: Pending, error: unknown): void {
	const err =
		error instanceof CRMException ? error : new CRMException(`Write of ${p.key} failed`, { platform: 'hubspot', cause: error });
	for (const index of p.indices) outcomes[index] = { index, ok: false, error: err };
}

/** Per-input errors in a 207 carry a category, not a status; map the common ones back. */
function statusOf(category: string | undefined): number {
	switch (category) {
		case 'OBJECT_NOT_FOUND':
			return 404;
		case 'CONFLICT':
			return 409;
		case 'VALIDATION_ERROR':
			return 400;
		default:
			return 500;
	}
}
