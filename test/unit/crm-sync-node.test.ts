/**
 * The CRM Sync node class inside a real n8n Workflow run by n8n-core (test/helpers/n8n-workflow-run),
 * talking to the in-process sandbox through n8n's own request helper. The node's static data is carried
 * from one run to the next as an active workflow's executions would save it.
 */
import { inspect } from 'node:util';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { CredentialEncryption } from '../../src/core/encryption';
import { crmEncryptionKeyApiTest } from '../../src/n8n/sync-credential-test';
import { CrmSync } from '../../nodes/CrmSync/CrmSync.node';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runNode, type NodeRunResult } from '../helpers/n8n-workflow-run';

const HUBSPOT_TOKEN = 'sandbox-hubspot-token';
const APOLLO_KEY = 'sandbox-apollo-key';
const LINKEDIN_TOKEN = 'sandbox-linkedin-token';
const KEY = CredentialEncryption.generateKey();

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

let produced: unknown[] = [];
afterEach(() => {
	for (const value of produced) {
		const text = inspect(value, { depth: 20 });
		expect(text).not.toContain(HUBSPOT_TOKEN);
		expect(text).not.toContain(APOLLO_KEY);
		expect(text).not.toContain(LINKEDIN_TOKEN);
		expect(text).not.toContain(KEY);
	}
	produced = [];
});

function credentials(extra: Record<string, Record<string, string>> = {}) {
	return {
		crmHubSpotAppTokenApi: { accessToken: HUBSPOT_TOKEN, baseUrl: `${sandbox.url}/hubspot` },
		crmApolloApi: { apiKey: APOLLO_KEY, baseUrl: `${sandbox.url}/apollo/api/v1` },
		crmLinkedInOAuth2Api: {
			clientId: 'sandbox-linkedin-client-id',
			clientSecret: 'sandbox-linkedin-client-secret',
			baseUrl: `${sandbox.url}/linkedin`,
			oauthBaseUrl: `${sandbox.url}/linkedin`,
			oauthTokenData: { access_token: LINKEDIN_TOKEN, token_type: 'Bearer' },
		} as unknown as Record<string, string>,
		...extra,
	};
}

async function sync(parameters: INodeParameters, staticData?: IDataObject, extra: { items?: IDataObject[]; credentials?: Record<string, Record<string, string>> } = {}): Promise<NodeRunResult> {
	const result = await runNode({
		nodeType: new CrmSync(),
		parameters,
		items: (extra.items ?? [{}]).map((json) => ({ json })),
		credentials: credentials(extra.credentials),
		staticData,
	});
	produced.push(result.output, result.error, result.staticData);
	return result;
}

function seedHubSpot(count: number) {
	sandbox.hubspot.seedContacts(
		Array.from({ length: count }, (_, i) => ({ email: `person${i}@example.com`, firstname: `First${i}`, lastname: `Last${i}`, jobtitle: 'Engineer', company: 'Acme' })),
	);
}

/** Waits until the sandbox has seen no request of `platform` for half a second. */
async function settled(platform: string): Promise<void> {
	for (let last = -1, count = sandbox.requests.list({ platform }).length; count !== last; count = sandbox.requests.list({ platform }).length) {
		last = count;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const apolloWrites = () => sandbox.requests.list({ platform: 'apollo', path: 'bulk_(create|update)' }).length;

describe('CRM Sync node', () => {
	it('HubSpot → Apollo: the first run writes and outputs a summary then one item per contact; the second, with the saved state, writes nothing', async () => {
		seedHubSpot(20);
		const first = await sync({ source: 'hubspot', target: 'apollo' });
		expect(first.error).toBeUndefined();
		const [summary, ...records] = first.output[0].map((item) => item.json);
		expect(summary).toMatchObject({ type: 'summary', direction: 'export', created: 20, updated: 0, failed: 0, givenUp: 0, dryRun: false });
		expect(summary.apiCalls).toBeGreaterThan(0);
		expect(typeof summary.durationMs).toBe('number');
		expect(summary.cursors).toMatchObject({ source: expect.any(String) });
		expect(records).toHaveLength(20);
		expect(records[0]).toMatchObject({ type: 'record', action: 'created', to: 'target', key: 'person0@example.com' });
		expect(sandbox.apollo.allContacts()).toHaveLength(20);
		expect(first.staticData['node:CRM Sync']).toMatchObject({ crmSync: { scope: 'hubspot>apollo:one-way', state: { version: 1 } } });

		const writes = apolloWrites();
		const second = await sync({ source: 'hubspot', target: 'apollo' }, first.staticData);
		expect(second.output[0].map((item) => item.json)).toMatchObject([{ type: 'summary', created: 0, updated: 0 }]);
		expect(apolloWrites()).toBe(writes);

		// Without the saved state the same run redoes the reads and still writes nothing new.
		const fresh = await sync({ source: 'hubspot', target: 'apollo' });
		expect(fresh.output[0][0].json).toMatchObject({ created: 0, updated: 0, unchanged: 20 });
		expect(sandbox.apollo.allContacts()).toHaveLength(20);
	});

	it('summary only; dry run writes nothing and leaves the state as it was', async () => {
		seedHubSpot(5);
		const dry = await sync({ source: 'hubspot', target: 'apollo', options: { dryRun: true } }, { 'node:CRM Sync': { keep: 1 } });
		expect(dry.output[0][0].json).toMatchObject({ dryRun: true, created: 5 });
		expect(dry.output[0]).toHaveLength(6);
		expect(sandbox.apollo.allContacts()).toHaveLength(0);
		expect(dry.staticData).toEqual({ 'node:CRM Sync': { keep: 1 } });
		const real = await sync({ source: 'hubspot', target: 'apollo', options: { summaryOnly: true } });
		expect(real.output[0].map((item) => item.json)).toMatchObject([{ type: 'summary', created: 5 }]);
	});

	it('with the encryption key the saved state is a Fernet token without any e-mail address; another key is refused', async () => {
		seedHubSpot(3);
		const parameters = { source: 'hubspot', target: 'apollo', encryptState: true };
		const first = await sync(parameters, undefined, { credentials: { crmEncryptionKeyApi: { secretKey: KEY } } });
		expect(first.error).toBeUndefined();
		const stored = (first.staticData['node:CRM Sync'] as IDataObject).crmSync as { state: { sealed: string } };
		expect(Object.keys(stored.state)).toEqual(['sealed']);
		expect(JSON.stringify(first.staticData)).not.toContain('@example.com');
		expect(new CredentialEncryption(KEY).decryptCredential(stored.state.sealed)).toContain('person0@example.com');

		const again = await sync(parameters, first.staticData, { credentials: { crmEncryptionKeyApi: { secretKey: KEY } } });
		expect(again.output[0][0].json).toMatchObject({ created: 0, updated: 0 });
		const other = await sync(parameters, first.staticData, { credentials: { crmEncryptionKeyApi: { secretKey: CredentialEncryption.generateKey() } } });
		expect(other.error?.message).toBe('The saved sync state cannot be decrypted with this encryption key');
		const bad = await sync(parameters, undefined, { credentials: { crmEncryptionKeyApi: { secretKey: 'not-a-key' } } });
		expect(bad.error?.message).toContain('Not a Fernet key');
	});

	it('input items → output items: only new or changed contacts come out, a bad item fails alone', async () => {
		const items = [{ email: 'A@Example.com', firstName: 'Ann' }, { email: 'b@example.com', firstName: 'Bo' }, { email: 'nope' }];
		const first = await sync({ source: 'items', target: 'output' }, undefined, { items });
		expect(first.output[0].map((item) => [item.json.type, item.json.action, item.json.key])).toEqual([
			['summary', undefined, undefined],
			['record', 'failed', 'source:2'],
			['record', 'created', 'a@example.com'],
			['record', 'created', 'b@example.com'],
		]);
		const second = await sync({ source: 'items', target: 'output' }, first.staticData, { items: [{ email: 'a@example.com', firstName: 'Ann' }, { email: 'b@example.com', firstName: 'Bob' }] });
		expect(second.output[0].slice(1).map((item) => [item.json.action, item.json.key, (item.json.contact as IDataObject).firstName])).toEqual([['updated', 'b@example.com', 'Bob']]);
	});

	it('two-way HubSpot ↔ Apollo: edits on both sides resolve by the policy, the next run writes nothing', async () => {
		seedHubSpot(4);
		const parameters = { source: 'hubspot', target: 'apollo', mode: 'two-way', conflictPolicy: 'source' };
		const first = await sync(parameters);
		expect(first.output[0][0].json).toMatchObject({ direction: 'two-way', created: 4 });
		const apolloId = (sandbox.apollo.allContacts() as Array<{ id: string; email: string }>).find((c) => c.email === 'person1@example.com')?.id as string;
		const hubspotId = sandbox.hubspot.contacts().find((c) => c.properties.email === 'person1@example.com')?.id as string;
		await fetch(`${sandbox.url}/hubspot/crm/v3/objects/contacts/${hubspotId}`, { method: 'PATCH', headers: { authorization: `Bearer ${HUBSPOT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ properties: { jobtitle: 'HubSpot says' } }) });
		await fetch(`${sandbox.url}/apollo/api/v1/contacts/${apolloId}`, { method: 'PATCH', headers: { 'x-api-key': APOLLO_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Apollo says' }) });
		const second = await sync(parameters, first.staticData);
		expect(second.output[0][0].json).toMatchObject({ conflicts: 1, updated: 1 });
		expect(second.output[0][1].json).toMatchObject({ key: 'person1@example.com', conflict: { winner: 'source', policy: 'source' }, changes: { title: ['Apollo says', 'HubSpot says'] } });
		expect((sandbox.apollo.allContacts() as Array<{ email: string; title: string }>).find((c) => c.email === 'person1@example.com')?.title).toBe('HubSpot says');
		const third = await sync(parameters, second.staticData);
		expect(third.output[0][0].json).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
	});

	it('LinkedIn leads → HubSpot: the owner\'s leads are created as contacts once; a new lead is the only next write', async () => {
		const parameters = { source: 'linkedin', target: 'hubspot', ownerType: 'sponsoredAccount', ownerId: '5100001', leadType: 'SPONSORED' };
		const first = await sync(parameters);
		expect(first.error).toBeUndefined();
		const created = first.output[0][0].json.created as number;
		expect(created).toBeGreaterThan(0);
		expect(first.output[0][0].json).toMatchObject({ failed: 0, updated: 0 });
		const emails = (first.output[0].slice(1).map((item) => item.json.key) as string[]).sort();
		expect(sandbox.hubspot.contacts().map((c) => c.properties.email).sort()).toEqual(emails);

		const lead = await sandbox.linkedin.submitLead({ formId: 7001 });
		const second = await sync(parameters, first.staticData);
		expect(second.output[0][0].json).toMatchObject({ created: 1, updated: 0 });
		expect(second.output[0][1].json).toMatchObject({ action: 'created', contact: { properties: expect.any(Object) } });
		expect(sandbox.hubspot.contacts()).toHaveLength(created + 1);
		expect(lead.id).toBeTruthy();
		const third = await sync(parameters, second.staticData);
		expect(third.output[0][0].json).toMatchObject({ created: 0, updated: 0 });
	});

	it('the same platform on both ends is refused before any request', async () => {
		const result = await sync({ source: 'hubspot', target: 'hubspot' });
		expect(result.error?.message).toBe('Source and target are the same HubSpot account');
		expect(sandbox.requests.list({}).length).toBe(0);
	});

	it('a platform failure that is not per record stops the node with the platform error, the state untouched', async () => {
		seedHubSpot(2);
		const result = await sync({ source: 'hubspot', target: 'apollo' }, { 'node:CRM Sync': { keep: 1 } }, { credentials: { crmApolloApi: { apiKey: 'wrong-key', baseUrl: `${sandbox.url}/apollo/api/v1` } } });
		// The other lookup in flight when the first 401 ended the run still completes: let it, so no request
		// of this file is left running into the next test file's nock.
		await settled('apollo');
		// A refused key is not the records' fault: none of them is charged an attempt.
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.staticData).toEqual({ 'node:CRM Sync': { keep: 1 } });
		expect(sandbox.apollo.allContacts()).toHaveLength(0);
	});
});

describe('encryption key credential test', () => {
	const test = (secretKey: string) => crmEncryptionKeyApiTest.call({} as never, { id: '1', name: 'k', type: 'crmEncryptionKeyApi', data: { secretKey } });

	it('accepts a Fernet key and says it was checked locally; refuses others without echoing them', async () => {
		expect(await test(KEY)).toEqual({ status: 'OK', message: expect.stringContaining('Checked locally') });
		expect(await test('')).toEqual({ status: 'Error', message: 'Encryption key is empty' });
		expect(await test(`${KEY}\n`)).toMatchObject({ status: 'Error', message: expect.stringContaining('white space') });
		const short = await test('c2hvcnQ=');
		expect(short).toMatchObject({ status: 'Error', message: expect.stringContaining('Not a Fernet key') });
		expect(short.message).not.toContain('c2hvcnQ=');
	});
});
