/**
 * The unified contact fields as nodes offer them, by their unified Contact names, so the mapping to a
 * platform's property names stays in the provider; and the "Properties" option list operations share.
 */
import type { INodeProperties } from 'n8n-workflow';

export interface UnifiedField {
	/** The key in a mapped record: the unified Contact field, or city/state/country for its location. */
	id: string;
	displayName: string;
}

export const UNIFIED_FIELDS: readonly UnifiedField[] = [
	{ id: 'email', displayName: 'Email' },
	{ id: 'firstName', displayName: 'First Name' },
	{ id: 'lastName', displayName: 'Last Name' },
	{ id: 'company', displayName: 'Company Name' },
	{ id: 'title', displayName: 'Job Title' },
	{ id: 'phone', displayName: 'Phone' },
	{ id: 'linkedinUrl', displayName: 'LinkedIn URL' },
	{ id: 'domain', displayName: 'Website' },
	{ id: 'city', displayName: 'City' },
	{ id: 'state', displayName: 'State' },
	{ id: 'country', displayName: 'Country' },
];

export const LOCATION_FIELDS = ['city', 'state', 'country'] as const;

const UNIFIED_IDS = new Set(UNIFIED_FIELDS.map((f) => f.id));

export function isUnifiedField(key: string): boolean {
	return UNIFIED_IDS.has(key);
}

/** "Properties to return besides the standard fields", for read operations' Options. */
export function propertiesOption(platformName: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: '',
		placeholder,
		description: `Comma-separated ${platformName} properties to return besides the standard contact fields`,
	};
}

export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}
