/**
 * How HubSpot speaks when something goes wrong: its error body, its 409 wording, its validation
 * reports and its 429 policies. Everything the rest of the adapter needs to turn a response into a
 * CRMException lives here.
 */
import {
	CRMAuthenticationError,
	CRMConflictError,
	CRMException,
	CRMNetworkError,
	CRMNotFoundError,
	CRMValidationError,
	type FieldError,
	type RateLimitPolicy,
} from '../../core/errors';
import type { HttpResponse, PlatformDialect, RateLimitVerdict, RequestSpec } from '../../core/http';

export interface HubSpotErrorBody {
	status?: string;
	message?: string;
	correlationId?: string;
	category?: string;
	subCategory?: string;
	errorType?: string;
	policyName?: string;
	context?: Record<string, unknown>;
	errors?: Array<{ message?: string; code?: string; context?: Record<string, unknown> }>;
}

export function errorBody(response: HttpResponse): HubSpotErrorBody {
	const body = response.body;
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as HubSpotErrorBody;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (parsed && typeof parsed === 'object') return parsed as HubSpotErrorBody;
		} catch {
			// Not JSON (a proxy's HTML page, say): the status alone has to speak.
			return { message: body.slice(0, 200) };
		}
	}
	return {};
}

/** "Contact already exists. Existing ID: 123" — the id is only in the message. */
export function existingIdFrom(message: string | undefined): string | undefined {
	return message?.match(/Existing ID:\s*(\d+)/i)?.[1];
}

/**
 * HubSpot reports invalid property values as a JSON array embedded in the message:
 * "Property values were not valid: [{"isValid":false,"message":"...","error":"INVALID_EMAIL","name":"email"}]".
 */
export function fieldErrorsFrom(body: HubSpotErrorBody): FieldError[] {
	const fields: FieldError[] = [];
	const embedded = body.message?.match(/\[.*\]$/s)?.[0];
	if (embedded) {
		try {
			const list = JSON.parse(embedded) as Array<{ name?: string; message?: string; error?: string }>;
			for (const entry of list) {
				if (entry && typeof entry === 'object' && (entry.name || entry.message)) {
					fields.push({ field: entry.name ?? 'unknown', message: entry.message ?? entry.error ?? 'invalid', code: entry.error });
				}
			}
		} catch {
			// The message was not the embedded-array form; fall through to the structured errors.
		}
	}
	for (const entry of body.errors ?? []) {
		const names = entry.context?.propertyName;
		const field = Array.isArray(names) ? names.join(', ') : typeof names === 'string' ? names : undefined;
		if (!field && !entry.message) continue;
		const report = { field: field ?? 'unknown', message: entry.message ?? 'invalid', code: entry.code };
		// HubSpot often lists the same problem both in the message and in errors[]: report it once.
		if (!fields.some((f) => f.field === report.field && f.message === report.message && f.code === report.code)) fields.push(report);
	}
	return fields;
}

function policyOf(name: string | undefined): RateLimitPolicy {
	switch ((name ?? '').toUpperCase()) {
		case 'DAILY':
			return 'daily';
		case 'SECONDLY':
			return 'secondly';
		case 'TEN_SECONDLY_ROLLING':
			return 'ten-secondly';
		default:
			return 'unknown';
	}
}

export const hubspotDialect: PlatformDialect = {
	platform: 'hubspot',

	toError(response: HttpResponse, request: RequestSpec): CRMException {
		const body = errorBody(response);
		const options = {
			platform: 'hubspot' as const,
			httpStatus: response.status,
			code: body.category ?? body.errorType,
			correlationId: body.correlationId,
		};
		const detail = body.message ?? `HTTP ${response.status}`;
		switch (response.status) {
			case 401:
				return new CRMAuthenticationError(
					body.category === 'EXPIRED_AUTHENTICATION'
						? 'HubSpot access token expired; reconnect the credential'
						: `HubSpot rejected the credentials: ${detail}`,
					options,
				);
			case 403:
				return new CRMAuthenticationError(`HubSpot denied access (missing scope?): ${detail}`, options);
			case 404: {
				const path = pathOnly(request.path);
				// Webhook settings live under the developer app: a 404 there means a wrong app ID, not a missing record.
				const app = path.match(/^\/webhooks\/v3\/([^/]+)/)?.[1];
				return app
					? new CRMNotFoundError(`HubSpot has no app ${app} for this developer API key: check the app ID (${request.method} ${path})`, {
							...options,
							resource: 'app',
							id: app,
						})
					: new CRMNotFoundError(`HubSpot found no such record: ${request.method} ${path}`, { ...options, resource: 'contact' });
			}
			case 409: {
				const existingId = existingIdFrom(body.message);
				return new CRMConflictError(
					existingId ? `Contact already exists in HubSpot (existing ID: ${existingId})` : `HubSpot reported a conflict: ${detail}`,
					{ ...options, existingId },
				);
			}
			case 400:
			case 422:
				return new CRMValidationError(`HubSpot rejected the input: ${summarise(body)}`, {
					...options,
					fields: fieldErrorsFrom(body),
				});
			default:
				if (response.status >= 500) {
					return new CRMNetworkError(`HubSpot failed with HTTP ${response.status}: ${detail}`, options);
				}
				return new CRMException(`HubSpot answered HTTP ${response.status}: ${detail}`, options);
		}
	},

	rateLimited(response: HttpResponse): RateLimitVerdict {
		const body = errorBody(response);
		const policy = policyOf(body.policyName);
		if (policy === 'daily') {
			return {
				retry: false,
				policy,
				message: 'HubSpot daily API limit reached; it resets at midnight in the account time zone',
			};
		}
		return {
			retry: true,
			policy,
			// The ten-second window renews within its interval; search's one-second window within a second.
			retryAfterMs: policy === 'secondly' ? 1_000 : undefined,
			message: `HubSpot rate limit reached (${body.policyName ?? 'unknown policy'})`,
		};
	},
};

function summarise(body: HubSpotErrorBody): string {
	const fields = fieldErrorsFrom(body);
	if (fields.length > 0) return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
	return body.message ?? 'invalid request';
}

function pathOnly(path: string): string {
	return path.split('?')[0];
}
