/**
 * Lead notification subscriptions: `POST /rest/leadNotifications` (201, id in `x-restli-id`),
 * `GET /rest/leadNotifications?q=criteria&owner=(…)[&leadType=(leadType:…)]`, `GET|DELETE /rest/leadNotifications/{id}`.
 * A subscription belongs to the app whose token created it.
 */
import { isRecord, json, parseJsonBody, ReplyError, type Reply } from '../http';
import { badRequest, notFound, unprocessable, type InputError } from './errors';
import type { Subscription } from './notifications';
import { checkOwner, ownerParam, toOwner } from './owner';
import { collection, pageParams, recordParam } from './restli';
import type { Route, RouteContext } from './route';
import { LEAD_TYPES, type LeadType } from './world';

const LEADGEN = 'r_marketing_leadgen_automation';

export function subscriptionBody(sub: Subscription) {
	return {
		id: sub.id,
		webhook: sub.webhook,
		owner: sub.owner,
		leadType: sub.leadType,
		...(sub.associatedEntity === undefined ? {} : { associatedEntity: sub.associatedEntity }),
		...(sub.versionedForm === undefined ? {} : { versionedForm: sub.versionedForm }),
	};
}

function create({ request, state, caller, resource }: RouteContext): Reply {
	const body = parseJsonBody(request.rawBody, (detail) => badRequest(`Invalid JSON: ${detail}`));
	if (!isRecord(body)) return badRequest('The request body must be a JSON object');
	const problems: InputError[] = [];
	const { webhook, owner, leadType, associatedEntity, versionedForm } = body;
	const https = state.config.webhooks.requireHttps;
	if (typeof webhook !== 'string' || !URL.canParse(webhook) || !/^https?:$/.test(new URL(webhook).protocol)) {
		problems.push({ fieldPath: '/webhook', code: 'INVALID_VALUE', description: 'must be an absolute URL' });
	} else if (https && new URL(webhook).protocol !== 'https:') {
		problems.push({ fieldPath: '/webhook', code: 'INVALID_VALUE', description: 'must be an HTTPS URL' });
	}
	if (!(LEAD_TYPES as readonly unknown[]).includes(leadType)) {
		problems.push({
			fieldPath: '/leadType',
			code: 'INVALID_VALUE',
			description: `must be one of ${LEAD_TYPES.join(', ')}`,
		});
	}
	if (!isRecord(owner))
		problems.push({ fieldPath: '/owner', code: 'MISSING_FIELD', description: 'field is required' });
	if (versionedForm !== undefined && typeof versionedForm !== 'string') {
		problems.push({
			fieldPath: '/versionedForm',
			code: 'INVALID_VALUE',
			description: 'must be a versioned lead form URN',
		});
	}
	if (problems.length > 0) return unprocessable(problems);
	const checked = checkOwner(toOwner(owner as Record<string, unknown>), state.world, caller, resource);
	const sub = state.notifications.create({
		app: caller.app,
		webhook: webhook as string,
		owner: checked,
		leadType: leadType as LeadType,
		...(associatedEntity === undefined ? {} : { associatedEntity }),
		...(versionedForm === undefined ? {} : { versionedForm: versionedForm as string }),
	});
	return json(201, undefined, { 'x-restli-id': String(sub.id) });
}

function find(context: RouteContext): Reply {
	const { request, state, caller, resource } = context;
	if (request.query.get('q') !== 'criteria')
		throw new ReplyError(badRequest('Query parameter q must be criteria'));
	const owner = ownerParam(request, state.world, caller, resource);
	const leadType = recordParam(request, 'leadType')?.leadType as LeadType | undefined;
	const subs = state.notifications.find(caller.app, owner, leadType).map(subscriptionBody);
	return json(200, collection(request, subs, pageParams(request)));
}

function getOne({ state, caller }: RouteContext, id: string): Reply {
	const sub = state.notifications.get(caller.app, Number(id));
	return sub ? json(200, subscriptionBody(sub)) : notFound(`Lead notification ${id}`);
}

function remove({ state, caller }: RouteContext, id: string): Reply {
	return state.notifications.delete(caller.app, Number(id)) ? json(204) : notFound(`Lead notification ${id}`);
}

const ONE = /^\/rest\/leadNotifications\/(\d+)$/;
const COLLECTION = /^\/rest\/leadNotifications\/?$/;

export const NOTIFICATION_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: COLLECTION,
		resource: 'POST /rest/leadNotifications',
		versioned: true,
		scope: LEADGEN,
		run: create,
	},
	{
		method: 'GET',
		pattern: COLLECTION,
		resource: 'GET /rest/leadNotifications',
		versioned: true,
		scope: LEADGEN,
		run: find,
	},
	{
		method: 'GET',
		pattern: ONE,
		resource: 'GET /rest/leadNotifications/{id}',
		versioned: true,
		scope: LEADGEN,
		run: getOne,
	},
	{
		method: 'DELETE',
		pattern: ONE,
		resource: 'DELETE /rest/leadNotifications/{id}',
		versioned: true,
		scope: LEADGEN,
		run: remove,
	},
];
