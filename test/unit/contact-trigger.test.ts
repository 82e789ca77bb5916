/**
 * The CRM Contact Trigger's poll() through n8n-core's PollContext against the in-process sandbox (HubSpot
 * with its search lag, Apollo, LinkedIn lead responses): static data saved only after a successful poll,
 * as n8n does. No credential secret may reach an item or an error.
 */
import { inspect } from 'node:util';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { CrmContactTrigger } from '../../nodes/CrmContactTrigger/CrmContactTrigger.node';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { CredentialData } from '../helpers/n8n-core-host';
import { PollHarness } from '../helpers/n8n-poll';

const HUBSPOT_TOKEN = 'sandbox-hubspot-token';
const APOLLO_KEY = 'sandbox-apollo-key';
const LINKEDIN_TOKEN = 'sandbox-linkedin-token';
const SECRETS = [HUBSPOT_TOKEN, APOLLO_KEY, LINKEDIN_TOKEN, 'sandbox-linkedin-client-secret'];

let sandbox: Sandbox;
let produced: unknown[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ apollo: { defaultSeed: false } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ hubspot: { searchLagMs: 0 } });
	produced = [];
});
afterEach(() => {
	for (const value of produced) {
		const text = inspect(value, { depth: 12 }) + (value instanceof Error ? String(value.stack) : '');
		for (const secret of SECRETS) expect(text).not.toContain(secret);
	}
});

function credentials() {
	return {
		crmHubSpotAppTokenApi: { accessToken: HUBSPOT_TOKEN, baseUrl: `${sandbox.url}/hubspot` },
		crmApolloApi: { apiKey: APOLLO_KEY, baseUrl: `${sandbox.url}/apollo/api/v1` },
		crmLinkedInOAuth2Api: {
			clientId: 'sandbox-linkedin-client-id',
			clientSecret: 'sandbox-linkedin-client-secret',
			baseUrl: `${sandbox.url}/linkedin`,
			oauthBaseUrl: `${sandbox.url}/linkedin`,
			oauthTokenData: { access_token: LINKEDIN_TOKEN, token_type: 'Bearer' },
		},
	} as unknown as Record<string, CredentialData>;
}

function trigger(parameters: INodeParameters = {}): PollHarness {
	return new PollHarness(new CrmContactTrigger(), { parameters: { platform: 'hubspot', ...parameters }, credentials: credentials() });
}

async function poll(harness: PollHarness, options: Parameters<PollHarness['poll']>[0] = {}): Promise<IDataObject[]> {
	const run = await harness.poll(options);
	produced.push(run.items);
	return run.items;
}

async function failure(harness: PollHarness): Promise<Error> {
	try {
		await harness.poll();
	} catch (error) {
		produced.push(error);
		return error as Error;
	}
	throw new Error('expected the poll to fail');
}

async function createHubSpot(email: string): Promise<string> {
	const response = await fetch(`${sandbox.url}/hubspot/crm/v3/objects/contacts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${HUBSPOT_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify({ properties: { email, firstname: email.split('@')[0] } }),
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

const emails = (items: IDataObject[]) => items.map((item) => item.email);
const searches = () => sandbox.requests.list({ platform: 'hubspot', path: '/crm/v3/objects/contacts/search' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CRM Contact Trigger on HubSpot', () => {
	it('starts from now on activation, then emits each new contact once, oldest first', async () => {
		sandbox.hubspot.seedContacts([{ email: 'before@old.example', lastmodifieddate: Date.now() - 5_000 }]);
		const harness = trigger();
		expect(await poll(harness)).toEqual([]);
		expect(searches()).toEqual([]);
		expect(harness.cursor).toMatchObject({ v: 1, key: 'hubspot:changed' });
		await createHubSpot('first@new.example');
		await sleep(5);
		await createHubSpot('second@new.example');
		const items = await poll(harness);
		expect(emails(items)).toEqual(['first@new.example', 'second@new.example']);
		expect(items[0]).toMatchObject({ ids: { hubspot: expect.any(String) }, updatedAt: expect.any(String) });
		expect(await poll(harness)).toEqual([]);
	});

	it('polls on an n8n without a poll budget (getPollBudgetMs absent) too', async () => {
		const harness = trigger();
		await poll(harness, { budgetMs: null });
		await createHubSpot('nobudget@old-n8n.example');
		expect(emails(await poll(harness, { budgetMs: null }))).toEqual(['nobudget@old-n8n.example']);
	});

	it('emits the existing contacts on the first poll when Include Existing Contacts is on', async () => {
		sandbox.hubspot.seedContacts([
			{ email: 'b@old.example', lastmodifieddate: Date.now() - 5_000 },
			{ email: 'a@old.example', lastmodifieddate: Date.now() - 9_000 },
		]);
		const harness = trigger({ options: { includeExisting: true } });
		expect(emails(await poll(harness))).toEqual(['a@old.example', 'b@old.example']);
		expect(await poll(harness)).toEqual([]);
	});

	it('emits a contact search shows only after the next poll ran, exactly once', async () => {
		const harness = trigger();
		await poll(harness);
		sandbox.configure({ hubspot: { searchLagMs: 1_500 } });
		await createHubSpot('late@lag.example');
		expect(await poll(harness)).toEqual([]);
		await sleep(1_600);
		expect(emails(await poll(harness))).toEqual(['late@lag.example']);
		expect(await poll(harness)).toEqual([]);
	});

	it('a manual test run returns the most recent few contacts and leaves the cursor alone', async () => {
		const now = Date.now();
		sandbox.hubspot.seedContacts(
			Array.from({ length: 8 }, (_, i) => ({ email: `s${i}@sample.example`, lastmodifieddate: now - (10 - i) * 60_000 })),
		);
		const harness = trigger();
		const sample = await poll(harness, { mode: 'manual' });
		expect(emails(sample)).toEqual(['s3@sample.example', 's4@sample.example', 's5@sample.example', 's6@sample.example', 's7@sample.example']);
		expect(harness.staticData).toEqual({});
		// After activation too: a test run does not move what production polls saved.
		await poll(harness);
		const saved = structuredClone(harness.staticData);
		await createHubSpot('after@sample.example');
		expect(emails(await poll(harness, { mode: 'manual' })).at(-1)).toBe('after@sample.example');
		expect(harness.staticData).toEqual(saved);
		expect(emails(await poll(harness))).toEqual(['after@sample.example']);
	});

	it('a failing poll keeps the old cursor and the next poll emits what it missed', async () => {
		const harness = trigger();
		await poll(harness);
		await createHubSpot('missed@fail.example');
		const saved = structuredClone(harness.staticData);
		// Until cleared: the client may ask again after a 401 (a token refreshed meanwhile).
		sandbox.faults.add({ platform: 'hubspot', path: 'search', kind: 'status', status: 401, times: 0 });
		const error = await failure(harness);
		sandbox.faults.clear();
		expect(error.constructor.name).toBe('NodeApiError');
		expect(harness.staticData).toEqual(saved);
		expect(emails(await poll(harness))).toEqual(['missed@fail.example']);
	});

	it('reads past HubSpot search’s 10,000-result cap in one poll: 10,300 changes, each once, oldest first', async () => {
		// Stamped before the 60 s overlap the next poll re-reads: more than 10,000 changes inside that overlap is
		// the documented case where the bounded memory may emit some twice, not what this test is about. With
		// `now - 60 s` the outcome depended on how fast seeding and the first poll ran.
		const base = Date.now() - 70_000;
		sandbox.hubspot.seedContacts(
			Array.from({ length: 10_300 }, (_, i) => ({ email: `w${i}@window.example`, lastmodifieddate: base + Math.floor(i / 3) })),
		);
		const harness = trigger({ options: { includeExisting: true, maxPerPoll: 20_000 } });
		const items = await poll(harness);
		expect(items).toHaveLength(10_300);
		expect(new Set(emails(items)).size).toBe(10_300);
		const stamps = items.map((item) => Date.parse(item.updatedAt as string));
		expect(stamps.every((t, i) => i === 0 || t >= stamps[i - 1])).toBe(true);
		expect(await poll(harness)).toEqual([]);
	}, 120_000);
});

describe('CRM Contact Trigger on Apollo and LinkedIn', () => {
	it('Apollo: contacts created after activation, once each', async () => {
		const harness = trigger({ platform: 'apollo' });
		expect(await poll(harness)).toEqual([]);
		for (const email of ['one@apollo.example', 'two@apollo.example']) {
			const response = await fetch(`${sandbox.url}/apollo/api/v1/contacts`, {
				method: 'POST',
				headers: { 'x-api-key': APOLLO_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ email, first_name: 'A', run_dedupe: true }),
			});
			expect(response.status).toBe(200);
			await sleep(5);
		}
		expect(emails(await poll(harness))).toEqual(['one@apollo.example', 'two@apollo.example']);
		expect(await poll(harness)).toEqual([]);
	});

	it('LinkedIn: new lead responses of the owner once each, test leads only when asked', async () => {
		const harness = trigger({ platform: 'linkedin', ownerType: 'sponsoredAccount', ownerId: '5100001', leadType: 'SPONSORED' });
		expect(await poll(harness)).toEqual([]);
		const real = await sandbox.linkedin.submitLead({ formId: 7001 });
		await sandbox.linkedin.submitLead({ formId: 7001, testLead: true });
		const items = await poll(harness);
		expect(items.map((item) => item.id)).toEqual([real.id]);
		expect(await poll(harness)).toEqual([]);
	});

	it('LinkedIn without an owner ID fails with the setting named, before any request', async () => {
		const harness = trigger({ platform: 'linkedin', ownerType: 'organization', ownerId: '' });
		harness.staticData = {};
		sandbox.requests.clear();
		await poll(harness); // first activation reads nothing
		const error = await failure(harness);
		expect(error.message).toMatch(/organizationId/);
		expect(sandbox.requests.list({ platform: 'linkedin' })).toEqual([]);
	});
});
