/**
 * HubSpot subscriptions lifecycle. Only a HubSpot app credential with a developer API key and app ID
 * gives the node anything to register: then activation points the app at this node's URL and
 * subscribes the chosen events, and deactivation removes exactly what activation created. Every
 * other case has nothing remote to manage, so these report that truthfully (the endpoint exists as
 * soon as n8n serves it) and log how the user wires the sender by hand.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import type { HttpClient } from '../../../src/core/http';
import { n8nClock } from '../../../src/n8n/clock';
import { toNodeError } from '../../../src/n8n/errors';
import { n8nTransport } from '../../../src/n8n/transport';
import {
	isRegistered,
	register,
	subscriptionClient,
	unregister,
	type Registration,
	type SubscriptionSpec,
} from '../../../src/providers/hubspot/subscriptions';
import { commaList } from '../comma-list';
import { publicUrl } from '../delivery';

interface AppCredentials {
	developerApiKey?: string;
	appId?: string;
	baseUrl?: string;
}

interface StoredRegistration extends Registration {
	appId: string;
}

interface Managed {
	http: HttpClient;
	appId: string;
}

async function managed(ctx: IHookFunctions): Promise<Managed | undefined> {
	if (ctx.getNodeParameter('platform', 'hubspot') !== 'hubspot') return undefined;
	const credentials = await ctx.getCredentials<AppCredentials>('crmHubSpotAppApi');
	if (!credentials.developerApiKey || !credentials.appId) return undefined;
	const http = subscriptionClient({
		transport: n8nTransport(ctx, 'crmHubSpotAppApi'),
		clock: n8nClock,
		baseUrl: credentials.baseUrl,
	});
	return { http, appId: String(credentials.appId).trim() };
}

export function wantedSubscriptions(events: string[], propertyNames: string[]): SubscriptionSpec[] {
	return events
		.filter((event) => event !== 'workflow.webhook')
		.flatMap((eventType) =>
			eventType === 'contact.propertyChange'
				? propertyNames.length > 0
					? propertyNames.map((propertyName) => ({ eventType, propertyName }))
					: [{ eventType }]
				: [{ eventType }],
		);
}

function wanted(ctx: IHookFunctions): SubscriptionSpec[] {
	return wantedSubscriptions(
		ctx.getNodeParameter('hubspotEvents', []) as string[],
		commaList(ctx.getNodeParameter('propertyNames', '')),
	);
}

function targetUrl(ctx: IHookFunctions): string {
	const base = String(ctx.getNodeParameter('publicBaseUrl', '')).trim();
	return publicUrl(ctx.getNodeWebhookUrl('default') ?? '', base);
}

function stored(ctx: IHookFunctions): StoredRegistration | undefined {
	const value = ctx.getWorkflowStaticData('node').hubspotRegistration as StoredRegistration | undefined;
	return value && typeof value.appId === 'string' && Array.isArray(value.createdIds) ? value : undefined;
}

function unmanagedNote(ctx: IHookFunctions): void {
	ctx.logger.info(
		'CRM Webhook Trigger: no subscriptions to manage for this platform or credential; configure the sender with the webhook URL shown in the node',
		{ node: ctx.getNode().name, url: ctx.getNodeWebhookUrl('default') },
	);
}

export async function subscriptionsExist(ctx: IHookFunctions): Promise<boolean> {
	const app = await managed(ctx);
	if (!app) {
		unmanagedNote(ctx);
		return true;
	}
	try {
		return await isRegistered(app.http, app.appId, targetUrl(ctx), wanted(ctx));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

export async function subscribe(ctx: IHookFunctions): Promise<boolean> {
	const app = await managed(ctx);
	if (!app) {
		unmanagedNote(ctx);
		return true;
	}
	const previous = stored(ctx);
	const ours = previous?.appId === app.appId ? previous : undefined;
	let registration: Registration;
	try {
		registration = await register(app.http, app.appId, targetUrl(ctx), wanted(ctx), ours?.targetUrl);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
	// A re-activation after the event list grew only creates the new subscriptions: keep the old ids too.
	const createdIds = [...new Set([...(ours?.createdIds ?? []), ...registration.createdIds])];
	const record: StoredRegistration = { appId: app.appId, targetUrl: registration.targetUrl, createdIds };
	ctx.getWorkflowStaticData('node').hubspotRegistration = record as unknown as IDataObject;
	return true;
}

export async function unsubscribe(ctx: IHookFunctions): Promise<boolean> {
	const registration = stored(ctx);
	const app = await managed(ctx);
	if (!app) {
		if (registration) {
			ctx.logger.warn(
				`CRM Webhook Trigger: the credential no longer has a developer API key and app ID, so the subscriptions it created in HubSpot app ${registration.appId} stay; remove them in HubSpot`,
				{ node: ctx.getNode().name },
			);
		}
		return true;
	}
	if (!registration) return true;
	try {
		await unregister(app.http, registration.appId, registration);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
	delete ctx.getWorkflowStaticData('node').hubspotRegistration;
	return true;
}
