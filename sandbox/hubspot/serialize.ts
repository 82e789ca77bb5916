/** Turns stored contacts into the CRM v3 object JSON, with HubSpot's rules for which properties appear. */
import type { PropertyRegistry } from './properties';
import type { ContactRecord } from './store';

const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email'];
const ALWAYS = ['hs_object_id', 'createdate', 'lastmodifieddate'];

export interface ApiContact {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
}

/** Accepts `a,b`, repeated query parameters, or a JSON array; `undefined` when none were asked for. */
export function requestedProperties(input: unknown): string[] | undefined {
	const list = (Array.isArray(input) ? input : [input])
		.filter((item): item is string => typeof item === 'string')
		.flatMap((item) => item.split(','))
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return list.length === 0 ? undefined : list;
}

/**
 * Requested properties (or the defaults) plus the three always-present ones. Requested properties without
 * a value come back as `null`; names that are not properties at all are silently skipped, as HubSpot does.
 */
export function toApi(
	record: ContactRecord,
	requested: string[] | undefined,
	registry: PropertyRegistry,
): ApiContact {
	const properties: Record<string, string | null> = {};
	for (const name of [...(requested ?? DEFAULT_PROPERTIES), ...ALWAYS]) {
		if (registry.get(name)) properties[name] = record.properties[name] ?? null;
	}
	return envelope(record, properties);
}

/** The shape of write responses: every property the contact has. */
export function toApiWritten(record: ContactRecord): ApiContact {
	return envelope(record, { ...record.properties });
}

function envelope(record: ContactRecord, properties: Record<string, string | null>): ApiContact {
	return {
		id: record.id,
		properties,
		createdAt: new Date(record.createdAt).toISOString(),
		updatedAt: new Date(record.updatedAt).toISOString(),
		archived: record.archived,
		...(record.archivedAt === undefined ? {} : { archivedAt: new Date(record.archivedAt).toISOString() }),
	};
}
