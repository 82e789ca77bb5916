/**
 * One webhook request, start to finish, the same for every platform:
 * authenticate (401) → parse (400) → replay (401) → filter → dedupe → build items → record.
 * Nothing is recorded before the items are built: when building throws (a credential or parameter
 * that cannot be read, a contact read that fails hard), n8n answers 500 and the sender retries, and
 * that retry must find neither its events nor its signature remembered.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { dedupe } from '../../src/core/dedupe';
import { CRMWebhookError } from '../../src/core/errors';
import type { WebhookEvent } from '../../src/core/models';
import type { Source } from '../../src/core/platforms';
import { n8nClock } from '../../src/n8n/clock';
import { toNodeError } from '../../src/n8n/errors';
import { readDelivery } from './delivery';
import { withContacts } from './hubspot/fetch-contacts';
import { withLeads } from './linkedin/fetch-leads';
import { ADAPTERS } from './platforms';
import { answerChallenge } from './platforms/linkedin';
import { refuse } from './refuse';
import { openSeenEvents } from './seen-events';
import { openSeenSignatures } from './seen-signatures';

interface Options {
	dropDuplicates?: boolean;
	duplicateWindowMinutes?: number;
	duplicateMemorySize?: number;
}

export async function handleRequest(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const platform = ctx.getNodeParameter('platform', 'hubspot') as Source;
	if (ctx.getWebhookName() === 'setup') {
		return platform === 'linkedin'
			? await answerChallenge(ctx)
			: refuse(ctx, 405, 'GET is only used for LinkedIn validation');
	}
	const adapter = ADAPTERS[platform];
	const now = n8nClock.now();

	// Authenticate the raw bytes before reading anything else of the request.
	const delivery = await readDelivery(ctx);
	const verdict = await adapter.verify(ctx, delivery, now);
	if (!verdict.ok) return refuse(ctx, 401, verdict.reason);

	const body = parseJson(delivery.rawBody);
	if (!body.ok) return refuse(ctx, 400, body.reason);
	let events: WebhookEvent[];
	try {
		events = adapter.parse(ctx, body.value, now);
	} catch (error) {
		if (error instanceof CRMWebhookError) return refuse(ctx, error.status, error.message);
		throw toNodeError(ctx.getNode(), error);
	}

	const signatures = openSeenSignatures(ctx, now);
	const replayKey = verdict.replayKey;
	if (replayKey && !signatures.reserve(replayKey, now, adapter.replayTtlMs(ctx))) {
		return refuse(ctx, 401, 'replayed request');
	}

	try {
		const options = ctx.getNodeParameter('options', {}) as Options;
		const seen = openSeenEvents(
			ctx,
			{
				maxEntries: options.duplicateMemorySize ?? 1000,
				ttlMs: (options.duplicateWindowMinutes ?? 1440) * 60_000,
			},
			now,
		);
		const wanted = events.filter(adapter.accepts(ctx));
		// Answering after the workflow ran is a promise of at-least-once: a platform retry must run again.
		const perAttempt = ctx.getNodeParameter('responseMode', 'onReceived') === 'lastNode';
		const outcome =
			options.dropDuplicates === false
				? { fresh: wanted, repeatedInDelivery: 0, seenBefore: 0, keys: [] }
				: dedupe(wanted, (event) => adapter.keyOf(event, perAttempt), seen.keys, now);

		const items = outcome.fresh.length > 0 ? await buildItems(ctx, platform, outcome.fresh, now) : [];

		seen.remember(outcome.keys, now);
		if (replayKey) signatures.persist();
		adapter.handled?.(ctx, verdict, now);

		if (items.length === 0) {
			return {
				webhookResponse: {
					received: events.length,
					started: 0,
					ignored: events.length - wanted.length,
					duplicates: outcome.repeatedInDelivery + outcome.seenBefore,
				},
			};
		}
		return { workflowData: [ctx.helpers.returnJsonArray(items)] };
	} catch (error) {
		if (replayKey) signatures.release(replayKey);
		throw toNodeError(ctx.getNode(), error);
	}
}

async function buildItems(
	ctx: IWebhookFunctions,
	platform: Source,
	events: WebhookEvent[],
	now: number,
): Promise<IDataObject[]> {
	if (platform === 'hubspot' && ctx.getNodeParameter('fetchContact', false) === true) {
		return await withContacts(ctx, events, now);
	}
	if (platform === 'linkedin' && ctx.getNodeParameter('fetchLead', false) === true) {
		return await withLeads(ctx, events, now);
	}
	return events.map((event) => ({ ...event }) as IDataObject);
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
	if (raw.length === 0) return { ok: false, reason: 'malformed JSON: empty body' };
	try {
		return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
	} catch {
		return { ok: false, reason: 'malformed JSON' };
	}
}
