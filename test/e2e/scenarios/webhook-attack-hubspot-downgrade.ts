/**
 * Attack (issue 6): the HubSpot signature downgrade. HubSpot signs an app's webhook with v3 (timestamped,
 * 5-minute window) and, on the same request, with v1 (no timestamp). Strip the v3 headers from a captured
 * request and, before the fix, Auto verified what was left as v1: replayable for days. A trigger at the
 * new default (typeVersion 1.1, V3 Only) refuses it, and so does a typeVersion 1 trigger in Auto mode
 * once it has seen a v3 request. Each check sends fresh events, so a 401 cannot be a duplicate's answer.
 */
import { hubspotV3WithV1, withoutHubspotV3 } from '../../helpers/signers';
import type { CredentialImport, Scenario, ScenarioContext } from '../lib/scenario';
import { expectDelivery, freshSecret, hubspotEvent, TriggerFlows, type TriggerFlow } from '../lib/trigger';
import { stableId } from '../lib/workflow';

const NAME = 'webhook-attack-hubspot-downgrade';
const SECRET = freshSecret('hubspot-downgrade');
const flows = new TriggerFlows(NAME);

const app: CredentialImport = {
	id: stableId(`${NAME}/credential`),
	name: '[e2e] HubSpot app (downgrade attack)',
	type: 'crmHubSpotAppApi',
	data: { clientSecret: SECRET },
};

const FLOWS: TriggerFlow[] = [
	{
		key: 'default',
		name: '[e2e] attack: HubSpot downgrade, trigger at the new default (V3 Only)',
		// No signatureVersion: the default of typeVersion 1.1 is what is tested.
		parameters: { platform: 'hubspot', hubspotEvents: ['contact.creation'] },
		credentials: [app],
		typeVersion: 1.1,
	},
	{
		key: 'auto-v1',
		name: '[e2e] attack: HubSpot downgrade, typeVersion 1 in Auto mode',
		// No signatureVersion: typeVersion 1's default, Auto.
		parameters: { platform: 'hubspot', hubspotEvents: ['contact.creation'] },
		credentials: [app],
		typeVersion: 1,
	},
];

async function downgrade(ctx: ScenarioContext, key: string): Promise<void> {
	const body = JSON.stringify([hubspotEvent()]);
	const genuine = hubspotV3WithV1(SECRET, { url: flows.url(ctx, key), body, timestamp: Date.now() });
	await expectDelivery(
		ctx,
		flows,
		key,
		{ body, options: { headers: genuine } },
		{
			status: 200,
			executions: 1,
			items: 1,
		},
	);
	await expectDelivery(
		ctx,
		flows,
		key,
		{ body, options: { headers: withoutHubspotV3(genuine) } },
		{
			status: 401,
			executions: 0,
		},
	);
}

const scenario: Scenario = {
	name: NAME,
	description: 'Attack: a captured HubSpot request with its v3 headers stripped must not verify as v1',
	credentials: () => [app],
	workflows: (ctx) => FLOWS.map((flow) => flows.workflow(ctx, flow)),
	async run(ctx) {
		await ctx.check(
			'typeVersion 1.1 (default V3 Only): a genuine v3+v1 request is accepted, the same bytes without v3 get 401, nothing starts',
			() => downgrade(ctx, 'default'),
		);
		await ctx.check(
			'typeVersion 1, Auto: after a genuine v3+v1 request, the same bytes without v3 get 401, nothing starts',
			() => downgrade(ctx, 'auto-v1'),
		);
	},
};

export default scenario;
