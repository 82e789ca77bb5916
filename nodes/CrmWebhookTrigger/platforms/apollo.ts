/** Apollo: no signature exists, so a secret token in the callback URL is the proof of origin. */
import { parseApolloEnrichmentCallback } from '../../../src/providers/apollo/callbacks';
import { verifyApolloCallback } from '../../../src/providers/apollo/webhooks';
import type { PlatformAdapter } from './adapter';

export const apolloAdapter: PlatformAdapter = {
	async verify(ctx, delivery) {
		const { secret } = await ctx.getCredentials<{ secret?: string }>('crmWebhookSecretApi');
		const parameter = String(ctx.getNodeParameter('urlParameterName', 'token'));
		return verifyApolloCallback(delivery.query, parameter, secret ?? '');
	},

	parse: (_ctx, body, receivedAt) => parseApolloEnrichmentCallback(body, { verified: true, receivedAt }),

	accepts: () => () => true,

	keyOf: (event) => `apollo:${event.eventId}`,

	replayTtlMs: () => 0,
};
