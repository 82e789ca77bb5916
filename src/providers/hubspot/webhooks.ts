/**
 * HubSpot webhooks: which signature a request must carry (verifyHubSpotDelivery), then the verified
 * delivery → normalized WebhookEvents, one per event. Subscription deliveries are JSON arrays (up to
 * 100 events); a workflow "Send a webhook" action posts one object, kept as one event of type
 * 'unknown'. Anything else is a malformed body (400): HubSpot will not send it.
 */
import { CRMWebhookError } from '../../core/errors';
import { payloadHash } from '../../core/dedupe';
import type { WebhookEvent, WebhookEventType } from '../../core/models';
import {
	DEFAULT_MAX_FUTURE_MS,
	headerValue,
	HUBSPOT_V3_MAX_AGE_MS,
	verifyHubSpot,
	type HubSpotRequest,
	type HubSpotVersion,
	type VerifyResult,
} from '../../core/signatures';

export type HubSpotSignatureMode = HubSpotVersion | 'auto';

/** How long an accepted v3 signature stays refusable as a replay: its whole freshness window. */
export const HUBSPOT_REPLAY_TTL_MS = HUBSPOT_V3_MAX_AGE_MS + DEFAULT_MAX_FUTURE_MS;

export const HUBSPOT_REFUSALS = {
	/** A v3 timestamp without its signature: someone removed the v3 signature from the request. */
	partialV3: 'v3 signature missing although the request carries X-HubSpot-Request-Timestamp',
	/** v1/v2 only, after this receiver has seen the sender sign with v3. */
	downgrade: 'v1/v2 signature refused: this trigger has received v3-signed requests',
} as const;

/**
 * HubSpot signs every app webhook with v3 and also with v1/v2, and only v3 covers a timestamp. So a
 * captured request with the v3 headers removed still verifies as v1, replayable for days. `auto`
 * therefore accepts v1/v2 only from a sender not known to sign with v3: never when the request still
 * carries the v3 timestamp (a partial strip), and never once `v3Seen` (the caller remembers having
 * accepted a v3 request). A pinned version is checked as it is.
 */
export function verifyHubSpotDelivery(
	request: HubSpotRequest,
	mode: HubSpotSignatureMode,
	v3Seen: boolean,
): VerifyResult {
	if (mode === 'auto' && headerValue(request.headers, 'x-hubspot-signature-v3') === undefined) {
		if (headerValue(request.headers, 'x-hubspot-request-timestamp') !== undefined)
			return { ok: false, reason: HUBSPOT_REFUSALS.partialV3 };
		// With no signature at all, "missing signature header" (below) says more than "downgrade".
		if (v3Seen && headerValue(request.headers, 'x-hubspot-signature') !== undefined)
			return { ok: false, reason: HUBSPOT_REFUSALS.downgrade };
	}
	return verifyHubSpot(request, mode);
}

export interface HubSpotSubscriptionEvent {
	eventId?: number | string;
	subscriptionId?: number;
	portalId?: number;
	appId?: number;
	occurredAt: number;
	subscriptionType: string;
	attemptNumber?: number;
	objectId?: number | string;
	propertyName?: string;
	propertyValue?: string;
	changeSource?: string;
	changeFlag?: string;
	sourceId?: string;
	primaryObjectId?: number | string;
	mergedObjectIds?: Array<number | string>;
	newObjectId?: number | string;
	fromObjectId?: number | string;
	toObjectId?: number | string;
	associationType?: string;
}

/** The part after `contact.` in a subscription type → our normalized type. */
const CONTACT_TYPES: Record<string, WebhookEventType> = {
	creation: 'contact.created',
	propertyChange: 'contact.updated',
	deletion: 'contact.deleted',
	merge: 'contact.merged',
	restore: 'contact.restored',
	associationChange: 'contact.associationChanged',
	privacyDeletion: 'contact.privacyDeleted',
};

/** Fields that differ between deliveries of one event; left out of its identity. */
export const HUBSPOT_VOLATILE_FIELDS = ['attemptNumber'] as const;

export function hubspotEventType(subscriptionType: string): WebhookEventType {
	const [object, action] = subscriptionType.split('.', 2);
	return (object === 'contact' && CONTACT_TYPES[action]) || 'unknown';
}

export interface ParseOptions {
	/** Whether the caller checked the signature (it is copied onto every event). */
	verified: boolean;
	/** When the delivery arrived (ms); the time of events that carry none of their own. */
	receivedAt: number;
}

export function parseHubSpotDelivery(body: unknown, options: ParseOptions): WebhookEvent[] {
	const { verified } = options;
	if (Array.isArray(body)) return body.map((entry, index) => parseSubscriptionEvent(entry, index, verified));
	if (isObject(body)) {
		if (typeof body.subscriptionType === 'string') return [parseSubscriptionEvent(body, 0, verified)];
		return [parseWorkflowWebhook(body, options)];
	}
	throw malformed('expected a JSON array of events');
}

function parseSubscriptionEvent(entry: unknown, index: number, verified: boolean): WebhookEvent {
	if (!isObject(entry)) throw malformed(`event ${index} is not an object`);
	const event = entry as Partial<HubSpotSubscriptionEvent>;
	if (typeof event.subscriptionType !== 'string' || event.subscriptionType === '') {
		throw malformed(`event ${index} has no subscriptionType`);
	}
	const occurredAt = isoFromMs(event.occurredAt);
	if (!occurredAt) throw malformed(`event ${index} has no valid occurredAt`);
	const type = hubspotEventType(event.subscriptionType);
	return {
		platform: 'hubspot',
		type,
		rawType: event.subscriptionType,
		eventId: idText(event.eventId) ?? payloadHash(entry, HUBSPOT_VOLATILE_FIELDS),
		objectId: idText(objectIdOf(event, type)),
		occurredAt,
		attempt: isCount(event.attemptNumber) ? event.attemptNumber : undefined,
		verified,
		payload: entry,
	};
}

/** Which record an event is about: a merge names the surviving record, an association its source. */
function objectIdOf(event: Partial<HubSpotSubscriptionEvent>, type: WebhookEventType): unknown {
	if (type === 'contact.merged') return event.primaryObjectId ?? event.objectId;
	if (type === 'contact.associationChanged') return event.objectId ?? event.fromObjectId;
	return event.objectId;
}

function parseWorkflowWebhook(
	body: Record<string, unknown>,
	{ verified, receivedAt }: ParseOptions,
): WebhookEvent {
	const properties = isObject(body.properties) ? body.properties : {};
	const objectId = body.objectId ?? body.hs_object_id ?? body.vid ?? propertyValue(properties.hs_object_id);
	return {
		platform: 'hubspot',
		type: 'unknown',
		rawType: 'workflow.webhook',
		eventId: payloadHash(body),
		objectId: idText(objectId),
		occurredAt: isoFromMs(body.occurredAt) ?? new Date(receivedAt).toISOString(),
		verified,
		payload: body,
	};
}

/** Legacy contact JSON wraps values as {value: ...}. */
function propertyValue(value: unknown): unknown {
	return isObject(value) ? value.value : value;
}

function isoFromMs(value: unknown): string | undefined {
	const ms = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return undefined;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function idText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value !== '') return value;
	return undefined;
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string): CRMWebhookError {
	return new CRMWebhookError(`Malformed HubSpot delivery: ${detail}`, { platform: 'hubspot', status: 400 });
}
