/** The CRM Sync node's parameters. */
import type { INodeProperties } from 'n8n-workflow';
import { UNIFIED_SYNC_FIELDS } from '../../src/core/sync/fields';
import { HUBSPOT_AUTHENTICATION_OPTIONS } from '../../src/n8n/hubspot';
import { leadTypeField, ownerFields } from '../LinkedIn/actions/owner-fields';

const FIELD_NAMES: Record<string, string> = {
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	company: 'Company',
	title: 'Job Title',
	phone: 'Phone',
	linkedinUrl: 'LinkedIn URL',
	domain: 'Company Domain',
	'location.city': 'City',
	'location.state': 'State',
	'location.country': 'Country',
};

/**
 * A parameter shown when either side is `platform`. n8n's display rules are AND across parameters, so
 * "source or target" is the same parameter twice, each with its own rule (only one is ever shown).
 */
function eitherSide(platform: string, property: INodeProperties): INodeProperties[] {
	return [
		{ ...property, displayOptions: { show: { source: [platform] } } },
		{ ...property, displayOptions: { show: { target: [platform] }, hide: { source: [platform] } } },
	];
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'HubSpot', value: 'hubspot' },
			{ name: 'Apollo', value: 'apollo' },
			{ name: 'LinkedIn Leads (Read Only)', value: 'linkedin' },
			{ name: 'Input Items', value: 'items', description: 'Contacts in the unified shape: email, firstName, lastName, company, title, phone, linkedinUrl, domain, location' },
		],
		default: 'hubspot',
		description: 'Where contacts are read from',
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'HubSpot', value: 'hubspot' },
			{ name: 'Apollo', value: 'apollo' },
			{ name: 'Output Items', value: 'output', description: 'Emit each new or changed contact as an item' },
		],
		default: 'apollo',
		description: 'Where contacts are written to (LinkedIn cannot be written)',
	},
	...eitherSide('hubspot', {
		displayName: 'HubSpot Authentication',
		name: 'hubspotAuthentication',
		type: 'options',
		options: HUBSPOT_AUTHENTICATION_OPTIONS,
		default: 'appToken',
	}),
	...eitherSide('apollo', {
		displayName: 'Apollo Access',
		name: 'apolloAccess',
		type: 'options',
		options: [{ name: 'API Key', value: 'apiKey' }],
		default: 'apiKey',
		description: 'Apollo is reached with an API key (bulk contact writes need a master key)',
	}),
	...[...ownerFields, leadTypeField()].map((field) => ({ ...field, displayOptions: { show: { source: ['linkedin'] } } })),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'One-Way', value: 'one-way', description: 'Source changes are written to the target' },
			{ name: 'Two-Way', value: 'two-way', description: 'Changes on either platform are written to the other' },
		],
		default: 'one-way',
		displayOptions: { show: { source: ['hubspot', 'apollo'], target: ['hubspot', 'apollo'] } },
	},
	{
		displayName: 'Conflict Policy',
		name: 'conflictPolicy',
		type: 'options',
		options: [
			{ name: 'Newest Change Wins', value: 'newest' },
			{ name: 'Source Wins', value: 'source' },
			{ name: 'Target Wins', value: 'target' },
		],
		default: 'newest',
		description: 'Who wins when both platforms changed the same contact since the last run',
		displayOptions: { show: { mode: ['two-way'], source: ['hubspot', 'apollo'], target: ['hubspot', 'apollo'] } },
	},
	{
		displayName: 'Custom Property Pairs',
		name: 'fieldMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Pair',
		default: {},
		description: 'Custom properties to copy beyond the standard fields (name, company, title, phone, LinkedIn URL, domain, location)',
		options: [
			{
				displayName: 'Pair',
				name: 'pairs',
				values: [
					{ displayName: 'Source Property', name: 'source', type: 'string', default: '', placeholder: 'e.g. hs_lead_status' },
					{ displayName: 'Target Property', name: 'target', type: 'string', default: '', placeholder: 'e.g. lead_status' },
				],
			},
		],
	},
	{
		displayName: 'Encrypt State',
		name: 'encryptState',
		type: 'boolean',
		default: false,
		description: 'Whether to store the sync state (it holds e-mail addresses) as a Fernet token, with the encryption key credential',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Changed Since',
				name: 'changedSince',
				type: 'dateTime',
				default: '',
				description: 'Read changes since this time instead of since the last run',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to report what would be written without writing anything (the state is not changed)',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				options: UNIFIED_SYNC_FIELDS.filter((f) => f !== 'email').map((value) => ({ name: FIELD_NAMES[value], value })),
				default: [],
				description: 'Standard fields to sync (none selected: all that both sides hold). Email is always the match key.',
			},
			{
				displayName: 'Full Resync',
				name: 'fullResync',
				type: 'boolean',
				default: false,
				description: 'Whether to read everything again, ignoring the saved cursor (still writes only real differences)',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'Runs a failing contact is tried in before it is reported as given up',
			},
			{
				displayName: 'Summary Only',
				name: 'summaryOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to output only the summary item, not one item per changed or failed contact',
			},
		],
	},
];
