import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { ApolloProvider } from '../../../../src/providers/apollo/provider';
import type { ContactSortField } from '../../../../src/providers/apollo/search';
import { capReachedHint } from '../search-hint';

const properties: INodeProperties[] = [
	{
		displayName: 'Keywords',
		name: 'keywords',
		type: 'string',
		default: '',
		description: 'Free text matched against names, emails, titles and companies; empty for all contacts',
	},
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created At', value: 'contact_created_at' },
					{ name: 'Last Activity', value: 'contact_last_activity_date' },
					{ name: 'Updated At', value: 'contact_updated_at' },
				] satisfies Array<{ name: string; value: ContactSortField }>,
				default: 'contact_created_at',
			},
			{
				displayName: 'Sort Ascending',
				name: 'ascending',
				type: 'boolean',
				default: true,
				description: 'Whether the oldest come first',
			},
		],
	},
];

/** The user's own Apollo contacts (0 credits). */
export const search: Operation<ApolloProvider> = {
	kind: 'item',
	requires: ['search'],
	action: 'search contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['search'] } }, properties),
	async execute(provider, i) {
		const limit = limitOf(this, i);
		const sortBy = this.getNodeParameter('options.sortBy', i, 'contact_created_at') as ContactSortField;
		const pages = provider.searchContacts({
			target: 'contacts',
			keywords: String(this.getNodeParameter('keywords', i, '') ?? ''),
			sortBy,
			ascending: this.getNodeParameter('options.ascending', i, true) !== false,
			limit,
			onCapReached: capReachedHint(this),
		});
		return await drain(pages, limit);
	},
};
