/**
 * Parameter blocks several contact operations share, and the one function that turns them into a
 * unified ContactInput. Field keys are the unified Contact names, so the mapping to HubSpot property
 * names stays in the provider.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ContactInput } from '../../../../src/core/models';

export const contactFieldOptions: INodeProperties[] = [
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company Name', name: 'company', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'LinkedIn URL', name: 'linkedinUrl', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Website', name: 'website', type: 'string', default: '' },
];

/** The optional unified fields, as create and upsert offer them. */
export function additionalFieldsField(operation: string): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: [operation] } },
		options: contactFieldOptions,
	};
}

export function customPropertiesField(operations: string[]): INodeProperties {
	return {
		displayName: 'Custom Properties',
		name: 'customProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description: 'Any other HubSpot contact property, by its internal name. An empty value clears the property.',
		displayOptions: { show: { resource: ['contact'], operation: operations } },
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getContactProperties' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

export function propertiesOption(): INodeProperties {
	return {
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: '',
		placeholder: 'lifecyclestage,hs_lead_status',
		description: 'Comma-separated HubSpot properties to return besides the standard contact fields',
	};
}

/** Reads the field collection and custom properties of one item into a ContactInput. */
export function readContact(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fieldsParameter: 'additionalFields' | 'updateFields',
	email?: string,
): ContactInput {
	const fields = ctx.getNodeParameter(fieldsParameter, itemIndex, {}) as IDataObject;
	const custom = ctx.getNodeParameter('customProperties.property', itemIndex, []) as Array<{ name: string; value: string }>;
	const text = (key: string): string | undefined => {
		const value = fields[key];
		return value === undefined || value === null || value === '' ? undefined : String(value);
	};
	const location = { city: text('city'), state: text('state'), country: text('country') };
	const properties: Record<string, string> = {};
	for (const { name, value } of custom) {
		if (name) properties[name] = value ?? '';
	}
	return {
		email: email === undefined || email === '' ? text('email') : email,
		firstName: text('firstName'),
		lastName: text('lastName'),
		company: text('company'),
		title: text('jobTitle'),
		phone: text('phone'),
		linkedinUrl: text('linkedinUrl'),
		domain: text('website'),
		location: Object.values(location).some((v) => v !== undefined) ? location : undefined,
		properties,
	};
}

export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}
