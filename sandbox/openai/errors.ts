/**
 * OpenAI's error body: `{error: {message, type, param, code}}`. OpenAI echoes a masked key in its 401
 * message ("Incorrect API key provided: sk-ab***cd"); the stand-in never repeats any part of a key.
 */
import { json, type Reply } from '../http';

export function openAiError(
	status: number,
	message: string,
	type: string,
	code: string | null = null,
	param: string | null = null,
): Reply {
	return json(status, { error: { message, type, param, code } });
}

export const missingKey = (): Reply =>
	openAiError(
		401,
		"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		'invalid_request_error',
	);

export const invalidKey = (): Reply =>
	openAiError(
		401,
		'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
		'invalid_request_error',
		'invalid_api_key',
	);

export const badRequest = (message: string, param: string | null = null): Reply =>
	openAiError(400, message, 'invalid_request_error', null, param);

export const unknownModel = (model: string): Reply =>
	openAiError(
		404,
		`The model \`${model}\` does not exist or you do not have access to it.`,
		'invalid_request_error',
		'model_not_found',
		'model',
	);

export const notFound = (method: string, path: string): Reply =>
	openAiError(404, `Invalid URL (${method} /v1${path})`, 'invalid_request_error');
