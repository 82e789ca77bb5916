/**
 * examples/0-hubspot-upsert-from-webhook.json, imported as it is with the demo credentials and called the way
 * examples/README.md tells a user to: contacts posted to its webhook are created or updated in HubSpot in one
 * batch call, and posting them again updates the same contacts.
 */
import { exampleCredentials, exampleWebhookPath, loadExample, runReadmeTryIt } from '../lib/examples';
import type { Scenario, ScenarioContext } from '../lib/scenario';

const NAME = 'example-0-webhook-upsert';
const FILE = '0-hubspot-upsert-from-webhook.json';
const RUN = Date.now().toString(36);
const example = () => loadExample(FILE);

async function hubspotByEmail(ctx: ScenarioContext, email: string) {
	return (await ctx.sandbox.hubspotContacts()).filter((c) => !c.archived && c.properties.email === email);
}

const scenario: Scenario = {
	name: NAME,
	description: 'example 0: contacts posted to a webhook are upserted into HubSpot in one batch call',
	credentials: (ctx) => exampleCredentials(ctx),
	workflows: () => [example()],
	async run(ctx) {
		const { assert } = ctx;
		const path = exampleWebhookPath(example(), 'Webhook');
		const emails = [`ada-${RUN}@upsert.example`, `alan-${RUN}@upsert.example`];
		const post = async (firstNames: string[]) => {
			const before = (await ctx.sandbox.requests('hubspot', { path: 'batch/upsert' })).length;
			const response = await ctx.webhook(path, {
				contacts: emails.map((email, i) => ({ email, firstName: firstNames[i] })),
			});
			assert.status(response, 200);
			const items = assert.array(response.json, 2, 'answer items') as Array<Record<string, unknown>>;
			assert.equal(
				(await ctx.sandbox.requests('hubspot', { path: 'batch/upsert' })).length,
				before + 1,
				'batch calls',
			);
			return items;
		};

		await ctx.check('two posted contacts are created in HubSpot in one batch call', async () => {
			const items = await post(['Ada', 'Alan']);
			assert.deepEqual(
				items.map((i) => i.created),
				[true, true],
				'created',
			);
			for (const [i, email] of emails.entries()) {
				const found = await hubspotByEmail(ctx, email);
				assert.equal(found.length, 1, `HubSpot contacts with ${email}`);
				assert.equal(found[0].properties.firstname, ['Ada', 'Alan'][i], 'first name');
			}
		});

		await ctx.check('posting them again updates the same two contacts', async () => {
			const items = await post(['Augusta Ada', 'Alan M.']);
			assert.deepEqual(
				items.map((i) => i.created),
				[false, false],
				'created',
			);
			for (const [i, email] of emails.entries()) {
				const found = await hubspotByEmail(ctx, email);
				assert.equal(found.length, 1, `HubSpot contacts with ${email}`);
				assert.equal(found[0].properties.firstname, ['Augusta Ada', 'Alan M.'][i], 'first name');
			}
		});

		await ctx.check("examples/README.md's try-it command upserts its two contacts", async () => {
			const lines = await runReadmeTryIt(ctx, 0);
			const answer = JSON.parse(lines[lines.length - 1]) as Array<{ email?: string }>;
			assert.deepEqual(
				answer.map((c) => c.email),
				['ada@example.com', 'alan@example.com'],
				'answer',
			);
			for (const email of ['ada@example.com', 'alan@example.com']) {
				assert.equal((await hubspotByEmail(ctx, email)).length, 1, `HubSpot contacts with ${email}`);
			}
		});
	},
};

export default scenario;
