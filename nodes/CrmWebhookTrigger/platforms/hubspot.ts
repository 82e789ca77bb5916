/** HubSpot: v1/v2/v3 signatures over the raw body and the public URL, subscription event arrays. */
import { payloadHash } from '../../src/core/dedupe';
import {
	DEFAULT_MAX_FUTURE_MS,
	HUBSPOT_V3_MAX_AGE_MS,
	verifyHubSpot,
	type HubSpotVersion,
} from '../../src/core/signatures';
import { HUBSPOT_VOLATILE_FIELDS, parseHubSpotDelivery } from '../../src/providers/hubspot/webhooks';
import { csv, NO_SECRET, type PlatformGlue } from './glue';

export const hubspotGlue: PlatformGlue = {
	async verify(ctx, delivery, now) {
		const { clientSecret } = await ctx.getCredentials<{ clientSecret?: string }>('crmHubSpotAppApi');
		if (!clientSecret) return NO_SECRET;
		const version = ctx.getNodeParameter('signatureVersion', 'auto') as HubSpotVersion | 'auto';
		return verifyHubSpot({ ...delivery, clientSecret, now }, version);
	},

	parse: (_ctx, body, receivedAt) => parseHubSpotDelivery(body, { verified: true, receivedAt }),

	accepts(ctx) {
		const events = ctx.getNodeParameter('hubspotEvents', []) as string[];
		const properties = csv(ctx.getNodeParameter('propertyNames', ''));
		return (event) => {
			if (!events.includes(event.rawType)) return false;
			if (event.rawType !== 'contact.propertyChange' || properties.length === 0) return true;
			return properties.includes(String((event.payload as { propertyName?: unknown }).propertyName));
		};
	},

	// A HubSpot retry repeats the event with attemptNumber + 1; eventId alone is not guaranteed unique.
	keyOf: (event, perAttempt) =>
		`hubspot:${payloadHash(event.payload, perAttempt ? [] : HUBSPOT_VOLATILE_FIELDS)}`,

	replayTtlMs: () => HUBSPOT_V3_MAX_AGE_MS + DEFAULT_MAX_FUTURE_MS,
};
