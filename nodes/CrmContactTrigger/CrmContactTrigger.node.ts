import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { credentialShownWhen } from '../../src/n8n/credential-display';
import { n8nClock } from '../../src/n8n/clock';
import { toNodeError } from '../../src/n8n/errors';
import { splitList } from '../../src/n8n/fields/contact-fields';
import { pollChanges, type PollEvent } from '../../src/n8n/poll-cursor';
import { pollFeedFor, type PollPlatform } from '../../src/n8n/poll-feeds';
import { sampleRecent } from '../../src/n8n/poll-sample';
import { DEFAULT_LAG_SECONDS, DEFAULT_MAX_PER_POLL, properties, SAMPLE_SIZE } from './description';

interface Options {
	includeExisting?: boolean;
	maxPerPoll?: number;
	properties?: string;
	lagSeconds?: number;
	testLeads?: boolean;
}

export class CrmContactTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Contact Trigger',
		name: 'crmContactTrigger',
		icon: { light: 'file:crmContactTrigger.svg', dark: 'file:crmContactTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["platform"]}}',
		description: 'Starts a workflow when contacts are created or changed in HubSpot or Apollo, or LinkedIn leads come in',
		defaults: { name: 'CRM Contact Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'crmHubSpotAppTokenApi',
				required: true,
				displayOptions: credentialShownWhen({ platform: ['hubspot'], hubspotAuthentication: ['appToken'] }),
			},
			{
				name: 'crmHubSpotOAuth2Api',
				required: true,
				displayOptions: credentialShownWhen({ platform: ['hubspot'], hubspotAuthentication: ['oAuth2'] }),
			},
			{ name: 'crmApolloApi', required: true, displayOptions: credentialShownWhen({ platform: ['apollo'] }) },
			{ name: 'crmLinkedInOAuth2Api', required: true, displayOptions: credentialShownWhen({ platform: ['linkedin'] }) },
		],
		properties,
	};

	/**
	 * One item per contact, oldest first. The cursor lives in the node's static data, written only once a
	 * poll has read everything it emits: a poll that fails leaves it as it was (n8n saves nothing then).
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const platform = this.getNodeParameter('platform') as PollPlatform;
		const options = this.getNodeParameter('options', {}) as Options;
		const event: PollEvent = platform === 'linkedin' ? 'changed' : (this.getNodeParameter('event', 'changed') as PollEvent);
		const fields = platform === 'hubspot' ? splitList(options.properties) : [];
		try {
			const { feed, scope } = await pollFeedFor(this, platform, n8nClock);
			const started = n8nClock.now();
			if (this.getMode() === 'manual') {
				// A test run shows a sample and leaves the cursor alone, so activation still starts where it should.
				const sample = await sampleRecent(feed, started, { size: SAMPLE_SIZE, properties: fields });
				return sample.length ? [this.helpers.returnJsonArray(sample as IDataObject[])] : null;
			}
			const staticData = this.getWorkflowStaticData('node');
			const outcome = await pollChanges(
				feed,
				staticData.cursor,
				{
					key: `${scope}:${event}`,
					event,
					includeExisting: options.includeExisting === true,
					lagMs: Math.max(0, options.lagSeconds ?? DEFAULT_LAG_SECONDS) * 1000,
					maxPerPoll: Math.max(1, Math.floor(options.maxPerPoll ?? DEFAULT_MAX_PER_POLL)),
					properties: fields,
					deadline: deadlineOf(this, started),
				},
				() => n8nClock.now(),
			);
			staticData.cursor = outcome.state as unknown as IDataObject;
			return outcome.contacts.length ? [this.helpers.returnJsonArray(outcome.contacts as IDataObject[])] : null;
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}

/**
 * Half the poll's budget for reading leaves the rest for handing the items over. n8n versions before the
 * poll budget existed have no getPollBudgetMs: then only Max Contacts per Poll bounds a poll.
 */
function deadlineOf(ctx: IPollFunctions, started: number): number | undefined {
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? started + budget / 2 : undefined;
}
