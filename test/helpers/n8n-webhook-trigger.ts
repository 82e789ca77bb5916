/**
 * Fixtures shared by the CRM Webhook Trigger's tests: test credentials, a harness factory that gives
 * every trigger its own workflow id (the node keeps per-process state per workflow node), HubSpot
 * events and v3 signing, and the shape of a refusal.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { CrmWebhookTrigger } from '../../nodes/CrmWebhookTrigger/CrmWebhookTrigger.node';
import { TriggerHarness, type WebhookOutcome } from './n8n-webhook';
import type { CredentialData } from './n8n-webhook-credentials';
import { hubspotV3 } from './signers';

export const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
export const LI_SECRET = 'linkedin-client-secret';
export const SHARED = 'generic-secret-0123456789';
export const PUBLIC = 'https://n8n.example.com/webhook/abc/webhook';
export const TS = 1_700_000_000_000;

export function testCredentials(): Record<string, CredentialData> {
	return {
		crmHubSpotAppApi: { clientSecret: SECRET },
		crmLinkedInOAuth2Api: { clientId: 'li-client', clientSecret: LI_SECRET },
		crmWebhookSecretApi: { secret: SHARED },
		crmHubSpotAppTokenApi: { accessToken: 'pat-test-not-a-token', baseUrl: 'https://api.hubapi.com' },
	};
}

export interface TriggerOptions {
	typeVersion?: number;
	credentials?: Record<string, CredentialData>;
	workflowId?: string;
	staticData?: IDataObject;
	webhookBaseUrl?: string;
}

let workflowSeq = 0;

/** A fresh trigger (its own workflow) with the given parameters; HubSpot unless `platform` says otherwise. */
export function trigger(parameters: INodeParameters = {}, options: TriggerOptions = {}): TriggerHarness {
	return new TriggerHarness(new CrmWebhookTrigger(), {
		parameters: { platform: 'hubspot', ...parameters },
		typeVersion: options.typeVersion,
		credentials: options.credentials ?? testCredentials(),
		workflowId: options.workflowId ?? `wf-${process.pid}-${++workflowSeq}`,
		staticData: options.staticData,
		webhookBaseUrl: options.webhookBaseUrl,
	});
}

/** HubSpot v3 headers for a POST of `body` to the public URL at `timestamp`. */
export function sign(body: string, timestamp: number, url = PUBLIC, secret = SECRET): Record<string, string> {
	return hubspotV3(secret, { url, body, timestamp });
}

export function hubspotEvent(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventId: 1000 + i,
		subscriptionId: 7,
		portalId: 62515,
		appId: 54321,
		occurredAt: TS - 1000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 500 + i,
		...extra,
	};
}

export function expectRefused(outcome: WebhookOutcome, status: number, reason: string): void {
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.status).toBe(status);
	expect(outcome.sent).toEqual({ error: reason });
	expect(outcome.items).toEqual([]);
}
