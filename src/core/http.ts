/**
 * The one HTTP layer every adapter uses. The transport is injected (n8n's authenticated helpers inside
 * n8n, fetch standalone, a fake in tests), and so is the clock, so every retry and pacing rule can be
 * proven on a fake clock and the core never touches timers or globals.
 */
import {
	CRMCancelledError,
	CRMException,
	CRMNetworkError,
	CRMRateLimitError,
	CRMUnexpectedResponseError,
	type PlatformName,
	type RateLimitPolicy,
} from './errors';
import { GENERIC_SOURCE, PLATFORM_NAMES } from './platforms';
import type { Settle } from './rate-limit';
import { redactBody, redactQuery, redactSecrets } from './redact';

// Kept here for callers that imported it from the HTTP layer before redaction had its own file.
export { redactQuery };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | string[] | undefined;

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL. */
	url: string;
	query?: Record<string, QueryValue>;
	/** Sent as JSON; a URLSearchParams is sent as a form (OAuth endpoints). */
	body?: unknown;
	headers?: Record<string, string>;
	/**
	 * Cancels the request: the client stops sending, waiting and retrying at once, and the transport
	 * aborts the request in flight (fetch's `signal`, n8n's `abortSignal`).
	 */
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: unknown;
}

/**
 * Sends one request. Resolves for every HTTP status; rejects only when no response arrived. Should
 * abort when `request.signal` does (the client stops waiting for it either way).
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RequestSpec extends Omit<HttpRequest, 'url'> {
	/** Path below the client's base URL, or an absolute URL. */
	path: string;
	/** Safe to send twice. Defaults to true for GET, PUT and DELETE. */
	idempotent?: boolean;
	/** Rate-limit bucket; platforms keep separate budgets (e.g. HubSpot search). */
	bucket?: string;
	/** Statuses that are answers rather than failures for this call (e.g. 207, 404 for a lookup). */
	accept?: number[];
	/**
	 * For a non-idempotent request whose fate is unknown (connection lost, 5xx): find out whether it was
	 * applied. Return the response to use, or 'resend' when it certainly was not applied.
	 */
	recover?: () => Promise<HttpResponse | 'resend'>;
	/**
	 * What a 2xx answer must carry for this call: a JSON object (the default; a 204/205 without a body
	 * also passes, for writes that answer nothing), a JSON array, or 'none' when the body is not read.
	 * Anything else (a proxy's HTML page, a string, null) is a CRMUnexpectedResponseError.
	 */
	expect?: ExpectedBody;
}

export type ExpectedBody = 'object' | 'array' | 'none';

export interface RateLimitVerdict {
	/** false for limits that will not lift soon (daily): stop and report instead of waiting. */
	retry: boolean;
	policy: RateLimitPolicy;
	retryAfterMs?: number;
	message: string;
}

/** What differs per platform: how to read its errors and its rate-limit answers. */
export interface PlatformDialect {
	platform: PlatformName;
	toError(response: HttpResponse, request: RequestSpec): CRMException;
	rateLimited(response: HttpResponse): RateLimitVerdict;
}

/** Paces requests before they are sent and learns from response headers afterwards. */
export interface RateGovernor {
	/** Milliseconds to wait before sending, 0 to send now; throws to refuse (e.g. daily budget spent). */
	delayBefore(bucket: string, now: number): number;
	/** Returns how to mark the request answered, when the governor counts requests by their answer. */
	onSend(bucket: string, now: number): Settle | void;
	observe(bucket: string, response: HttpResponse, now: number): void;
}

export interface RetryOptions {
	/** Retries after the first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is reported instead of slept through. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 60_000,
};

export interface HttpClientOptions {
	baseUrl: string;
	transport: Transport;
	clock: Clock;
	dialect: PlatformDialect;
	governor?: RateGovernor;
	retry?: Partial<RetryOptions>;
	/** Source of jitter; injectable so tests are deterministic. */
	random?: () => number;
	/**
	 * Cancels every request of this client (with a request's own `signal`, whichever fires first): no
	 * new attempt, no further wait, the one in flight aborted, the call rejected with CRMCancelledError.
	 */
	signal?: AbortSignal;
}

export interface HttpStats {
	/** Requests handed to the transport, retries included. */
	requests: number;
	retries: number;
	/** Time spent waiting for the rate governor or backoff. */
	waitedMs: number;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export class HttpClient {
	readonly stats: HttpStats = { requests: 0, retries: 0, waitedMs: 0 };
	private readonly retry: RetryOptions;
	private readonly random: () => number;
	private readonly baseUrl: string;

	constructor(private readonly options: HttpClientOptions) {
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
		this.random = options.random ?? Math.random;
		this.baseUrl = options.baseUrl.replace(/\/+$/, '');
	}

	get platform(): PlatformName {
		return this.options.dialect.platform;
	}

	async request(spec: RequestSpec): Promise<HttpResponse> {
		const { dialect } = this.options;
		const idempotent = spec.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(spec.method);
		const bucket = spec.bucket ?? 'default';
		const signal = eitherSignal(this.options.signal, spec.signal);
		const request: HttpRequest = {
			method: spec.method,
			url: /^https?:\/\//.test(spec.path) ? spec.path : this.baseUrl + spec.path,
			query: spec.query,
			body: spec.body,
			headers: spec.headers,
			...(signal ? { signal } : {}),
		};

		for (let attempt = 0; ; attempt++) {
			this.throwIfCancelled(signal);
			const settle = await this.pace(bucket, signal);
			this.stats.requests++;
			if (attempt > 0) this.stats.retries++;
			const last = attempt >= this.retry.maxRetries;

			let response: HttpResponse;
			try {
				response = await this.send(request, signal);
			} catch (error) {
				settle?.(this.options.clock.now());
				// An aborted request failed because we stopped it, not because the network did: no retry.
				this.throwIfCancelled(signal);
				const failure = new CRMNetworkError(`${label(dialect.platform)} could not be reached: ${describe(error)}`, {
					platform: dialect.platform,
				});
				if (!idempotent) return this.recoverOrThrow(spec, failure, signal);
				if (last) throw failure;
				await this.wait(this.backoff(attempt), signal);
				continue;
			}

			settle?.(this.options.clock.now());
			this.options.governor?.observe(bucket, response, this.options.clock.now());
			if ((response.status >= 200 && response.status < 300) || spec.accept?.includes(response.status)) {
				return this.checked(response, spec);
			}
			// Whatever the server said goes through redaction before any message is built from it.
			const safe = redactedResponse(response);

			if (response.status === 429) {
				// A 429 was refused before any work was done, so even a create is safe to resend.
				const verdict = dialect.rateLimited(safe);
				// The dialect's policy wait is a floor: a longer Retry-After from the server still wins.
				const fromHeader = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
				const retryAfterMs =
					verdict.retryAfterMs === undefined ? fromHeader : Math.max(verdict.retryAfterMs, fromHeader ?? 0);
				const error = new CRMRateLimitError(redactSecrets(verdict.message), {
					platform: dialect.platform,
					httpStatus: 429,
					policy: verdict.policy,
					retryAfterMs,
					code: 'RATE_LIMIT',
				});
				if (!verdict.retry || last || (retryAfterMs ?? 0) > this.retry.maxRetryAfterMs) throw error;
				await this.wait(Math.max(retryAfterMs ?? 0, this.backoff(attempt)), signal);
				continue;
			}

			if (RETRYABLE_STATUS.has(response.status)) {
				const error = errorFrom(dialect, response, spec);
				if (!idempotent) return this.recoverOrThrow(spec, error, signal);
				if (last) throw error;
				const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
				await this.wait(Math.min(Math.max(retryAfterMs ?? 0, this.backoff(attempt)), this.retry.maxRetryAfterMs), signal);
				continue;
			}

			throw errorFrom(dialect, response, spec);
		}
	}

	/** Equal jitter: half the exponential step is fixed so a retry never fires instantly, half is random. */
	private backoff(attempt: number): number {
		const step = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
		return Math.round(step / 2 + this.random() * (step / 2));
	}

	private async pace(bucket: string, signal: AbortSignal | undefined): Promise<Settle | undefined> {
		const governor = this.options.governor;
		if (!governor) return undefined;
		for (;;) {
			const delay = governor.delayBefore(bucket, this.options.clock.now());
			if (delay <= 0) break;
			await this.wait(delay, signal);
		}
		return governor.onSend(bucket, this.options.clock.now()) ?? undefined;
	}

	/** Sleeps on the injected clock; an abort ends the wait at once, since a clock's sleep cannot be cut short. */
	private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
		this.throwIfCancelled(signal);
		if (ms <= 0) return;
		this.stats.waitedMs += ms;
		await this.unlessCancelled(this.options.clock.sleep(ms), signal);
		this.throwIfCancelled(signal);
	}

	/** The transport's answer, or a cancellation as soon as the signal fires, even if the transport ignores it. */
	private send(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
		return this.unlessCancelled(this.options.transport(request), signal);
	}

	private unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
		if (!signal) return work;
		return new Promise<T>((resolve, reject) => {
			const onAbort = () => reject(this.cancelled(signal));
			if (signal.aborted) onAbort();
			else signal.addEventListener('abort', onAbort, { once: true });
			// The abandoned work settles later on its own; its outcome is handled here so nothing is left unhandled.
			work.then(
				(value) => {
					signal.removeEventListener('abort', onAbort);
					resolve(value);
				},
				(error: unknown) => {
					signal.removeEventListener('abort', onAbort);
					reject(error);
				},
			);
		});
	}

	private throwIfCancelled(signal: AbortSignal | undefined): void {
		if (signal?.aborted) throw this.cancelled(signal);
	}

	private cancelled(signal: AbortSignal): CRMCancelledError {
		const reason = signal.reason as { name?: unknown } | undefined;
		const why = reason?.name === 'TimeoutError' ? ' (timed out)' : '';
		return new CRMCancelledError(`${label(this.platform)} request cancelled${why}`, {
			platform: this.platform,
			code: 'CANCELLED',
		});
	}

	private async recoverOrThrow(
		spec: RequestSpec,
		failure: CRMException,
		signal: AbortSignal | undefined,
	): Promise<HttpResponse> {
		if (!spec.recover) throw failure;
		// Finding out what happened costs more requests: not once the caller has given up.
		this.throwIfCancelled(signal);
		const recovered = await this.unlessCancelled(spec.recover(), signal);
		if (recovered === 'resend') {
			// The platform confirmed the write did not happen: sending it again cannot duplicate it.
			return this.request({ ...spec, recover: undefined });
		}
		return this.checked(recovered, spec);
	}

	/** A 2xx answer whose body is not what the call reads is an error, never data with holes in it. */
	private checked(response: HttpResponse, spec: RequestSpec): HttpResponse {
		const expected = spec.expect ?? 'object';
		if (expected === 'none' || response.status < 200 || response.status >= 300) return response;
		const body = response.body;
		if (expected === 'object' && (response.status === 204 || response.status === 205) && isEmptyBody(body)) {
			return response;
		}
		if (expected === 'array' ? Array.isArray(body) : isPlainObject(body)) return response;
		const contentType = mediaType(response.headers['content-type']);
		throw new CRMUnexpectedResponseError(
			`${label(this.platform)} answered HTTP ${response.status} with ${contentType ?? 'no content type'} ` +
				`(${bodyKind(body)}) where a JSON ${expected} was expected`,
			{ platform: this.platform, httpStatus: response.status, code: 'UNEXPECTED_RESPONSE', contentType },
		);
	}
}

function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
	if (!a || !b) return a ?? b;
	return AbortSignal.any([a, b]);
}

function isEmptyBody(body: unknown): boolean {
	return body === undefined || body === null || body === '';
}

function isPlainObject(body: unknown): body is Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const proto = Object.getPrototypeOf(body) as unknown;
	return proto === Object.prototype || proto === null;
}

/** `text/html; charset=utf-8` → `text/html`; anything that is not a media type is not repeated. */
function mediaType(header: string | undefined): string | undefined {
	const type = header?.split(';')[0].trim().toLowerCase();
	return type && /^[\w.+-]{1,40}\/[\w.+-]{1,80}$/.test(type) ? type : undefined;
}

/** What kind of body arrived, without a byte of it. */
function bodyKind(body: unknown): string {
	if (body === undefined || body === '') return 'no body';
	if (body === null) return 'null';
	if (typeof body === 'string') return 'a text body';
	if (Array.isArray(body)) return 'a JSON array';
	if (isPlainObject(body)) return 'a JSON object';
	if (typeof body === 'object') return 'not plain JSON';
	return `a JSON ${typeof body}`;
}

function redactedResponse(response: HttpResponse): HttpResponse {
	return { ...response, body: redactBody(response.body, response.headers['content-type']) };
}

/**
 * The dialect's error for a failed answer, built only from the redacted body and scrubbed once more. The one
 * way to turn a platform's answer into an error, also for answers found inside a 2xx (per-input errors of
 * a 207 batch), so none of them can carry a secret a proxy or the platform echoed.
 */
export function errorFrom(dialect: PlatformDialect, response: HttpResponse, spec: RequestSpec): CRMException {
	return scrubbed(dialect.toError(redactedResponse(response), spec));
}

/** The same redaction as everything else, applied to what a dialect wrote, in case it quoted the request. */
function scrubbed<E extends CRMException>(error: E): E {
	error.message = redactSecrets(error.message);
	if (error.description !== undefined) {
		(error as { description?: string }).description = redactSecrets(error.description);
	}
	return error;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function label(platform: PlatformName): string {
	return platform === GENERIC_SOURCE ? 'The server' : PLATFORM_NAMES[platform];
}

/** Only the error's code and message: transport errors can carry request options, headers included. */
function describe(error: unknown): string {
	if (error && typeof error === 'object') {
		const { code, message } = error as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && code) return code;
		// Redact before cutting, so a truncated secret cannot slip past the patterns.
		if (typeof message === 'string' && message) return redactSecrets(message.split('\n')[0]).slice(0, 200);
	}
	return 'connection failed';
}

export function platformLabel(platform: PlatformName): string {
	return label(platform);
}
