/**
 * examples/1-hubspot-contact-enrich-from-apollo.json, imported as it is with the demo credentials: a contact is
 * created through the HubSpot API, then HubSpot's webhook for it is played the way HubSpot sends it (v3-signed
 * with the app's client secret, for the URL activation registered with the app; the sandbox does not deliver
 * HubSpot webhooks itself). The outcome is read from the sandbox: the fields HubSpot lacked are filled from
 * Apollo, the ones it had are untouched, and a complete contact costs no Apollo request at all.
 */
import { hubspotV3 } from '../../helpers/signers';
import {
	EXAMPLES_HUBSPOT_APP_ID,
	exampleCredentials,
	exampleRunsAfter,
	exampleWebhookPath,
	loadExample,
	registerExamplesHubSpotApp,
	runReadmeTryIt,
} from '../lib/examples';
import type { Scenario, ScenarioContext } from '../lib/scenario';
import { hubspotEvent } from '../lib/trigger';

const NAME = 'example-1-hubspot-enrich';
const FILE = '1-hubspot-contact-enrich-from-apollo.json';
const TRIGGER = 'New HubSpot Contact';
const RUN = Date.now().toString(36);
const example = () => loadExample(FILE);

type Json = Record<string, any>;

/** Creates a contact through HubSpot's API, as a user or an import would; returns its id. */
async function createInHubSpot(ctx: ScenarioContext, properties: Record<string, string>): Promise<string> {
	const response = await fetch(`${ctx.platforms.hubspot.url}/crm/v3/objects/contacts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ctx.platforms.hubspot.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ properties }),
	});
	const body = (await response.json()) as Json;
	ctx.assert.equal(response.status, 201, `HubSpot create: ${JSON.stringify(body)}`);
	return String(body.id);
}

async function hubspotContact(ctx: ScenarioContext, id: string): Promise<Record<string, unknown>> {
	const contact = (await ctx.sandbox.hubspotContacts()).find((c) => c.id === id);
	ctx.assert.ok(contact, `HubSpot contact ${id} exists`);
	return contact!.properties;
}

/** HubSpot's contact.creation webhook for `id`, signed v3 for the workflow's production URL; the run it started. */
async function deliverCreation(ctx: ScenarioContext, id: string): Promise<Json> {
	const workflow = example();
	const path = exampleWebhookPath(workflow, TRIGGER);
	const body = JSON.stringify([
		hubspotEvent({ objectId: Number(id), appId: Number(EXAMPLES_HUBSPOT_APP_ID) }),
	]);
	const headers = hubspotV3(ctx.platforms.hubspot.oauth.clientSecret, {
		url: ctx.webhookUrl(path),
		body,
		timestamp: Date.now(),
	});
	const before = await ctx.executions.lastExecutionId();
	const response = await ctx.webhook(path, body, { headers, registrationWaitMs: 60_000 });
	ctx.assert.status(response, 200, 'HubSpot delivery answer');
	const runs = await exampleRunsAfter(ctx, workflow.id, before, 1);
	ctx.assert.equal(runs.length, 1, 'executions started');
	ctx.assert.equal(
		runs[0].status,
		'success',
		`execution status (errors: ${JSON.stringify(runs[0].nodeErrors)})`,
	);
	return runs[0];
}

const apolloRequests = async (ctx: ScenarioContext) =>
	(await ctx.sandbox.requests('apollo', { path: 'people/(bulk_)?match' })).length;
const hubspotUpdates = async (ctx: ScenarioContext) =>
	(await ctx.sandbox.requests('hubspot', { method: 'POST', path: 'contacts/batch/update' })).length;

const scenario: Scenario = {
	name: NAME,
	description:
		'example 1: a signed HubSpot contact.creation → Apollo fills only the missing fields → HubSpot updated',
	credentials: async (ctx) => {
		await registerExamplesHubSpotApp(ctx);
		return exampleCredentials(ctx);
	},
	workflows: () => [example()],
	async run(ctx) {
		const { assert } = ctx;
		const workflow = example();

		await ctx.check(
			'activation pointed the HubSpot app at the workflow and subscribed contact.creation',
			async () => {
				const state = await ctx.sandbox.hubspotWebhooks();
				assert.equal(
					state.settings[EXAMPLES_HUBSPOT_APP_ID]?.targetUrl,
					ctx.webhookUrl(exampleWebhookPath(workflow, TRIGGER)),
					'app target URL',
				);
				assert.deepEqual(
					(state.subscriptions[EXAMPLES_HUBSPOT_APP_ID] ?? []).map(
						(s) => `${s.eventType}${s.active ? '' : ' (paused)'}`,
					),
					['contact.creation'],
					'subscriptions',
				);
			},
		);

		await ctx.check(
			'a new contact lacking title, LinkedIn URL, last name and city gets them from Apollo; its own first name and company stay',
			async () => {
				const email = `grace-${RUN}@enrich.example`;
				const domain = `navylabs-${RUN}.example`;
				await ctx.sandbox.control('POST', '/__sandbox/apollo/people', [
					{
						first_name: 'Grace',
						last_name: `Hopper${RUN}`,
						email,
						title: 'Rear Admiral',
						linkedin_url: `https://www.linkedin.com/in/grace-${RUN}`,
						city: 'Arlington',
						country: 'United States',
						organization_name: 'Navy Labs',
						domain,
					},
				]);
				const id = await createInHubSpot(ctx, { email, firstname: 'Gracie', company: 'Hopper & Co' });
				const run = await deliverCreation(ctx, id);
				assert.equal(
					(run.outputs['Enrich Missing Fields in Apollo']?.[0] as Json | undefined)?.match,
					'matched',
					'Apollo found the person',
				);
				const after = await hubspotContact(ctx, id);
				assert.equal(after.firstname, 'Gracie', 'first name HubSpot had (Apollo says Grace)');
				assert.equal(after.company, 'Hopper & Co', 'company HubSpot had (Apollo says Navy Labs)');
				assert.equal(after.email, email, 'email');
				assert.equal(after.jobtitle, 'Rear Admiral', 'job title from Apollo');
				assert.equal(after.lastname, `Hopper${RUN}`, 'last name from Apollo');
				assert.equal(
					after.hs_linkedin_url,
					`https://www.linkedin.com/in/grace-${RUN}`,
					'LinkedIn URL from Apollo',
				);
				assert.equal(after.city, 'Arlington', 'city from Apollo');
				assert.equal(after.country, 'United States', 'country from Apollo');
			},
		);

		await ctx.check(
			'a contact HubSpot already holds complete costs no Apollo request and is not written',
			async () => {
				const email = `complete-${RUN}@enrich.example`;
				const id = await createInHubSpot(ctx, {
					email,
					firstname: 'Alan',
					lastname: 'Turing',
					company: 'Bletchley',
					jobtitle: 'Cryptanalyst',
					hs_linkedin_url: `https://www.linkedin.com/in/alan-${RUN}`,
					city: 'Wilmslow',
				});
				const before = await hubspotContact(ctx, id);
				const [apollo, updates] = [await apolloRequests(ctx), await hubspotUpdates(ctx)];
				const run = await deliverCreation(ctx, id);
				const enriched = run.outputs['Enrich Missing Fields in Apollo']?.[0] as Json | undefined;
				assert.equal(enriched?.match, 'skipped', 'Apollo node output');
				assert.equal(enriched?.reason, 'complete', 'skip reason');
				assert.equal(await apolloRequests(ctx), apollo, 'Apollo match requests');
				assert.equal(await hubspotUpdates(ctx), updates, 'HubSpot batch updates');
				assert.deepEqual(await hubspotContact(ctx, id), before, 'HubSpot contact unchanged');
			},
		);

		await ctx.check('a person Apollo does not know leaves the HubSpot contact as it was', async () => {
			const email = `nobody-${RUN}@unknown-${RUN}.example`;
			const id = await createInHubSpot(ctx, { email, firstname: 'Nobody' });
			const before = await hubspotContact(ctx, id);
			const updates = await hubspotUpdates(ctx);
			const run = await deliverCreation(ctx, id);
			assert.equal(
				(run.outputs['Enrich Missing Fields in Apollo']?.[0] as Json | undefined)?.match,
				'noMatch',
				'Apollo node output',
			);
			assert.ok(!run.nodesRun.includes('Update HubSpot Contact'), 'the HubSpot update did not run');
			assert.equal(await hubspotUpdates(ctx), updates, 'HubSpot batch updates');
			assert.deepEqual(await hubspotContact(ctx, id), before, 'HubSpot contact unchanged');
		});

		await ctx.check(
			"examples/README.md's try-it commands: the signed webhook is accepted and Apollo's fields fill the contact",
			async () => {
				const before = await ctx.executions.lastExecutionId();
				const lines = await runReadmeTryIt(ctx, 1);
				const runs = await exampleRunsAfter(ctx, workflow.id, before, 1);
				assert.equal(runs.length, 1, 'executions started');
				assert.equal(runs[0].status, 'success', 'execution status');
				const contact = JSON.parse(lines[lines.length - 1]) as {
					id: string;
					properties: Record<string, string>;
				};
				const stored = await hubspotContact(ctx, contact.id);
				assert.equal(stored.firstname, 'Kept', 'the first name the README gave');
				assert.ok(stored.jobtitle, 'a job title from Apollo');
				assert.ok(stored.lastname, 'a last name from Apollo');
				assert.equal(
					contact.properties.jobtitle,
					stored.jobtitle,
					'what the README shows is what HubSpot holds',
				);
			},
		);
	},
};

export default scenario;
