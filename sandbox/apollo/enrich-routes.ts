/**
 * People and organization enrichment, the endpoints that cost credits. A person found costs 1 credit, +8
 * when a mobile number is revealed; no match costs nothing. Phones and waterfall results never come in
 * the answer: they are POSTed to `webhook_url` later, which Apollo requires whenever they are asked for.
 */
import { randomUUID } from 'node:crypto';
import { json, ReplyError, type Reply, type SandboxRequest } from '../http';
import {
	callbackPayload,
	callbackPerson,
	type CallbackPerson,
	type CallbackRequest,
} from './callback-payloads';
import { CREDITS_PER_MOBILE, CREDITS_PER_RECORD } from './credits';
import { apolloError, badRequest, unprocessable } from './errors';
import type { MatchParams, PersonRecord } from './people';
import { boundedList, flag, params, text } from './request';
import { enrichedPersonJson, organizationJson } from './serialize';
import type { ApolloState } from './state';

export const MAX_BULK_PEOPLE = 10;
export const MAX_BULK_DOMAINS = 10;

interface EnrichOptions extends CallbackRequest {
	revealPersonalEmails: boolean;
	webhookUrl?: string;
}

export function matchPerson(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const options = enrichOptions(input);
	const person = state.people.match(matchParams(input));
	if (!person) return json(200, { person: null });
	const callback = wantsCallback(options);
	const credits = cost([person], options);
	spend(state, request.path, credits);
	const requestId = callback ? randomUUID() : undefined;
	if (requestId !== undefined) schedule(state, options, requestId, [person]);
	return json(200, {
		person: enrichedPersonJson(person, state.organizations, options),
		...pendingFields(options, requestId),
	});
}

export function bulkMatch(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const details = boundedList(input.details, 'details', MAX_BULK_PEOPLE);
	const options = enrichOptions(input);
	const matches = details.map((detail) =>
		typeof detail === 'object' && detail !== null
			? state.people.match(matchParams(detail as Record<string, unknown>))
			: undefined,
	);
	// A person asked for twice in one call is charged once, as Apollo counts unique records.
	const unique = [
		...new Map(
			matches.filter((person): person is PersonRecord => !!person).map((person) => [person.id, person]),
		).values(),
	];
	const credits = cost(unique, options);
	spend(state, request.path, credits);
	const requestId = wantsCallback(options) && unique.length > 0 ? randomUUID() : undefined;
	if (requestId !== undefined) schedule(state, options, requestId, unique);
	return {
		...json(200, {
			status: 'success',
			error_code: null,
			error_message: null,
			total_requested_enrichments: details.length,
			unique_enriched_records: unique.length,
			missing_records: matches.filter((person) => !person).length,
			credits_consumed: credits,
			matches: matches.map((person) =>
				person ? enrichedPersonJson(person, state.organizations, options) : null,
			),
			...pendingFields(options, requestId),
		}),
		inputs: details.length,
	};
}

export function enrichOrganization(request: SandboxRequest, state: ApolloState): Reply {
	const domain = text(params(request).domain);
	if (domain === undefined) return unprocessable('domain is required');
	const organization = state.organizations.byDomain(domain);
	if (!organization) return json(200, { organization: null });
	spend(state, request.path, CREDITS_PER_RECORD);
	return json(200, { organization: organizationJson(organization) });
}

/** Only the companies found come back, in input order: clients map them to inputs by domain. */
export function bulkEnrichOrganizations(request: SandboxRequest, state: ApolloState): Reply {
	const input = params(request);
	const domains = boundedList(input.domains, 'domains', MAX_BULK_DOMAINS).map((domain) => text(domain) ?? '');
	const unique = [...new Set(domains.filter(Boolean).map((domain) => domain.toLowerCase()))];
	const found = [
		...new Map(
			unique
				.map((domain) => state.organizations.byDomain(domain))
				.filter((organization) => organization !== undefined)
				.map((organization) => [organization.id, organization]),
		).values(),
	];
	spend(state, request.path, found.length * CREDITS_PER_RECORD);
	return {
		...json(200, {
			status: 'success',
			error_code: null,
			total_requested_domains: domains.length,
			unique_domains: unique.length,
			unique_enriched_records: found.length,
			missing_records: unique.length - found.length,
			organizations: found.map(organizationJson),
		}),
		inputs: domains.length,
	};
}

function enrichOptions(input: Record<string, unknown>): EnrichOptions {
	const options: EnrichOptions = {
		revealPersonalEmails: flag(input.reveal_personal_emails),
		phone: flag(input.reveal_phone_number),
		waterfallEmail: flag(input.run_waterfall_email),
		waterfallPhone: flag(input.run_waterfall_phone),
		webhookUrl: text(input.webhook_url),
	};
	if (wantsCallback(options) && !isHttpUrl(options.webhookUrl)) {
		const asked = [
			options.phone && 'reveal_phone_number',
			options.waterfallEmail && 'run_waterfall_email',
			options.waterfallPhone && 'run_waterfall_phone',
		].filter(Boolean);
		throw new ReplyError(
			badRequest(
				`Please add a valid 'webhook_url' parameter when using ${asked.map((name) => `'${name}'`).join(', ')}. The results are delivered to it asynchronously.`,
			),
		);
	}
	return options;
}

function matchParams(input: Record<string, unknown>): MatchParams {
	const names = [
		'id',
		'email',
		'hashed_email',
		'linkedin_url',
		'first_name',
		'last_name',
		'name',
		'domain',
		'organization_name',
	] as const;
	return Object.fromEntries(
		names.map((name) => [name, text(input[name])]).filter(([, value]) => value !== undefined),
	);
}

function wantsCallback(options: CallbackRequest): boolean {
	return options.phone || options.waterfallEmail || options.waterfallPhone;
}

function isHttpUrl(value: string | undefined): value is string {
	if (value === undefined) return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

function mobileCost(person: PersonRecord, options: CallbackRequest): number {
	return (options.phone || options.waterfallPhone) && person.mobile_phone ? CREDITS_PER_MOBILE : 0;
}

function cost(people: PersonRecord[], options: CallbackRequest): number {
	return people.reduce((sum, person) => sum + CREDITS_PER_RECORD + mobileCost(person, options), 0);
}

function spend(state: ApolloState, path: string, credits: number): void {
	if (!state.credits.canSpend(credits)) {
		throw new ReplyError(
			apolloError(
				422,
				`Insufficient credits: this request needs ${credits} and the account has ${state.credits.snapshot().balance}.`,
				'INSUFFICIENT_CREDITS',
			),
		);
	}
	state.credits.spend(path, credits, state.now());
}

function schedule(
	state: ApolloState,
	options: EnrichOptions,
	requestId: string,
	people: PersonRecord[],
): void {
	const entries: CallbackPerson[] = people.map((person) => callbackPerson(person, options));
	const mobileCredits = people.reduce((sum, person) => sum + mobileCost(person, options), 0);
	const config = state.config;
	state.callbacks.schedule(
		options.webhookUrl as string,
		callbackPayload(requestId, options, entries, mobileCredits),
		{
			delayMs: config.callbackDelayMs,
			retries: config.callbackRetries,
			duplicate: config.duplicateCallbacks,
		},
	);
}

/** What the synchronous answer says about results still to come. */
function pendingFields(options: EnrichOptions, requestId: string | undefined) {
	if (requestId === undefined) return {};
	return {
		request_id: requestId,
		...(options.phone ? { phone_reveal: { status: 'pending', request_id: requestId } } : {}),
		...(options.waterfallEmail || options.waterfallPhone
			? { waterfall: { status: 'accepted', request_id: requestId } }
			: {}),
	};
}
