/**
 * Apollo's asynchronous enrichment results (phone reveal, waterfall), as POSTed to a request's
 * `webhook_url`, → one normalized event per person. The body is
 *   {type: 'phone_reveal' | 'waterfall', request_id, status, credits_consumed,
 *    people: [{id, first_name, last_name, email, status: 'success' | 'not_found', phone_numbers, emails?}]}
 * and older or single-person answers carry `person` instead of `people`. Apollo "may retry" a delivery,
 * so an event's id is made only of what the delivery says (request id and person id, or a hash of the
 * content), never of when it arrived: the trigger's dedupe then drops the retry.
 */
import { payloadHash } from '../../core/dedupe';
import { CRMWebhookError } from '../../core/errors';
import type { WebhookEvent } from '../../core/models';

type Json = Record<string, unknown>;

export interface ApolloCallbackOptions {
	/** True once the URL token matched: Apollo signs nothing, the token is all there is. */
	verified: boolean;
	receivedAt: number;
}

export interface CallbackPhone {
	number: string;
	raw?: string;
	type?: string;
	status?: string;
}

/** What every event's payload holds: the person and request named in plain fields, Apollo's own entry kept. */
export interface ApolloCallbackEventPayload {
	requestId?: string;
	/** `phone_reveal`, `waterfall`, or what Apollo sent. */
	callbackType: string;
	/** Apollo's per-person status: `success`, `not_found`. */
	status?: string;
	personId?: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	phones: CallbackPhone[];
	/** Emails found by the email waterfall. */
	emails: string[];
	/** Credits the whole callback reported (shared by its people). */
	creditsConsumed?: number;
	person: Json;
}

export function parseApolloEnrichmentCallback(body: unknown, options: ApolloCallbackOptions): WebhookEvent[] {
	if (!isObject(body)) {
		throw new CRMWebhookError('Malformed Apollo callback: expected a JSON object', {
			platform: 'apollo',
			status: 400,
		});
	}
	const requestId = text(body.request_id) ?? text(body.requestId);
	const callbackType = text(body.type) ?? (isObject(body.waterfall) ? 'waterfall' : 'phone_reveal');
	const people = Array.isArray(body.people)
		? body.people.filter(isObject)
		: isObject(body.person)
			? [body.person]
			: [];
	const creditsConsumed = typeof body.credits_consumed === 'number' ? body.credits_consumed : undefined;
	if (people.length === 0) {
		// A callback naming nobody still completes its request: one event, so the workflow can close it.
		return [
			event(
				{
					requestId,
					callbackType,
					status: text(body.status),
					phones: [],
					emails: [],
					creditsConsumed,
					person: {},
				},
				body,
				options,
			),
		];
	}
	return people.map((person) =>
		event(
			{
				requestId,
				callbackType,
				status: text(person.status) ?? text(body.status),
				personId: text(person.id),
				firstName: text(person.first_name),
				lastName: text(person.last_name),
				email: text(person.email),
				phones: phonesOf(person.phone_numbers),
				emails: emailsOf(person.emails),
				creditsConsumed,
				person,
			},
			body,
			options,
		),
	);
}

function event(
	payload: ApolloCallbackEventPayload,
	body: Json,
	options: ApolloCallbackOptions,
): WebhookEvent {
	// Without a request id, the content itself identifies the delivery: a retry carries the same bytes' worth.
	const base = payload.requestId ?? payloadHash(body);
	const person =
		payload.personId ?? (Object.keys(payload.person).length > 0 ? payloadHash(payload.person) : undefined);
	return {
		platform: 'apollo',
		type: 'enrichment.completed',
		rawType: payload.callbackType,
		eventId: person ? `${base}#${person}` : base,
		objectId: payload.personId,
		occurredAt: new Date(options.receivedAt).toISOString(),
		verified: options.verified,
		payload,
	};
}

function phonesOf(value: unknown): CallbackPhone[] {
	if (!Array.isArray(value)) return [];
	return value.filter(isObject).flatMap((phone) => {
		const number = text(phone.sanitized_number) ?? text(phone.raw_number);
		if (!number) return [];
		return [
			{
				number,
				raw: text(phone.raw_number),
				type: text(phone.type_cd) ?? text(phone.type),
				status: text(phone.status_cd),
			},
		];
	});
}

function emailsOf(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((entry) => {
		const email = isObject(entry) ? text(entry.email) : text(entry);
		return email ? [email] : [];
	});
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
