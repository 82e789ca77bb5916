import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ContactInput } from '../../../../src/core/models';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { PeopleEnrichmentOptions } from '../../../../src/providers/apollo/enrichment-types';
import type { UnifiedField } from '../../../../src/providers/apollo/mapping';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { creditCapOption, reportCredits } from '../credits';
import { identifiersOf, personSourceFields, readPeople } from './people-input';

const MISSING_FIELD_OPTIONS: Array<{ name: string; value: UnifiedField }> = [
	{ name: 'City', value: 'location.city' },
	{ name: 'Company Domain', value: 'domain' },
	{ name: 'Company Name', value: 'company' },
	{ name: 'Country', value: 'location.country' },
	{ name: 'Email', value: 'email' },
	{ name: 'First Name', value: 'firstName' },
	{ name: 'Job Title', value: 'title' },
	{ name: 'Last Name', value: 'lastName' },
	{ name: 'LinkedIn URL', value: 'linkedinUrl' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'State', value: 'location.state' },
];

const properties: INodeProperties[] = [
	...personSourceFields,
	{
		displayName: 'Reveal Phone Number',
		name: 'revealPhone',
		type: 'boolean',
		default: false,
		description:
			'Whether to ask for mobile numbers (+8 credits per number found). Apollo sends them minutes later to the Webhook URL, not in this output.',
	},
	{
		displayName: 'Run Waterfall',
		name: 'waterfall',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Phone', value: 'phone' },
		],
		default: [],
		description:
			'Let Apollo look for emails or phones at third-party providers too; results arrive later at the Webhook URL',
	},
	{
		displayName:
			'Phone numbers and waterfall results arrive later at the Webhook URL. Add a CRM Webhook Trigger with Platform = Apollo to a workflow, activate it, and paste its production URL here with its token (…?token=&lt;your secret&gt;): each result starts that workflow.',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { revealPhone: [true] } },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/apollo?token=…',
		description:
			'Needed for Reveal Phone Number and Run Waterfall: the production URL of an active CRM Webhook Trigger in Apollo mode, with its ?token=',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			creditCapOption,
			{
				displayName: 'Only Enrich Contacts Missing These Fields',
				name: 'onlyIfMissing',
				type: 'multiOptions',
				options: MISSING_FIELD_OPTIONS,
				default: [],
				description:
					'For contacts from another CRM: an item that already has every one of these fields is passed through as skipped, without a request or a credit',
			},
			{
				displayName: 'Reveal Personal Emails',
				name: 'revealPersonalEmails',
				type: 'boolean',
				default: false,
				description: 'Whether to return personal emails too (never for people in GDPR regions)',
			},
		],
	},
];

/** The run's options, read once: all items go out together, 10 per bulk_match call. */
function enrichmentOptions(ctx: IExecuteFunctions): PeopleEnrichmentOptions {
	const waterfall = ctx.getNodeParameter('waterfall', 0, []) as string[];
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		revealPersonalEmails: options.revealPersonalEmails === true,
		revealPhone: ctx.getNodeParameter('revealPhone', 0, false) === true,
		waterfallEmail: waterfall.includes('email'),
		waterfallPhone: waterfall.includes('phone'),
		webhookUrl: String(ctx.getNodeParameter('webhookUrl', 0, '') ?? ''),
		onlyIfMissing: (options.onlyIfMissing as UnifiedField[] | undefined) ?? [],
	};
}

/**
 * All input items in one provider call (10 per request). A person Apollo does not know is an output item
 * with `match: 'noMatch'`, not an error; an item held back by "only missing" or the credit cap comes out
 * as it came in, with `match: 'skipped'` and the reason.
 */
export const enrich: Operation<ApolloProvider> = {
	kind: 'batch',
	requires: ['enrichment'],
	action: 'enrich people',
	description: updateDisplayOptions({ show: { resource: ['person'], operation: ['enrich'] } }, properties),
	async execute(provider, items) {
		const options = enrichmentOptions(this);
		const results: BatchResult[] = new Array(items.length);
		const sent: Array<{ item: number; person: ContactInput }> = [];
		readPeople(this, items).forEach((p, item) => {
			if (p.ok) sent.push({ item, person: p.person });
			else results[item] = p;
		});
		const outcomes = await provider.enrichPeople(
			sent.map((s) => s.person),
			options,
		);
		let capped = 0;
		outcomes.forEach((o, k) => {
			const { item, person } = sent[k];
			const input = identifiersOf(person, item);
			if (o.status === 'failed') results[item] = { ok: false, error: o.error };
			else if (o.status === 'matched') {
				const json: IDataObject = { ...o.value, match: 'matched', credits: { ...o.credits }, input };
				if (o.requestId) json.requestId = o.requestId;
				results[item] = { ok: true, json };
			} else if (o.status === 'noMatch') {
				results[item] = {
					ok: true,
					json: { ...items[item].json, match: 'noMatch', credits: { ...o.credits }, input },
				};
			} else {
				if (o.reason === 'creditCap') capped++;
				results[item] = {
					ok: true,
					json: { ...items[item].json, match: 'skipped', reason: o.reason, message: o.message, input },
				};
			}
		});
		reportCredits(this, provider, capped);
		return results;
	},
};
