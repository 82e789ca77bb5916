/**
 * Contact fields through n8n's resource mapper: "Map Automatically" takes each input item's keys as
 * they are, "Define Below" maps fields (loaded from the account) one by one, with expressions.
 *
 * Bulk writes read the mapping mode once. In Map Automatically mode no parameter is read per item:
 * values come straight from the input items, because evaluating a parameter per item is what makes a
 * bulk write slow inside n8n (1,000 items: 2.2 s of expression evaluation around 0.04 s of API calls).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ContactStore } from '../../core/capabilities/contact-store';
import type { ContactInput } from '../../core/models';
import type { BatchResult } from '../operations';
import { isUnifiedField, LOCATION_FIELDS } from './contact-fields';

export const COLUMNS = 'columns';

export type MapperMode = 'add' | 'update' | 'upsert';

/** The resource mapper parameter. `method` names the node's `methods.resourceMapping` entry. */
export function contactColumnsField(mode: MapperMode, method: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: COLUMNS,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['authentication'],
			resourceMapper: {
				resourceMapperMethod: method,
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels:
					mode === 'update'
						? { title: 'Find Contact By', description: 'The field that identifies the contact to update' }
						: undefined,
			},
		},
		description:
			'Map Automatically: each input item\'s keys are written as they are (unified names such as firstName, or the platform\'s property names in any case); other keys are ignored. Define Below: choose the fields and their values.',
	};
}

export type RecordResult = { ok: true; record: IDataObject } | { ok: false; error: unknown };

/**
 * One flat record per item: field id → value. Only Define Below reads a parameter per item (its values
 * may be expressions); a failing expression fails that item alone.
 */
export function readRecords(ctx: IExecuteFunctions, items: INodeExecutionData[]): { automatic: boolean; records: RecordResult[] } {
	const automatic = ctx.getNodeParameter(`${COLUMNS}.mappingMode`, 0) === 'autoMapInputData';
	if (automatic) return { automatic, records: items.map((item) => ({ ok: true, record: item.json })) };
	const records = items.map((_item, i): RecordResult => {
		try {
			return { ok: true, record: (ctx.getNodeParameter(`${COLUMNS}.value`, i, {}) ?? {}) as IDataObject };
		} catch (error) {
			return { ok: false, error };
		}
	});
	return { automatic, records };
}

/** The matching field chosen in update mode (`id` or `email`). */
export function matchingField(ctx: IExecuteFunctions): string | undefined {
	const columns = ctx.getNodeParameter(`${COLUMNS}.matchingColumns`, 0, []) as string[];
	return columns[0];
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return s.trim() === '' ? undefined : s;
}

/**
 * A mapped record → ContactInput. Unified keys fill the unified fields (an empty one is left out);
 * other keys are the platform properties `propertyFor` names for them, if any (an empty or null value
 * clears the property). A unified Contact as other nodes output it (nested `location` and `properties`) maps too.
 */
export function contactFromRecord(
	record: IDataObject,
	propertyFor: (key: string) => string | undefined,
	skip: ReadonlySet<string> = new Set(),
): ContactInput {
	const flat: IDataObject = {};
	const nested = record.properties;
	if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(flat, nested);
	const location = record.location;
	if (location && typeof location === 'object' && !Array.isArray(location)) Object.assign(flat, location);
	for (const [key, value] of Object.entries(record)) if (key !== 'properties' && key !== 'location') flat[key] = value;

	const contact: ContactInput = { properties: {} };
	const place: Record<string, string | undefined> = {};
	const properties: Record<string, string | number | boolean> = {};
	for (const [key, value] of Object.entries(flat)) {
		if (value === undefined || skip.has(key)) continue;
		if (isUnifiedField(key)) {
			const v = text(value);
			if (v === undefined) continue;
			if ((LOCATION_FIELDS as readonly string[]).includes(key)) place[key] = v;
			else (contact as Record<string, unknown>)[key] = v;
		} else {
			const property = propertyFor(key);
			if (property === undefined) continue;
			properties[property] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
		}
	}
	if (Object.keys(place).length > 0) contact.location = place;
	contact.properties = properties;
	return contact;
}

export type ContactResult = { ok: true; contact: ContactInput; record: IDataObject } | { ok: false; error: unknown };

/**
 * Every item's contact for a write. Map Automatically asks the account once which properties a write
 * may set, so stray input keys (a webhook's headers, an output's `id`) are left out instead of failing
 * the record; Define Below writes exactly the fields the user chose.
 */
export async function readContacts(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	catalog: { listProperties(): Promise<Array<{ name: string; readOnly: boolean }>> },
	skip: ReadonlySet<string> = new Set(),
): Promise<ContactResult[]> {
	const { automatic, records } = readRecords(ctx, items);
	let propertyFor: (key: string) => string | undefined = (key) => key;
	if (automatic) {
		// Property names are matched regardless of case, so `jobTitle` finds HubSpot's `jobtitle`.
		const writable = new Map<string, string>();
		for (const p of await catalog.listProperties()) if (!p.readOnly) writable.set(p.name.toLowerCase(), p.name);
		propertyFor = (key) => writable.get(key.toLowerCase());
	}
	return records.map((r) => (r.ok ? { ok: true, contact: contactFromRecord(r.record, propertyFor, skip), record: r.record } : r));
}

/**
 * Create or Update for any contact store: every item read through the mapper, all sent in one batch call
 * (the store splits it by its platform's batch size), each item's outcome in its place. An item the mapper
 * refused keeps its own error and is not sent.
 */
export async function upsertMappedContacts(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	catalog: Parameters<typeof readContacts>[2],
	store: Pick<ContactStore, 'upsertContacts'>,
): Promise<BatchResult[]> {
	const results: BatchResult[] = new Array(items.length);
	const sent: Array<{ item: number; contact: ContactInput }> = [];
	(await readContacts(ctx, items, catalog)).forEach((c, item) => {
		if (c.ok) sent.push({ item, contact: c.contact });
		else results[item] = c;
	});
	const outcomes = await store.upsertContacts(sent.map((s) => s.contact));
	outcomes.forEach((o, k) => {
		results[sent[k].item] = o.ok
			? { ok: true, json: { ...o.value, created: o.created === true } }
			: { ok: false, error: o.error };
	});
	return results;
}

/**
 * Create for any contact store whose create takes one contact per request: each mapped item written in
 * turn, so a 409's existing ID and the look-before-resend recovery stay exact per item. Without
 * continue-on-fail the run stops at the first failure and nothing after it is sent.
 */
export async function createMappedContacts(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	catalog: Parameters<typeof readContacts>[2],
	create: (contact: ContactInput) => Promise<object>,
): Promise<BatchResult[]> {
	const contacts = await readContacts(ctx, items, catalog);
	const stopOnFailure = !ctx.continueOnFail();
	const results: BatchResult[] = [];
	for (const c of contacts) {
		let result: BatchResult;
		if (!c.ok) result = c;
		else {
			try {
				result = { ok: true, json: { ...(await create(c.contact)) } as IDataObject };
			} catch (error) {
				result = { ok: false, error };
			}
		}
		results.push(result);
		if (!result.ok && stopOnFailure) break;
	}
	return results;
}
