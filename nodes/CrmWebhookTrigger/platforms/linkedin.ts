/** LinkedIn: the GET validation challenge, X-LI-Signature on notifications, lead actions. */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	answerLinkedInChallenge,
	parseLinkedInNotification,
	verifyLinkedInNotification,
} from '../../../src/providers/linkedin/webhooks';
import { refuse } from '../refuse';
import { NO_SECRET, NO_SECRET_REASON, type PlatformAdapter } from './adapter';

async function clientSecret(ctx: IWebhookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials<{ clientSecret?: string }>('crmLinkedInOAuth2Api');
	return credentials.clientSecret ?? '';
}

export const linkedinAdapter: PlatformAdapter = {
	async verify(ctx, delivery) {
		const secret = await clientSecret(ctx);
		if (!secret) return NO_SECRET;
		return verifyLinkedInNotification({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			clientSecret: secret,
		});
	},

	parse: (_ctx, body, receivedAt) => parseLinkedInNotification(body, { verified: true, receivedAt }),

	accepts(ctx) {
		const wanted = ctx.getNodeParameter('linkedinEvents', []) as string[];
		return (event) => wanted.includes(event.type);
	},

	// The event id names the lead response and the action: what a repeated notification shares.
	keyOf: (event) => `linkedin:${event.eventId}`,

	replayTtlMs: () => 0,
};

/**
 * Answers `GET ?challengeCode=<uuid>` with 200 JSON and starts nothing (LinkedIn re-validates every 2
 * hours). Any other code gets 400 and no MAC: see answerLinkedInChallenge.
 */
export async function answerChallenge(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const query = ctx.getQueryData() as Record<string, unknown>;
	const code = query.challengeCode;
	if (typeof code !== 'string' || code === '') return refuse(ctx, 400, 'missing challengeCode');
	const secret = await clientSecret(ctx);
	if (!secret) return refuse(ctx, 401, NO_SECRET_REASON);
	const answer = answerLinkedInChallenge(code, secret);
	if (!answer.ok) return refuse(ctx, 400, answer.reason);
	return { webhookResponse: answer.body };
}
