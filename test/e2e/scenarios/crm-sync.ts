/**
 * The CRM Sync node active in a real n8n, HubSpot → Apollo, with its state sealed by the encryption key
 * credential. Webhook-triggered rather than schedule-triggered: n8n runs a schedule at most once a minute,
 * and a webhook starts the same kind of production execution (whose static data n8n saves when it ends)
 * on demand. The first execution writes every contact; the second writes nothing; n8n really kept the
 * state between them (read from its database: a Fernet token without any e-mail address, whose cursor
 * covers the contacts); an edit in HubSpot is then the only thing the third execution writes.
 *
 * The sync reads the whole HubSpot account, so it runs on a private sandbox (started by this scenario
 * before n8n): other scenarios' contacts never enter it, and its writes never reach their Apollo.
 */
import { CredentialEncryption } from '../../../src/core/encryption';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { CredentialImport, Scenario, ScenarioContext, SetupContext } from '../lib/scenario';
import { credentialRef, stableId, webhookWorkflow } from '../lib/workflow';

const NAME = 'crm-sync';
const RUN = Date.now().toString(36);
const NODE = 'CRM Sync';
const PATH = `e2e-${NAME}-hubspot-apollo`;
const WORKFLOW_ID = stableId(`${NAME}/hubspot-apollo`);
const COUNT = 40;
// Generated per run: only this scenario knows it, and the log scan checks it never leaks.
const KEY = CredentialEncryption.generateKey();

let own: Sandbox | undefined;

async function privateSandbox(): Promise<Sandbox> {
	own ??= await startSandbox({ apollo: { defaultSeed: false } });
	return own;
}

const credentials = async (): Promise<CredentialImport[]> => {
	const sandbox = await privateSandbox();
	return [
		{
			id: stableId(`${NAME}/hubspot`),
			name: '[e2e] HubSpot private sandbox (crm sync)',
			type: 'crmHubSpotAppTokenApi',
			data: { accessToken: 'sandbox-hubspot-token', baseUrl: `${sandbox.url}/hubspot` },
		},
		{
			id: stableId(`${NAME}/apollo`),
			name: '[e2e] Apollo private sandbox (crm sync)',
			type: 'crmApolloApi',
			data: { apiKey: 'sandbox-apollo-key', baseUrl: `${sandbox.url}/apollo/api/v1` },
		},
		{
			id: stableId(`${NAME}/key`),
			name: '[e2e] CRM Bridge encryption key (crm sync)',
			type: 'crmEncryptionKeyApi',
			data: { secretKey: KEY },
		},
	];
};

type Json = Record<string, any>;

async function syncOnce(ctx: ScenarioContext): Promise<Json[]> {
	const answer = await ctx.webhook(PATH, {});
	ctx.assert.status(answer, 200);
	// n8n saves static data when the execution ends, which can be just after the answer.
	await ctx.executions.waitForSettled(WORKFLOW_ID);
	return answer.json as Json[];
}

/** The node's saved state as n8n stored it in its database. */
async function savedState(ctx: ScenarioContext): Promise<{ raw: string; state?: Json }> {
	const raw = await ctx.executions.workflowStaticData(WORKFLOW_ID);
	const stored = raw ? (JSON.parse(raw) as Json)[`node:${NODE}`]?.crmSync : undefined;
	const sealed = stored?.state?.sealed;
	return { raw, state: typeof sealed === 'string' ? (JSON.parse(new CredentialEncryption(KEY).decryptCredential(sealed)) as Json) : undefined };
}

const apolloWrites = (sandbox: Sandbox) => sandbox.requests.list({ platform: 'apollo', path: 'bulk_(create|update)' }).length;

const scenario: Scenario = {
	name: NAME,
	description: 'active webhook-triggered CRM Sync HubSpot → Apollo: first run writes all, second nothing, state persisted (sealed) in between, an edit synced alone',
	credentials,
	workflows: async (_ctx: SetupContext) => {
		const [hubspot, apollo, key] = await credentials();
		return [
			webhookWorkflow({
				id: WORKFLOW_ID,
				name: '[e2e] crm-sync: HubSpot → Apollo',
				path: PATH,
				nodes: [
					{
						name: NODE,
						type: `${_ctx.packageName}.crmSync`,
						typeVersion: 1,
						parameters: { source: 'hubspot', target: 'apollo', hubspotAuthentication: 'appToken', apolloAccess: 'apiKey', encryptState: true },
						credentials: { ...credentialRef(hubspot), ...credentialRef(apollo), ...credentialRef(key) },
					},
				],
			}),
		];
	},
	async run(ctx) {
		const { assert } = ctx;
		const sandbox = await privateSandbox();
		try {
			sandbox.hubspot.seedContacts(
				Array.from({ length: COUNT }, (_, i) => ({ email: `sync${i}-${RUN}@sync.example`, firstname: `First${i}`, lastname: `Last${i}`, jobtitle: 'Buyer', company: 'Acme' })),
			);
			await ctx.check(`the first execution writes all ${COUNT} contacts to Apollo`, async () => {
				const [summary, ...records] = await syncOnce(ctx);
				assert.equal(summary.type, 'summary', 'first item');
				assert.equal(summary.created, COUNT, 'created');
				assert.equal(summary.failed, 0, 'failed');
				assert.equal(records.length, COUNT, 'one item per written contact');
				assert.equal(sandbox.apollo.allContacts().length, COUNT, 'Apollo contacts');
			});
			await ctx.check('n8n saved the state between executions: a Fernet token without e-mail addresses, cursor set', async () => {
				const { raw, state } = await savedState(ctx);
				assert.ok(raw.length > 0, 'static data saved');
				assert.ok(!raw.includes('@sync.example'), 'no e-mail address in the saved static data');
				assert.ok(state !== undefined, 'the state decrypts with the key');
				assert.equal(Object.keys(state?.records ?? {}).length, COUNT, 'records remembered');
				assert.ok(typeof state?.cursors?.source === 'string', 'source cursor saved');
			});
			await ctx.check('the second execution writes nothing', async () => {
				const before = apolloWrites(sandbox);
				const answer = await syncOnce(ctx);
				assert.equal(answer.length, 1, 'only the summary item');
				assert.equal(answer[0].created, 0, 'created');
				assert.equal(answer[0].updated, 0, 'updated');
				assert.equal(apolloWrites(sandbox), before, 'no Apollo write request');
				assert.equal(sandbox.apollo.allContacts().length, COUNT, 'Apollo contacts');
			});
			await ctx.check('a contact edited in HubSpot is the only one the next execution writes', async () => {
				const contact = sandbox.hubspot.contacts().find((c) => c.properties.email === `sync7-${RUN}@sync.example`);
				const edited = await fetch(`${sandbox.url}/hubspot/crm/v3/objects/contacts/${contact?.id}`, {
					method: 'PATCH',
					headers: { authorization: 'Bearer sandbox-hubspot-token', 'content-type': 'application/json' },
					body: JSON.stringify({ properties: { jobtitle: 'Head of Buying' } }),
				});
				assert.equal(edited.status, 200, 'HubSpot edit');
				const [summary, ...records] = await syncOnce(ctx);
				assert.equal(summary.updated, 1, 'updated');
				assert.equal(summary.created, 0, 'created');
				assert.deepEqual(records.map((r) => [r.key, r.changes?.title?.[1]]), [[`sync7-${RUN}@sync.example`, 'Head of Buying']], 'the edited contact');
				const written = (sandbox.apollo.allContacts() as Json[]).find((c) => c.email === `sync7-${RUN}@sync.example`);
				assert.equal(written?.title, 'Head of Buying', 'Apollo title');
			});
		} finally {
			await ctx.n8n.deactivateWorkflow(WORKFLOW_ID).catch(() => undefined);
			await sandbox.close();
			own = undefined;
		}
	},
};

export default scenario;
