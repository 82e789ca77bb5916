/**
 * Lead Sync reads: lead form responses by owner (newest first, as LinkedIn serves them), one response by
 * id, and the owner's forms. Responses name their answers by question id only, so each form's questions
 * are read once per provider and reused for every response of that form.
 */
import { mapConcurrent } from '../../core/concurrency';
import { CRMValidationError } from '../../core/errors';
import type { Contact } from '../../core/models';
import type { LinkedInApi } from './api';
import { LINKEDIN_PATHS } from './endpoints';
import { fromLeadResponse, type LeadFormQuestion, type LeadFormResponse } from './mapping';
import { checkLeadType, ownerRecord, type LeadOwner, type LeadType } from './owner';
import { restliPages, type PageOptions } from './paging';
import { RestliRecord, type RestliValue } from './restli';
import { requireText } from './validate';

/** Lead reads in flight at once when several are asked for by id. */
const READ_CONCURRENCY = 4;

export interface LeadQuery extends PageOptions {
	owner: LeadOwner;
	/** Default SPONSORED (Lead Gen Forms on ads). */
	leadType?: LeadType;
	/** Submitted at or after (inclusive). */
	submittedAfter?: Date;
	/** Submitted at or before (inclusive). */
	submittedBefore?: Date;
	/** LinkedIn's `limitedToTestLeads`: true returns only test leads, false (default) only real ones. */
	testLeads?: boolean;
	/** Only responses to this form version (`urn:li:versionedLeadGenForm:(urn:li:leadGenForm:{id},{version})`). */
	formUrn?: string;
}

export interface LeadForm {
	id: string;
	name?: string;
	state?: string;
	versionId?: number;
	owner?: Record<string, string>;
	questions: Array<{ questionId: string; name?: string; predefinedField?: string; label?: string }>;
	createdAt?: string;
	updatedAt?: string;
}

interface RawLeadForm {
	id: number | string;
	name?: string;
	state?: string;
	versionId?: number;
	owner?: Record<string, string>;
	created?: number;
	lastModified?: number;
	content?: { questions?: LeadFormQuestion[] };
}

export class LeadReader {
	/** Form id → its questions; a promise so concurrent reads of one form share one request. */
	private readonly questions = new Map<string, Promise<LeadFormQuestion[]>>();

	constructor(private readonly api: LinkedInApi) {}

	async *responses(query: LeadQuery): AsyncGenerator<Contact[]> {
		for await (const page of restliPages<LeadFormResponse>(
			this.api,
			LINKEDIN_PATHS.leadResponses,
			leadParams(query),
			query,
		)) {
			yield await Promise.all(page.map((response) => this.toContact(response)));
		}
	}

	async response(id: string, signal?: AbortSignal): Promise<Contact> {
		const answer = await this.api.request({
			method: 'GET',
			path: LINKEDIN_PATHS.leadResponse(requireText(id, 'leadId')),
			signal,
		});
		return this.toContact(answer.body as LeadFormResponse, signal);
	}

	/**
	 * Several leads by id, a few at a time (LinkedIn has no batch read for them); leads LinkedIn does not
	 * know (deleted, older than 365 days) are absent from the map. What a notification handler reads.
	 */
	async responsesById(ids: string[], signal?: AbortSignal): Promise<Map<string, Contact>> {
		const wanted = [...new Set(ids.map((id) => String(id ?? '').trim()).filter(Boolean))];
		const found = new Map<string, Contact>();
		await mapConcurrent(wanted, READ_CONCURRENCY, async (id) => {
			const answer = await this.api.request({
				method: 'GET',
				path: LINKEDIN_PATHS.leadResponse(id),
				accept: [404],
				signal,
			});
			if (answer.status !== 404) found.set(id, await this.toContact(answer.body as LeadFormResponse, signal));
		});
		return found;
	}

	async *forms(owner: LeadOwner, options: PageOptions = {}): AsyncGenerator<LeadForm[]> {
		const params: Array<[string, RestliValue]> = [
			['q', 'owner'],
			['owner', ownerRecord(owner)],
		];
		for await (const page of restliPages<RawLeadForm>(this.api, LINKEDIN_PATHS.leadForms, params, options)) {
			yield page.map(toLeadForm);
		}
	}

	private async toContact(response: LeadFormResponse, signal?: AbortSignal): Promise<Contact> {
		const formId = formIdOf(response.versionedLeadGenFormUrn);
		return fromLeadResponse(response, formId ? await this.questionsOf(formId, signal) : []);
	}

	private questionsOf(formId: string, signal?: AbortSignal): Promise<LeadFormQuestion[]> {
		let found = this.questions.get(formId);
		if (!found) {
			found = this.api
				// A form deleted since its leads came in still leaves the leads readable, answers keyed by question id.
				.request({ method: 'GET', path: LINKEDIN_PATHS.leadForm(formId), signal, accept: [404] })
				.then((answer) =>
					answer.status === 404 ? [] : ((answer.body as RawLeadForm).content?.questions ?? []),
				);
			// A failed read is not remembered: the next response of that form asks again.
			found.catch(() => this.questions.delete(formId));
			this.questions.set(formId, found);
		}
		return found;
	}
}

/** The query in the order LinkedIn documents it: q, owner, leadType, test leads, time range, form. */
export function leadParams(query: LeadQuery): Array<[string, RestliValue]> {
	const after = timeOf(query.submittedAfter, 'submittedAfter');
	const before = timeOf(query.submittedBefore, 'submittedBefore');
	if (after !== undefined && before !== undefined && after > before) {
		throw new CRMValidationError('submittedAfter is later than submittedBefore', {
			platform: 'linkedin',
			fields: [{ field: 'submittedAfter', message: 'is later than submittedBefore' }],
		});
	}
	const range =
		after === undefined && before === undefined
			? undefined
			: new RestliRecord({
					...(after === undefined ? {} : { start: after }),
					...(before === undefined ? {} : { end: before }),
				});
	return [
		['q', 'owner'],
		['owner', ownerRecord(query.owner)],
		['leadType', new RestliRecord({ leadType: checkLeadType(query.leadType ?? 'SPONSORED') })],
		['limitedToTestLeads', query.testLeads === true],
		['submittedAtTimeRange', range],
		['versionedLeadGenFormUrn', query.formUrn?.trim() || undefined],
	];
}

/** `urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7001,1)` → `7001`. */
export function formIdOf(urn: string | undefined): string | undefined {
	return urn?.match(/urn:li:leadGenForm:(\d+)/)?.[1];
}

function timeOf(value: Date | undefined, field: string): number | undefined {
	if (value === undefined) return undefined;
	const ms = value instanceof Date ? value.getTime() : Number.NaN;
	if (Number.isNaN(ms) || ms < 0) {
		throw new CRMValidationError(`${field}: not a valid date`, {
			platform: 'linkedin',
			fields: [{ field, message: 'not a valid date' }],
		});
	}
	return ms;
}

function toLeadForm(form: RawLeadForm): LeadForm {
	return {
		id: String(form.id),
		name: form.name,
		state: form.state,
		versionId: form.versionId,
		owner: form.owner,
		questions: (form.content?.questions ?? []).map((q) => ({
			questionId: String(q.questionId),
			name: q.name,
			predefinedField: q.predefinedField,
			label: q.question?.localized ? Object.values(q.question.localized)[0] : undefined,
		})),
		createdAt: typeof form.created === 'number' ? new Date(form.created).toISOString() : undefined,
		updatedAt: typeof form.lastModified === 'number' ? new Date(form.lastModified).toISOString() : undefined,
	};
}
