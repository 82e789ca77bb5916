/**
 * The one HTTP layer every adapter uses. The transport is injected (n8n's authenticated helpers inside
 * n8n, fetch standalone, a fake in tests), and so is the clock, so every retry and pacing rule can be
 * proven on a fake clock and the core never touches timers or globals.
 */
import {
	CRMException,
	CRMNetworkError,
	CRMRateLimitError,
	type PlatformName,
	type RateLimitPolicy,
} from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | string[] | undefined;

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL. */
	url: string;
	query?: Record<string, QueryValue>;
	/** Sent as JSON. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: unknown;
}

/** Sends one request. Resolves for every HTTP status; rejects only when no response arrived. */
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
}

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
	onSend(bucket: string, now: number): void;
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
		const { transport, dialect } = this.options;
		const idempotent = spec.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(spec.method);
		const bucket = spec.bucket ?? 'default';
		const request: HttpRequest = {
			method: spec.method,
			url: /^https?:\/\//.test(spec.path) ? spec.path : this.baseUrl + spec.path,
			query: spec.query,
			body: spec.body,
			headers: spec.headers,
		};

		for (let attempt = 0; ; attempt++) {
			await this.pace(bucket);
			this.stats.requests++;
			if (attempt > 0) this.stats.retries++;
			const last = attempt >= this.retry.maxRetries;

			let response: HttpResponse;
			try {
				response = await transport(request);
			} catch (error) {
				const failure = new CRMNetworkError(`${label(dialect.platform)} could not be reached: ${describe(error)}`, {
					platform: dialect.platform,
				});
				if (!idempotent) return this.recoverOrThrow(spec, failure);
				if (last) throw failure;
				await this.wait(this.backoff(attempt));
				continue;
			}

			this.options.governor?.observe(bucket, response, this.options.clock.now());
			if ((response.status >= 200 && response.status < 300) || spec.accept?.includes(response.status)) {
				return response;
			}

			if (response.status === 429) {
				// A 429 was refused before any work was done, so even a create is safe to resend.
				const verdict = dialect.rateLimited(response);
				// The dialect's policy wait is a floor: a longer Retry-After from the server still wins.
				const fromHeader = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
				const retryAfterMs =
					verdict.retryAfterMs === undefined ? fromHeader : Math.max(verdict.retryAfterMs, fromHeader ?? 0);
				const error = new CRMRateLimitError(verdict.message, {
					platform: dialect.platform,
					httpStatus: 429,
					policy: verdict.policy,
					retryAfterMs,
					code: 'RATE_LIMIT',
				});
				if (!verdict.retry || last || (retryAfterMs ?? 0) > this.retry.maxRetryAfterMs) throw error;
				await this.wait(Math.max(retryAfterMs ?? 0, this.backoff(attempt)));
				continue;
			}

			if (RETRYABLE_STATUS.has(response.status)) {
				const error = dialect.toError(response, spec);
				if (!idempotent) return this.recoverOrThrow(spec, error);
				if (last) throw error;
				const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.options.clock.now());
				await this.wait(Math.min(Math.max(retryAfterMs ?? 0, this.backoff(attempt)), this.retry.maxRetryAfterMs));
				continue;
			}

			throw dialect.toError(response, spec);
		}
	}

	/** Equal jitter: half the exponential step is fixed so a retry never fires instantly, half is random. */
	private backoff(attempt: number): number {
		const step = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
		return Math.round(step / 2 + this.random() * (step / 2));
	}

	private async pace(bucket: string): Promise<void> {
		const governor = this.options.governor;
		if (!governor) return;
		for (;;) {
			const delay = governor.delayBefore(bucket, this.options.clock.now());
			if (delay <= 0) break;
			await this.wait(delay);
		}
		governor.onSend(bucket, this.options.clock.now());
	}

	private async wait(ms: number): Promise<void> {
		if (ms <= 0) return;
		this.stats.waitedMs += ms;
		await this.options.clock.sleep(ms);
	}

	private async recoverOrThrow(spec: RequestSpec, failure: CRMException): Promise<HttpResponse> {
		if (!spec.recover) throw failure;
		const recovered = await spec.recover();
		if (recovered === 'resend') {
			// The platform confirmed the write did not happen: sending it again cannot duplicate it.
			return this.request({ ...spec, recover: undefined });
		}
		return recovered;
	}
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
	return { hubspot: 'HubSpot', apollo: 'Apollo', linkedin: 'LinkedIn', generic: 'The server' }[platform];
}

/** Only the error's code and message: transport errors can carry request options, headers included. */
function describe(error: unknown): string {
	if (error && typeof error === 'object') {
		const { code, message } = error as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && code) return code;
		// Redact before cutting, so a truncated secret cannot slip past the patterns.
		if (typeof message === 'string' && message) return redactCredentials(redactQuery(message.split('\n')[0])).slice(0, 200);
	}
	return 'connection failed';
}

/** Transport messages may quote request headers: drop Authorization values and bearer tokens. */
function redactCredentials(text: string): string {
	return text
		.replace(/(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^\s"',;)}\]]+/gi, '$1***')
		.replace(/(\bbearer\s+)[\w\-.~+/=]+/gi, '$1***');
}

/** Some APIs take keys in the query string (HubSpot's `hapikey`): never let a URL carry one into a message. */
export function redactQuery(text: string): string {
	return text.replace(/([?&][\w-]*(?:key|token|secret|code)[\w-]*=)[^&\s]*/gi, '$1***');
}

export function platformLabel(platform: PlatformName): string {
	return label(platform);
}
