/**
 * How LinkedIn speaks when something goes wrong: `{status, serviceErrorCode, code, message}` on the API,
 * RFC 6749 `{error, error_description}` on the OAuth host. Turns both into the CRMException hierarchy with
 * messages that say what to do: reconnect (standard apps have no refresh token), set a current API
 * version, ask for the missing product, or wait for the daily quota to reset.
 */
import {
	CRMAuthenticationError,
	CRMConflictError,
	CRMException,
	CRMNetworkError,
	CRMNotFoundError,
	CRMValidationError,
	type FieldError,
} from '../../core/errors';
import type { HttpResponse, PlatformDialect, RateLimitVerdict, RequestSpec } from '../../core/http';
import { DEFAULT_LINKEDIN_VERSION, LINKEDIN_CREDENTIAL_NAME } from './endpoints';
import { productFor } from './products';

export interface LinkedInErrorBody {
	status?: number;
	serviceErrorCode?: number;
	code?: string;
	message?: string;
	/** OAuth host errors. */
	error?: string;
	error_description?: string;
	errorDetails?: {
		inputErrors?: Array<{
			description?: string;
			code?: string;
			input?: { inputPath?: { fieldPath?: string } };
		}>;
	};
}

export function errorBody(response: HttpResponse): LinkedInErrorBody {
	const body = response.body;
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as LinkedInErrorBody;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as LinkedInErrorBody;
		} catch {
			// Not JSON (a proxy's HTML page, say): the status alone has to speak.
		}
	}
	return {};
}

const RECONNECT = `reconnect this credential (${LINKEDIN_CREDENTIAL_NAME})`;

/** Why a token stopped working, by LinkedIn's code; each ends in the same advice. */
const TOKEN_PROBLEMS: Record<string, string> = {
	EXPIRED_ACCESS_TOKEN:
		`LinkedIn access token expired: ${RECONNECT}. ` +
		'Standard LinkedIn apps get no refresh token, so a token lasts 60 days and then needs a new sign-in',
	REVOKED_ACCESS_TOKEN: `LinkedIn access token was revoked (by the member or LinkedIn): ${RECONNECT}`,
	INVALID_ACCESS_TOKEN: `LinkedIn does not accept this access token: ${RECONNECT}`,
};

function versionOf(request: RequestSpec): string | undefined {
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (name.toLowerCase() === 'linkedin-version') return value;
	}
	return undefined;
}

function pathOnly(path: string): string {
	return path.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
}

function versionError(
	response: HttpResponse,
	request: RequestSpec,
	body: LinkedInErrorBody,
): CRMException | undefined {
	const code = body.code;
	const version = versionOf(request) ?? 'none';
	const advice = `set API Version in the credential (${LINKEDIN_CREDENTIAL_NAME}) to a current YYYYMM version, e.g. ${DEFAULT_LINKEDIN_VERSION}`;
	const options = {
		platform: 'linkedin' as const,
		httpStatus: response.status,
		code: code ?? 'NONEXISTENT_VERSION',
	};
	if (response.status === 426) {
		return new CRMException(
			`LinkedIn API version ${version} is no longer active (LinkedIn retires versions about a year after release): ${advice}`,
			{ ...options, description: body.message },
		);
	}
	if (code === 'NONEXISTENT_VERSION') {
		return new CRMException(`LinkedIn API version ${version} does not exist: ${advice}`, {
			...options,
			description: body.message,
		});
	}
	if (code === 'VERSION_MISSING' || code === 'INVALID_VERSION') {
		return new CRMException(`LinkedIn API version "${version}" is not a YYYYMM version: ${advice}`, options);
	}
	return undefined;
}

function inputErrors(body: LinkedInErrorBody): FieldError[] {
	return (body.errorDetails?.inputErrors ?? []).map((entry) => ({
		field: (entry.input?.inputPath?.fieldPath ?? 'unknown').replace(/^\//, ''),
		message: entry.description ?? 'invalid',
		code: entry.code,
	}));
}

export const linkedinDialect: PlatformDialect = {
	platform: 'linkedin',

	toError(response: HttpResponse, request: RequestSpec): CRMException {
		const body = errorBody(response);
		const path = pathOnly(request.path);
		const code = body.code ?? body.error;
		const detail = body.message ?? body.error_description ?? `HTTP ${response.status}`;
		const options = { platform: 'linkedin' as const, httpStatus: response.status, code };
		const version = versionError(response, request, body);
		if (version) return version;
		switch (response.status) {
			case 401:
				if (path.startsWith('/oauth/')) {
					return new CRMAuthenticationError(
						`LinkedIn rejected the app's client ID or secret; check them in the credential (${LINKEDIN_CREDENTIAL_NAME})`,
						{ ...options, description: detail },
					);
				}
				return new CRMAuthenticationError(
					(code !== undefined && Object.hasOwn(TOKEN_PROBLEMS, code) ? TOKEN_PROBLEMS[code] : undefined) ??
						`LinkedIn rejected the credentials: ${RECONNECT}`,
					{
						...options,
						description: detail,
					},
				);
			case 403: {
				const need = productFor(path, request.body);
				const what = need
					? `needs the scope ${need.scope} from the LinkedIn product "${need.product}"` +
						(need.approval ? ', which LinkedIn must approve for your app,' : '') +
						` enabled in the credential (then reconnect it)`
					: 'the token lacks a scope or the app lacks a product';
				return new CRMAuthenticationError(`LinkedIn denied ${request.method} ${path}: ${what}`, {
					...options,
					description: [`LinkedIn said: ${detail}.`, need?.role].filter(Boolean).join(' '),
				});
			}
			case 404:
				return new CRMNotFoundError(`LinkedIn found no such record: ${request.method} ${path}`, {
					...options,
					description: detail,
				});
			case 409:
				return new CRMConflictError(`LinkedIn reported a conflict: ${detail}`, options);
			case 400:
			case 422:
				return new CRMValidationError(`LinkedIn rejected the input: ${summarise(body, detail)}`, {
					...options,
					fields: inputErrors(body),
				});
			default:
				if (response.status >= 500)
					return new CRMNetworkError(`LinkedIn failed with HTTP ${response.status}: ${detail}`, options);
				return new CRMException(`LinkedIn answered HTTP ${response.status}: ${detail}`, options);
		}
	},

	/**
	 * LinkedIn's limits are daily (per app and per member, reset at midnight UTC) and it sends no rate-limit
	 * headers, so a 429 cannot be waited out within a run: stop and say so. Only a 429 that carries a
	 * Retry-After and does not name a daily throttle is treated as short.
	 */
	rateLimited(response: HttpResponse): RateLimitVerdict {
		const body = errorBody(response);
		if (!isDailyThrottle(response))
			return {
				retry: true,
				policy: 'unknown',
				message: `LinkedIn rate limit reached: ${body.message ?? 'HTTP 429'}`,
			};
		const who = /\bMEMBER\b/i.test(body.message ?? '')
			? 'this member'
			: /\bAPPLICATION\b/i.test(body.message ?? '')
				? 'this app'
				: 'this app or member';
		return {
			retry: false,
			policy: 'daily',
			message:
				`LinkedIn daily API limit reached for ${who}; it resets at midnight UTC ` +
				"(LinkedIn sends no rate-limit headers; your app's limits are shown in the LinkedIn Developer Portal)",
		};
	},
};

/** A 429 that names a daily throttle, or that gives no Retry-After (LinkedIn's only kind). */
export function isDailyThrottle(response: HttpResponse): boolean {
	return /\bDAY\b/i.test(errorBody(response).message ?? '') || response.headers['retry-after'] === undefined;
}

function summarise(body: LinkedInErrorBody, detail: string): string {
	const fields = inputErrors(body);
	return fields.length > 0 ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : detail;
}
