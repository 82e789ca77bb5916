/** Apollo: no signature exists, so a secret token in the callback URL is the proof of origin. */
import { verifyToken } from '../../src/core/signatures';
import { parseApolloCallback } from '../../src/providers/apollo/webhooks';
import type { PlatformGlue } from './glue';

export const apolloGlue: PlatformGlue = {
	async verify(ctx, delivery) {
		const { secret } = await ctx.getCredentials<{ secret?: string }>('crmWebhookSecretApi');
		const parameter = String(ctx.getNodeParameter('urlParameterName', 'token')) || 'token';
		return verifyToken(delivery.query[parameter], secret ?? '');
	},

	parse: (_ctx, body, receivedAt) => parseApolloCallback(body, { verified: true, receivedAt }),

	accepts: () => () => true,

	keyOf: (event) => `apollo:${event.eventId}`,

	replayTtlMs: () => 0,
};
