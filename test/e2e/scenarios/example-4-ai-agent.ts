/**
 * examples/4-ai-agent-find-and-enrich.json, imported as it is with the demo credentials: n8n's AI Agent with
 * the OpenAI Chat Model pointed at the sandbox's scripted stand-in (sandbox/openai), and this package's
 * HubSpot CRM and Apollo nodes as its tools. The test chats through the Chat Trigger's public URL (with the
 * demo chat login), as the hosted chat page does. The stand-in only asks for tools and summarises what they
 * returned, so an answer naming Apollo's data, a HubSpot contact changed in the sandbox and the tool results
 * in the stand-in's request log together prove the tools really ran inside n8n against the sandbox.
 */
import { DEMO_CHAT_LOGIN } from '../../../scripts/demo/credentials';
import { exampleCredentials, exampleNode, loadExample, runReadmeTryIt } from '../lib/examples';
import type { Scenario, ScenarioContext } from '../lib/scenario';

const NAME = 'example-4-ai-agent';
const FILE = '4-ai-agent-find-and-enrich.json';
const TRIGGER = 'When Chat Message Received';
const RUN = Date.now().toString(36);
const example = () => loadExample(FILE);

type Json = Record<string, any>;

interface LoggedCompletion {
	tools: string[];
	messages: Array<{
		role: string;
		content: string;
		tool_call_id?: string;
		tool_calls?: Array<{ name: string }>;
	}>;
	reply: { kind: string; tool?: string; content?: string };
}

/** The chat trigger's production URL: n8n serves it under the node's webhookId. */
function chatPath(): string {
	return `${String(exampleNode(example(), TRIGGER).webhookId)}/chat`;
}

function basicAuth(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** One chat message as the hosted chat page sends it; the answer is the agent's output (response mode: last node). */
async function say(ctx: ScenarioContext, chatInput: string, login = DEMO_CHAT_LOGIN) {
	return await ctx.webhook(
		chatPath(),
		{ action: 'sendMessage', sessionId: `e2e-${NAME}-${RUN}`, chatInput },
		{ headers: { authorization: basicAuth(login.user, login.password) } },
	);
}

/** What the stand-in received for the conversations whose user message contains `marker`. */
async function completionsAbout(ctx: ScenarioContext, marker: string): Promise<LoggedCompletion[]> {
	const log = await ctx.sandbox.control<{ completions: LoggedCompletion[] }>(
		'GET',
		'/__sandbox/openai/completions',
	);
	return log.completions.filter((c) =>
		c.messages.some((m) => m.role === 'user' && m.content.includes(marker)),
	);
}

async function hubspotContact(ctx: ScenarioContext, id: string): Promise<Record<string, unknown>> {
	const contact = (await ctx.sandbox.hubspotContacts()).find((c) => c.id === id);
	ctx.assert.ok(contact, `HubSpot contact ${id} exists`);
	return contact!.properties;
}

const apolloMatches = async (ctx: ScenarioContext) =>
	(await ctx.sandbox.requests('apollo', { path: 'people/(bulk_)?match' })).length;

const scenario: Scenario = {
	name: NAME,
	description:
		'example 4: an AI Agent (model: the sandbox stand-in) finds a contact in HubSpot, enriches it with Apollo, writes back',
	credentials: (ctx) => exampleCredentials(ctx),
	workflows: () => [example()],
	async run(ctx) {
		const { assert } = ctx;
		const secrets = [
			ctx.platforms.openai.apiKey,
			ctx.platforms.hubspot.token,
			ctx.platforms.apollo.apiKey,
			DEMO_CHAT_LOGIN.password,
		];

		await ctx.check(
			'"Find and enrich <name>": the agent searches HubSpot, enriches the email with Apollo, writes back what HubSpot lacked, and answers with Apollo data',
			async () => {
				const lastName = `Lovelace${RUN}`;
				const name = `Ada ${lastName}`;
				const email = `ada-${RUN}@agent.example`;
				const title = `Chief Analyst ${RUN}`;
				const linkedinUrl = `https://www.linkedin.com/in/ada-${RUN}`;
				await ctx.sandbox.control('POST', '/__sandbox/apollo/people', [
					{
						first_name: 'Ada',
						last_name: lastName,
						email,
						title,
						linkedin_url: linkedinUrl,
						city: 'London',
						country: 'United Kingdom',
						organization_name: 'Analytical Engines',
						domain: `engines-${RUN}.example`,
					},
				]);
				// HubSpot has her name, email and an older company; Apollo knows the rest.
				const [id] = await ctx.sandbox.seedHubspotContacts([
					{ properties: { email, firstname: 'Ada', lastname: lastName, company: 'Babbage & Co' } },
				]);
				const requestsBefore = {
					search: (await ctx.sandbox.requests('hubspot', { path: 'contacts/search' })).length,
					apollo: await apolloMatches(ctx),
					update: (await ctx.sandbox.requests('hubspot', { path: 'contacts/batch/update' })).length,
				};

				const response = await say(ctx, `Find and enrich ${name}`);
				assert.status(response, 200, 'chat answer');
				const answer = String((response.json as Json | undefined)?.output ?? '');
				assert.includes(answer, `${name} (${email}, HubSpot contact ${id})`, 'the contact HubSpot found');
				assert.includes(answer, `job title ${title}`, 'the title only Apollo had');
				assert.includes(answer, `LinkedIn URL ${linkedinUrl}`, 'the LinkedIn URL only Apollo had');
				assert.includes(
					answer,
					`Updated HubSpot contact ${id}: job title, LinkedIn URL, city, country.`,
					'what was written',
				);
				for (const secret of secrets)
					assert.notIncludes(response.text, secret, 'a key or password in the chat answer');

				const after = await hubspotContact(ctx, id);
				assert.equal(after.jobtitle, title, 'HubSpot job title written from Apollo');
				assert.equal(after.hs_linkedin_url, linkedinUrl, 'HubSpot LinkedIn URL written from Apollo');
				assert.equal(after.city, 'London', 'HubSpot city');
				assert.equal(after.country, 'United Kingdom', 'HubSpot country');
				assert.equal(
					after.company,
					'Babbage & Co',
					'the company HubSpot had is kept (Apollo says Analytical Engines)',
				);

				assert.equal(
					(await ctx.sandbox.requests('hubspot', { path: 'contacts/search' })).length - requestsBefore.search,
					1,
					'HubSpot searches',
				);
				assert.equal((await apolloMatches(ctx)) - requestsBefore.apollo, 1, 'Apollo match requests');
				assert.equal(
					(await ctx.sandbox.requests('hubspot', { path: 'contacts/batch/update' })).length -
						requestsBefore.update,
					1,
					'HubSpot batch updates',
				);

				// The stand-in's own log: the node offered the three tools and sent back each tool's real output.
				const completions = await completionsAbout(ctx, name);
				assert.deepEqual(
					completions.map((c) => c.reply.tool ?? c.reply.kind),
					['Search_HubSpot_Contacts', 'Enrich_Person_in_Apollo', 'Update_HubSpot_Contact', 'answer'],
					'the model turns',
				);
				assert.deepEqual(
					[...completions[0].tools].sort(),
					['Enrich_Person_in_Apollo', 'Search_HubSpot_Contacts', 'Update_HubSpot_Contact'],
					'tools offered to the model',
				);
				const toolResults = completions[3].messages.filter((m) => m.role === 'tool').map((m) => m.content);
				assert.equal(toolResults.length, 3, 'tool results in the last request');
				assert.includes(toolResults[0], `"id":"${id}"`, 'HubSpot search result (the sandbox contact)');
				assert.includes(toolResults[1], title, 'Apollo enrichment result');
				assert.includes(toolResults[1], '"match":"matched"', 'Apollo enrichment result');
				assert.includes(toolResults[2], title, 'HubSpot update result');
				assert.equal(completions[3].reply.content, answer, "the answer n8n returned is the stand-in's");
			},
		);

		await ctx.check(
			'a contact HubSpot already holds complete: Apollo is asked, nothing is written, and the answer says so',
			async () => {
				const lastName = `Turing${RUN}`;
				const email = `alan-${RUN}@agent.example`;
				await ctx.sandbox.control('POST', '/__sandbox/apollo/people', [
					{
						first_name: 'Alan',
						last_name: lastName,
						email,
						title: 'Apollo Title',
						linkedin_url: `https://www.linkedin.com/in/apollo-alan-${RUN}`,
						city: 'Manchester',
						country: 'United Kingdom',
						organization_name: 'Apollo Org',
						domain: `apollo-org-${RUN}.example`,
					},
				]);
				const properties = {
					email,
					firstname: 'Alan',
					lastname: lastName,
					jobtitle: 'Cryptanalyst',
					company: 'Bletchley',
					hs_linkedin_url: `https://www.linkedin.com/in/alan-${RUN}`,
					city: 'Wilmslow',
					country: 'England',
				};
				const [id] = await ctx.sandbox.seedHubspotContacts([{ properties }]);
				const before = await hubspotContact(ctx, id);
				const apolloBefore = await apolloMatches(ctx);
				const updatesBefore = (await ctx.sandbox.requests('hubspot', { path: 'contacts/batch/update' }))
					.length;

				const response = await say(ctx, `Find and enrich Alan ${lastName}`);
				assert.status(response, 200, 'chat answer');
				const answer = String((response.json as Json | undefined)?.output ?? '');
				assert.includes(answer, 'job title Apollo Title', 'what Apollo found');
				assert.includes(answer, 'HubSpot already had all of it, so nothing was written.', 'answer');
				assert.equal((await apolloMatches(ctx)) - apolloBefore, 1, 'Apollo match requests');
				assert.equal(
					(await ctx.sandbox.requests('hubspot', { path: 'contacts/batch/update' })).length,
					updatesBefore,
					'HubSpot batch updates',
				);
				assert.deepEqual(await hubspotContact(ctx, id), before, 'HubSpot contact unchanged');
			},
		);

		await ctx.check(
			'a name HubSpot does not know: the agent says so and Apollo is not asked (no credit spent)',
			async () => {
				const name = `Nobody Known${RUN}`;
				const apolloBefore = await apolloMatches(ctx);
				const response = await say(ctx, `Find and enrich ${name}`);
				assert.status(response, 200, 'chat answer');
				assert.equal(
					(response.json as Json | undefined)?.output,
					`HubSpot has no contact named ${name}.`,
					'answer',
				);
				assert.equal(await apolloMatches(ctx), apolloBefore, 'Apollo match requests');
			},
		);

		await ctx.check("examples/README.md's try-it command finds and enriches Ethan Fischer", async () => {
			// The demo seeds HubSpot from the sandbox's Apollo directory; here he is added the same way if needed.
			const directory = await ctx.sandbox.control<{ results: Json[] }>('GET', '/__sandbox/apollo/people');
			const ethan = directory.results.find((p) => p.first_name === 'Ethan' && p.last_name === 'Fischer');
			assert.ok(
				ethan?.email && ethan.title,
				'Ethan Fischer with an email and a title in the Apollo directory',
			);
			const known = (await ctx.sandbox.hubspotContacts()).find((c) => c.properties.email === ethan!.email);
			const [id] = known
				? [known.id]
				: await ctx.sandbox.seedHubspotContacts([
						{
							properties: {
								email: ethan!.email,
								firstname: 'Ethan',
								lastname: 'Fischer',
								company: 'Vistula Games',
							},
						},
					]);
			const lines = await runReadmeTryIt(ctx, 4);
			const answer = String((JSON.parse(lines[lines.length - 1]) as Json).output ?? '');
			assert.includes(answer, `Found Ethan Fischer (${ethan!.email}, HubSpot contact ${id})`, 'answer');
			assert.includes(answer, `job title ${ethan!.title}`, 'answer');
			const after = await hubspotContact(ctx, id);
			if (known) assert.ok(after.jobtitle, 'HubSpot job title');
			else assert.equal(after.jobtitle, ethan!.title, 'HubSpot job title written from Apollo');
		});

		await ctx.check('the public chat refuses a wrong login and starts nothing', async () => {
			const workflowId = example().id as string;
			const before = await ctx.countExecutions(workflowId);
			const response = await say(ctx, `Find and enrich Ada Lovelace${RUN}`, {
				user: DEMO_CHAT_LOGIN.user,
				password: 'not-the-password',
			});
			assert.ok(
				response.status === 401 || response.status === 403,
				`HTTP 401 or 403, got ${response.status}`,
			);
			const noLogin = await ctx.webhook(chatPath(), {
				action: 'sendMessage',
				sessionId: 'x',
				chatInput: 'Find and enrich Ada',
			});
			assert.status(noLogin, 401, 'no login');
			assert.equal(await ctx.countExecutions(workflowId), before, 'executions');
		});
	},
};

export default scenario;
