/**
 * LinkedIn webhooks: the validation challenge, X-LI-Signature, and a verified lead notification →
 * WebhookEvents. LinkedIn posts one notification per lead
 * action ({type: "LEAD_ACTION", leadGenFormResponse, leadAction: CREATED | DELETED, occurredAt, ...});
 * an array of them is accepted too. Notifications may repeat, so the event id names the lead
 * response and the action, which is what a repeat shares.
 */
import { CRMWebhookError } from '../../core/errors';
import { payloadHash } from '../../core/dedupe';
import type { WebhookEvent, WebhookEventType } from '../../core/models';
import {
	isLinkedInChallengeCode,
	linkedInChallengeResponse,
	verifyLinkedIn,
	type HeaderBag,
	type VerifyResult,
} from '../../core/signatures';

export const LINKEDIN_REFUSALS = {
	missingChallenge: 'missing challengeCode',
	badChallenge: 'challengeCode is not a LinkedIn challenge code (a UUID)',
} as const;

export type ChallengeAnswer =
	| { ok: true; body: { challengeCode: string; challengeResponse: string } }
	| { ok: false; reason: string };

/**
 * The answer to `GET ?challengeCode=…`: HMAC-SHA256(client secret, code), the very MAC X-LI-Signature
 * uses. Answering any text would make this a signing oracle: ask for the MAC of a JSON lead, then
 * POST that lead with it. Only UUID-shaped codes get an answer.
 */
export function answerLinkedInChallenge(challengeCode: unknown, clientSecret: string): ChallengeAnswer {
	if (typeof challengeCode !== 'string' || challengeCode === '')
		return { ok: false, reason: LINKEDIN_REFUSALS.missingChallenge };
	if (!isLinkedInChallengeCode(challengeCode)) return { ok: false, reason: LINKEDIN_REFUSALS.badChallenge };
	return {
		ok: true,
		body: { challengeCode, challengeResponse: linkedInChallengeResponse(challengeCode, clientSecret) },
	};
}

/**
 * X-LI-Signature over a notification. Both readings of LinkedIn's documentation stay accepted (the
 * MAC over `hmacsha256=` + body, and over the body alone), and neither can be forged through the
 * challenge answer: that answer is now only ever a MAC over a UUID, and a UUID is neither a JSON
 * object (so never a body this node parses) nor text starting with `hmacsha256=` (so never the
 * prefixed message of any body).
 */
export function verifyLinkedInNotification(request: {
	rawBody: Buffer;
	headers: HeaderBag;
	clientSecret: string;
}): VerifyResult {
	return verifyLinkedIn(request);
}

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
