/**
 * Receiving a platform's webhooks: prove a request came from the platform, then read its events. The
 * signature primitives live in core/signatures.ts and each platform's verify + parse in
 * providers/<platform>/webhooks.ts; this is the shape a provider exposes them in.
 */
import type { WebhookEvent } from '../models';
import type { HeaderBag, VerifyResult } from '../signatures';

/** A request as it reached us: the raw bytes are what senders sign, so they are kept as received. */
export interface WebhookRequest {
	method: string;
	/** The full URL the sender called (behind a proxy: rebuilt from the public base URL), query included. */
	url: string;
	headers: HeaderBag;
	rawBody: Buffer;
	/** When it arrived (ms since the epoch): the "now" of timestamp windows. */
	receivedAt: number;
}

export interface WebhookParseOptions {
	/** Whether the signature was checked (copied onto every event). */
	verified: boolean;
	/** When the delivery arrived (ms); the time of events that carry none of their own. */
	receivedAt: number;
}

/** `Settings` is what the platform verifies with: a client secret, a URL token, a signature mode. */
export interface WebhookSource<Settings> {
	/** Never throws: a refusal carries a reason that is safe to answer to the sender. */
	verifyWebhookSignature(request: WebhookRequest, settings: Settings): VerifyResult;
	/** The delivery's events, normalized; throws CRMWebhookError (400) for a body it cannot read. */
	handleWebhook(body: unknown, options: WebhookParseOptions): WebhookEvent[];
}
