import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { GENERIC_SOURCE, PLATFORM_NAMES, SOURCES, type Source } from '../../src/core/platforms';
import { HUBSPOT_AUTHENTICATION_OPTIONS } from '../../src/n8n/hubspot';

/** What the trigger receives from each source of the one platform list. */
const SOURCE_DESCRIPTIONS: Record<Source, string> = {
	apollo: 'Enrichment callbacks, protected by a secret URL token',
	generic: 'Any sender that signs the body with a shared secret',
	hubspot: 'Webhook subscriptions and workflow webhooks (v1, v2, v3 signatures)',
	linkedin: 'Lead notifications (challenge handshake and X-LI-Signature)',
};

const sourceName = (source: Source): string =>
	source === GENERIC_SOURCE ? 'Generic HMAC' : PLATFORM_NAMES[source];

const platformOptions: INodePropertyOptions[] = [...SOURCES]
	.map((source) => ({ name: sourceName(source), value: source, description: SOURCE_DESCRIPTIONS[source] }))
	.sort((a, b) => a.name.localeCompare(b.name));

const only = (...platform: string[]) => ({ show: { platform } });

const platformNotices: INodeProperties[] = [
	{
		displayName:
			"Paste the Production URL into your HubSpot app's webhook settings. If the credential has a developer API key and app ID, the node sets the URL and the subscriptions itself when the workflow is activated, and removes them when it is deactivated.",
		name: 'hubspotNotice',
		type: 'notice',
		default: '',
		displayOptions: only('hubspot'),
	},
	{
		displayName:
			'Register the Production URL as a LinkedIn webhook once the workflow is active: LinkedIn first sends a GET validation challenge to the same URL, which this node answers with the signed response.',
		name: 'linkedinNotice',
		type: 'notice',
		default: '',
		displayOptions: only('linkedin'),
	},
	{
		displayName:
			'Apollo does not sign callbacks. Pass the Production URL with your secret appended (for example ?token=…) as webhook_url on enrichment requests; anything without the token is refused.',
		name: 'apolloNotice',
		type: 'notice',
		default: '',
		displayOptions: only('apollo'),
	},
];

/**
 * HubSpot signs app webhooks with v3 and, on the same request, with the older v1/v2 that cover no
 * timestamp. Accepting v1/v2 where v3 is available lets a captured request be replayed for days with
 * its v3 headers removed, so from version 1.1 the default is V3 Only. Version 1 keeps Auto as its
 * default (saved workflows keep working), and Auto refuses v1/v2 once it has seen v3.
 */
const signatureVersionOptions = [
	{
		name: 'V3 Only',
		value: 'v3',
		description:
			'Recommended for app webhooks (HubSpot always signs them with v3): HMAC with a timestamp, each request accepted once within 5 minutes; v1/v2-only requests are refused',
	},
	{
		name: 'Auto (Strongest Present)',
		value: 'auto',
		description:
			'V3 whenever present; v1/v2 only while this trigger has never received a v3-signed request and the request carries no v3 timestamp (a v1/v2 signature can be replayed)',
	},
	{ name: 'V2 Only', value: 'v2', description: 'Workflow webhooks and CRM cards (no timestamp: replayable)' },
	{ name: 'V1 Only', value: 'v1', description: 'Older webhook subscriptions (no timestamp: replayable)' },
];

const signatureVersionHint =
	'V3 Only is the safe choice for app webhooks. Auto also takes v1/v2, which carry no timestamp, until the first v3 request arrives; after that it insists on v3.';

const autoNotice: INodeProperties = {
	displayName:
		"Auto accepts HubSpot's v1/v2 signatures, which cover no timestamp, so a captured request can be replayed. It stops accepting them once this trigger has received a v3-signed request. HubSpot signs every app webhook with v3: choose V3 Only unless this trigger receives v2-signed workflow webhooks (those need V2 Only, in a trigger of their own).",
	name: 'hubspotAutoNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { platform: ['hubspot'], signatureVersion: ['auto'] } },
};

const hubspot: INodeProperties[] = [
	{
		displayName: 'Signature Version',
		name: 'signatureVersion',
		type: 'options',
		options: signatureVersionOptions,
		default: 'v3',
		description: signatureVersionHint,
		displayOptions: { show: { platform: ['hubspot'], '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{
		displayName: 'Signature Version',
		name: 'signatureVersion',
		type: 'options',
		options: signatureVersionOptions,
		default: 'auto',
		description: signatureVersionHint,
		displayOptions: { show: { platform: ['hubspot'], '@version': [1] } },
	},
	autoNotice,
	{
		displayName: 'Events',
		name: 'hubspotEvents',
		type: 'multiOptions',
		options: [
			{ name: 'Contact Association Changed', value: 'contact.associationChange' },
			{ name: 'Contact Created', value: 'contact.creation' },
			{ name: 'Contact Deleted', value: 'contact.deletion' },
			{ name: 'Contact Merged', value: 'contact.merge' },
			{ name: 'Contact Privacy Deleted (GDPR)', value: 'contact.privacyDeletion' },
			{ name: 'Contact Property Changed', value: 'contact.propertyChange' },
			{ name: 'Contact Restored', value: 'contact.restore' },
			{
				name: 'Workflow Webhook Action',
				value: 'workflow.webhook',
				description:
					'A HubSpot workflow\'s "Send a webhook" action (configured in HubSpot, v2 or v3 signature)',
			},
		],
		default: ['contact.creation', 'contact.propertyChange', 'contact.deletion'],
		description:
			'Events that start the workflow (others are acknowledged and dropped), and the subscriptions registered when the credential allows it',
		displayOptions: only('hubspot'),
	},
	{
		displayName: 'Properties to Watch',
		name: 'propertyNames',
		type: 'string',
		default: '',
		placeholder: 'email, lifecyclestage',
		description:
			'Comma-separated internal property names for Property Changed. Registering subscriptions needs at least one; empty accepts a change to any property.',
		displayOptions: only('hubspot'),
	},
	{
		displayName: 'Public Base URL',
		name: 'publicBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com',
		description:
			'Only if n8n runs behind a proxy and its WEBHOOK_URL is not the address HubSpot calls: the scheme and host (plus any path prefix) HubSpot sees. V2 and v3 signatures cover the URL, so it must match exactly.',
		displayOptions: only('hubspot'),
	},
	{
		displayName: 'Fetch Full Contact',
		name: 'fetchContact',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each event\'s contact from HubSpot and add it as "contact" (not for deletions). Reads that do not finish within 3 seconds are reported as "contactError", to stay inside HubSpot\'s 5-second answer budget.',
		displayOptions: only('hubspot'),
	},
	{
		displayName: 'HubSpot API Authentication',
		name: 'hubspotApiAuthentication',
		type: 'options',
		options: HUBSPOT_AUTHENTICATION_OPTIONS,
		default: 'appToken',
		displayOptions: { show: { platform: ['hubspot'], fetchContact: [true] } },
	},
	{
		displayName: 'Contact Properties',
		name: 'contactProperties',
		type: 'string',
		default: '',
		placeholder: 'lifecyclestage, hs_lead_status',
		description: 'Comma-separated HubSpot properties to read beyond the standard contact fields',
		displayOptions: { show: { platform: ['hubspot'], fetchContact: [true] } },
	},
];

const linkedin: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'linkedinEvents',
		type: 'multiOptions',
		options: [
			{ name: 'Lead Created', value: 'lead.created' },
			{ name: 'Lead Deleted', value: 'lead.deleted' },
		],
		default: ['lead.created', 'lead.deleted'],
		description: 'Lead notifications that start the workflow; others are acknowledged and dropped',
		displayOptions: only('linkedin'),
	},
	{
		displayName: 'Fetch Full Lead',
		name: 'fetchLead',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each created lead\'s form response from LinkedIn and add it as "lead" (a contact). Needs the Lead Sync API product and a signed-in credential. A read that does not finish within 2 seconds is reported as "leadError", to stay inside LinkedIn\'s 3-second answer budget.',
		displayOptions: only('linkedin'),
	},
];

const apollo: INodeProperties[] = [
	{
		displayName: 'URL Parameter Name',
		name: 'urlParameterName',
		type: 'string',
		default: 'token',
		description: 'Name of the query parameter that carries the secret in the callback URL',
		displayOptions: only('apollo'),
	},
];

const generic: INodeProperties[] = [
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: 'X-Signature',
		required: true,
		displayOptions: only('generic'),
	},
	{
		displayName: 'Algorithm',
		name: 'algorithm',
		type: 'options',
		options: [
			{ name: 'HMAC-SHA1', value: 'sha1' },
			{ name: 'HMAC-SHA256', value: 'sha256' },
			{ name: 'HMAC-SHA512', value: 'sha512' },
		],
		default: 'sha256',
		displayOptions: only('generic'),
	},
	{
		displayName: 'Encoding',
		name: 'encoding',
		type: 'options',
		options: [
			{ name: 'Hex', value: 'hex' },
			{ name: 'Base64', value: 'base64' },
		],
		default: 'hex',
		displayOptions: only('generic'),
	},
	{
		displayName: 'Signature Prefix',
		name: 'signaturePrefix',
		type: 'string',
		default: '',
		placeholder: 'sha256=',
		description: 'Text in front of the signature in the header, if any',
		displayOptions: only('generic'),
	},
	{
		displayName: 'Signed Content',
		name: 'signedContent',
		type: 'options',
		options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Timestamp + Separator + Body', value: 'timestampBody' },
		],
		default: 'body',
		displayOptions: only('generic'),
	},
	{
		displayName: 'Timestamp Header',
		name: 'timestampHeader',
		type: 'string',
		default: '',
		placeholder: 'X-Timestamp',
		description:
			'Header with the send time (Unix seconds or milliseconds), covered by the signature. Requests outside the tolerance are refused, and each signed request is accepted once.',
		displayOptions: {
			show: { platform: ['generic'], signedContent: ['timestampBody'], '@version': [{ _cnd: { gte: 1.1 } }] },
		},
	},
	{
		// Version 1 showed the header for body-only signing too; such a workflow is refused at activation.
		displayName: 'Timestamp Header',
		name: 'timestampHeader',
		type: 'string',
		default: '',
		placeholder: 'X-Timestamp',
		description:
			'Header with the send time (Unix seconds or milliseconds). Only with Timestamp + Separator + Body: a timestamp the signature does not cover can be rewritten by anyone, so the workflow does not activate with it.',
		displayOptions: { show: { platform: ['generic'], '@version': [1] } },
	},
	{
		displayName: 'Separator',
		name: 'separator',
		type: 'string',
		default: '.',
		description: 'What the sender puts between timestamp and body',
		displayOptions: { show: { platform: ['generic'], signedContent: ['timestampBody'] } },
	},
	{
		displayName: 'Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'Oldest accepted timestamp',
		displayOptions: { show: { platform: ['generic'], signedContent: ['timestampBody'] } },
	},
	{
		displayName: 'Event ID Field',
		name: 'eventIdField',
		type: 'string',
		default: '',
		placeholder: 'data.eventId',
		description:
			'Dot path to a unique ID in each event, used to drop duplicates. Empty: a hash of the event.',
		displayOptions: only('generic'),
	},
	{
		displayName: 'Event Type Field',
		name: 'eventTypeField',
		type: 'string',
		default: '',
		placeholder: 'type',
		description: 'Dot path to the event type, reported as rawType',
		displayOptions: only('generic'),
	},
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		noDataExpression: true,
		options: platformOptions,
		default: 'hubspot',
	},
	...platformNotices,
	...hubspot,
	...linkedin,
	...apollo,
	...generic,
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description:
					'Acknowledge as soon as the events are accepted (recommended: HubSpot waits 5 seconds at most)',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description:
					'Answer after the workflow ran; a failed run answers 500, so the sender retries and retried events run again',
			},
		],
		default: 'onReceived',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Drop Duplicates',
				name: 'dropDuplicates',
				type: 'boolean',
				default: true,
				description: 'Whether to drop events already seen in this delivery or a recent one',
			},
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1440,
				description: 'How long an event is remembered (HubSpot retries for up to 24 hours)',
			},
			{
				displayName: 'Duplicate Memory Size',
				name: 'duplicateMemorySize',
				type: 'number',
				typeOptions: { minValue: 10, maxValue: 10000 },
				default: 1000,
				description: 'Most events remembered; the oldest are forgotten first',
			},
		],
	},
];
