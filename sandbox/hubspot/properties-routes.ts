/** `GET /crm/v3/properties/contacts`: the property definitions, shaped like HubSpot's (label, type, read-only flag). */
import { json, type Reply } from '../http';
import type { HubSpotState } from './state';

const FIELD_TYPES: Record<string, string> = { string: 'text', number: 'number', datetime: 'date', enumeration: 'select' };

export function listProperties(state: HubSpotState): Reply {
	return json(200, {
		results: state.properties().map((p) => ({
			name: p.name,
			label: p.name.replace(/^hs_/, '').replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
			type: p.type,
			fieldType: FIELD_TYPES[p.type] ?? 'text',
			groupName: 'contactinformation',
			description: '',
			options: (p.options ?? []).map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
			modificationMetadata: { archivable: true, readOnlyDefinition: !p.name.startsWith('custom'), readOnlyValue: p.readOnly === true },
		})),
	});
}
