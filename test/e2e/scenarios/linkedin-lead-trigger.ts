/**
 * A lead submitted on LinkedIn reaches an active CRM Webhook Trigger in LinkedIn mode with Fetch Full
 * Lead on: the sandbox validates the trigger's URL with the challenge on first delivery, sends the signed
 * notification, and the trigger reads the lead back through the API (within LinkedIn's answer budget)
 * and starts exactly one execution whose item carries the lead as a contact.
 */
import { linkedInVersion } from '../lib/platforms';
import type { CredentialImport, Scenario, SetupContext } from '../lib/scenario';
import { executionsSince, TriggerFlows, type TriggerFlow } from '../lib/trigger';
import { stableId } from '../lib/workflow';

const NAME = 'linkedin-lead-trigger';
const RUN = Date.now().toString(36);
const flows = new TriggerFlows(NAME);

/** The sandbox's app (its client secret signs the notifications), signed in (the trigger reads leads). */
const app = (ctx: SetupContext): CredentialImport => ({
	id: stableId(`${NAME}/credential`),
	name: '[e2e] LinkedIn sandbox (lead trigger)',
	type: 'crmLinkedInOAuth2Api',
	data: {
		clientId: ctx.platforms.linkedin.oauth.clientId,
		clientSecret: ctx.platforms.linkedin.oauth.clientSecret,
		apiVersion: linkedInVersion(),
		baseUrl: ctx.platforms.linkedin.url,
		oauthBaseUrl: ctx.platforms.linkedin.url,
		leadSync: true,
		oauthTokenData: { access_token: ctx.platforms.linkedin.token, token_type: 'Bearer' },
	},
});

const flow = (ctx: SetupContext): TriggerFlow => ({
	key: 'leads',
	name: '[e2e] LinkedIn lead trigger (fetch full lead)',
	parameters: { platform: 'linkedin', linkedinEvents: ['lead.created'], fetchLead: true },
	credentials: [app(ctx)],
	typeVersion: 1.1,
});

interface Delivery {
	webhook: string;
	outcome: string;
	status?: number;
	error?: string;
}

const scenario: Scenario = {
	name: NAME,
	description:
		'LinkedIn lead → validated, signed notification → trigger fetches the lead → one execution with the contact',
	credentials: (ctx) => [app(ctx)],
	workflows: (ctx) => [flows.workflow(ctx, flow(ctx))],
	async run(ctx) {
		const { assert } = ctx;
		const { url, token } = ctx.platforms.linkedin;
		const api = async (method: string, path: string, body?: unknown) =>
			await fetch(`${url}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${token}`,
					'linkedin-version': linkedInVersion(),
					'x-restli-protocol-version': '2.0.0',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});

		await ctx.check(
			'a lead submitted in the sandbox starts one execution whose item carries the lead as a contact',
			async () => {
				const webhook = flows.url(ctx, 'leads');
				const subscribed = await api('POST', '/rest/leadNotifications', {
					webhook,
					owner: { sponsoredAccount: 'urn:li:sponsoredAccount:5100001' },
					leadType: 'SPONSORED',
				});
				assert.equal(subscribed.status, 201, `subscription answer: ${await subscribed.clone().text()}`);
				const subscription = subscribed.headers.get('x-restli-id');
				try {
					const email = `lead-${RUN}@trigger.example`;
					const before = await ctx.executions.lastExecutionId();
					const submitted = await ctx.sandbox.control<{ urn: string; deliveries: Delivery[] }>(
						'POST',
						'/__sandbox/linkedin/leads',
						{ formId: 7001, answers: { firstName: 'Trig', lastName: 'Ger', email, company: 'E2E Inc' } },
					);
					const ours = submitted.deliveries.filter((d) => d.webhook === webhook);
					ctx.info(`deliveries: ${JSON.stringify(ours)}`);
					assert.equal(ours.length, 1, 'deliveries to the trigger');
					assert.equal(ours[0].outcome, 'delivered', 'delivery outcome (the challenge was answered first)');

					const outputs = await executionsSince(ctx, flows.workflowId('leads'), before, 1);
					assert.equal(outputs.length, 1, 'executions started');
					const [item] = assert.array(outputs[0], 1) as Array<Record<string, unknown>>;
					assert.equal(item.type, 'lead.created', 'event type');
					assert.equal(item.objectId, submitted.urn, 'the lead URN');
					assert.ok(!('leadError' in item), `no leadError (got ${String(item.leadError)})`);
					const lead = item.lead as Record<string, unknown> | undefined;
					assert.equal(lead?.email, email, 'the fetched lead email');
					assert.equal(lead?.firstName, 'Trig', 'the fetched lead first name');
					assert.equal(lead?.company, 'E2E Inc', 'the fetched lead company');
				} finally {
					if (subscription)
						await api('DELETE', `/rest/leadNotifications/${encodeURIComponent(subscription)}`);
				}
			},
		);
	},
};

export default scenario;
