/**
 * Lead Sync reads: `GET /rest/leadForms?q=owner`, `GET /rest/leadForms/{id}`,
 * `GET /rest/leadFormResponses?q=owner&leadType=(leadType:…)&submittedAtTimeRange=(start:…,end:…)`
 * and `GET /rest/leadFormResponses/{id}`. Responses are served newest first, for 365 days.
 */
import { json, ReplyError, type Reply } from '../http';
import { badRequest, notFound } from './errors';
import { checkOwner, ownerParam } from './owner';
import { collection, pageParams, recordParam } from './restli';
import type { Route, RouteContext } from './route';
import { leadForm, leadResponse } from './serialize';
import {
	idOf,
	LEAD_RETENTION_MS,
	LEAD_TYPES,
	sameOwner,
	versionedFormUrn,
	type LeadResponse,
	type LeadType,
} from './world';

const LEADGEN = 'r_marketing_leadgen_automation';

function requireFinder(context: RouteContext, finder: string): void {
	if (context.request.query.get('q') !== finder) {
		throw new ReplyError(badRequest(`Query parameter q must be ${finder}`));
	}
}

function listForms(context: RouteContext): Reply {
	requireFinder(context, 'owner');
	const { request, state, caller, resource } = context;
	const owner = ownerParam(request, state.world, caller, resource);
	const forms = [...state.world.forms.values()]
		.filter((form) => sameOwner(form.owner, owner))
		.sort((a, b) => a.id - b.id);
	return json(200, collection(request, forms.map(leadForm), pageParams(request)));
}

function getForm({ state, caller, resource }: RouteContext, id: string): Reply {
	const form = state.world.forms.get(Number(idOf(id, 'leadGenForm') || id));
	if (!form) return notFound(`Lead form ${id}`);
	checkOwner(form.owner, state.world, caller, resource);
	return json(200, leadForm(form));
}

export function leadTypeParam(context: RouteContext): LeadType {
	const record = recordParam(context.request, 'leadType');
	const value = record?.leadType;
	if (!value || !(LEAD_TYPES as readonly string[]).includes(value)) {
		throw new ReplyError(badRequest(`Query parameter leadType must be (leadType:${LEAD_TYPES.join('|')})`));
	}
	return value as LeadType;
}

function booleanParam(context: RouteContext, name: string): boolean | undefined {
	const raw = context.request.query.get(name);
	if (raw === null) return undefined;
	if (raw !== 'true' && raw !== 'false')
		throw new ReplyError(badRequest(`Query parameter ${name} must be true or false`));
	return raw === 'true';
}

function timeRange(context: RouteContext): { start: number; end: number } {
	const record = recordParam(context.request, 'submittedAtTimeRange') ?? {};
	const read = (key: 'start' | 'end', fallback: number) => {
		const raw = record[key];
		if (raw === undefined) return fallback;
		if (!/^\d+$/.test(raw))
			throw new ReplyError(badRequest(`submittedAtTimeRange.${key} must be epoch milliseconds`));
		return Number(raw);
	};
	const range = { start: read('start', 0), end: read('end', Number.MAX_SAFE_INTEGER) };
	if (range.start > range.end)
		throw new ReplyError(badRequest('submittedAtTimeRange.start is after its end'));
	return range;
}

/**
 * `limitedToTestLeads=true` returns only test leads, false (the default) only real ones; the sandbox also
 * takes `includeTestLeads=true` for both at once.
 */
function listResponses(context: RouteContext): Reply {
	requireFinder(context, 'owner');
	const { request, state, caller, resource } = context;
	const owner = ownerParam(request, state.world, caller, resource);
	const leadType = leadTypeParam(context);
	const onlyTest = booleanParam(context, 'limitedToTestLeads') ?? false;
	const includeTest = booleanParam(context, 'includeTestLeads') ?? false;
	const range = timeRange(context);
	const form = request.query.get('versionedLeadGenFormUrn');
	const oldest = Date.now() - LEAD_RETENTION_MS;
	const matches = [...state.world.responses.values()]
		.filter(
			(response) =>
				sameOwner(response.owner, owner) &&
				response.leadType === leadType &&
				(onlyTest ? response.testLead : includeTest || !response.testLead) &&
				response.submittedAt >= Math.max(range.start, oldest) &&
				response.submittedAt <= range.end &&
				(form === null || formUrnOf(context, response) === form),
		)
		.sort((a, b) => b.submittedAt - a.submittedAt || a.id.localeCompare(b.id));
	const elements = matches.map((response) => leadResponse(response, state.world.forms.get(response.formId)));
	return json(200, collection(request, elements, pageParams(request)));
}

function formUrnOf(context: RouteContext, response: LeadResponse): string {
	const form = context.state.world.forms.get(response.formId);
	return versionedFormUrn(form ?? { id: response.formId, versionId: 1 });
}

function getResponse({ state, caller, resource }: RouteContext, id: string): Reply {
	const key = idOf(id, 'leadGenFormResponse') || id;
	const response = state.world.responses.get(key);
	if (!response || response.submittedAt < Date.now() - LEAD_RETENTION_MS)
		return notFound(`Lead form response ${id}`);
	checkOwner(response.owner, state.world, caller, resource);
	return json(200, leadResponse(response, state.world.forms.get(response.formId)));
}

export const LEAD_ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/rest\/leadForms\/?$/,
		resource: 'GET /rest/leadForms',
		versioned: true,
		scope: LEADGEN,
		run: listForms,
	},
	{
		method: 'GET',
		pattern: /^\/rest\/leadForms\/([^/]+)$/,
		resource: 'GET /rest/leadForms/{id}',
		versioned: true,
		scope: LEADGEN,
		run: getForm,
	},
	{
		method: 'GET',
		pattern: /^\/rest\/leadFormResponses\/?$/,
		resource: 'GET /rest/leadFormResponses',
		versioned: true,
		scope: LEADGEN,
		run: listResponses,
	},
	{
		method: 'GET',
		pattern: /^\/rest\/leadFormResponses\/([^/]+)$/,
		resource: 'GET /rest/leadFormResponses/{id}',
		versioned: true,
		scope: LEADGEN,
		run: getResponse,
	},
];
