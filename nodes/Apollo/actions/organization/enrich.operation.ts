import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';
import type { BatchResult, Operation } from '../../../../src/n8n/operations';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { creditCapOption, reportCredits } from '../credits';

const properties: INodeProperties[] = [
	{
		displayName: 'Company Domain',
		name: 'domain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'apollo.io',
		description:
			"The company's website or domain, usually an expression reading the domain field of the item",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [creditCapOption],
	},
];

/** All items together, 10 domains per request; a domain Apollo does not know is `match: 'noMatch'`. */
export const enrich: Operation<ApolloProvider> = {
	kind: 'batch',
	requires: ['enrichment'],
	action: 'enrich organizations',
	description: updateDisplayOptions(
		{ show: { resource: ['organization'], operation: ['enrich'] } },
		properties,
	),
	async execute(provider, items) {
		const results: BatchResult[] = new Array(items.length);
		const sent: Array<{ item: number; domain: string }> = [];
		items.forEach((_item, i) => {
			try {
				sent.push({ item: i, domain: String(this.getNodeParameter('domain', i, '') ?? '') });
			} catch (error) {
				results[i] = { ok: false, error };
			}
		});
		const outcomes = await provider.enrichOrganizations(sent.map((s) => s.domain));
		let capped = 0;
		outcomes.forEach((o, k) => {
			const { item, domain } = sent[k];
			const input = { item, domain };
			if (o.status === 'failed') results[item] = { ok: false, error: o.error };
			else if (o.status === 'matched')
				results[item] = {
					ok: true,
					json: { ...o.value, match: 'matched', credits: { ...o.credits }, input } as IDataObject,
				};
			else if (o.status === 'noMatch')
				results[item] = { ok: true, json: { domain, match: 'noMatch', credits: { ...o.credits }, input } };
			else {
				if (o.reason === 'creditCap') capped++;
				results[item] = {
					ok: true,
					json: { domain, match: 'skipped', reason: o.reason, message: o.message, input },
				};
			}
		});
		reportCredits(this, provider, capped);
		return results;
	},
};
