/**
 * Whether this trigger has handled a v3-signed HubSpot request. In Auto mode that makes v3 mandatory
 * from then on (see verifyHubSpotDelivery): an app that signs with v3 always does, so a request that
 * arrives with only v1/v2 is a captured one with its v3 headers removed. Kept in the workflow's static
 * data (it survives restarts and is shared by every process) and in this process.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import { ProcessCache } from '../process-cache';

export const V3_SEEN_KEY = 'hubspotV3SeenAt';

const CACHE = new ProcessCache<{ seen: boolean }>();

export function hubspotV3Seen(ctx: IWebhookFunctions): boolean {
	if (CACHE.get(ctx, () => ({ seen: false })).seen) return true;
	return typeof ctx.getWorkflowStaticData('node')[V3_SEEN_KEY] === 'number';
}

export function rememberHubSpotV3(ctx: IWebhookFunctions, now: number): void {
	CACHE.get(ctx, () => ({ seen: true })).seen = true;
	const staticData = ctx.getWorkflowStaticData('node');
	if (typeof staticData[V3_SEEN_KEY] !== 'number') staticData[V3_SEEN_KEY] = now;
}
