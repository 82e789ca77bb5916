/**
 * The real Apollo node class inside a real n8n Workflow run by n8n-core's WorkflowExecute
 * (test/helpers/n8n-workflow-run), Apollo mocked by nock answering only requests that carry the key in
 * `x-api-key`. Covers every operation, no-match and partial answers, the credit cap, the webhook URL
 * refusal, continue-on-fail and paired items; after each test everything produced is scanned for the key.
 */
import { inspect } from 'node:util';
import nock from 'nock';
import type { INodeExecutionData, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Apollo } from '../../nodes/Apollo/Apollo.node';
import {
	getContactFieldsForUpdate,
	getContactFieldsForUpsert,
} from '../../nodes/Apollo/methods/resourceMapping';
import {
	API,
	APOLLO_BASE,
	APOLLO_KEY,
	apolloContact,
	apolloPerson,
	rateHeaders,
} from '../helpers/apollo-fixtures';
import { callNodeMethod, runNode, type NodeRunResult } from '../helpers/n8n-workflow-run';

type Json = Record<string, any>;

const CREDENTIALS = { crmApolloApi: { apiKey: APOLLO_KEY, baseUrl: `${APOLLO_BASE}${API}` } };
/** Generous limits on every answer, so the governor never waits in these tests. */
const HEADERS = rateHeaders({ minute: [1000, 990], hourly: [10000, 9000], daily: [50000, 40000] });

let produced: unknown[] = [];

function api(): nock.Scope {
	return nock(APOLLO_BASE, { reqheaders: { 'x-api-key': APOLLO_KEY } });
}

function items(
	n: number,
	json: (i: number) => Json = (i) => ({ email: `person${i}@acme.example` }),
): INodeExecutionData[] {
	return Array.from({ length: n }, (_, i) => ({ json: json(i) }));
}

interface RunOptions {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

async function execute(options: RunOptions): Promise<NodeRunResult> {
	const result = await runNode({
		nodeType: new Apollo(),
		parameters: options.parameters,
		items: options.items ?? [{ json: {} }],
		credentials: CREDENTIALS,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	});
	produced.push(result.output, result.error, result.run);
	return result;
}

async function run(options: RunOptions): Promise<NodeRunResult> {
	const result = await execute(options);
	if (result.error) throw new Error(`the node failed: ${result.error.message}`);
	return result;
}

async function runFailing(options: RunOptions): Promise<NodeApiError | NodeOperationError> {
	const result = await execute(options);
	if (!result.error) throw new Error('expected the node to fail');
	return result.error as NodeApiError | NodeOperationError;
}

function hintsOf(result: NodeRunResult): string[] {
	const task = result.run.data.resultData.runData.Apollo?.[0] as
		| { hints?: Array<{ message: string }> }
		| undefined;
	return (task?.hints ?? []).map((h) => h.message);
}

/** bulk_match answering people whose email does not contain "unknown", null for the rest, in input order. */
function bulkMatch(calls: Json[], times = 1): void {
	api()
		.post(`${API}/people/bulk_match`)
		.query(true)
		.times(times)
		.reply((_uri, raw) => {
			const body = raw as Json;
			calls.push(body);
			const matches = (body.details as Json[]).map((d) =>
				String(d.email ?? '').includes('unknown')
					? null
					: apolloPerson(Number(/\d+/.exec(d.email)?.[0] ?? 0), { email: d.email }),
			);
			const found = matches.filter(Boolean).length;
			return [
				200,
				{ status: 'success', matches, credits_consumed: found, request_id: `req-${calls.length}` },
				HEADERS,
			];
		});
}

function defineBelow(value: Record<string, unknown>, matchingColumns: string[] = []): INodeParameters {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns,
		schema: Object.keys(value).map((id) => ({
			id,
			displayName: id,
			required: false,
			defaultMatch: false,
			display: true,
			type: 'string',
		})),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	} as INodeParameters;
}

const AUTO = {
	mappingMode: 'autoMapInputData',
	value: null,
	matchingColumns: [],
} as unknown as INodeParameters;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
	produced = [];
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const value of produced) {
		expect(inspect(value, { depth: 14 })).not.toContain(APOLLO_KEY);
		if (value instanceof Error)
			expect(JSON.stringify(value) + value.message + String(value.stack)).not.toContain(APOLLO_KEY);
	}
});

describe('Apollo node: Person → Enrich', () => {
	const enrich = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'person',
		operation: 'enrich',
		...extra,
	});

	it('enriches 25 items in 3 bulk calls; every result paired with its input, the unknown as noMatch items', async () => {
		const calls: Json[] = [];
		bulkMatch(calls, 3);
		const input = items(25, (i) => ({
			email: i % 10 === 3 ? `unknown${i}@nowhere.example` : `person${i}@acme.example`,
			crmId: `c${i}`,
		}));
		const result = await run({ parameters: enrich(), items: input });
		const { output, requests } = result;

		expect(calls.map((c) => c.details.length).sort()).toEqual([10, 10, 5]);
		expect(requests.every((r) => !r.url.includes(APOLLO_KEY))).toBe(true);
		const out = output[0];
		expect(out).toHaveLength(25);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.input).toMatchObject({ item: i, email: input[i].json.email });
		});
		const unknown = out.filter((item) => item.json.match === 'noMatch');
		expect(unknown.map((item) => (item.pairedItem as { item: number }).item)).toEqual([3, 13, 23]);
		// A no-match carries the input through, so the next node still has it.
		expect(unknown[0].json).toMatchObject({
			email: 'unknown3@nowhere.example',
			crmId: 'c3',
			credits: { estimated: 0 },
		});
		expect(out[5].json).toMatchObject({
			match: 'matched',
			email: 'person5@acme.example',
			firstName: 'First5',
			company: 'Acme Corp',
			ids: { apollo: 'p000005' },
			credits: { estimated: 1, callInputs: 10, callConsumed: 9 },
		});
		expect(out[5].json.requestId).toMatch(/^req-/);
		expect(hintsOf(result)).toEqual(['Apollo credits spent by this run: 22']);
	});

	it('pairs a partial answer (no-matches left out, the rest out of order) by email', async () => {
		api()
			.post(`${API}/people/bulk_match`)
			.query(true)
			// No-matches left out and the rest in another order: paired by email, not by position.
			.reply(
				200,
				{
					matches: [
						apolloPerson(2, { email: 'b2@acme.example' }),
						apolloPerson(1, { email: 'a1@acme.example' }),
					],
					credits_consumed: 2,
				},
				HEADERS,
			);
		const { output } = await run({
			parameters: enrich(),
			items: [
				{ json: { email: 'a1@acme.example' } },
				{ json: { email: 'unknown@acme.example' } },
				{ json: { email: 'b2@acme.example' } },
			],
		});
		expect(output[0].map((i) => [i.json.match, i.json.email])).toEqual([
			['matched', 'a1@acme.example'],
			['noMatch', 'unknown@acme.example'],
			['matched', 'b2@acme.example'],
		]);
	});

	it('reads contacts as the HubSpot CRM node outputs them; "only missing" skips complete ones without a request', async () => {
		const calls: Json[] = [];
		bulkMatch(calls);
		const hubspotShaped = (i: number, title?: string): Json => ({
			id: `${1000 + i}`,
			email: `person${i}@acme.example`,
			firstName: `First${i}`,
			...(title ? { title } : {}),
			properties: { hs_object_id: `${1000 + i}`, lifecyclestage: 'lead' },
			ids: { hubspot: `${1000 + i}` },
		});
		const input = [hubspotShaped(1, 'CTO'), hubspotShaped(2), hubspotShaped(3, 'CEO'), hubspotShaped(4)].map(
			(json) => ({ json }),
		);
		const { output } = await run({
			parameters: enrich({ options: { onlyIfMissing: ['title'] } }),
			items: input,
		});
		expect(calls).toHaveLength(1);
		expect(calls[0].details).toEqual([
			{ email: 'person2@acme.example', first_name: 'First2' },
			{ email: 'person4@acme.example', first_name: 'First4' },
		]);
		expect(output[0].map((i) => i.json.match)).toEqual(['skipped', 'matched', 'skipped', 'matched']);
		expect(output[0][0].json).toMatchObject({
			id: '1001',
			title: 'CTO',
			reason: 'complete',
			ids: { hubspot: '1001' },
		});
	});

	it('Define Below: the identifying fields come from expressions per item', async () => {
		const calls: Json[] = [];
		bulkMatch(calls);
		await run({
			parameters: enrich({ personSource: 'define', email: '={{ $json.mail }}', domain: 'acme.example' }),
			items: items(2, (i) => ({ mail: `person${i}@acme.example` })),
		});
		expect(calls[0].details).toEqual([
			{ email: 'person0@acme.example', domain: 'acme.example' },
			{ email: 'person1@acme.example', domain: 'acme.example' },
		]);
	});

	it('stops before the credit cap: the batch that could pass it is not sent, its items come out skipped with a warning', async () => {
		const calls: Json[] = [];
		bulkMatch(calls);
		// Cap 15: the first 10 (worst case 10) fit; the next 10 could reach 19 (9 spent + 10) and are held back.
		const input = items(20, (i) => ({ email: i === 0 ? 'unknown@x.example' : `person${i}@acme.example` }));
		const result = await run({ parameters: enrich({ options: { creditCap: 15 } }), items: input });
		expect(calls).toHaveLength(1);
		const matches = result.output[0].map((i) => i.json.match);
		expect(matches.slice(10)).toEqual(new Array(10).fill('skipped'));
		expect(result.output[0][15].json).toMatchObject({ reason: 'creditCap', email: 'person15@acme.example' });
		expect(String(result.output[0][15].json.message)).toMatch(/Credit cap of 15 reached \(9 spent\)/);
		expect(hintsOf(result).join('\n')).toMatch(
			/Credit cap reached: 10 item\(s\) not enriched; 9 credit\(s\) spent \(cap 15\)/,
		);
	});

	it('a credit cap of 0 sends nothing', async () => {
		const result = await run({ parameters: enrich({ options: { creditCap: 0 } }), items: items(3) });
		expect(result.requests).toEqual([]);
		expect(result.output[0].map((i) => i.json.match)).toEqual(['skipped', 'skipped', 'skipped']);
	});

	it('refuses a phone reveal without a webhook URL before any request, saying how to get one', async () => {
		const error = await runFailing({
			parameters: enrich({ revealPhone: true }),
			items: items(3),
			continueOnFail: true,
		});
		expect(error.message).toMatch(/Reveal Phone Number: a webhook URL is required/);
		expect(error.description).toMatch(/CRM Webhook Trigger with Platform = Apollo/);
		expect(error.description).toMatch(/\?token=/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('refuses a waterfall with a URL that is not http(s)', async () => {
		const error = await runFailing({
			parameters: enrich({ waterfall: ['email'], webhookUrl: 'ftp://x.example/hook' }),
			items: items(1),
		});
		expect(error.message).toMatch(/Run Waterfall: the webhook URL must be an absolute http\(s\) URL/);
	});

	it('a phone reveal sends the webhook URL (with its token) in the body only, never in the query', async () => {
		const hook = 'https://n8n.example/webhook/abc/apollo?token=secret-token-123';
		let seen: { query?: Json; body?: Json } = {};
		api()
			.post(`${API}/people/bulk_match`)
			.query(true)
			.reply(function (uri, body) {
				seen = { query: Object.fromEntries(new URL(uri, APOLLO_BASE).searchParams), body: body as Json };
				return [200, { matches: [apolloPerson(0), apolloPerson(1)], credits_consumed: 2 }, HEADERS];
			});
		await run({ parameters: enrich({ revealPhone: true, webhookUrl: hook }), items: items(2) });
		expect(seen.body).toMatchObject({ reveal_phone_number: true, webhook_url: hook });
		expect(seen.query).toEqual({ reveal_phone_number: 'true' });
	});

	it('an item that identifies nobody fails alone under continue-on-fail; without it the run stops naming the item', async () => {
		const calls: Json[] = [];
		bulkMatch(calls);
		const input = [
			{ json: { email: 'person0@acme.example' } },
			{ json: { firstName: 'Ada' } },
			{ json: { email: 'person2@acme.example' } },
		];
		const { output } = await run({ parameters: enrich(), items: input, continueOnFail: true });
		expect(output[0]).toHaveLength(3);
		expect(output[0][1]).toMatchObject({ pairedItem: { item: 1 }, json: { type: 'CRMValidationError' } });
		expect(String(output[0][1].json.error)).toMatch(/needs an email, a LinkedIn URL/);
		expect(output[0][2].json.match).toBe('matched');

		bulkMatch(calls);
		const error = await runFailing({ parameters: enrich(), items: input });
		expect(error.context.itemIndex).toBe(1);
	});

	it('a refused batch fails only its own items under continue-on-fail; the key does not appear in the error', async () => {
		const calls: Json[] = [];
		bulkMatch(calls);
		api()
			.post(`${API}/people/bulk_match`)
			.query(true)
			.reply(422, { error: `invalid details (api_key=${APOLLO_KEY})` }, HEADERS);
		const { output } = await run({ parameters: enrich(), items: items(12), continueOnFail: true });
		const failed = output[0].filter((i) => i.json.error !== undefined);
		const matched = output[0].filter((i) => i.json.match === 'matched');
		// Which batch was answered first is up to the concurrency; one of them failed whole.
		expect([failed.length, matched.length].sort((a, b) => a - b)).toEqual([2, 10]);
		expect(failed[0].json.httpStatus).toBe(422);
	});

	it('a key the API echoes bare, with no field name a pattern could catch, is not in the error item', async () => {
		api()
			.post(`${API}/people/bulk_match`)
			.query(true)
			.reply(422, { error: `invalid details for key ${APOLLO_KEY} on this plan` }, HEADERS);
		const { output } = await run({ parameters: enrich(), items: items(3), continueOnFail: true });
		expect(output[0]).toHaveLength(3);
		for (const item of output[0]) {
			expect(item.json.httpStatus).toBe(422);
			expect(String(item.json.error)).toContain('[redacted]');
		}
	});
});

describe('Apollo node: Organization → Enrich', () => {
	it('12 domains in 2 bulk calls (one repeated domain asked once); an unknown domain is a noMatch item', async () => {
		const calls: Json[] = [];
		api()
			.post(`${API}/organizations/bulk_enrich`)
			.times(2)
			.reply((_uri, raw) => {
				const body = raw as Json;
				calls.push(body);
				const organizations = (body.domains as string[])
					.filter((d) => !d.startsWith('unknown'))
					.map((d) => ({ id: `org-${d}`, name: d.toUpperCase(), primary_domain: d }));
				return [200, { organizations }, HEADERS];
			});
		const domains = [
			'a.example',
			'https://www.B.example/about',
			'unknown.example',
			...Array.from({ length: 8 }, (_, i) => `c${i}.example`),
			'a.example',
			'd.example',
		];
		const { output } = await run({
			parameters: { resource: 'organization', operation: 'enrich', domain: '={{ $json.website }}' },
			items: domains.map((website) => ({ json: { website } })),
		});
		expect(calls.map((c) => c.domains.length).sort((a, b) => a - b)).toEqual([2, 10]);
		expect(output[0]).toHaveLength(13);
		expect(output[0][1].json).toMatchObject({
			match: 'matched',
			id: 'org-b.example',
			domain: 'b.example',
			input: { item: 1 },
		});
		expect(output[0][2].json).toMatchObject({ match: 'noMatch', domain: 'unknown.example' });
		expect(output[0][11].json).toMatchObject({ match: 'matched', id: 'org-a.example', input: { item: 11 } });
		output[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});
});

describe('Apollo node: Person → Search', () => {
	it('Return All reads every page of the free people search', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${API}/mixed_people/api_search`)
			.times(3)
			.reply((_uri, raw) => {
				const body = raw as Json;
				bodies.push(body);
				const start = (body.page - 1) * 100;
				const count = body.page < 3 ? 100 : 20;
				return [
					200,
					{
						people: Array.from({ length: count }, (_, k) => apolloPerson(start + k)),
						pagination: { page: body.page, total_pages: 3, total_entries: 220 },
					},
					HEADERS,
				];
			});
		const { output } = await run({
			parameters: {
				resource: 'person',
				operation: 'search',
				titles: 'CTO, VP Sales',
				domains: 'acme.example',
				returnAll: true,
			},
		});
		expect(output[0]).toHaveLength(220);
		expect(bodies[0]).toMatchObject({
			person_titles: ['CTO', 'VP Sales'],
			q_organization_domains_list: ['acme.example'],
			per_page: 100,
		});
		expect(output[0][219].json).toMatchObject({ firstName: 'First219' });
		expect(output[0][219].pairedItem).toEqual({ item: 0 });
	});

	it('Limit stops at the limit with one small page', async () => {
		api()
			.post(
				`${API}/mixed_people/api_search`,
				(body: Json) => body.per_page === 5 && body.q_keywords === 'founder',
			)
			.reply(
				200,
				{ people: Array.from({ length: 5 }, (_, k) => apolloPerson(k)), pagination: { total_pages: 40 } },
				HEADERS,
			);
		const { output } = await run({
			parameters: { resource: 'person', operation: 'search', keywords: 'founder', limit: 5 },
		});
		expect(output[0]).toHaveLength(5);
	});
});

describe('Apollo node: Contact', () => {
	it('Create deduplicates by default (run_dedupe true) and can be told not to', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${API}/contacts`)
			.times(2)
			.reply((_uri, raw) => {
				bodies.push(raw as Json);
				return [
					200,
					{ contact: apolloContact('c1', { email: (raw as Json).email, first_name: 'Ada' }) },
					HEADERS,
				];
			});
		const { output } = await run({
			parameters: {
				resource: 'contact',
				operation: 'create',
				columns: defineBelow({ email: '={{ $json.email }}', firstName: 'Ada', mobile_phone: '+1 555' }),
			},
			items: [{ json: { email: 'Ada@Acme.example' } }],
		});
		expect(bodies[0]).toEqual({
			email: 'ada@acme.example',
			first_name: 'Ada',
			mobile_phone: '+1 555',
			run_dedupe: true,
		});
		expect(output[0][0].json).toMatchObject({ id: 'c1', email: 'ada@acme.example', firstName: 'Ada' });

		await run({
			parameters: { resource: 'contact', operation: 'create', dedupe: false, columns: AUTO },
			items: [{ json: { email: 'b@acme.example', first_name: 'Bea', id: 'x', unrelated: 1 } }],
		});
		expect(bodies[1]).toEqual({ email: 'b@acme.example', first_name: 'Bea', run_dedupe: false });
	});

	it("Create without continue-on-fail sends nothing after the failing item; with it, the failure is the item's", async () => {
		api()
			.post(`${API}/contacts`)
			.reply(200, { contact: apolloContact('c1') }, HEADERS);
		const input = [
			{ json: { email: 'a@acme.example' } },
			{ json: { email: 'not-an-email' } },
			{ json: { email: 'c@acme.example' } },
		];
		const error = await runFailing({
			parameters: { resource: 'contact', operation: 'create', columns: AUTO },
			items: input,
		});
		expect(error.context.itemIndex).toBe(1);

		api()
			.post(`${API}/contacts`)
			.times(2)
			.reply(200, { contact: apolloContact('c1') }, HEADERS);
		const { output } = await run({
			parameters: { resource: 'contact', operation: 'create', columns: AUTO },
			items: input,
			continueOnFail: true,
		});
		expect(output[0].map((i) => i.json.type ?? 'ok')).toEqual(['ok', 'CRMValidationError', 'ok']);
	});

	it('Get by ID, and by email (an unknown email fails the item as not found)', async () => {
		api()
			.get(`${API}/contacts/c9`)
			.reply(200, { contact: apolloContact('c9', { email: 'z@acme.example' }) }, HEADERS);
		api()
			.post(`${API}/contacts/search`)
			.reply(
				200,
				{ contacts: [apolloContact('c8', { email: 'zz@acme.example' })], pagination: { total_pages: 1 } },
				HEADERS,
			);
		const { output } = await run({
			parameters: {
				resource: 'contact',
				operation: 'get',
				lookupBy: '={{ $json.by }}',
				contactId: '={{ $json.key }}',
				email: '={{ $json.key }}',
			},
			items: [{ json: { by: 'id', key: 'c9' } }, { json: { by: 'email', key: 'z@acme.example' } }],
			continueOnFail: true,
		});
		expect(output[0][0].json).toMatchObject({ id: 'c9', email: 'z@acme.example' });
		expect(output[0][1].json).toMatchObject({
			type: 'CRMNotFoundError',
			error: 'No Apollo contact has the email z@acme.example',
		});
	});

	it('Update by email finds the contact first and does not rewrite the email', async () => {
		const patches: Json[] = [];
		api()
			.post(`${API}/contacts/search`)
			.reply(
				200,
				{ contacts: [apolloContact('c7', { email: 'ada@acme.example' })], pagination: { total_pages: 1 } },
				HEADERS,
			);
		api()
			.patch(`${API}/contacts/c7`)
			.reply((_uri, raw) => {
				patches.push(raw as Json);
				return [200, { contact: apolloContact('c7', { email: 'ada@acme.example', title: 'CTO' }) }, HEADERS];
			});
		const { output } = await run({
			parameters: {
				resource: 'contact',
				operation: 'update',
				columns: defineBelow({ email: 'ada@acme.example', title: 'CTO' }, ['email']),
			},
		});
		expect(patches).toEqual([{ title: 'CTO' }]);
		expect(output[0][0].json).toMatchObject({ id: 'c7', title: 'CTO' });
	});

	it('Update by ID: an item without an id fails alone', async () => {
		api()
			.patch(`${API}/contacts/c1`, { last_name: 'Lovelace' })
			.reply(200, { contact: apolloContact('c1', { last_name: 'Lovelace' }) }, HEADERS);
		const { output } = await run({
			parameters: {
				resource: 'contact',
				operation: 'update',
				columns: { ...AUTO, matchingColumns: ['id'] } as INodeParameters,
			},
			items: [{ json: { id: 'c1', lastName: 'Lovelace' } }, { json: { lastName: 'Nobody' } }],
			continueOnFail: true,
		});
		expect(output[0][0].json).toMatchObject({ id: 'c1', lastName: 'Lovelace' });
		expect(output[0][1].json).toMatchObject({
			type: 'CRMValidationError',
			error: 'id is required to find the contact',
		});
	});

	it('Create or Update: one bulk_create, the existing ones through bulk_update; each item says whether it was created', async () => {
		api()
			.post(`${API}/contacts/bulk_create`)
			.reply(
				200,
				{
					created_contacts: [apolloContact('n1', { email: 'new@acme.example' })],
					existing_contacts: [apolloContact('e1', { email: 'old@acme.example' })],
				},
				HEADERS,
			);
		let update: Json = {};
		api()
			.post(`${API}/contacts/bulk_update`)
			.reply((_uri, raw) => {
				update = raw as Json;
				return [
					200,
					{ contacts: [apolloContact('e1', { email: 'old@acme.example', title: 'CEO' })] },
					HEADERS,
				];
			});
		const { output } = await run({
			parameters: { resource: 'contact', operation: 'upsert', columns: AUTO },
			items: [
				{ json: { email: 'new@acme.example', title: 'CTO' } },
				{ json: { email: 'old@acme.example', title: 'CEO' } },
			],
		});
		expect(update).toEqual({ contact_attributes: [{ email: 'old@acme.example', title: 'CEO', id: 'e1' }] });
		expect(output[0].map((i) => [i.json.id, i.json.created])).toEqual([
			['n1', true],
			['e1', false],
		]);
	});

	it('Search with Return All pages through the contacts', async () => {
		api()
			.post(`${API}/contacts/search`)
			.times(2)
			.reply((_uri, raw) => {
				const body = raw as Json;
				const count = body.page === 1 ? 100 : 3;
				return [
					200,
					{
						contacts: Array.from({ length: count }, (_, k) => apolloContact(`c${body.page}-${k}`)),
						pagination: { total_pages: 2 },
					},
					HEADERS,
				];
			});
		const { output } = await run({
			parameters: {
				resource: 'contact',
				operation: 'search',
				keywords: 'acme',
				returnAll: true,
				options: { sortBy: 'contact_updated_at', ascending: false },
			},
		});
		expect(output[0]).toHaveLength(103);
	});

	it("the resource mapper offers the unified fields and Apollo's own attributes, no API call needed", async () => {
		const upsert = await callNodeMethod(
			{
				nodeType: new Apollo(),
				parameters: { resource: 'contact', operation: 'upsert' },
				credentials: CREDENTIALS,
			},
			getContactFieldsForUpsert,
		);
		const ids = upsert.value.fields.map((f) => f.id);
		expect(ids.slice(0, 3)).toEqual(['email', 'firstName', 'lastName']);
		expect(ids).toContain('mobile_phone');
		expect(ids).not.toContain('first_name');
		expect(upsert.value.fields.find((f) => f.id === 'email')).toMatchObject({
			defaultMatch: true,
			canBeUsedToMatch: true,
		});
		const update = await callNodeMethod(
			{ nodeType: new Apollo(), parameters: {}, credentials: CREDENTIALS },
			getContactFieldsForUpdate,
		);
		expect(update.value.fields[0].id).toBe('id');
		expect(upsert.requests).toEqual([]);
	});
});

describe('Apollo node: description', () => {
	it('is usable as a tool and says in the UI that Apollo duplicates contacts without Deduplicate', () => {
		const description = new Apollo().description;
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'crmApolloApi', required: true }]);
		const dedupe = description.properties.find((p) => p.name === 'dedupe');
		expect(dedupe).toMatchObject({ default: true });
		expect(dedupe?.description).toMatch(/Apollo creates a duplicate on every create without it/);
	});
});
