/**
 * HubSpot's webhooks v3 API for (legacy public) apps, under `/webhooks/v3/{appId}`: the app's one target
 * URL with its throttling, and its event subscriptions. index.ts authenticates these calls by developer
 * API key (developer-auth.ts) and counts them against the rate limits like every other call.
 */
import { isRecord, json, ReplyError, type Reply, type SandboxRequest } from '../http';
import { hubspotError, validationError } from './errors';
import { jsonObject } from './request';
import type { HubSpotState } from './state';
import { EVENT_TYPES, needsPropertyName } from './webhooks-event-types';
import type { Throttling } from './webhooks-state';

export interface WebhookRoute {
	method: string;
	pattern: RegExp;
	run(request: SandboxRequest, state: HubSpotState, ...params: string[]): Reply;
}

export const isWebhooksPath = (path: string): boolean => path.startsWith('/webhooks/');

const APP = '^/webhooks/v3/([^/]+)';
const SETTINGS = new RegExp(`${APP}/settings/?$`);
const SUBSCRIPTIONS = new RegExp(`${APP}/subscriptions/?$`);
const SUBSCRIPTION = new RegExp(`${APP}/subscriptions/([^/]+)/?$`);

// HubSpot's guide: the limit "must be a number greater than five"; whether 5 passes is unclear, so it does here.
const MIN_CONCURRENT = 5;
const PERIODS = ['SECONDLY', 'ROLLING_MINUTE'];

export const WEBHOOK_ROUTES: WebhookRoute[] = [
	{
		method: 'GET',
		pattern: SETTINGS,
		run: (_request, state, appId) => getSettings(state, knownApp(state, appId)),
	},
	{
		method: 'PUT',
		pattern: SETTINGS,
		run: (request, state, appId) => putSettings(request, state, knownApp(state, appId)),
	},
	{
		method: 'DELETE',
		pattern: SETTINGS,
		run: (_request, state, appId) => deleteSettings(state, knownApp(state, appId)),
	},
	{
		method: 'GET',
		pattern: SUBSCRIPTIONS,
		run: (_request, state, appId) =>
			json(200, { results: state.webhooks.subscriptions(knownApp(state, appId)) }),
	},
	{
		method: 'POST',
		pattern: SUBSCRIPTIONS,
		run: (request, state, appId) => createSubscription(request, state, knownApp(state, appId)),
	},
	{
		method: 'GET',
		pattern: SUBSCRIPTION,
		run: (_request, state, appId, id) => {
			const found = state.webhooks.subscription(knownApp(state, appId), id);
			return found ? json(200, found) : subscriptionNotFound(id);
		},
	},
	{
		method: 'PATCH',
		pattern: SUBSCRIPTION,
		run: (request, state, appId, id) => patchSubscription(request, state, knownApp(state, appId), id),
	},
	{
		method: 'DELETE',
		pattern: SUBSCRIPTION,
		run: (_request, state, appId, id) =>
			state.webhooks.removeSubscription(knownApp(state, appId), id) ? json(204) : subscriptionNotFound(id),
	},
];

/** The developer account owns only the configured apps; any other id is a 404, as for a stranger's app. */
function knownApp(state: HubSpotState, appId: string): string {
	if (!state.config.appIds.includes(appId)) {
		throw new ReplyError(
			hubspotError(404, 'OBJECT_NOT_FOUND', `App ${appId} not found for this developer account`),
		);
	}
	return appId;
}

function getSettings(state: HubSpotState, appId: string): Reply {
	const settings = state.webhooks.settings(appId);
	return settings ? json(200, settings) : settingsNotFound(appId);
}

function putSettings(request: SandboxRequest, state: HubSpotState, appId: string): Reply {
	const body = jsonObject(request);
	const targetUrl = body.targetUrl;
	if (typeof targetUrl !== 'string' || !isHttpUrl(targetUrl)) {
		return validationError('targetUrl is required and must be an absolute http(s) URL');
	}
	return json(200, state.webhooks.putSettings(appId, { targetUrl, throttling: throttling(body.throttling) }));
}

function throttling(input: unknown): Throttling {
	if (!isRecord(input))
		throw new ReplyError(validationError('throttling is required: {maxConcurrentRequests}'));
	const max = input.maxConcurrentRequests;
	if (typeof max !== 'number' || !Number.isInteger(max) || max < MIN_CONCURRENT) {
		throw new ReplyError(
			validationError(`throttling.maxConcurrentRequests must be an integer of at least ${MIN_CONCURRENT}`),
		);
	}
	const period = input.period;
	if (period !== undefined && (typeof period !== 'string' || !PERIODS.includes(period))) {
		throw new ReplyError(validationError(`throttling.period must be one of ${PERIODS.join(', ')}`));
	}
	return { maxConcurrentRequests: max, ...(period === undefined ? {} : { period }) };
}

function deleteSettings(state: HubSpotState, appId: string): Reply {
	return state.webhooks.deleteSettings(appId) ? json(204) : settingsNotFound(appId);
}

function createSubscription(request: SandboxRequest, state: HubSpotState, appId: string): Reply {
	const body = jsonObject(request);
	const { eventType, active } = body;
	if (typeof eventType !== 'string' || !EVENT_TYPES.has(eventType)) {
		return validationError(
			`Invalid eventType ${JSON.stringify(eventType)}: not one of the values accepted for eventType`,
		);
	}
	const propertyName =
		body.propertyName === undefined || body.propertyName === null || body.propertyName === ''
			? undefined
			: body.propertyName;
	if (propertyName !== undefined && typeof propertyName !== 'string') {
		return validationError('propertyName must be a string');
	}
	if (needsPropertyName(eventType) && propertyName === undefined) {
		return validationError(`propertyName is required for ${eventType} subscriptions`);
	}
	if (!needsPropertyName(eventType) && propertyName !== undefined) {
		return validationError(`propertyName only applies to propertyChange subscriptions, not ${eventType}`);
	}
	if (active !== undefined && typeof active !== 'boolean') return validationError('active must be a boolean');
	// UNCONFIRMED how HubSpot words it; refusing a second identical subscription keeps duplicates visible.
	if (state.webhooks.sameAs(appId, eventType, propertyName)) {
		return hubspotError(
			409,
			'CONFLICT',
			`A subscription for ${eventType}${propertyName ? ` (${propertyName})` : ''} already exists`,
		);
	}
	// New subscriptions start paused unless the request says otherwise.
	return json(
		201,
		state.webhooks.addSubscription(appId, { eventType, propertyName, active: active === true }),
	);
}

function patchSubscription(request: SandboxRequest, state: HubSpotState, appId: string, id: string): Reply {
	const body = jsonObject(request);
	if (typeof body.active !== 'boolean') return validationError('active is required and must be a boolean');
	const updated = state.webhooks.setActive(appId, id, body.active);
	return updated ? json(200, updated) : subscriptionNotFound(id);
}

const settingsNotFound = (appId: string): Reply =>
	hubspotError(404, 'OBJECT_NOT_FOUND', `No webhook settings found for app ${appId}`);

const subscriptionNotFound = (id: string): Reply =>
	hubspotError(404, 'OBJECT_NOT_FOUND', `Failed to find subscriptions by id \`${id}\`.`);

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}
