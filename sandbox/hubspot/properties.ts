/** The contact property schema: built-in properties, custom ones registered by tests, and write validation. */
import type { PropertyProblem } from './errors';

export type PropertyType = 'string' | 'number' | 'datetime' | 'enumeration';

export interface PropertyDefinition {
	name: string;
	type: PropertyType;
	readOnly?: boolean;
	options?: string[];
}

const LIFECYCLE_STAGES = [
	'subscriber',
	'lead',
	'marketingqualifiedlead',
	'salesqualifiedlead',
	'opportunity',
	'customer',
	'evangelist',
	'other',
];

const BUILT_IN: PropertyDefinition[] = [
	...[
		'email',
		'firstname',
		'lastname',
		'company',
		'jobtitle',
		'phone',
		'mobilephone',
		'website',
		'city',
		'state',
		'country',
		'zip',
		'address',
		'hs_linkedin_url',
	].map((name): PropertyDefinition => ({ name, type: 'string' })),
	{ name: 'lifecyclestage', type: 'enumeration', options: LIFECYCLE_STAGES },
	{ name: 'createdate', type: 'datetime', readOnly: true },
	{ name: 'lastmodifieddate', type: 'datetime', readOnly: true },
	{ name: 'hs_object_id', type: 'number', readOnly: true },
];

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class PropertyRegistry {
	private definitions = new Map<string, PropertyDefinition>();

	constructor() {
		this.reset();
	}

	reset(): void {
		this.definitions = new Map(BUILT_IN.map((definition) => [definition.name, definition]));
	}

	get(name: string): PropertyDefinition | undefined {
		return this.definitions.get(name);
	}

	all(): PropertyDefinition[] {
		return [...this.definitions.values()];
	}

	/** Adds custom properties (all or none); returns an error message for the first invalid definition. */
	register(input: unknown): string | undefined {
		const parsed: PropertyDefinition[] = [];
		for (const item of Array.isArray(input) ? input : [input]) {
			const definition = parseDefinition(typeof item === 'string' ? { name: item } : item);
			if (typeof definition === 'string') return definition;
			if (BUILT_IN.some((builtIn) => builtIn.name === definition.name)) {
				return `${definition.name} is a built-in property`;
			}
			parsed.push(definition);
		}
		for (const definition of parsed) this.definitions.set(definition.name, definition);
		return undefined;
	}

	/**
	 * Turns a `properties` object from a write into stored string values (`''` clears), collecting every
	 * problem so one response can name all invalid values as HubSpot does.
	 */
	validateWrite(input: unknown): { values: Record<string, string>; problems: PropertyProblem[] } {
		const values: Record<string, string> = {};
		const problems: PropertyProblem[] = [];
		if (input === undefined || input === null) return { values, problems };
		if (typeof input !== 'object' || Array.isArray(input)) {
			problems.push({ name: 'properties', error: 'INVALID_VALUE', message: 'properties must be an object' });
			return { values, problems };
		}
		for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
			const definition = this.definitions.get(name);
			if (!definition) {
				problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
				continue;
			}
			if (definition.readOnly) {
				problems.push({
					name,
					error: 'READ_ONLY_VALUE',
					message: `Property "${name}" is a read only property`,
				});
				continue;
			}
			if (raw !== null && !['string', 'number', 'boolean'].includes(typeof raw)) {
				problems.push({
					name,
					error: 'INVALID_VALUE',
					message: `Property "${name}" must be a string, number or boolean`,
				});
				continue;
			}
			const text = raw === null ? '' : String(raw);
			const checked = checkValue(definition, text);
			if (typeof checked === 'string') values[name] = checked;
			else problems.push(checked);
		}
		return { values, problems };
	}
}

/** Validates and normalises one value; `''` (clear) is always allowed. */
export function checkValue(definition: PropertyDefinition, text: string): string | PropertyProblem {
	const { name } = definition;
	if (text === '') return '';
	if (name === 'email') {
		const email = text.trim().toLowerCase();
		return EMAIL_PATTERN.test(email)
			? email
			: { name, error: 'INVALID_EMAIL', message: `Email address ${text} is invalid` };
	}
	switch (definition.type) {
		case 'number':
			return Number.isFinite(Number(text))
				? text
				: { name, error: 'INVALID_NUMBER', message: `${text} is not a valid number for property "${name}"` };
		case 'datetime': {
			const ms = toEpochMs(text);
			return ms === undefined
				? { name, error: 'INVALID_DATE', message: `${text} is not a valid date for property "${name}"` }
				: new Date(ms).toISOString();
		}
		case 'enumeration':
			return definition.options === undefined || definition.options.includes(text)
				? text
				: {
						name,
						error: 'INVALID_OPTION',
						message: `${text} was not one of the allowed options for property "${name}"`,
					};
		default:
			return text;
	}
}

/** Dates arrive as epoch milliseconds (number or numeric string) or ISO strings. */
export function toEpochMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^-?\d+$/.test(value.trim())) return Number(value);
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

function parseDefinition(input: unknown): PropertyDefinition | string {
	if (typeof input !== 'object' || input === null)
		return 'each property must be a name or {name, type?, options?}';
	const { name, type = 'string', options } = input as Record<string, unknown>;
	if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
		return `invalid property name ${JSON.stringify(name)}: use lowercase letters, digits and _`;
	}
	if (!['string', 'number', 'datetime', 'enumeration'].includes(type as string)) {
		return `invalid type for ${name}: use string, number, datetime or enumeration`;
	}
	if (
		options !== undefined &&
		!(Array.isArray(options) && options.every((option) => typeof option === 'string'))
	) {
		return `options for ${name} must be an array of strings`;
	}
	return {
		name,
		type: type as PropertyType,
		...(options === undefined ? {} : { options: options as string[] }),
	};
}
