import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { splitList } from '../../../../src/n8n/fields/contact-fields';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import { capReachedHint } from '../search-hint';

const properties: INodeProperties[] = [
	{
		displayName: 'Keywords',
		name: 'keywords',
		type: 'string',
		default: '',
		description: 'Free text matched against names, titles and companies',
	},
	{
		displayName: 'Job Titles',
		name: 'titles',
		type: 'string',
		default: '',
		placeholder: 'Head of Sales, VP Marketing',
		description: 'Comma-separated; a person matching any of them is returned',
	},
	{
		displayName: 'Company Domains',
		name: 'domains',
		type: 'string',
		default: '',
		placeholder: 'apollo.io, n8n.io',
		description: 'Comma-separated domains of the companies people work at',
	},
	...returnAllFields,
];

/** Apollo's free people search (0 credits; no emails or phones: enrich the people found for those). */
export const search: Operation<ApolloProvider> = {
	kind: 'item',
	requires: ['search'],
	action: 'search people',
	description: updateDisplayOptions({ show: { resource: ['person'], operation: ['search'] } }, properties),
	async execute(provider, i) {
		const limit = limitOf(this, i);
		const pages = provider.searchContacts({
			target: 'people',
			keywords: String(this.getNodeParameter('keywords', i, '') ?? ''),
			titles: splitList(this.getNodeParameter('titles', i, '')),
			domains: splitList(this.getNodeParameter('domains', i, '')),
			limit,
			onCapReached: capReachedHint(this),
		});
		return await drain(pages, limit);
	},
};
