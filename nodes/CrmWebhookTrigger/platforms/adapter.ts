/**
 * What differs per platform in the trigger. An adapter only reads the node's credentials and
 * parameters and calls the platform's framework-free webhooks module (src/providers/<platform>/
 * webhooks.ts); the request pipeline (pipeline.ts) is the same for every platform.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { WebhookEvent } from '../../../src/core/models';
import type { VerifyResult } from '../../../src/core/signatures';
import type { Delivery } from '../delivery';

export interface PlatformAdapter {
	verify(ctx: IWebhookFunctions, delivery: Delivery, now: number): Promise<VerifyResult>;
	/** Throws CRMWebhookError (400) for a body the platform would never send. */
	parse(ctx: IWebhookFunctions, body: unknown, receivedAt: number): WebhookEvent[];
	/** The user's event filter. */
	accepts(ctx: IWebhookFunctions): (event: WebhookEvent) => boolean;
	/** Identity for duplicate detection; with `perAttempt` a platform retry counts as a new delivery. */
	keyOf(event: WebhookEvent, perAttempt: boolean): string;
	/** How long an accepted signature stays refusable as a replay (only for signatures with a timestamp). */
	replayTtlMs(ctx: IWebhookFunctions): number;
	/** Told about a request that was handled (its items built), to learn from it, e.g. that v3 is in use. */
	handled?(ctx: IWebhookFunctions, verdict: VerifyResult & { ok: true }, now: number): void;
}

/** HMAC with an empty key is something anyone can compute: never verify against one. */
export const NO_SECRET_REASON = 'no secret configured on the receiver';
export const NO_SECRET: VerifyResult = { ok: false, reason: NO_SECRET_REASON };
