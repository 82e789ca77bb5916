/**
 * Bulk seeding for tests and demos: bypasses auth, limits and search lag, and may set the read-only
 * timestamps so time-window (incremental sync) tests can place contacts in the past.
 */
import { isRecord } from '../http';
import { toEpochMs, type PropertyRegistry } from './properties';
import type { ContactRecord, ContactStore } from './store';

export class SeedError extends Error {}

interface SeedItem {
	values: Record<string, string>;
	createdAt?: number;
	updatedAt?: number;
	archived: boolean;
}

/**
 * Accepts `[...]` or `{contacts:[...]}`; each item is `{properties, createdate?, lastmodifieddate?, archived?}`
 * or a bare properties object. Timestamps may also sit inside properties. All or nothing.
 */
export function seedContacts(
	store: ContactStore,
	registry: PropertyRegistry,
	input: unknown,
): ContactRecord[] {
	const list = isRecord(input) && Array.isArray(input.contacts) ? input.contacts : input;
	if (!Array.isArray(list)) throw new SeedError('expected an array of contacts or {contacts:[...]}');
	const items = list.map((item, index) => parseItem(registry, item, index));
	const emails = new Set<string>();
	items.forEach((item, index) => {
		const email = item.values.email;
		if (!email || item.archived) return;
		if (emails.has(email) || store.byEmail(email))
			throw new SeedError(`contacts[${index}]: email ${email} already exists`);
		emails.add(email);
	});
	return items.map((item) =>
		store.create(item.values, {
			createdAt: item.createdAt,
			updatedAt: item.updatedAt,
			archived: item.archived,
			immediate: true,
		}),
	);
}

function parseItem(registry: PropertyRegistry, item: unknown, index: number): SeedItem {
	if (!isRecord(item)) throw new SeedError(`contacts[${index}] must be an object`);
	const { properties: nested, createdate, lastmodifieddate, archived, ...bare } = item;
	const properties: Record<string, unknown> = isRecord(nested) ? { ...nested } : bare;
	const timestamps = {
		createdate: properties.createdate ?? createdate,
		lastmodifieddate: properties.lastmodifieddate ?? lastmodifieddate,
	};
	delete properties.createdate;
	delete properties.lastmodifieddate;
	delete properties.hs_object_id;
	const { values, problems } = registry.validateWrite(properties);
	if (problems.length > 0) {
		throw new SeedError(
			`contacts[${index}]: ${problems.map((problem) => `${problem.error} ${problem.message}`).join('; ')}`,
		);
	}
	const createdAt = timestamp(timestamps.createdate, 'createdate', index);
	const updatedAt = timestamp(timestamps.lastmodifieddate, 'lastmodifieddate', index);
	// A contact cannot be modified before it exists, so a lone lastmodifieddate also dates its creation.
	return {
		values,
		createdAt: createdAt ?? updatedAt,
		updatedAt: updatedAt ?? createdAt,
		archived: archived === true,
	};
}

function timestamp(value: unknown, name: string, index: number): number | undefined {
	if (value === undefined || value === null) return undefined;
	const ms = toEpochMs(value);
	if (ms === undefined)
		throw new SeedError(`contacts[${index}]: ${name} must be epoch milliseconds or an ISO date`);
	return ms;
}
