/**
 * LinkedIn's error envelope: `{status, serviceErrorCode, code, message}`, the shape the REST and Rest.li APIs
 * answer with (OAuth endpoints answer RFC 6749 `{error, error_description}` instead, see oauth.ts).
 */
import { json, type Reply } from '../http';

/** The service error codes LinkedIn documents for the codes the sandbox answers with. */
const SERVICE_ERROR_CODES: Record<string, number> = {
	INVALID_ACCESS_TOKEN: 65600,
	REVOKED_ACCESS_TOKEN: 65601,
	EXPIRED_ACCESS_TOKEN: 65602,
	ACCESS_DENIED: 100,
	TOO_MANY_REQUESTS: 101,
};

export interface InputError {
	fieldPath: string;
	code: string;
	description: string;
}

export function linkedInBody(status: number, code: string, message: string) {
	return { status, serviceErrorCode: SERVICE_ERROR_CODES[code] ?? 0, code, message };
}

export function linkedInError(status: number, code: string, message: string): Reply {
	return json(status, linkedInBody(status, code, message));
}

export const notFound = (what: string): Reply => linkedInError(404, 'NOT_FOUND', `${what} not found`);

export const badRequest = (message: string): Reply => linkedInError(400, 'BAD_REQUEST', message);

/** Field-level validation failures, with LinkedIn's `errorDetails.inputErrors` beside the envelope. */
export function unprocessable(problems: InputError[]): Reply {
	const message = problems
		.map((problem) => `ERROR :: ${problem.fieldPath} :: ${problem.description}`)
		.join('\n');
	return json(422, {
		...linkedInBody(422, 'UNPROCESSABLE_ENTITY', message),
		errorDetailType: 'com.linkedin.common.error.BadRequest',
		errorDetails: {
			inputErrors: problems.map((problem) => ({
				description: problem.description,
				input: { inputPath: { fieldPath: problem.fieldPath } },
				code: problem.code,
			})),
		},
	});
}

export type ThrottleScope = 'APPLICATION' | 'MEMBER';

/** LinkedIn's daily throttle answer; it carries no rate-limit or Retry-After headers. */
export function throttled(scope: ThrottleScope): Reply {
	return json(
		429,
		linkedInBody(
			429,
			'TOO_MANY_REQUESTS',
			`Resource level throttle ${scope} DAY limit for calls to this resource is reached.`,
		),
	);
}
