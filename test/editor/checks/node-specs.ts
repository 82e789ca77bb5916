/**
 * What the editor checks expect of each node beyond opening cleanly: which action to add it with, which
 * demo credential n8n should pick for it, and the options its panel must load. A node the package lists
 * but this table does not know is still checked (panel, open, no errors) and reported as lacking a spec.
 */
import type { Page } from 'puppeteer-core';
import type { SandboxClient } from '../../e2e/lib/sandbox';
import { parameterPanelText, resourceMapperFieldOptions } from '../lib/editor';

export interface OptionsContext {
	page: Page;
	sandbox: SandboxClient;
	/** A HubSpot contact property registered in the sandbox for this run only. */
	probeProperty: string;
}

export interface NodeSpec {
	/** The action to add it with, as the node panel lists it; none for a node without operations. */
	action?: string;
	/** The demo credential n8n selects when the node is added (the only one of its type). */
	credential?: string;
	/** Parameters the panel must show (their labels), each a choice the user must be able to make. */
	parameters: string[];
	/** What "its options load" means for this node; throws when they do not. */
	options?: { what: string; check: (ctx: OptionsContext) => Promise<string> };
}

async function mapperLists(ctx: OptionsContext, field: string, from: string): Promise<string> {
	const options = await resourceMapperFieldOptions(ctx.page);
	const found = options.find((o) => o.endsWith(`(${field})`));
	if (!found)
		throw new Error(
			`the field mapper does not list ${field} (${from}); it lists: ${options.join(' | ') || 'nothing'}`,
		);
	return `the field mapper lists "${found}" among ${options.length} fields`;
}

export const NODE_SPECS: Record<string, NodeSpec> = {
	'HubSpot CRM': {
		action: 'Create or update a contact',
		credential: 'HubSpot sandbox',
		parameters: ['Resource', 'Operation'],
		options: {
			what: 'its field mapper lists a contact property only the sandbox serves',
			check: (ctx) => mapperLists(ctx, ctx.probeProperty, `registered in the sandbox for this run`),
		},
	},
	Apollo: {
		action: 'Create or update a contact',
		credential: 'Apollo sandbox',
		parameters: ['Resource', 'Operation'],
		options: {
			// Apollo has no endpoint listing contact fields: its mapper answers from the node's own list.
			what: "its field mapper loads Apollo's contact attributes (node method run by n8n)",
			check: (ctx) => mapperLists(ctx, 'present_raw_address', "one of Apollo's contact attributes"),
		},
	},
	LinkedIn: {
		action: 'Get many leads',
		credential: 'LinkedIn sandbox',
		parameters: ['Resource', 'Operation'],
		options: {
			what: 'its panel says which LinkedIn product the operation needs',
			check: async (ctx) => {
				const text = await parameterPanelText(ctx.page);
				if (!/Lead Sync API/.test(text))
					throw new Error(`the panel does not name the Lead Sync API: ${text.slice(0, 400)}`);
				return 'the panel names the Lead Sync API';
			},
		},
	},
	'CRM Webhook Trigger': { action: 'On contact created', parameters: ['Platform', 'Events', 'Respond'] },
	'CRM Contact Trigger': {
		action: 'On contact created or changed',
		parameters: ['Platform', 'Poll Times', 'Event'],
	},
	'CRM Sync': { parameters: ['Source', 'Target'] },
};
