/**
 * Who each input item is, for enrichment. Items are read as they are (unified names, or a unified Contact
 * as the HubSpot CRM node outputs it, with nested `properties` and `location`), so contacts from another
 * CRM work without a Set node; "Define Below" overrides the identifying fields with expressions.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ContactInput } from '../../../../src/core/models';
import { contactFromRecord } from '../../../../src/n8n/fields/contact-mapper';

export const IDENTIFYING_FIELDS = [
	{ name: 'email', displayName: 'Email', placeholder: 'name@email.com' },
	{ name: 'firstName', displayName: 'First Name', placeholder: '' },
	{ name: 'lastName', displayName: 'Last Name', placeholder: '' },
	{ name: 'company', displayName: 'Company Name', placeholder: '' },
	{ name: 'domain', displayName: 'Company Domain', placeholder: 'apollo.io' },
	{ name: 'linkedinUrl', displayName: 'LinkedIn URL', placeholder: 'https://www.linkedin.com/in/…' },
] as const;

export const personSourceFields: INodeProperties[] = [
	{
		displayName: 'Identify People By',
		name: 'personSource',
		type: 'options',
		options: [
			{
				name: 'Input Item Fields',
				value: 'auto',
				description:
					"Each item's email, firstName, lastName, company, domain, linkedinUrl or its Apollo ID (apolloId), as the HubSpot CRM node outputs them",
			},
			{ name: 'Define Below', value: 'define', description: 'Set the identifying fields with expressions' },
		],
		default: 'auto',
	},
	...IDENTIFYING_FIELDS.map(
		(f): INodeProperties => ({
			displayName: f.displayName,
			name: f.name,
			type: 'string',
			default: '',
			placeholder: f.placeholder,
			displayOptions: { show: { personSource: ['define'] } },
		}),
	),
];

export type PersonInput = { ok: true; person: ContactInput } | { ok: false; error: unknown };

/** One person per item: its own fields (also what "only enrich missing" checks), the defined ones on top. */
export function readPeople(ctx: IExecuteFunctions, items: INodeExecutionData[]): PersonInput[] {
	const define = ctx.getNodeParameter('personSource', 0) === 'define';
	return items.map((item, i): PersonInput => {
		try {
			const person = contactFromRecord(item.json, () => undefined);
			const apolloId = apolloIdOf(item.json);
			if (apolloId) person.ids = { apollo: apolloId };
			if (define) {
				for (const f of IDENTIFYING_FIELDS) {
					const value = String(ctx.getNodeParameter(f.name, i, '') ?? '').trim();
					if (value) (person as Record<string, unknown>)[f.name] = value;
				}
			}
			return { ok: true, person };
		} catch (error) {
			return { ok: false, error };
		}
	});
}

/** The identifiers sent for a person: the output's `input`, so a result says which input it answers. */
export function identifiersOf(person: ContactInput, item: number): IDataObject {
	const out: IDataObject = { item };
	for (const f of IDENTIFYING_FIELDS) {
		const value = (person as Record<string, unknown>)[f.name];
		if (typeof value === 'string' && value !== '') out[f.name] = value;
	}
	if (person.ids?.apollo) out.apolloId = person.ids.apollo;
	return out;
}

function apolloIdOf(json: IDataObject): string | undefined {
	const ids = json.ids;
	const nested =
		ids && typeof ids === 'object' && !Array.isArray(ids) ? (ids as IDataObject).apollo : undefined;
	const id = nested ?? json.apolloId;
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}
