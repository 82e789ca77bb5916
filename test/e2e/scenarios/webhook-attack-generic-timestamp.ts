/**
 * Attack (issue 6): a Generic HMAC timestamp that no MAC covers. With Signed Content = Body and a
 * timestamp header, the timestamp looked like replay protection but anyone could rewrite it on a captured
 * request. Such a trigger (only typeVersion 1 can be set up this way) is now refused when n8n activates
 * it: the node's message reaches n8n, the webhook is never registered, and a replay finds nothing (404).
 */
import { genericHmac } from '../../helpers/signers';
import type { CredentialImport, Scenario } from '../lib/scenario';
import { executionsSince, freshSecret, TriggerFlows, type TriggerFlow } from '../lib/trigger';
import { expectActivationRefused, stableId } from '../lib/workflow';

const NAME = 'webhook-attack-generic-timestamp';
const SECRET = freshSecret('generic-timestamp');
const flows = new TriggerFlows(NAME);
/** The node's reason (src/core/signatures.ts genericHmacConfigProblem). */
const REASON = /timestamp header is not covered by the signature/;

const secret: CredentialImport = {
	id: stableId(`${NAME}/credential`),
	name: '[e2e] Generic HMAC secret (unsigned timestamp)',
	type: 'crmWebhookSecretApi',
	data: { secret: SECRET },
};

const FLOW: TriggerFlow = {
	key: 'generic',
	name: '[e2e] attack: Generic HMAC with a timestamp no MAC covers',
	parameters: {
		platform: 'generic',
		signatureHeader: 'X-Signature',
		algorithm: 'sha256',
		encoding: 'hex',
		signedContent: 'body',
		timestampHeader: 'X-Timestamp',
		toleranceSeconds: 300,
		eventIdField: 'id',
	},
	credentials: [secret],
	typeVersion: 1,
};

const scenario: Scenario = {
	name: NAME,
	description: 'Attack: Generic HMAC with an unsigned timestamp header is refused at activation',
	credentials: () => [secret],
	workflows: (ctx) => [expectActivationRefused(flows.workflow(ctx, FLOW), REASON)],
	async run(ctx) {
		const workflowId = flows.workflowId('generic');

		await ctx.check(
			"n8n's activation of the workflow failed with the node's reason, which n8n logged",
			async () => {
				const result = await ctx.activation(workflowId);
				ctx.assert.ok(result, 'n8n recorded the activation');
				const text = [result?.error ?? '', ...(result?.triggerErrors ?? [])].join('\n');
				ctx.info(`activation: ${result?.status}: ${text.replace(/\s+/g, ' ').slice(0, 240)}`);
				ctx.assert.notEqual(result?.status, 'completed', 'publication status');
				ctx.assert.match(text, REASON, 'activation error');
				ctx.assert.match(ctx.n8n.log(), REASON, "n8n's log");
			},
		);

		await ctx.check(
			'a request signed over the body with a fresh timestamp gets 404 (no webhook), nothing starts',
			async () => {
				const before = await ctx.executions.lastExecutionId();
				const body = JSON.stringify({ id: `evt-${Date.now()}`, type: 'contact.updated' });
				const headers = genericHmac({
					secret: SECRET,
					body,
					timestamp: Math.floor(Date.now() / 1000),
					signed: 'body',
				});
				const response = await ctx.webhook(flows.path('generic'), body, { headers, registrationWaitMs: 0 });
				ctx.assert.status(response, 404);
				const started = await executionsSince(ctx, workflowId, before, 0);
				ctx.assert.equal(started.length, 0, 'executions started');
			},
		);
	},
};

export default scenario;
