/**
 * LinkedIn keeps no contacts an app may write: its provider has no contact store, so a contact write asked
 * of it through the shared router is refused before any item is read or any request sent, with a message
 * naming the platform and the operation. And every operation of the LinkedIn node needs only what the
 * provider offers.
 */
import nock from 'nock';
import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { LinkedIn } from '../../nodes/LinkedIn/LinkedIn.node';
import * as form from '../../nodes/LinkedIn/actions/form';
import * as lead from '../../nodes/LinkedIn/actions/lead';
import * as leadNotification from '../../nodes/LinkedIn/actions/leadNotification';
import * as post from '../../nodes/LinkedIn/actions/post';
import * as profile from '../../nodes/LinkedIn/actions/profile';
import { requireCapability } from '../../src/core/provider';
import { linkedInProviderFor } from '../../src/n8n/linkedin';
import type { Operation } from '../../src/n8n/operations';
import { route } from '../../src/n8n/router';
import type { LinkedInProvider } from '../../src/providers/linkedin/provider';
import { LI_SECRET, LI_TOKEN, linkedInSetup } from '../helpers/linkedin-fixtures';
import { runNode } from '../helpers/n8n-workflow-run';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

let executed = 0;
const createContact: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: ['contactStore'],
	action: 'create contacts',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, []),
	async execute() {
		executed++;
		return [{}];
	},
};

/** A node that routes a contact write to the LinkedIn provider, as a generic CRM node could. */
const contactWriter: INodeType = {
	description: {
		...new LinkedIn().description,
		displayName: 'LinkedIn Contact Writer',
		name: 'linkedInContactWriter',
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [{ name: 'Create', value: 'create' }],
				default: 'create',
			},
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route<LinkedInProvider, { contact: 'create' }>(this, {
			operations: { contact: { create: createContact } },
			providerFor: async (ctx) => await linkedInProviderFor(ctx),
		});
	},
};

it('refuses a contact write through the shared router up front: no item read, no request sent', async () => {
	executed = 0;
	const result = await runNode({
		nodeType: contactWriter,
		parameters: { resource: 'contact', operation: 'create' },
		items: [{ json: { email: 'a@example.com' } }, { json: { email: 'b@example.com' } }],
		credentials: {
			crmLinkedInOAuth2Api: {
				clientId: 'c',
				clientSecret: LI_SECRET,
				oauthTokenData: { access_token: LI_TOKEN } as never,
			},
		},
	});
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toBe('LinkedIn cannot create contacts: it has no contact store');
	expect(result.requests).toEqual([]);
	expect(executed).toBe(0);
});

it('requireCapability refuses every contact capability of the LinkedIn provider and grants its change feed', () => {
	const { provider } = linkedInSetup();
	for (const capability of ['contactStore', 'contactBatches', 'search', 'enrichment'] as const) {
		expect(() => requireCapability(provider, capability)).toThrow(/^LinkedIn cannot /);
	}
	expect(requireCapability(provider, 'changeFeed')).toBe(provider);
});

it('every LinkedIn node operation needs only capabilities the provider has', () => {
	const { provider } = linkedInSetup();
	const all = [profile, post, lead, form, leadNotification].flatMap((resource) =>
		Object.values(resource.operations),
	);
	expect(all).toHaveLength(9);
	for (const operation of all)
		for (const capability of operation.requires) expect(provider.supports(capability)).toBe(true);
});
