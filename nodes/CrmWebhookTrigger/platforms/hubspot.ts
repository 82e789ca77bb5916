/** HubSpot: v1/v2/v3 signatures over the raw body and the public URL, subscription event arrays. */
import { payloadHash } from '../../../src/core/dedupe';
import {
	HUBSPOT_REPLAY_TTL_MS,
	HUBSPOT_VOLATILE_FIELDS,
	parseHubSpotDelivery,
	verifyHubSpotDelivery,
	type HubSpotSignatureMode,
} from '../../../src/providers/hubspot/webhooks';
import { commaList } from '../comma-list';
import { hubspotV3Seen, rememberHubSpotV3 } from '../hubspot/v3-seen';
import { NO_SECRET, type PlatformAdapter } from './adapter';

export const hubspotAdapter: PlatformAdapter = {
	async verify(ctx, delivery, now) {
		const { clientSecret } = await ctx.getCredentials<{ clientSecret?: string }>('crmHubSpotAppApi');
		if (!clientSecret) return NO_SECRET;
		// The fallback only serves contexts without the node's description; n8n fills in the default.
		const mode = ctx.getNodeParameter('signatureVersion', 'v3') as HubSpotSignatureMode;
		return verifyHubSpotDelivery({ ...delivery, clientSecret, now }, mode, hubspotV3Seen(ctx));
	},

	parse: (_ctx, body, receivedAt) => parseHubSpotDelivery(body, { verified: true, receivedAt }),

	accepts(ctx) {
		const events = ctx.getNodeParameter('hubspotEvents', []) as string[];
		const properties = commaList(ctx.getNodeParameter('propertyNames', ''));
		return (event) => {
			if (!events.includes(event.rawType)) return false;
			if (event.rawType !== 'contact.propertyChange' || properties.length === 0) return true;
			return properties.includes(String((event.payload as { propertyName?: unknown }).propertyName));
		};
	},

	// A HubSpot retry repeats the event with attemptNumber + 1; eventId alone is not guaranteed unique.
	keyOf: (event, perAttempt) =>
		`hubspot:${payloadHash(event.payload, perAttempt ? [] : HUBSPOT_VOLATILE_FIELDS)}`,

	replayTtlMs: () => HUBSPOT_REPLAY_TTL_MS,

	handled(ctx, verdict, now) {
		if (verdict.version === 'v3') rememberHubSpotV3(ctx, now);
	},
};
