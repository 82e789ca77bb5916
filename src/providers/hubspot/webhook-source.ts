/**
 * HubSpot's webhooks as a provider capability: the verify and parse functions of ./webhooks.ts behind the
 * core's WebhookSource shape, so code that holds a HubSpot provider reaches them the same way as on any
 * other platform.
 */
import type { WebhookSource } from '../../core/capabilities/webhooks';
import { parseHubSpotDelivery, verifyHubSpotDelivery, type HubSpotSignatureMode } from './webhooks';

export interface HubSpotWebhookSettings {
	/** The app's client secret. */
	clientSecret: string;
	mode: HubSpotSignatureMode;
	/** Whether this receiver has already accepted a v3-signed request (then v1/v2 alone is a downgrade). */
	v3Seen: boolean;
}

export const hubspotWebhookSource: WebhookSource<HubSpotWebhookSettings> = {
	verifyWebhookSignature: (request, { clientSecret, mode, v3Seen }) =>
		verifyHubSpotDelivery({ ...request, clientSecret, now: request.receivedAt }, mode, v3Seen),
	handleWebhook: parseHubSpotDelivery,
};
