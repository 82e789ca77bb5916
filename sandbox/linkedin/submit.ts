/**
 * A lead arriving through the control API (`POST /__sandbox/linkedin/leads`): a form (default the first
 * sponsored one), answers (default: the next generated person), test lead or not.
 */
import { isRecord } from '../http';
import type { Delivery } from './notifications';
import { generatedAnswers, generatedResponse } from './seed';
import type { LeadResponse, World } from './world';

export interface LeadInput {
	formId?: number;
	testLead?: boolean;
	/** Answers by question name (`firstName`, `lastName`, `email`, `company`, `title`, `phone`). */
	answers?: Record<string, string>;
	submittedAt?: number;
	/** false: store only, send no notification (for seeding). */
	notify?: boolean;
	/** LinkedIn warns notifications may repeat: send the same notification this many more times. */
	duplicates?: number;
}

export interface Submitted {
	id: string;
	urn: string;
	testLead: boolean;
	deliveries: Delivery[];
}

export class LeadInputError extends Error {}

export function parseLeadInput(input: unknown): LeadInput {
	if (input === undefined) return {};
	if (!isRecord(input)) throw new LeadInputError('lead must be a JSON object');
	const { formId, testLead, answers, submittedAt, notify, duplicates } = input;
	for (const [name, value, type] of [
		['formId', formId, 'number'],
		['testLead', testLead, 'boolean'],
		['submittedAt', submittedAt, 'number'],
		['notify', notify, 'boolean'],
		['duplicates', duplicates, 'number'],
	] as const) {
		if (value !== undefined && typeof value !== type) throw new LeadInputError(`${name} must be a ${type}`);
	}
	if (
		duplicates !== undefined &&
		!(Number.isInteger(duplicates) && (duplicates as number) >= 0 && (duplicates as number) <= 10)
	) {
		throw new LeadInputError('duplicates must be an integer from 0 to 10');
	}
	if (
		answers !== undefined &&
		!(isRecord(answers) && Object.values(answers).every((v) => typeof v === 'string'))
	) {
		throw new LeadInputError('answers must be an object of strings keyed by question name');
	}
	return input as LeadInput;
}

export function submitLead(world: World, input: LeadInput, sequence: number): LeadResponse {
	const form =
		input.formId === undefined
			? [...world.forms.values()].sort((a, b) => a.id - b.id)[0]
			: world.forms.get(input.formId);
	if (!form) throw new LeadInputError(`no lead form ${input.formId ?? '(none seeded)'}`);
	const index = 1000 + sequence;
	const generated = generatedResponse(form, index, input.submittedAt ?? Date.now(), input.testLead ?? false);
	const answers = { ...generated.answers, ...input.answers };
	const base = generatedAnswers(index);
	for (const question of form.questions) answers[question.name] ??= base[question.name] ?? '';
	const response = {
		...generated,
		id: `${generated.id.slice(0, 24)}${String(sequence).padStart(12, '0')}`,
		answers,
	};
	world.responses.set(response.id, response);
	return response;
}
