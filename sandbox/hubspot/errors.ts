/** HubSpot's error envelope: `{status:'error', message, correlationId, category, subCategory?, context?, errors?}`. */
import { randomUUID } from 'node:crypto';
import { json, type Reply } from '../http';

export interface ErrorExtras {
	subCategory?: string;
	context?: Record<string, string[]>;
	errors?: unknown[];
}

export function errorBody(category: string, message: string, extras: ErrorExtras = {}) {
	return { status: 'error', message, correlationId: randomUUID(), category, ...extras };
}

export function hubspotError(status: number, category: string, message: string, extras?: ErrorExtras): Reply {
	return json(status, errorBody(category, message, extras));
}

export const notFound = (): Reply => hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');

export const validationError = (message: string, extras?: ErrorExtras): Reply =>
	hubspotError(400, 'VALIDATION_ERROR', message, extras);

export const invalidJson = (detail: string): Reply =>
	validationError(`Invalid input JSON on line 1: ${detail}`);

export const conflictMessage = (existingId: string) => `Contact already exists. Existing ID: ${existingId}`;

/** The ID appears only in the message, as on the real API, so clients must parse it from there. */
export const conflict = (existingId: string): Reply =>
	hubspotError(409, 'CONFLICT', conflictMessage(existingId));

/** One invalid property value, in the shape HubSpot embeds in "Property values were not valid" messages. */
export interface PropertyProblem {
	name: string;
	error:
		| 'INVALID_EMAIL'
		| 'PROPERTY_DOESNT_EXIST'
		| 'READ_ONLY_VALUE'
		| 'INVALID_OPTION'
		| 'INVALID_NUMBER'
		| 'INVALID_DATE'
		| 'INVALID_VALUE';
	message: string;
}

/** The whole-request 400 for invalid property values: a JSON list inside `message`, plus structured `errors`. */
export function propertyValidationError(problems: PropertyProblem[]): Reply {
	const results = problems.map((problem) => ({
		isValid: false,
		message: problem.message,
		error: problem.error,
		name: problem.name,
		localizedErrorMessage: problem.message,
	}));
	return validationError(`Property values were not valid: ${JSON.stringify(results)}`, {
		errors: problems.map((problem) => ({
			message: problem.message,
			code: problem.error,
			context: { propertyName: [problem.name] },
		})),
	});
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY' | string;

export function rateLimitBody(policyName: RateLimitPolicy) {
	return {
		status: 'error',
		message: `You have reached your ${policyName.toLowerCase()} limit.`,
		errorType: 'RATE_LIMIT',
		correlationId: randomUUID(),
		policyName,
	};
}
