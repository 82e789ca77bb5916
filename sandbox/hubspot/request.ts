/** Reading HubSpot request bodies and query parameters, with HubSpot-style 400s for malformed ones. */
import { isRecord, parseJsonBody, ReplyError, type SandboxRequest } from '../http';
import { invalidJson, validationError } from './errors';

/** The body as a JSON object; anything else is a 400 that ends the request. */
export function jsonObject(request: SandboxRequest): Record<string, unknown> {
	const body = parseJsonBody(request.rawBody, invalidJson);
	if (!isRecord(body)) throw new ReplyError(validationError('Invalid input JSON: expected an object'));
	return body;
}

export function flag(request: SandboxRequest, name: string): boolean {
	return request.query.get(name) === 'true';
}

/** An integer from a query parameter or body field, within bounds, else a 400 naming the field. */
export function boundedInteger(
	value: unknown,
	name: string,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const parsed = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
		throw new ReplyError(
			validationError(`${name} must be an integer between ${min} and ${max}, got ${String(value)}`),
		);
	}
	return parsed;
}
