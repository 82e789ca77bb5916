/**
 * What the sync compares and writes: a record's "canonical values", the mapped fields of one side in one
 * shared shape (unified field name, or `pair:<n>` for the user's custom property pairs), normalized so
 * that the same value read from HubSpot and from Apollo compares equal. Diffs, conflicts and the
 * fingerprints that stop ping-pong are all computed on these values.
 */
import { createHash } from 'node:crypto';
import type { Contact, ContactInput, Platform } from '../models';

export type UnifiedSyncField =
	| 'email'
	| 'firstName'
	| 'lastName'
	| 'company'
	| 'title'
	| 'phone'
	| 'linkedinUrl'
	| 'domain'
	| 'location.city'
	| 'location.state'
	| 'location.country';

export const UNIFIED_SYNC_FIELDS: readonly UnifiedSyncField[] = [
	'email',
	'firstName',
	'lastName',
	'company',
	'title',
	'phone',
	'linkedinUrl',
	'domain',
	'location.city',
	'location.state',
	'location.country',
];

/**
 * The unified fields each platform's contacts hold. Apollo contacts carry no location (only its people
 * records do); LinkedIn leads are read-only, so whatever a lead has is offered.
 */
const PLATFORM_FIELDS: Readonly<Record<Platform, readonly UnifiedSyncField[]>> = {
	hubspot: UNIFIED_SYNC_FIELDS,
	apollo: ['email', 'firstName', 'lastName', 'company', 'title', 'phone', 'linkedinUrl', 'domain'],
	linkedin: UNIFIED_SYNC_FIELDS,
};

/** A custom property copied from the source's property to the target's (and back, in two-way). */
export interface PropertyPair {
	source: string;
	target: string;
}

export type CanonicalValues = Record<string, string>;

/** Which side of a pair a record comes from. */
export type Role = 'source' | 'target';

export interface FieldPlan {
	fields: readonly UnifiedSyncField[];
	pairs: readonly PropertyPair[];
}

/**
 * The unified fields both sides hold (input items and output items hold everything), plus the pairs.
 * `undefined` stands for items, which carry any field.
 */
export function planFields(
	source: Platform | undefined,
	target: Platform | undefined,
	pairs: readonly PropertyPair[] = [],
	only?: readonly UnifiedSyncField[],
): FieldPlan {
	const held = (platform: Platform | undefined) => (platform ? PLATFORM_FIELDS[platform] : UNIFIED_SYNC_FIELDS);
	const fields = held(source).filter((f) => held(target).includes(f) && (!only || only.includes(f) || f === 'email'));
	return { fields, pairs: pairs.filter((p) => p.source.trim() && p.target.trim()) };
}

/** Platform property names a read must ask for so the pairs can be compared. */
export function pairProperties(plan: FieldPlan, role: Role): string[] {
	return plan.pairs.map((p) => (role === 'source' ? p.source : p.target));
}

export function normalEmail(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}

/** Spellings platforms rewrite on their own (case, scheme, `www.`, phone punctuation) compare equal. */
function normalize(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
	if (text === '') return undefined;
	switch (field) {
		case 'email':
			return text.toLowerCase();
		case 'domain':
			return text
				.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
				.replace(/^www\./i, '')
				.replace(/[/?#].*$/, '')
				.toLowerCase();
		case 'linkedinUrl':
			return text
				.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
				.replace(/^www\./i, '')
				.replace(/\/+$/, '')
				.toLowerCase();
		case 'phone':
			return text.replace(/[^\d+]/g, '');
		default:
			return text;
	}
}

function unifiedValue(contact: ContactInput, field: UnifiedSyncField): unknown {
	if (field.startsWith('location.')) {
		const part = field.slice('location.'.length) as 'city' | 'state' | 'country';
		return contact.location?.[part];
	}
	return contact[field as Exclude<UnifiedSyncField, `location.${string}`>];
}

/** One side's record as canonical values: empty values are absent (the sync never clears a field). */
export function canonicalOf(contact: ContactInput, plan: FieldPlan, role: Role): CanonicalValues {
	const out: CanonicalValues = {};
	for (const field of plan.fields) {
		const value = normalize(field, unifiedValue(contact, field));
		if (value !== undefined) out[field] = value;
	}
	plan.pairs.forEach((pair, n) => {
		const value = normalize('', contact.properties?.[role === 'source' ? pair.source : pair.target]);
		if (value !== undefined) out[`pair:${n}`] = value;
	});
	return out;
}

/** The values in `desired` that `current` lacks or holds differently: what a write must set. */
export function diffValues(desired: CanonicalValues, current: CanonicalValues): CanonicalValues {
	const changes: CanonicalValues = {};
	for (const [key, value] of Object.entries(desired)) if (current[key] !== value) changes[key] = value;
	return changes;
}

/**
 * The write for one side: the changed values, addressed by the side's own property names, plus the
 * email every platform's upsert matches on. Values are written as read from the winning side (not the
 * normalized comparison form), so a phone keeps its punctuation.
 */
export function toWrite(
	changes: CanonicalValues,
	from: ContactInput,
	fromRole: Role,
	plan: FieldPlan,
	toRole: Role,
): ContactInput {
	const input: ContactInput = { properties: {} };
	const location: Record<string, string> = {};
	for (const field of plan.fields) {
		if (changes[field] === undefined && field !== 'email') continue;
		const raw = unifiedValue(from, field);
		const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : changes[field];
		if (value === undefined) continue;
		if (field.startsWith('location.')) location[field.slice('location.'.length)] = value;
		else (input as Record<string, unknown>)[field] = field === 'email' ? value.toLowerCase() : value;
	}
	if (Object.keys(location).length > 0) input.location = location;
	plan.pairs.forEach((pair, n) => {
		const key = `pair:${n}`;
		if (changes[key] === undefined) return;
		const raw = from.properties?.[fromRole === 'source' ? pair.source : pair.target];
		const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : changes[key];
		(input.properties as Record<string, unknown>)[toRole === 'source' ? pair.source : pair.target] = value;
	});
	return input;
}

/** A short, stable digest of canonical values (key order does not matter). */
export function fingerprint(values: CanonicalValues): string {
	const sorted = Object.keys(values)
		.sort()
		.map((key) => [key, values[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 16);
}

/** A contact reduced to what the sync keeps about it (for the retry list): canonical fields only. */
export function keepable(contact: Contact | ContactInput, plan: FieldPlan, role: Role): ContactInput {
	const kept: ContactInput = { properties: {} };
	const location: Record<string, string> = {};
	for (const field of plan.fields) {
		const value = unifiedValue(contact, field);
		if (typeof value !== 'string' || value === '') continue;
		if (field.startsWith('location.')) location[field.slice('location.'.length)] = value;
		else (kept as Record<string, unknown>)[field] = value;
	}
	if (Object.keys(location).length > 0) kept.location = location;
	for (const pair of plan.pairs) {
		const name = role === 'source' ? pair.source : pair.target;
		const value = contact.properties?.[name];
		if (value !== undefined && value !== null) (kept.properties as Record<string, unknown>)[name] = value;
	}
	if (contact.updatedAt) kept.updatedAt = contact.updatedAt;
	if (contact.id) kept.id = contact.id;
	return kept;
}
