/** Any HMAC sender: header, algorithm, encoding, prefix and timestamp rules come from the node. */
import type { IWebhookFunctions } from 'n8n-workflow';
import { CRMWebhookError } from '../../src/core/errors';
import { payloadHash } from '../../src/core/dedupe';
import type { WebhookEvent } from '../../src/core/models';
import {
	DEFAULT_MAX_FUTURE_MS,
	verifyGenericHmac,
	type HmacAlgorithm,
	type SignatureEncoding,
} from '../../src/core/signatures';
import { NO_SECRET, type PlatformGlue } from './glue';

const toleranceMs = (ctx: IWebhookFunctions): number =>
	Number(ctx.getNodeParameter('toleranceSeconds', 300)) * 1000;

export const genericGlue: PlatformGlue = {
	async verify(ctx, delivery, now) {
		const { secret } = await ctx.getCredentials<{ secret?: string }>('crmWebhookSecretApi');
		if (!secret) return NO_SECRET;
		const param = (name: string, fallback: string) => String(ctx.getNodeParameter(name, fallback));
		return verifyGenericHmac({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			secret,
			now,
			headerName: param('signatureHeader', 'X-Signature'),
			algorithm: param('algorithm', 'sha256') as HmacAlgorithm,
			encoding: param('encoding', 'hex') as SignatureEncoding,
			prefix: param('signaturePrefix', ''),
			timestampHeader: param('timestampHeader', '').trim() || undefined,
			toleranceMs: toleranceMs(ctx),
			signed: param('signedContent', 'body') === 'timestampBody' ? 'timestamp+body' : 'body',
			separator: param('separator', '.'),
		});
	},

	parse(ctx, body, receivedAt) {
		const idField = String(ctx.getNodeParameter('eventIdField', '')).trim();
		const typeField = String(ctx.getNodeParameter('eventTypeField', '')).trim();
		const entries = Array.isArray(body) ? body : [body];
		return entries.map((entry, index): WebhookEvent => {
			if (typeof entry !== 'object' || entry === null) {
				throw new CRMWebhookError(`Malformed delivery: event ${index} is not a JSON object`, {
					platform: 'generic',
					status: 400,
				});
			}
			const id = idField ? scalar(pick(entry, idField)) : undefined;
			const rawType = typeField ? scalar(pick(entry, typeField)) : undefined;
			return {
				platform: 'generic',
				type: 'unknown',
				rawType: rawType ?? 'webhook',
				eventId: id ?? payloadHash(entry),
				occurredAt: new Date(receivedAt).toISOString(),
				verified: true,
				payload: entry,
			};
		});
	},

	accepts: () => () => true,

	keyOf: (event) => `generic:${event.eventId}`,

	replayTtlMs: (ctx) => toleranceMs(ctx) + DEFAULT_MAX_FUTURE_MS,
};

function pick(value: unknown, path: string): unknown {
	let current = value;
	for (const part of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

function scalar(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}
