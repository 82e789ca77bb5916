import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { propertiesOption, splitList } from '../../../../src/n8n/fields/contact-fields';
import type { Operation } from '../../../../src/n8n/operations';
import { drain, limitOf, returnAllFields } from '../../../../src/n8n/paging';
import type { HubSpotProvider } from '../../../../src/providers/hubspot/provider';
import type { FilterOperator, SearchFilter } from '../../../../src/providers/hubspot/search-query';

const OPERATORS: Array<{ name: string; value: FilterOperator }> = [
	{ name: 'Between', value: 'BETWEEN' },
	{ name: 'Contains Token', value: 'CONTAINS_TOKEN' },
	{ name: 'Does Not Contain Token', value: 'NOT_CONTAINS_TOKEN' },
	{ name: 'Equal', value: 'EQ' },
	{ name: 'Greater Than', value: 'GT' },
	{ name: 'Greater Than or Equal', value: 'GTE' },
	{ name: 'Has Property', value: 'HAS_PROPERTY' },
	{ name: 'In List', value: 'IN' },
	{ name: 'Less Than', value: 'LT' },
	{ name: 'Less Than or Equal', value: 'LTE' },
	{ name: 'Not Equal', value: 'NEQ' },
	{ name: 'Not Has Property', value: 'NOT_HAS_PROPERTY' },
	{ name: 'Not In List', value: 'NOT_IN' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description: 'Filters in the same group must all match; a contact matching any group is returned (up to 5 groups of 6 filters)',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{ displayName: 'Group', name: 'group', type: 'number', typeOptions: { minValue: 1, maxValue: 5 }, default: 1 },
					{
						displayName: 'High Value',
						name: 'highValue',
						type: 'string',
						default: '',
						displayOptions: { show: { operator: ['BETWEEN'] } },
					},
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATORS, default: 'EQ' },
					{ displayName: 'Property', name: 'property', type: 'string', default: '', placeholder: 'lastname' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'For In List and Not In List: comma-separated values. Dates: ISO or epoch milliseconds.',
					},
				],
			},
		],
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Free text matched against the default searchable properties (name, email, phone, company)',
	},
	...returnAllFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			propertiesOption('HubSpot', 'lifecyclestage,hs_lead_status'),
			{
				displayName: 'Sort By Property',
				name: 'sortProperty',
				type: 'string',
				default: '',
				placeholder: 'lastmodifieddate',
				description: 'Results past 10,000 are paged by moving the window along this property (default: contact ID)',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASCENDING' },
					{ name: 'Descending', value: 'DESCENDING' },
				],
				default: 'ASCENDING',
			},
		],
	},
];

export const search: Operation<HubSpotProvider> = {
	kind: 'item',
	requires: ['search'],
	action: 'search contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['search'] } }, properties),
	async execute(provider, i) {
		const rows = this.getNodeParameter('filters.filter', i, []) as IDataObject[];
		const groups = new Map<number, SearchFilter[]>();
		for (const row of rows) {
			const operator = row.operator as FilterOperator;
			const filter: SearchFilter = { property: String(row.property ?? '').trim(), operator };
			if (operator === 'IN' || operator === 'NOT_IN') filter.values = splitList(row.value);
			else if (operator !== 'HAS_PROPERTY' && operator !== 'NOT_HAS_PROPERTY') filter.value = String(row.value ?? '');
			if (operator === 'BETWEEN') filter.highValue = String(row.highValue ?? '');
			const group = Number(row.group ?? 1) || 1;
			groups.set(group, [...(groups.get(group) ?? []), filter]);
		}
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const sortProperty = String(options.sortProperty ?? '').trim();
		const limit = limitOf(this, i);
		const pages = provider.searchContacts({
			filterGroups: [...groups.entries()].sort(([a], [b]) => a - b).map(([, filters]) => filters),
			query: (this.getNodeParameter('query', i, '') as string).trim() || undefined,
			sort: sortProperty
				? { property: sortProperty, direction: (options.sortDirection as 'ASCENDING' | 'DESCENDING') ?? 'ASCENDING' }
				: undefined,
			properties: splitList(options.properties),
			limit,
		});
		return await drain(pages, limit);
	},
};
