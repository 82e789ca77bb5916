import type { INodeProperties } from 'n8n-workflow';
import { CRMNotFoundError, CRMValidationError } from '../../../../src/core/errors';
import type { Contact } from '../../../../src/core/models';
import type { BatchOperation, BatchResult } from '../types';
import { propertiesOption, splitList } from './fields';
import { lookupFields } from './lookup';

export const description: INodeProperties[] = [
	...lookupFields('get'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['get'] } },
		options: [propertiesOption()],
	},
];

interface Lookup {
	by: 'id' | 'email';
	properties: string[];
	/** Key (id or lowercased email) → the items asking for it. */
	keys: Map<string, number[]>;
}

/**
 * All items are read together with batch reads (100 per request), grouped by how they look up and which
 * properties they ask for, since items may differ in both through expressions.
 */
export const execute: BatchOperation = async function (provider, itemCount) {
	const results: BatchResult[] = new Array(itemCount);
	const lookups = new Map<string, Lookup>();
	for (let i = 0; i < itemCount; i++) {
		const by = this.getNodeParameter('lookupBy', i) as 'id' | 'email';
		const field = by === 'email' ? 'email' : 'contactId';
		const raw = String(this.getNodeParameter(field, i, '')).trim();
		if (!raw) {
			results[i] = { ok: false, error: new CRMValidationError(`${field} is required`, { fields: [{ field, message: 'is required', itemIndex: i }] }) };
			continue;
		}
		const properties = splitList(this.getNodeParameter('options.properties', i, ''));
		const group = `${by}\n${properties.join(',')}`;
		const lookup = lookups.get(group) ?? { by, properties, keys: new Map() };
		lookups.set(group, lookup);
		const key = by === 'email' ? raw.toLowerCase() : raw;
		lookup.keys.set(key, [...(lookup.keys.get(key) ?? []), i]);
	}

	for (const { by, properties, keys } of lookups.values()) {
		let found: Map<string, Contact>;
		try {
			found =
				by === 'email'
					? await provider.findContactsByEmail([...keys.keys()], properties)
					: await provider.getContacts([...keys.keys()], properties);
		} catch (error) {
			for (const items of keys.values()) for (const i of items) results[i] = { ok: false, error };
			continue;
		}
		for (const [key, items] of keys) {
			const contact = found.get(key);
			for (const i of items) {
				results[i] = contact
					? { ok: true, json: { ...contact } }
					: {
							ok: false,
							error: new CRMNotFoundError(`No HubSpot contact has the ${by === 'email' ? 'email' : 'ID'} ${key}`, {
								platform: 'hubspot',
								httpStatus: 404,
								resource: 'contact',
								id: key,
							}),
						};
			}
		}
	}
	return results;
};
