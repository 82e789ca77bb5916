/** What differs per platform in the trigger: how a delivery is authenticated, parsed and filtered. */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { WebhookEvent } from '../../src/core/models';
import type { VerifyResult } from '../../src/core/signatures';
import type { Delivery } from './delivery';

export interface PlatformGlue {
	verify(ctx: IWebhookFunctions, delivery: Delivery, now: number): Promise<VerifyResult>;
	/** Throws CRMWebhookError (400) for a body the platform would never send. */
	parse(ctx: IWebhookFunctions, body: unknown, receivedAt: number): WebhookEvent[];
	/** The user's event filter. */
	accepts(ctx: IWebhookFunctions): (event: WebhookEvent) => boolean;
	/** Identity for duplicate detection; with `perAttempt` a platform retry counts as a new delivery. */
	keyOf(event: WebhookEvent, perAttempt: boolean): string;
	/** How long an accepted signature stays refusable as a replay (only for signatures with a timestamp). */
	replayTtlMs(ctx: IWebhookFunctions): number;
}

/** HMAC with an empty key is something anyone can compute: never verify against one. */
export const NO_SECRET_REASON = 'no secret configured on the receiver';
export const NO_SECRET: VerifyResult = { ok: false, reason: NO_SECRET_REASON };

export function csv(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
