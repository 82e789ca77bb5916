/**
 * Apollo webhooks: the URL token check, and an Apollo enrichment callback (phone reveal or waterfall results posted to the request's
 * webhook_url) → WebhookEvents of type enrichment.completed. Apollo documents no event schema beyond
 * "the completed result", so this reads the fields its enrichment responses use (request_id, person,
 * people) and keeps the whole body as the payload. A bulk callback is split into one event per person.
 */
import { CRMWebhookError } from '../../core/errors';
import { payloadHash } from '../../core/dedupe';
import type { WebhookEvent } from '../../core/models';
import { verifyToken, type VerifyResult } from '../../core/signatures';

/**
 * Apollo signs nothing: the callback URL carries a secret token as a query parameter (its name is the
 * user's choice), compared in constant time.
 */
export function verifyApolloCallback(
	query: Record<string, string>,
	parameterName: string,
	secret: string,
): VerifyResult {
	return verifyToken(query[parameterName || 'token'], secret);
}

export interface ApolloParseOptions {
	/** True once the URL token matched: Apollo signs nothing, the token is all there is. */
	verified: boolean;
	receivedAt: number;
}

type Json = Record<string, unknown>;

export function parseApolloCallback(body: unknown, options: ApolloParseOptions): WebhookEvent[] {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new CRMWebhookError('Malformed Apollo callback: expected a JSON object', {
			platform: 'apollo',
			status: 400,
		});
	}
	const callback = body as Json;
	const requestId = text(callback.request_id) ?? text(callback.requestId) ?? text(callback.id);
	const people = Array.isArray(callback.people) ? callback.people.filter(isObject) : [];
	if (people.length <= 1) {
		const person = people[0] ?? (isObject(callback.person) ? callback.person : undefined);
		return [event(callback, person, requestId, options)];
	}
	const rest: Json = { ...callback };
	delete rest.people;
	return people.map((person) => event({ ...rest, person }, person, requestId, options));
}

function event(
	payload: Json,
	person: Json | undefined,
	requestId: string | undefined,
	options: ApolloParseOptions,
): WebhookEvent {
	const personId = person ? text(person.id) : undefined;
	// Apollo "may retry": the id must be the same for the same result, so it never includes the arrival time.
	const base = requestId ?? payloadHash(payload);
	return {
		platform: 'apollo',
		type: 'enrichment.completed',
		rawType: 'enrichment.completed',
		eventId: personId ? `${base}#${personId}` : base,
		objectId: personId,
		occurredAt: new Date(options.receivedAt).toISOString(),
		verified: options.verified,
		payload,
	};
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
