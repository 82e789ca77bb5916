import { updateDisplayOptions } from 'n8n-workflow';
import type { Contact } from '../../../../src/core/models';
import { propertiesOption, splitList } from '../../../../src/n8n/fields/contact-fields';
import { lookupFields, readLookup, type LookupBy } from '../../../../src/n8n/lookup';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import { notFound } from './write';

interface Group {
	by: LookupBy;
	properties: string[];
	/** Key (id or lowercased email) → the items asking for it. */
	keys: Map<string, number[]>;
}

/**
 * All items are read together with batch reads (100 per request), grouped by how they look up and which
 * properties they ask for, since items may differ in both through expressions.
 */
export const get: Operation<HubSpotProvider> = {
	kind: 'batch',
	requires: ['contactStore', 'contactBatches'],
	action: 'read contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, [
		...lookupFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [propertiesOption('HubSpot', 'lifecyclestage,hs_lead_status')],
		},
	]),
	async execute(provider, items) {
		const results: BatchResult[] = new Array(items.length);
		const groups = new Map<string, Group>();
		for (let i = 0; i < items.length; i++) {
			let lookup;
			try {
				lookup = readLookup(this, i);
			} catch (error) {
				results[i] = { ok: false, error };
				continue;
			}
			const properties = splitList(this.getNodeParameter('options.properties', i, ''));
			const name = `${lookup.by}\n${properties.join(',')}`;
			const group = groups.get(name) ?? { by: lookup.by, properties, keys: new Map() };
			groups.set(name, group);
			group.keys.set(lookup.key, [...(group.keys.get(lookup.key) ?? []), i]);
		}

		for (const { by, properties, keys } of groups.values()) {
			let found: Map<string, Contact>;
			try {
				found =
					by === 'email'
						? await provider.findContactsByEmail([...keys.keys()], properties)
						: await provider.getContacts([...keys.keys()], properties);
			} catch (error) {
				for (const waiting of keys.values()) for (const i of waiting) results[i] = { ok: false, error };
				continue;
			}
			for (const [key, waiting] of keys) {
				const contact = found.get(key);
				for (const i of waiting) results[i] = contact ? { ok: true, json: { ...contact } } : { ok: false, error: notFound(by, key) };
			}
		}
		return results;
	},
};
