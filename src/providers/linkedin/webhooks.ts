/**
 * A verified LinkedIn lead notification → WebhookEvents. LinkedIn posts one notification per lead
 * action ({type: "LEAD_ACTION", leadGenFormResponse, leadAction: CREATED | DELETED, occurredAt, ...});
 * an array of them is accepted too. Notifications may repeat, so the event id names the lead
 * response and the action, which is what a repeat shares.
 */
import { CRMWebhookError } from '../../core/errors';
import { payloadHash } from '../../core/dedupe';
import type { WebhookEvent, WebhookEventType } from '../../core/models';

export interface LinkedInLeadNotification {
	type?: string;
	leadGenFormResponse?: string;
	leadGenForm?: string;
	owner?: unknown;
	associatedEntity?: unknown;
	leadType?: string;
	leadAction?: string;
	occurredAt?: number;
}

const ACTIONS: Record<string, WebhookEventType> = {
	CREATED: 'lead.created',
	DELETED: 'lead.deleted',
};

export interface LinkedInParseOptions {
	verified: boolean;
	/** When the notification arrived (ms), used when it carries no occurredAt. */
	receivedAt: number;
}

export function parseLinkedInNotification(body: unknown, options: LinkedInParseOptions): WebhookEvent[] {
	const entries = Array.isArray(body) ? body : [body];
	return entries.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new CRMWebhookError(`Malformed LinkedIn notification: entry ${index} is not an object`, {
				platform: 'linkedin',
				status: 400,
			});
		}
		return toEvent(entry as LinkedInLeadNotification, options);
	});
}

function toEvent(
	notification: LinkedInLeadNotification,
	{ verified, receivedAt }: LinkedInParseOptions,
): WebhookEvent {
	const action =
		typeof notification.leadAction === 'string' ? notification.leadAction.toUpperCase() : undefined;
	const kind = typeof notification.type === 'string' ? notification.type : 'LEAD_ACTION';
	const response =
		typeof notification.leadGenFormResponse === 'string' ? notification.leadGenFormResponse : undefined;
	const occurred =
		typeof notification.occurredAt === 'number' &&
		Number.isFinite(notification.occurredAt) &&
		notification.occurredAt >= 0
			? notification.occurredAt
			: receivedAt;
	return {
		platform: 'linkedin',
		type: (action && ACTIONS[action]) || 'unknown',
		rawType: action ? `${kind}.${action}` : kind,
		eventId: response && action ? `${response}#${action}` : payloadHash(notification),
		objectId: response,
		occurredAt: new Date(occurred).toISOString(),
		verified,
		payload: notification,
	};
}
