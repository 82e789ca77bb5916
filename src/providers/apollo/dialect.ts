/**
 * How Apollo speaks when something goes wrong: a flat `{error, error_code}` body (no correlation id), 403
 * for endpoints that need a master key, 422 naming the parameter in prose, and 429s for three fixed
 * windows. A minute window is worth waiting for; a spent hour or day is reported, with when it resets.
 */
import {
	CRMAuthenticationError,
	CRMException,
	CRMNetworkError,
	CRMNotFoundError,
	CRMValidationError,
	type FieldError,
} from '../../core/errors';
import type { HttpResponse, PlatformDialect, RateLimitVerdict, RequestSpec } from '../../core/http';
import { describeReset, windowOf, type RateWindow } from './rate-windows';

export interface ApolloErrorBody {
	error?: string;
	error_code?: string;
	message?: string;
	rate_limit_window?: string;
	limit?: number;
	retry_after_seconds?: number;
}

export function errorBody(response: HttpResponse): ApolloErrorBody {
	const body = response.body;
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as ApolloErrorBody;
	// Not JSON (a proxy's page): the status alone has to speak, so nothing of the text is repeated.
	return {};
}

/** Apollo's 422s name the parameter first ("details must…", "contact_attributes[3].id is required") or quote it. */
export function fieldOf(message: string): string | undefined {
	const quoted = message.match(/'([a-z_][\w.[\]]*)'/i)?.[1];
	if (quoted) return quoted;
	const leading = message.match(
		/^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)*)\s+(?:must|is|are|can|should|has)\b/,
	)?.[1];
	if (leading) return leading;
	return message.match(/^Too many ([a-z_]+) provided/i)?.[1];
}

function detailOf(body: ApolloErrorBody, status: number): string {
	return body.error ?? body.message ?? `HTTP ${status}`;
}

export const apolloDialect: PlatformDialect = {
	platform: 'apollo',

	toError(response: HttpResponse, request: RequestSpec): CRMException {
		const body = errorBody(response);
		const options = { platform: 'apollo' as const, httpStatus: response.status, code: body.error_code };
		const detail = detailOf(body, response.status);
		const path = request.path.split('?')[0];
		switch (response.status) {
			case 401:
				return new CRMAuthenticationError(
					body.error_code === 'API_KEY_IN_URL'
						? 'Apollo refused a key sent in the URL; it must travel in the x-api-key header'
						: `Apollo rejected the API key (${body.error_code ?? 'invalid or missing'}): check the Apollo API credential`,
					options,
				);
			case 403:
				return new CRMAuthenticationError(
					`Apollo denied ${request.method} ${path}: this endpoint needs a master API key`,
					{
						...options,
						description:
							'Create a master key in Apollo (Settings → Integrations → API → Create new key, "Set as master key") and use it in the credential',
					},
				);
			case 404:
				return new CRMNotFoundError(`Apollo found no such record: ${request.method} ${path}`, {
					...options,
					resource: path.startsWith('/contacts') ? 'contact' : undefined,
				});
			case 400:
			case 422: {
				if (body.error_code === 'INSUFFICIENT_CREDITS') {
					return new CRMException(`Apollo has too few credits left for this request: ${detail}`, options);
				}
				const field = fieldOf(detail);
				const fields: FieldError[] = field ? [{ field, message: detail, code: body.error_code }] : [];
				return new CRMValidationError(`Apollo rejected the input${field ? ` (${field})` : ''}: ${detail}`, {
					...options,
					fields,
				});
			}
			default:
				if (response.status >= 500)
					return new CRMNetworkError(`Apollo failed with HTTP ${response.status}: ${detail}`, options);
				return new CRMException(`Apollo answered HTTP ${response.status}: ${detail}`, options);
		}
	},

	rateLimited(response: HttpResponse): RateLimitVerdict {
		const body = errorBody(response);
		const window = windowOf(body, response.headers);
		const retryAfterMs =
			typeof body.retry_after_seconds === 'number' && body.retry_after_seconds >= 0
				? body.retry_after_seconds * 1000
				: undefined;
		const limit = typeof body.limit === 'number' ? ` (${body.limit} per ${UNIT[window ?? 'minute']})` : '';
		if (window === 'hourly' || window === 'daily') {
			return {
				retry: false,
				policy: window,
				retryAfterMs: retryAfterMs ?? retryAfterHeaderMs(response),
				message: `Apollo ${window} API limit reached${limit}; ${describeReset(response, retryAfterMs, window)}`,
			};
		}
		return {
			retry: true,
			policy: window === 'minute' ? 'minutely' : 'unknown',
			retryAfterMs,
			message: `Apollo rate limit reached${limit}; the minute window renews shortly`,
		};
	},
};

const UNIT: Record<RateWindow, string> = { minute: 'minute', hourly: 'hour', daily: 'day' };

function retryAfterHeaderMs(response: HttpResponse): number | undefined {
	const seconds = Number(response.headers['retry-after']);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
