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
	/** The URL as the sender addressed it (behind a proxy: rebuilt from the public base URL). */
	url: string;
	headers: HeaderBag;
	rawBody: Buffer;
	/** When it arrived (ms since the epoch), for timestamp windows and events that carry no time. */
	receivedAt: number;
}

/** `Secrets` is what the platform verifies with: a client secret, a URL token, an HMAC set-up. */
export interface WebhookSource<Secrets> {
	/** Never throws: a refusal carries a reason that is safe to answer to the sender. */
	verifyWebhookSignature(request: WebhookRequest, secrets: Secrets): VerifyResult;
	/** The delivery's events, normalized; throws CRMWebhookError (400) for a body it cannot read. */
	handleWebhook(body: unknown, request: WebhookRequest, verified: boolean): WebhookEvent[];
}
