/**
 * People enrichment for many inputs: 10 per bulk_match call (Apollo's maximum), answers paired back to
 * the input they belong to, no-matches reported as such (not errors), inputs that are already complete
 * skipped without a request, and a credit cap that stops before a call could spend past it.
 */
import { mapConcurrent } from '../../core/concurrency';
import { CRMException, CRMNetworkError, CRMValidationError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import type { Contact, ContactInput } from '../../core/models';
import {
	enrichmentParameters,
	enrichmentQuery,
	validateCallbackOptions,
	wantsCallback,
} from './callback-options';
import { personEstimate, type CreditBudget } from './credits';
import { APOLLO_PATHS, BUCKETS, MAX_BULK_PEOPLE } from './endpoints';
import type { EnrichmentResult, PeopleEnrichmentOptions } from './enrichment-types';
import { fromPerson, toMatchParameters, valueOf } from './mapping';
import { pairPeople } from './person-pairing';

interface Pending {
	index: number;
	details: Record<string, string>;
}

interface BulkMatchBody {
	matches?: unknown[];
	credits_consumed?: unknown;
	request_id?: unknown;
}

export async function enrichPeople(
	http: HttpClient,
	inputs: ContactInput[],
	options: PeopleEnrichmentOptions,
	budget: CreditBudget,
	concurrency: number,
): Promise<EnrichmentResult<Contact>[]> {
	validateCallbackOptions(options);
	const results: EnrichmentResult<Contact>[] = new Array(inputs.length);
	const pending: Pending[] = [];
	inputs.forEach((input, index) => {
		const wanted = options.onlyIfMissing ?? [];
		if (wanted.length > 0 && wanted.every((field) => present(valueOf(input, field)))) {
			results[index] = {
				index,
				status: 'skipped',
				reason: 'complete',
				message: `Already has ${wanted.join(', ')}: not enriched`,
			};
			return;
		}
		const details = toMatchParameters(input);
		if (!identifies(details)) {
			results[index] = { index, status: 'failed', error: unidentified(index) };
			return;
		}
		pending.push({ index, details });
	});

	const chunks: Pending[][] = [];
	for (let start = 0; start < pending.length; start += MAX_BULK_PEOPLE)
		chunks.push(pending.slice(start, start + MAX_BULK_PEOPLE));
	const phone = !!(options.revealPhone || options.waterfallPhone);
	let capped = false;
	// Under a cap each decision must see what earlier calls really cost, so calls go one at a time.
	const lanes = budget.cap === undefined ? concurrency : 1;
	await mapConcurrent(chunks, lanes, async (chunk) => {
		const estimate = personEstimate(chunk.length, phone);
		if (capped || !budget.tryReserve(estimate)) {
			capped = true;
			const message = `Credit cap of ${budget.cap} reached (${budget.spent} spent): not enriched, to avoid spending up to ${estimate} more`;
			for (const p of chunk)
				results[p.index] = { index: p.index, status: 'skipped', reason: 'creditCap', message };
			return;
		}
		let spent = 0;
		try {
			const answer = await send(http, chunk, options);
			const matched = answer.people.filter((person) => person !== undefined).length;
			spent = answer.consumed ?? personEstimate(matched, phone);
			chunk.forEach((p, i) => {
				const person = answer.people[i];
				const credits = {
					estimated: person ? personEstimate(1, phone) : 0,
					callConsumed: answer.consumed,
					callInputs: chunk.length,
				};
				results[p.index] = person
					? {
							index: p.index,
							status: 'matched',
							value: fromPerson(person),
							credits,
							...(answer.requestId ? { requestId: answer.requestId } : {}),
						}
					: { index: p.index, status: 'noMatch', credits };
			});
		} catch (error) {
			const failure =
				error instanceof CRMException
					? error
					: new CRMException('Apollo enrichment failed', { platform: 'apollo', cause: error });
			for (const p of chunk) results[p.index] = { index: p.index, status: 'failed', error: failure };
			// A lost answer may still have been charged: under a cap, count the worst case.
			if (error instanceof CRMNetworkError) spent = estimate;
		} finally {
			budget.settle(estimate, spent);
		}
	});
	return results;
}

/** One person through people/match (the single endpoint has ten times bulk_match's rate limit). */
export async function matchOne(
	http: HttpClient,
	details: Record<string, string>,
	options: PeopleEnrichmentOptions,
): Promise<{ person?: Record<string, unknown>; requestId?: string }> {
	const response = await http.request({
		method: 'POST',
		path: APOLLO_PATHS.peopleMatch,
		bucket: BUCKETS.enrichment,
		idempotent: !wantsCallback(options),
		query: enrichmentQuery(options),
		body: { ...details, ...enrichmentParameters(options) },
	});
	const body = response.body as { person?: unknown; request_id?: unknown };
	return { person: isObject(body.person) ? body.person : undefined, requestId: text(body.request_id) };
}

async function send(
	http: HttpClient,
	chunk: Pending[],
	options: PeopleEnrichmentOptions,
): Promise<{ people: Array<Record<string, unknown> | undefined>; consumed?: number; requestId?: string }> {
	if (chunk.length === 1) {
		const { person, requestId } = await matchOne(http, chunk[0].details, options);
		return { people: [person], requestId };
	}
	const response = await http.request({
		method: 'POST',
		path: APOLLO_PATHS.peopleBulkMatch,
		bucket: BUCKETS.bulkMatch,
		// A resend after a lost answer would start a second phone reveal and charge its mobiles twice.
		idempotent: !wantsCallback(options),
		query: enrichmentQuery(options),
		body: { details: chunk.map((p) => p.details), ...enrichmentParameters(options) },
	});
	const body = response.body as BulkMatchBody;
	const matches = Array.isArray(body.matches) ? body.matches : [];
	const consumed = typeof body.credits_consumed === 'number' ? body.credits_consumed : undefined;
	return {
		people: pairPeople(
			chunk.map((p) => p.details),
			matches,
		),
		consumed,
		requestId: text(body.request_id),
	};
}

/** Apollo matches on an id, email or LinkedIn URL alone; a name needs a company or domain beside it. */
function identifies(details: Record<string, string>): boolean {
	if (details.id || details.email || details.linkedin_url) return true;
	return !!(details.first_name || details.last_name) && !!(details.domain || details.organization_name);
}

function unidentified(index: number): CRMValidationError {
	const message = 'needs an email, a LinkedIn URL, an Apollo id, or a name with a company or domain';
	return new CRMValidationError(`Item ${index}: the person ${message}`, {
		platform: 'apollo',
		fields: [{ field: 'email', message, itemIndex: index }],
	});
}

function present(value: unknown): boolean {
	return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
