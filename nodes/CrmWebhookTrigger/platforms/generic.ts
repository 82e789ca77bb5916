/** Any HMAC sender: header, algorithm, encoding, prefix and timestamp rules come from the node. */
import type { IWebhookFunctions } from 'n8n-workflow';
import { CRMWebhookError } from '../../../src/core/errors';
import { payloadHash } from '../../../src/core/dedupe';
import type { WebhookEvent } from '../../../src/core/models';
import {
	DEFAULT_MAX_FUTURE_MS,
	genericHmacConfigProblem,
	verifyGenericHmac,
	type HmacAlgorithm,
	type SignatureEncoding,
} from '../../../src/core/signatures';
import { NO_SECRET, type PlatformAdapter } from './adapter';

const toleranceMs = (ctx: IWebhookFunctions): number =>
	Number(ctx.getNodeParameter('toleranceSeconds', 300)) * 1000;

type Context = Pick<IWebhookFunctions, 'getNodeParameter'>;

const param = (ctx: Context, name: string, fallback: string): string =>
	String(ctx.getNodeParameter(name, fallback));

/** What the sender signs, and the header its timestamp travels in (if any). */
function signing(ctx: Context): { signed: 'body' | 'timestamp+body'; timestampHeader?: string } {
	return {
		signed: param(ctx, 'signedContent', 'body') === 'timestampBody' ? 'timestamp+body' : 'body',
		timestampHeader: param(ctx, 'timestampHeader', '').trim() || undefined,
	};
}

/**
 * Why the node's set-up cannot authenticate anything (a timestamp header no MAC covers reads as
 * replay protection but anyone can rewrite it), or undefined. Checked at activation, so such a
 * workflow fails to activate with this message instead of answering every request 401.
 */
export function genericSetupProblem(ctx: Context): string | undefined {
	const problem = genericHmacConfigProblem(signing(ctx));
	return problem ? `Generic HMAC set-up: ${problem}` : undefined;
}

export const genericAdapter: PlatformAdapter = {
	async verify(ctx, delivery, now) {
		const { secret } = await ctx.getCredentials<{ secret?: string }>('crmWebhookSecretApi');
		if (!secret) return NO_SECRET;
		return verifyGenericHmac({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			secret,
			now,
			headerName: param(ctx, 'signatureHeader', 'X-Signature'),
			algorithm: param(ctx, 'algorithm', 'sha256') as HmacAlgorithm,
			encoding: param(ctx, 'encoding', 'hex') as SignatureEncoding,
			prefix: param(ctx, 'signaturePrefix', ''),
			...signing(ctx),
			toleranceMs: toleranceMs(ctx),
			separator: param(ctx, 'separator', '.'),
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
