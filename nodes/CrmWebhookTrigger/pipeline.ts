/**
 * One webhook request, start to finish: authenticate the raw bytes (401), parse (400), refuse a
 * replayed signature (401), filter and drop duplicates, and hand one item per remaining event to the
 * workflow. Nothing before the last step starts an execution.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { CRMWebhookError } from '../../src/core/errors';
import { dedupe } from '../../src/core/dedupe';
import type { WebhookEvent } from '../../src/core/models';
import { n8nClock } from '../../src/n8n/clock';
import { toNodeError } from '../../src/n8n/errors';
import { apolloGlue } from './apollo';
import { withContacts } from './contacts';
import { readDelivery } from './delivery';
import { genericGlue } from './generic';
import type { PlatformGlue } from './glue';
import { hubspotGlue } from './hubspot';
import { answerChallenge, linkedinGlue } from './linkedin';
import { openMemory } from './memory';
import { refuse } from './respond';

export type PlatformName = 'hubspot' | 'linkedin' | 'apollo' | 'generic';

const GLUE: Record<PlatformName, PlatformGlue> = {
	hubspot: hubspotGlue,
	linkedin: linkedinGlue,
	apollo: apolloGlue,
	generic: genericGlue,
};

interface Options {
	dropDuplicates?: boolean;
	duplicateWindowMinutes?: number;
	duplicateMemorySize?: number;
}

export async function handleWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const platform = ctx.getNodeParameter('platform', 'hubspot') as PlatformName;
	if (ctx.getWebhookName() === 'setup') {
		return platform === 'linkedin'
			? await answerChallenge(ctx)
			: refuse(ctx, 405, 'GET is only used for LinkedIn validation');
	}
	const glue = GLUE[platform];
	const now = n8nClock.now();

	const delivery = await readDelivery(ctx);
	const verdict = await glue.verify(ctx, delivery, now);
	if (!verdict.ok) return refuse(ctx, 401, verdict.reason);

	const body = parseJson(delivery.rawBody);
	if (!body.ok) return refuse(ctx, 400, body.reason);
	let events: WebhookEvent[];
	try {
		events = glue.parse(ctx, body.value, now);
	} catch (error) {
		if (error instanceof CRMWebhookError) return refuse(ctx, error.status, error.message);
		throw toNodeError(ctx.getNode(), error);
	}

	const options = ctx.getNodeParameter('options', {}) as Options;
	const memory = openMemory(
		ctx,
		{
			maxEntries: options.duplicateMemorySize ?? 1000,
			ttlMs: (options.duplicateWindowMinutes ?? 1440) * 60_000,
		},
		now,
	);
	if (
		verdict.replayKey &&
		!memory.keys.firstSeen(`replay:${verdict.replayKey}`, now, glue.replayTtlMs(ctx))
	) {
		memory.save();
		return refuse(ctx, 401, 'replayed request');
	}

	const wanted = events.filter(glue.accepts(ctx));
	// Answering after the workflow ran is a promise of at-least-once: a platform retry must run again.
	const perAttempt = ctx.getNodeParameter('responseMode', 'onReceived') === 'lastNode';
	const outcome =
		options.dropDuplicates === false
			? { fresh: wanted, repeatedInDelivery: 0, seenBefore: 0 }
			: dedupe(wanted, (event) => glue.keyOf(event, perAttempt), memory.keys, now);
	memory.save();

	if (outcome.fresh.length === 0) {
		return {
			webhookResponse: {
				received: events.length,
				started: 0,
				ignored: events.length - wanted.length,
				duplicates: outcome.repeatedInDelivery + outcome.seenBefore,
			},
		};
	}

	const fetchContact = platform === 'hubspot' && ctx.getNodeParameter('fetchContact', false) === true;
	const items = fetchContact
		? await withContacts(ctx, outcome.fresh, now)
		: outcome.fresh.map((event) => ({ ...event }) as IDataObject);
	return { workflowData: [ctx.helpers.returnJsonArray(items)] };
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
	if (raw.length === 0) return { ok: false, reason: 'malformed JSON: empty body' };
	try {
		return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
	} catch {
		return { ok: false, reason: 'malformed JSON' };
	}
}
