/**
 * HubSpot webhooks v3 API for a (legacy public) app: where the app sends its webhooks and which events
 * it subscribes to. Authenticated with the developer API key (`hapikey`), which the transport adds;
 * these functions never see it. An app has exactly one target URL, so registering refuses to take
 * over a URL that points somewhere else instead of silently breaking another listener.
 */
import { CRMException, CRMValidationError } from '../../core/errors';
import { HttpClient, type Clock, type Transport } from '../../core/http';
import { hubspotDialect } from './dialect';

export interface WebhookSettings {
	targetUrl?: string;
	throttling?: { maxConcurrentRequests?: number; period?: string };
}

export interface Subscription {
	id: string;
	eventType: string;
	propertyName?: string;
	active: boolean;
}

export interface SubscriptionSpec {
	eventType: string;
	/** Required by HubSpot for propertyChange subscriptions. */
	propertyName?: string;
}

export interface Registration {
	targetUrl: string;
	/** Subscriptions this registration created, so removal touches nothing else. */
	createdIds: string[];
}

/** HubSpot's ceiling for concurrent deliveries to one app. */
const MAX_CONCURRENT = 10;

export function subscriptionClient(options: {
	transport: Transport;
	clock: Clock;
	baseUrl?: string;
}): HttpClient {
	return new HttpClient({
		baseUrl: options.baseUrl || 'https://api.hubapi.com',
		transport: options.transport,
		clock: options.clock,
		dialect: hubspotDialect,
		// Activation waits on these calls: fail in seconds, not after a minute of backoff.
		retry: { maxRetries: 2, maxDelayMs: 2_000 },
	});
}

const base = (appId: string): string => `/webhooks/v3/${encodeURIComponent(requireAppId(appId))}`;

export async function getSettings(http: HttpClient, appId: string): Promise<WebhookSettings | undefined> {
	const response = await http.request({ method: 'GET', path: `${base(appId)}/settings`, accept: [404] });
	return response.status === 404 ? undefined : (response.body as WebhookSettings);
}

export async function putSettings(http: HttpClient, appId: string, targetUrl: string): Promise<void> {
	await http.request({
		method: 'PUT',
		path: `${base(appId)}/settings`,
		body: { targetUrl, throttling: { maxConcurrentRequests: MAX_CONCURRENT } },
	});
}

export async function deleteSettings(http: HttpClient, appId: string): Promise<void> {
	await http.request({ method: 'DELETE', path: `${base(appId)}/settings`, accept: [404] });
}

export async function listSubscriptions(http: HttpClient, appId: string): Promise<Subscription[]> {
	const response = await http.request({ method: 'GET', path: `${base(appId)}/subscriptions` });
	const results = (response.body as { results?: unknown[] } | undefined)?.results ?? [];
	return results.filter(isObject).map((entry) => ({
		id: String(entry.id),
		eventType: String(entry.eventType),
		propertyName:
			typeof entry.propertyName === 'string' && entry.propertyName !== '' ? entry.propertyName : undefined,
		active: entry.active === true,
	}));
}

export async function createSubscription(
	http: HttpClient,
	appId: string,
	spec: SubscriptionSpec,
): Promise<Subscription> {
	const response = await http.request({
		method: 'POST',
		path: `${base(appId)}/subscriptions`,
		// New subscriptions start paused unless asked otherwise.
		body: {
			eventType: spec.eventType,
			...(spec.propertyName ? { propertyName: spec.propertyName } : {}),
			active: true,
		},
		// A lost answer to a create: look before sending it again, so no duplicate subscription appears.
		recover: async () => {
			const found = (await listSubscriptions(http, appId)).find((sub) => sameSpec(sub, spec));
			return found ? { status: 201, headers: {}, body: found } : 'resend';
		},
	});
	const body = response.body as { id?: unknown; active?: unknown };
	return {
		id: String(body.id),
		eventType: spec.eventType,
		propertyName: spec.propertyName,
		active: body.active !== false,
	};
}

export async function activateSubscription(http: HttpClient, appId: string, id: string): Promise<void> {
	await http.request({
		method: 'PATCH',
		path: `${base(appId)}/subscriptions/${encodeURIComponent(id)}`,
		body: { active: true },
		idempotent: true,
	});
}

export async function deleteSubscription(http: HttpClient, appId: string, id: string): Promise<void> {
	await http.request({
		method: 'DELETE',
		path: `${base(appId)}/subscriptions/${encodeURIComponent(id)}`,
		accept: [404],
	});
}

const sameSpec = (a: SubscriptionSpec, b: SubscriptionSpec): boolean =>
	a.eventType === b.eventType && (a.propertyName ?? '') === (b.propertyName ?? '');

/** Whether the app already sends the wanted events to this URL. */
export async function isRegistered(
	http: HttpClient,
	appId: string,
	targetUrl: string,
	wanted: SubscriptionSpec[],
): Promise<boolean> {
	const settings = await getSettings(http, appId);
	if (settings?.targetUrl !== targetUrl) return false;
	const existing = await listSubscriptions(http, appId);
	return wanted.every((spec) => existing.some((sub) => sub.active && sameSpec(sub, spec)));
}

/**
 * Points the app at `targetUrl` and makes sure every wanted subscription exists and is active.
 * On a failure half-way, the subscriptions created so far are removed again before the error is
 * rethrown, so a failed activation leaves the app as it was (apart from the target URL).
 * `previousTarget` is a URL this node registered itself earlier: the app may move on from that one
 * (n8n's public URL changed between runs), unlike from a URL someone else set.
 */
export async function register(
	http: HttpClient,
	appId: string,
	targetUrl: string,
	wanted: SubscriptionSpec[],
	previousTarget?: string,
): Promise<Registration> {
	if (wanted.length === 0)
		throw new CRMValidationError('Choose at least one HubSpot event to subscribe to', {
			platform: 'hubspot',
		});
	for (const spec of wanted) {
		if (spec.eventType.endsWith('.propertyChange') && !spec.propertyName) {
			throw new CRMValidationError(`HubSpot needs a property name for ${spec.eventType} subscriptions`, {
				platform: 'hubspot',
			});
		}
	}
	const settings = await getSettings(http, appId);
	if (settings?.targetUrl && settings.targetUrl !== targetUrl && settings.targetUrl !== previousTarget) {
		throw new CRMValidationError(
			`HubSpot app ${appId} already sends its webhooks to another URL; clear the target URL in the app's webhook settings first (an app has only one)`,
			{ platform: 'hubspot', description: `Current target: ${settings.targetUrl}` },
		);
	}
	if (settings?.targetUrl !== targetUrl) await putSettings(http, appId, targetUrl);

	const existing = await listSubscriptions(http, appId);
	const createdIds: string[] = [];
	let failed = false;
	let failure: unknown;
	try {
		for (const spec of wanted) {
			const match = existing.find((sub) => sameSpec(sub, spec));
			if (!match) createdIds.push((await createSubscription(http, appId, spec)).id);
			else if (!match.active) await activateSubscription(http, appId, match.id);
		}
	} catch (error) {
		failed = true;
		failure = error;
	}
	if (failed) {
		const cleanup = await unregister(http, appId, { targetUrl, createdIds }, false).then(
			() => undefined,
			(error: unknown) => error ?? 'unknown error',
		);
		if (cleanup !== undefined) {
			throw new CRMException(
				`${messageOf(failure)}; removing the subscriptions created so far also failed: ${messageOf(cleanup)}`,
				{
					platform: 'hubspot',
					cause: failure,
				},
			);
		}
		throw failure;
	}
	return { targetUrl, createdIds };
}

/** Removes what `register` created and, when the app still points at our URL, the target URL too. */
export async function unregister(
	http: HttpClient,
	appId: string,
	registration: Registration,
	clearTarget = true,
): Promise<void> {
	for (const id of registration.createdIds) await deleteSubscription(http, appId, id);
	if (!clearTarget) return;
	const settings = await getSettings(http, appId);
	if (settings?.targetUrl === registration.targetUrl) await deleteSettings(http, appId);
}

function requireAppId(appId: string): string {
	if (!/^\d+$/.test(appId.trim()))
		throw new CRMValidationError('The HubSpot app ID must be a number', { platform: 'hubspot' });
	return appId.trim();
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
