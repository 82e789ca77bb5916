/**
 * examples/2-linkedin-lead-to-hubspot-and-apollo.json, imported as it is with the demo credentials, driven the
 * way LinkedIn drives it: the workflow's production URL is subscribed to the ad account's leads through the
 * LinkedIn API, and leads are submitted in the sandbox, which validates the URL, sends the signed notification
 * (and repeats it when asked, as LinkedIn warns it may). The outcome is read from the sandbox: each email is one
 * HubSpot contact and one Apollo contact, whatever the repeats and however the lead typed it.
 */
import { linkedInVersion } from '../lib/platforms';
import { linkedIn } from '../../helpers/signers';
import {
	exampleCredentials,
	exampleRunsAfter,
	exampleWebhookPath,
	loadExample,
	runReadmeTryIt,
} from '../lib/examples';
import type { Scenario, ScenarioContext } from '../lib/scenario';

const NAME = 'example-2-linkedin-leads';
const FILE = '2-linkedin-lead-to-hubspot-and-apollo.json';
const TRIGGER = 'New LinkedIn Lead';
const RUN = Date.now().toString(36);
const AD_ACCOUNT = 'urn:li:sponsoredAccount:5100001';
const example = () => loadExample(FILE);

type Json = Record<string, any>;

interface Delivery {
	webhook: string;
	outcome: string;
}

async function linkedInApi(
	ctx: ScenarioContext,
	method: string,
	path: string,
	body?: unknown,
): Promise<Response> {
	return await fetch(`${ctx.platforms.linkedin.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${ctx.platforms.linkedin.token}`,
			'linkedin-version': linkedInVersion(),
			'x-restli-protocol-version': '2.0.0',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** A lead submitted on form 7001 ("Demo request"); waits for the runs its notifications started. */
async function submitLead(
	ctx: ScenarioContext,
	answers: Record<string, string>,
	options: { duplicates?: number } = {},
): Promise<Json[]> {
	const workflow = example();
	const webhook = ctx.webhookUrl(exampleWebhookPath(workflow, TRIGGER));
	const before = await ctx.executions.lastExecutionId();
	const submitted = await ctx.sandbox.control<{ urn: string; deliveries: Delivery[] }>(
		'POST',
		'/__sandbox/linkedin/leads',
		{ formId: 7001, answers, ...options },
	);
	const ours = submitted.deliveries.filter((d) => d.webhook === webhook);
	ctx.assert.equal(ours.length, 1 + (options.duplicates ?? 0), 'notifications sent to the workflow');
	ctx.assert.ok(
		ours.every((d) => d.outcome === 'delivered'),
		`every notification delivered: ${JSON.stringify(ours)}`,
	);
	const runs = await exampleRunsAfter(ctx, workflow.id, before, 1);
	for (const run of runs) {
		ctx.assert.equal(run.status, 'success', `execution status (errors: ${JSON.stringify(run.nodeErrors)})`);
	}
	return runs;
}

async function hubspotByEmail(ctx: ScenarioContext, email: string) {
	return (await ctx.sandbox.hubspotContacts()).filter(
		(c) => !c.archived && String(c.properties.email ?? '').toLowerCase() === email,
	);
}

async function apolloByEmail(ctx: ScenarioContext, email: string): Promise<Json[]> {
	const { results } = await ctx.sandbox.control<{ results: Json[] }>('GET', '/__sandbox/apollo/contacts');
	return results.filter((c) => String(c.email ?? '').toLowerCase() === email);
}

const scenario: Scenario = {
	name: NAME,
	description:
		'example 2: LinkedIn lead notification → upsert into HubSpot and Apollo, one contact per email',
	credentials: (ctx) => exampleCredentials(ctx),
	workflows: () => [example()],
	async run(ctx) {
		const { assert } = ctx;
		const webhook = ctx.webhookUrl(exampleWebhookPath(example(), TRIGGER));
		let subscription: string | null = null;
		const subscribed = await ctx.check(
			"the workflow's URL is subscribed to the ad account's leads",
			async () => {
				const response = await linkedInApi(ctx, 'POST', '/rest/leadNotifications', {
					webhook,
					owner: { sponsoredAccount: AD_ACCOUNT },
					leadType: 'SPONSORED',
				});
				assert.equal(response.status, 201, `subscription answer: ${await response.clone().text()}`);
				subscription = response.headers.get('x-restli-id');
				// One signed notification the workflow ignores (a deletion), so n8n's first-call work on this
				// webhook is not spent inside LinkedIn's 3-second answer budget in the checks below.
				const body = JSON.stringify({
					type: 'LEAD_ACTION',
					leadGenFormResponse: `urn:li:leadGenFormResponse:warm-up-${RUN}`,
					leadType: 'SPONSORED',
					leadAction: 'DELETED',
					occurredAt: Date.now(),
				});
				const before = await ctx.countExecutions(example().id);
				const warmUp = await ctx.webhook(exampleWebhookPath(example(), TRIGGER), body, {
					headers: linkedIn(ctx.platforms.linkedin.oauth.clientSecret, body),
					registrationWaitMs: 60_000,
				});
				assert.status(warmUp, 200, 'a lead deletion notification');
				assert.equal(
					await ctx.countExecutions(example().id),
					before,
					'executions after a deletion (not subscribed)',
				);
			},
		);
		if (!subscribed) return;
		try {
			await ctx.check(
				'a lead becomes one HubSpot contact and one Apollo contact, its email trimmed and lower-cased',
				async () => {
					const email = `ada-${RUN}@leads.example`;
					const [run] = await submitLead(ctx, {
						firstName: 'Ada',
						lastName: 'Lovelace',
						email: ` Ada-${RUN}@Leads.Example `,
						company: 'Analytical Engines',
						phone: '+44 20 7946 0000',
					});
					assert.ok(run.nodesRun.includes('Create or Update in Apollo'), 'the Apollo write ran');
					const hubspot = await hubspotByEmail(ctx, email);
					assert.equal(hubspot.length, 1, 'HubSpot contacts with the email');
					assert.equal(hubspot[0].properties.email, email, 'HubSpot email');
					assert.equal(hubspot[0].properties.firstname, 'Ada', 'HubSpot first name');
					assert.equal(hubspot[0].properties.company, 'Analytical Engines', 'HubSpot company');
					assert.equal(hubspot[0].properties.phone, '+44 20 7946 0000', 'HubSpot phone');
					const apollo = await apolloByEmail(ctx, email);
					assert.equal(apollo.length, 1, 'Apollo contacts with the email');
					assert.equal(apollo[0].email, email, 'Apollo email');
					assert.equal(apollo[0].last_name, 'Lovelace', 'Apollo last name');
					assert.equal(apollo[0].organization_name, 'Analytical Engines', 'Apollo company');
				},
			);

			await ctx.check(
				"a lead the trigger could not read within LinkedIn's answer budget is read again by the LinkedIn node",
				async () => {
					const email = `slow-${RUN}@leads.example`;
					// The trigger's read (2 s budget) gets its answer after 2.5 s; the next read is served at once.
					await ctx.sandbox.faults({
						platform: 'linkedin',
						method: 'GET',
						path: 'leadFormResponses',
						kind: 'latency',
						latencyMs: 2_500,
						times: 1,
					});
					const [run] = await submitLead(ctx, {
						firstName: 'Slow',
						lastName: 'Read',
						email,
						company: 'Lag Inc',
					});
					const trigger = run.outputs[TRIGGER]?.[0] as Json | undefined;
					assert.match(String(trigger?.leadError), /answer budget/, "the trigger's leadError");
					assert.ok(run.nodesRun.includes('Read the Lead from LinkedIn'), 'the LinkedIn node read the lead');
					assert.equal((await hubspotByEmail(ctx, email)).length, 1, 'HubSpot contacts with the email');
					assert.equal((await apolloByEmail(ctx, email)).length, 1, 'Apollo contacts with the email');
				},
			);

			await ctx.check(
				'the same lead notified three times (LinkedIn may repeat) leaves one contact on each platform',
				async () => {
					const email = `repeat-${RUN}@leads.example`;
					await submitLead(
						ctx,
						{ firstName: 'Re', lastName: 'Peat', email, company: 'Echo Ltd' },
						{ duplicates: 2 },
					);
					assert.equal((await hubspotByEmail(ctx, email)).length, 1, 'HubSpot contacts with the email');
					assert.equal((await apolloByEmail(ctx, email)).length, 1, 'Apollo contacts with the email');
				},
			);

			await ctx.check(
				'two leads with one email (typed differently) leave one contact on each platform, with the later answers',
				async () => {
					const email = `twice-${RUN}@leads.example`;
					const first = await submitLead(ctx, {
						firstName: 'Twi',
						lastName: 'Ce',
						email,
						company: 'First Co',
					});
					assert.equal(first.length, 1, 'executions for the first lead');
					const hubspotId = (await hubspotByEmail(ctx, email))[0]?.id;
					const apolloId = (await apolloByEmail(ctx, email))[0]?.id;
					const second = await submitLead(ctx, {
						firstName: 'Twi',
						lastName: 'Ce',
						email: email.toUpperCase(),
						company: 'Second Co',
					});
					assert.equal(second.length, 1, 'executions for the second lead');
					const hubspot = await hubspotByEmail(ctx, email);
					assert.equal(hubspot.length, 1, 'HubSpot contacts with the email');
					assert.equal(hubspot[0].id, hubspotId, 'the same HubSpot contact');
					assert.equal(hubspot[0].properties.company, 'Second Co', 'HubSpot company (the later lead)');
					const apollo = await apolloByEmail(ctx, email);
					assert.equal(apollo.length, 1, 'Apollo contacts with the email');
					assert.equal(apollo[0].id, apolloId, 'the same Apollo contact');
					assert.equal(apollo[0].organization_name, 'Second Co', 'Apollo company (the later lead)');
				},
			);
		} finally {
			if (subscription)
				await linkedInApi(ctx, 'DELETE', `/rest/leadNotifications/${encodeURIComponent(subscription)}`);
		}

		await ctx.check(
			"examples/README.md's try-it commands: subscribed, two submissions of one lead, one contact on each platform",
			async () => {
				try {
					const lines = await runReadmeTryIt(ctx, 2);
					assert.equal(lines[0], 'subscription: 201', 'subscription answer');
					assert.deepEqual(
						JSON.parse(lines[lines.length - 1]),
						{ hubspot: 1, apollo: 1 },
						'what the README shows',
					);
					assert.equal((await hubspotByEmail(ctx, 'grace.lead@example.com')).length, 1, 'HubSpot contacts');
					assert.equal((await apolloByEmail(ctx, 'grace.lead@example.com')).length, 1, 'Apollo contacts');
				} finally {
					// The README's subscription stays in a demo; here it would send later scenarios' leads to this workflow.
					const ours = async () => {
						const owner = `(sponsoredAccount:${encodeURIComponent(AD_ACCOUNT)})`;
						const listed = await linkedInApi(
							ctx,
							'GET',
							`/rest/leadNotifications?q=criteria&owner=${owner}&count=100`,
						);
						assert.equal(listed.status, 200, `subscription list: ${await listed.clone().text()}`);
						const { elements = [] } = (await listed.json()) as {
							elements?: Array<{ id: number; webhook: string }>;
						};
						return elements.filter((e) => e.webhook === webhook);
					};
					for (const e of await ours()) await linkedInApi(ctx, 'DELETE', `/rest/leadNotifications/${e.id}`);
					assert.deepEqual(await ours(), [], "the workflow's subscriptions after clean-up");
				}
			},
		);
	},
};

export default scenario;
