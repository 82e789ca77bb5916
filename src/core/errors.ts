/**
 * The CRMException hierarchy. Every failure the core reports is one of these, so nodes can map them to
 * n8n errors in one place. Messages are built from API response fields only: never from request headers,
 * credentials or tokens, so an error is always safe to show and log.
 */
import type { Source } from './platforms';

/** A platform, or `generic` for errors about webhooks from any HMAC sender. */
export type PlatformName = Source;

export interface CRMErrorOptions {
	platform?: PlatformName;
	/** HTTP status of the response that caused the error, when there was one. */
	httpStatus?: number;
	/** The platform's own error code or category, e.g. HubSpot's `VALIDATION_ERROR`. */
	code?: string;
	/** Correlation or request id the platform returned, for support tickets. */
	correlationId?: string;
	/** Extra human-readable detail (shown as the n8n error description). */
	description?: string;
	cause?: unknown;
}

export class CRMException extends Error {
	readonly platform?: PlatformName;
	readonly httpStatus?: number;
	readonly code?: string;
	readonly correlationId?: string;
	readonly description?: string;
	/** Whether repeating the same request later may succeed. */
	readonly retryable: boolean = false;

	constructor(message: string, options: CRMErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = new.target.name;
		this.platform = options.platform;
		this.httpStatus = options.httpStatus;
		this.code = options.code;
		this.correlationId = options.correlationId;
		this.description = options.description;
	}
}

/** 401/403, an expired token that cannot be refreshed, or a missing scope. */
export class CRMAuthenticationError extends CRMException {}

export type RateLimitPolicy = 'secondly' | 'ten-secondly' | 'minutely' | 'hourly' | 'daily' | 'unknown';

export class CRMRateLimitError extends CRMException {
	override readonly retryable = true;
	/** How long to wait before trying again, when known. */
	readonly retryAfterMs?: number;
	readonly policy: RateLimitPolicy;

	constructor(message: string, options: CRMErrorOptions & { retryAfterMs?: number; policy?: RateLimitPolicy } = {}) {
		super(message, options);
		this.retryAfterMs = options.retryAfterMs;
		this.policy = options.policy ?? 'unknown';
	}
}

export class CRMNotFoundError extends CRMException {
	readonly resource?: string;
	readonly id?: string;

	constructor(message: string, options: CRMErrorOptions & { resource?: string; id?: string } = {}) {
		super(message, options);
		this.resource = options.resource;
		this.id = options.id;
	}
}

export interface FieldError {
	field: string;
	message: string;
	/** Index of the input item (or batch input) the field belongs to, when known. */
	itemIndex?: number;
	code?: string;
}

export class CRMValidationError extends CRMException {
	readonly fields: FieldError[];

	constructor(message: string, options: CRMErrorOptions & { fields?: FieldError[] } = {}) {
		super(message, options);
		this.fields = options.fields ?? [];
	}
}

/** The record already exists (HubSpot 409 on create). Carries the existing record's id when the API gave it. */
export class CRMConflictError extends CRMException {
	readonly existingId?: string;

	constructor(message: string, options: CRMErrorOptions & { existingId?: string } = {}) {
		super(message, options);
		this.existingId = options.existingId;
	}
}

/** Connection refused or reset, DNS failure, timeout, or a 5xx that outlived its retries. */
export class CRMNetworkError extends CRMException {
	override readonly retryable = true;
}

/**
 * The request was cancelled by its caller (an AbortSignal), e.g. a webhook's answer budget ran out.
 * Nothing further is sent for it; a write's fate may be unknown.
 */
export class CRMCancelledError extends CRMNetworkError {}

/**
 * A success status whose body is not what the call reads (an HTML page from a proxy, a string, null,
 * an array where an object belongs). Names the status and the content type, never the body.
 */
export class CRMUnexpectedResponseError extends CRMException {
	readonly contentType?: string;

	constructor(message: string, options: CRMErrorOptions & { contentType?: string } = {}) {
		super(message, options);
		this.contentType = options.contentType;
	}
}

/** A webhook request that must not start a workflow: bad or missing signature, stale timestamp, bad body. */
export class CRMWebhookError extends CRMException {
	/** The HTTP status to answer the sender with (401 for authenticity, 400 for a malformed body). */
	readonly status: 400 | 401;

	constructor(message: string, options: CRMErrorOptions & { status?: 400 | 401 } = {}) {
		super(message, options);
		this.status = options.status ?? 401;
	}
}

/** The platform cannot do this at all (e.g. LinkedIn cannot create contacts). */
export class CRMNotSupportedError extends CRMException {}

/** A Fernet key or token that is malformed, forged, or expired. */
export class CRMEncryptionError extends CRMException {}
