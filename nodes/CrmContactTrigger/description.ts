/** The CRM Contact Trigger's parameters: platform, access, event, and the cursor's options. */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { HUBSPOT_AUTHENTICATION_OPTIONS } from '../../src/n8n/hubspot';
import { leadTypeField, ownerFields } from '../LinkedIn/actions/owner-fields';

export const DEFAULT_LAG_SECONDS = 60;
export const DEFAULT_MAX_PER_POLL = 1_000;
export const SAMPLE_SIZE = 5;

const linkedInOnly = { show: { platform: ['linkedin'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'HubSpot', value: 'hubspot', description: 'Contacts created or changed (search on the modification date)' },
			{ name: 'Apollo', value: 'apollo', description: 'Your Apollo contacts, by update time' },
			{ name: 'LinkedIn', value: 'linkedin', description: 'New Lead Gen form responses (Lead Sync API)' },
		],
		default: 'hubspot',
	},
	{
		// Not `authentication`: n8n's editor moves a parameter of that name out of the panel (see credential-display.ts).
		displayName: 'Authentication',
		name: 'hubspotAuthentication',
		type: 'options',
		options: HUBSPOT_AUTHENTICATION_OPTIONS,
		default: 'appToken',
		displayOptions: { show: { platform: ['hubspot'] } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Contact Created or Changed', value: 'changed', description: 'Each change once (a contact changed twice between polls comes once, in its latest state)' },
			{ name: 'Contact Created', value: 'created', description: 'Each new contact once, however often it changes afterwards' },
		],
		default: 'changed',
		displayOptions: { show: { platform: ['hubspot', 'apollo'] } },
	},
	{
		displayName:
			'Each new lead form response once, oldest first. Needs the Lead Sync API product (r_marketing_leadgen_automation) on your LinkedIn app.',
		name: 'leadNotice',
		type: 'notice',
		default: '',
		displayOptions: linkedInOnly,
	},
	...updateDisplayOptions(linkedInOnly, [...ownerFields, leadTypeField()]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Existing Contacts',
				name: 'includeExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation emits the contacts that exist already (oldest first, Max Contacts per Poll at a time) instead of starting from now',
			},
			{
				displayName: 'Max Contacts per Poll',
				name: 'maxPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_PER_POLL,
				description: 'Most contacts one poll emits; the rest come on the next polls, oldest first, none skipped',
			},
			{
				displayName: 'Properties',
				name: 'properties',
				type: 'string',
				default: '',
				placeholder: 'lifecyclestage,hs_lead_status',
				description: 'Comma-separated HubSpot properties to return besides the standard contact fields',
				displayOptions: { show: { '/platform': ['hubspot'] } },
			},
			{
				displayName: 'Search Delay Allowance (Seconds)',
				name: 'lagSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LAG_SECONDS,
				description:
					'How late the platform may show a change in its search (HubSpot indexes changes seconds late). Each poll reads this far back again and skips what it already emitted, so a late change is not lost.',
			},
			{
				displayName: 'Test Leads Only',
				name: 'testLeads',
				type: 'boolean',
				default: false,
				description:
					'Whether to watch test leads (created with the form preview) instead of real ones; LinkedIn returns one kind or the other',
				displayOptions: { show: { '/platform': ['linkedin'] } },
			},
		],
	},
];
