/**
 * Batch upsert by email: 100 inputs per call, one outcome per input. HubSpot answers a batch in three
 * ways and all three are handled: 200 (all written), 207 (some inputs failed, the rest written), and a
 * whole-batch 400 when a single value is invalid; then the batch is split in halves until the bad inputs
 * stand alone, so every good contact is still written.
 */
import { CRMException, CRMValidationError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import { Contact, type BatchOutcome, type ContactInput } from '../../core/models';
import { hubspotDialect } from './dialect';
import { fromHubSpot, toProperties, type HubSpotObject } from './mapping';

export const MAX_BATCH = 100;
const UPSERT_PATH = '/crm/v3/objects/contacts/batch/upsert';

interface BatchResponse {
	results?: Array<HubSpotObject & { new?: boolean }>;
	errors?: Array<{ message?: string; category?: string; context?: Record<string, unknown> }>;
}

interface Pending {
	email: string;
	properties: Record<string, string>;
	/** Input indices that asked for this email (repeats inside one run are merged, last value wins). */
	indices: number[];
}

export async function upsertByEmail(http: HttpClient, contacts: ContactInput[]): Promise<BatchOutcome<Contact>[]> {
	const outcomes: BatchOutcome<Contact>[] = new Array(contacts.length);
	const byEmail = new Map<string, Pending>();

	contacts.forEach((input, index) => {
		const checked = Contact.safeParse(input);
		if (!checked.success || !checked.data.email) {
			const issue = checked.success ? undefined : checked.error.issues[0];
			const field = issue ? issue.path.join('.') || 'contact' : 'email';
			const message = issue ? issue.message : 'An email is required to upsert a contact';
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
		const properties = toProperties(input);
		const email = properties.email;
		const pending = byEmail.get(email);
		// HubSpot refuses a batch that names one id twice; merging keeps the user's intent (last write wins).
		if (pending) {
			Object.assign(pending.properties, properties);
			pending.indices.push(index);
		} else byEmail.set(email, { email, properties, indices: [index] });
	});

	const pending = [...byEmail.values()];
	for (let start = 0; start < pending.length; start += MAX_BATCH) {
		await sendBatch(http, pending.slice(start, start + MAX_BATCH), outcomes);
	}
	return outcomes;
}

async function sendBatch(http: HttpClient, batch: Pending[], outcomes: BatchOutcome<Contact>[]): Promise<void> {
	let body: BatchResponse;
	try {
		const response = await http.request({
			method: 'POST',
			path: UPSERT_PATH,
			// Upsert by a unique key converges to the same state however often it is sent.
			idempotent: true,
			accept: [207],
			body: {
				inputs: batch.map((p) => ({ id: p.email, idProperty: 'email', properties: p.properties })),
			},
		});
		body = response.body as BatchResponse;
	} catch (error) {
		// Only a complaint about property values can be narrowed down by splitting; a malformed request
		// would fail every half as well, so it fails the batch at once instead of costing ~2n calls.
		if (error instanceof CRMValidationError && error.fields.length > 0 && batch.length > 1) {
			const half = Math.ceil(batch.length / 2);
			await sendBatch(http, batch.slice(0, half), outcomes);
			await sendBatch(http, batch.slice(half), outcomes);
			return;
		}
		// Anything else (retries exhausted, daily limit) fails this batch's inputs only: the batches already
		// written stay reported as written, and later batches still get their chance.
		for (const p of batch) fail(outcomes, p, error);
		return;
	}

	const done = new Set<string>();
	for (const result of body.results ?? []) {
		const email = result.properties?.email?.toLowerCase();
		const p = email ? batch.find((b) => b.email === email) : undefined;
		if (!p) continue;
		done.add(p.email);
		const contact = fromHubSpot(result);
		for (const index of p.indices) outcomes[index] = { index, ok: true, value: contact, created: result.new === true };
	}
	for (const entry of body.errors ?? []) {
		const mentioned = JSON.stringify(entry.context ?? {}).toLowerCase();
		for (const p of batch) {
			if (done.has(p.email) || !mentioned.includes(JSON.stringify(p.email))) continue;
			done.add(p.email);
			fail(
				outcomes,
				p,
				hubspotDialect.toError({ status: statusOf(entry.category), headers: {}, body: entry }, { method: 'POST', path: UPSERT_PATH }),
			);
		}
	}
	for (const p of batch) {
		if (!done.has(p.email)) {
			fail(outcomes, p, new CRMException(`HubSpot returned no result for ${p.email}`, { platform: 'hubspot', httpStatus: 207 }));
		}
	}
}

function fail(outcomes: BatchOutcome<Contact>[], p: Pending, error: unknown): void {
	const err =
		error instanceof CRMException ? error : new CRMException(`Upsert of ${p.email} failed`, { platform: 'hubspot', cause: error });
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
