/**
 * The core's Transport over n8n's authenticated request helper: n8n signs each request with the
 * credential (and refreshes OAuth2 tokens on a 401), so the core never sees a token.
 */
import {
	NodeApiError,
	type IAdditionalCredentialOptions,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import type { HttpRequest, HttpResponse, QueryValue, Transport } from '../core/http';
import { secretValuesOf, withoutSecrets } from './credential-secrets';

export type RequestContext = IExecuteFunctions | IPollFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	body?: unknown;
}

/**
 * `credentialOptions` go to n8n as they are, e.g. `{oauth2: {skipTokenRefresh: true}}` for a platform
 * whose standard apps get no refresh token (LinkedIn), so an expired token comes back as the platform's
 * 401 instead of n8n's failed refresh.
 */
export function n8nTransport(ctx: RequestContext, credentialType: string, credentialOptions?: IAdditionalCredentialOptions): Transport {
	let secrets: string[] | undefined;
	// Read once, and again after any failure: a refreshed OAuth2 token is a new secret to keep out.
	const scrubbed = async (response: HttpResponse): Promise<HttpResponse> => {
		if (secrets === undefined || response.status >= 400) secrets = await credentialSecrets(ctx, credentialType, secrets);
		return { ...response, headers: withoutSecrets(response.headers, secrets), body: withoutSecrets(response.body, secrets) };
	};
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: cleanQuery(request.query),
			headers: { Accept: 'application/json', ...request.headers },
			json: true,
			returnFullResponse: true,
			// Status errors must throw: that is how n8n notices an expired OAuth2 token and refreshes it.
			// The response is recovered from the error below, so the core still sees every status.
		};
		if (request.body !== undefined) options.body = request.body as IHttpRequestOptions['body'];
		// Aborts the request in flight. n8n replaces it with the execution's own cancel signal in contexts
		// that have one (node executions); webhook contexts, where the trigger's budget applies, keep it.
		if (request.signal) options.abortSignal = request.signal;
		try {
			const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options, credentialOptions)) as ResponseLike;
			return await scrubbed(toResponse(full));
		} catch (error) {
			const response = responseOf(error);
			if (response) return await scrubbed(toResponse(response));
			// No response at all (refused, reset, timed out): the core retries it as a network failure.
			throw new NodeApiError(ctx.getNode(), error as JsonObject);
		}
	};
}

async function credentialSecrets(ctx: RequestContext, credentialType: string, known: string[] | undefined): Promise<string[]> {
	try {
		const data = await ctx.getCredentials(credentialType);
		return [...new Set([...secretValuesOf(data), ...(known ?? [])])].sort((a, b) => b.length - a.length);
	} catch {
		// The request itself was authenticated, so the credential exists; if it cannot be read again here,
		// the core's pattern-based redaction still applies.
		return known ?? [];
	}
}

/** n8n wraps status errors in NodeApiError; the HTTP response sits on the error or its cause. */
function responseOf(error: unknown): ResponseLike | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const response = (current as { response?: ResponseLike }).response;
		if (response && typeof (response.status ?? response.statusCode) === 'number') return response;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function toResponse(full: ResponseLike): HttpResponse {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(full.headers ?? {})) {
		if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	let body = full.body !== undefined ? full.body : full.data;
	if (typeof body === 'string' && body !== '' && /json/i.test(headers['content-type'] ?? '')) {
		try {
			body = JSON.parse(body);
		} catch {
			// Keep the text: the dialect reports a non-JSON error body as it is.
		}
	}
	return { status: Number(full.status ?? full.statusCode), headers, body };
}

function cleanQuery(query: Record<string, QueryValue> | undefined): Record<string, string> | undefined {
	if (!query) return undefined;
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		out[key] = Array.isArray(value) ? value.join(',') : String(value);
	}
	return out;
}
