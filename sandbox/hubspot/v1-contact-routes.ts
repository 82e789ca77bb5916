/**
 * The two legacy Contacts v1 endpoints n8n's built-in HubSpot node calls for its contact upsert, on the same
 * store, properties and rate limits as the v3 routes:
 *
 *   POST /contacts/v1/contact/createOrUpdate/email/{email}  {properties: [{property, value}]} → {vid, isNew}
 *   GET  /contacts/v1/contact/vid/{vid}/profile             the contact in v1's profile shape
 *
 * v1 answers in its own shapes: `validationResults` for invalid values, `CONTACT_EXISTS` with an
 * `identityProfile` for a conflicting email, and "contact does not exist" for an unknown vid.
 */
import { randomUUID } from 'node:crypto';
import { isRecord, json, parseJsonBody, ReplyError, type Reply, type SandboxRequest } from '../http';
import { createContact, updateContact, type WriteResult } from './contacts';
import type { PropertyProblem } from './errors';
import { EMAIL_PATTERN } from './properties';
import type { HubSpotState } from './state';
import type { ContactRecord } from './store';

export const V1_CREATE_OR_UPDATE = /^\/contacts\/v1\/contact\/createOrUpdate\/email\/([^/]+)\/?$/;
export const V1_PROFILE = /^\/contacts\/v1\/contact\/vid\/([^/]+)\/profile\/?$/;

/** v1 answers carry the account ("portal") id; the sandbox is one account. */
export const SANDBOX_PORTAL_ID = 62515;

/** Always in a v1 profile when they have a value, whatever `property` asked for (HubSpot's documented rule). */
const ALWAYS_INCLUDED = ['lastmodifieddate', 'associatedcompanyid'];

export function createOrUpdateByEmail(
	request: SandboxRequest,
	state: HubSpotState,
	pathEmail: string,
): Reply {
	const email = pathEmail.trim().toLowerCase();
	const properties = readProperties(request);
	const problems: PropertyProblem[] = [];
	if (!EMAIL_PATTERN.test(email)) {
		problems.push({
			name: 'email',
			error: 'INVALID_EMAIL',
			message: `Email address ${pathEmail} is invalid`,
		});
	}
	const checked = state.registry.validateWrite(properties);
	problems.push(...checked.problems);
	if (problems.length > 0) return invalidProperties(problems);

	const existing = state.store.byEmail(email);
	const result: WriteResult = existing
		? updateContact(state.store, existing, checked.values)
		: createContact(state.store, { email, ...checked.values });
	if (!result.ok) return contactExists(state, result.existingId);
	return json(200, { vid: Number(result.record.id), isNew: result.isNew });
}

export function getProfile(request: SandboxRequest, state: HubSpotState, vid: string): Reply {
	const record = /^\d+$/.test(vid) ? state.store.get(vid) : undefined;
	if (!record || record.archived) return v1Error(404, 'contact does not exist');
	const requested = request.query.getAll('property').flatMap((name) => name.split(','));
	const mode = request.query.get('propertyMode') ?? 'value_and_history';
	if (mode !== 'value_only' && mode !== 'value_and_history') {
		return v1Error(400, `propertyMode must be value_only or value_and_history, got ${mode}`);
	}
	return json(200, profile(record, requested, mode === 'value_and_history'));
}

/** `{properties: [{property, value}]}` into `{name: value}`; any other shape is a 400 as HubSpot gives. */
function readProperties(request: SandboxRequest): Record<string, unknown> {
	const body = parseJsonBody(request.rawBody, (detail) => v1Error(400, `Invalid input JSON: ${detail}`));
	if (body === undefined) return {};
	if (!isRecord(body)) throw new ReplyError(v1Error(400, 'Invalid input JSON: expected an object'));
	const list = body.properties ?? [];
	if (!Array.isArray(list))
		throw new ReplyError(v1Error(400, 'Invalid input JSON: "properties" must be an array'));
	const values: Record<string, unknown> = {};
	for (const entry of list) {
		if (!isRecord(entry) || typeof entry.property !== 'string') {
			throw new ReplyError(v1Error(400, 'Invalid input JSON: every property needs a "property" name'));
		}
		values[entry.property] = entry.value ?? null;
	}
	return values;
}

function profile(record: ContactRecord, requested: string[], history: boolean): Record<string, unknown> {
	const names =
		requested.length === 0
			? Object.keys(record.properties)
			: [...new Set([...requested, ...ALWAYS_INCLUDED])];
	const properties: Record<string, unknown> = {};
	for (const name of names) {
		const value = record.properties[name];
		if (value === undefined) continue; // v1 leaves out properties without a value, even when asked for.
		properties[name] = history
			? {
					value,
					versions: [
						{
							value,
							'source-type': 'API',
							'source-id': null,
							'source-label': null,
							timestamp: record.updatedAt,
							selected: false,
						},
					],
				}
			: { value };
	}
	const vid = Number(record.id);
	const email = record.properties.email;
	return {
		vid,
		'canonical-vid': vid,
		'merged-vids': [],
		'portal-id': SANDBOX_PORTAL_ID,
		'is-contact': true,
		properties,
		'form-submissions': [],
		'list-memberships': [],
		'identity-profiles': [
			{
				vid,
				'saved-at-timestamp': record.createdAt,
				'deleted-changed-timestamp': 0,
				identities: [
					...(email === undefined
						? []
						: [{ type: 'EMAIL', value: email, timestamp: record.createdAt, 'is-primary': true }]),
					{ type: 'LEAD_GUID', value: leadGuid(record.id), timestamp: record.createdAt },
				],
			},
		],
		'merge-audits': [],
	};
}

/** Stable per contact, so two reads of one profile agree. */
function leadGuid(id: string): string {
	return `00000000-0000-4000-8000-${id.padStart(12, '0')}`;
}

function v1Error(status: number, message: string, extras: Record<string, unknown> = {}): Reply {
	return json(status, {
		status: 'error',
		message,
		correlationId: randomUUID(),
		...extras,
		requestId: randomUUID(),
	});
}

/** v1's 400 for invalid values: one `validationResults` entry per problem (n8n's node reads the first). */
function invalidProperties(problems: PropertyProblem[]): Reply {
	return v1Error(400, 'Property values were not valid', {
		validationResults: problems.map((problem) => ({
			isValid: false,
			message: problem.message,
			error: problem.error,
			name: problem.name,
		})),
	});
}

/** v1's 409 when the email asked for belongs to another contact. */
function contactExists(state: HubSpotState, existingId: string): Reply {
	const owner = state.store.get(existingId);
	return v1Error(409, 'Contact already exists', {
		error: 'CONTACT_EXISTS',
		identityProfile: {
			vid: Number(existingId),
			identity: owner?.properties.email
				? [{ value: owner.properties.email, type: 'EMAIL', timestamp: owner.createdAt, isPrimary: true }]
				: [],
		},
	});
}
