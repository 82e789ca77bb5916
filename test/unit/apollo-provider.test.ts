/**
 * ApolloProvider against nock: the core's fetch transport sends a fake key in `x-api-key` (nock only
 * answers requests carrying it), the clock is fake, and after each test every error and result is
 * scanned for the key.
 */
import { inspect } from 'node:util';
import nock from 'nock';

import {
	CRMAuthenticationError,
	CRMException,
	CRMNotSupportedError,
	CRMValidationError,
} from '../../src/core/errors';
import { collect, requireCapability } from '../../src/core/provider';
import { ApolloProvider, type ApolloProviderOptions } from '../../src/providers/apollo/provider';
import type { SearchCapNotice } from '../../src/providers/apollo/search';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json } from '../helpers/fake-transport';
import {
	API,
	APOLLO_BASE,
	APOLLO_KEY,
	apolloContact,
	apolloPerson,
	apolloTransport,
	type RecordingTransport,
} from '../helpers/apollo-fixtures';

type Json = Record<string, any>;

let produced: unknown[] = [];

function setup(options: Partial<ApolloProviderOptions> = {}): {
	provider: ApolloProvider;
	transport: RecordingTransport;
	clock: FakeClock;
} {
	const transport = apolloTransport();
	const clock = new FakeClock();
	const provider = new ApolloProvider({ transport, clock, random: () => 0, ...options });
	return { provider, transport, clock };
}

function api(): nock.Scope {
	return nock(APOLLO_BASE, { reqheaders: { 'x-api-key': APOLLO_KEY } });
}

async function failure(promise: Promise<unknown>): Promise<CRMException> {
	try {
		await promise;
	} catch (error) {
		produced.push(error);
		return error as CRMException;
	}
	throw new Error('expected a rejection');
}

async function keep<T>(promise: Promise<T>): Promise<T> {
	const value = await promise;
	produced.push(value);
	return value;
}

/** bulk_match answering from a directory of known emails, in input order with null for the unknown. */
function bulkMatchFrom(known: (email: string) => Json | undefined, calls: Json[]) {
	return (_uri: string, raw: nock.Body): nock.ReplyFnResult => {
		const body = raw as Json;
		calls.push(body);
		const matches = (body.details as Json[]).map((d) => known(d.email) ?? null);
		const found = matches.filter(Boolean).length;
		return [
			200,
			{ status: 'success', matches, credits_consumed: found, missing_records: matches.length - found },
		];
	};
}

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
		expect(inspect(value, { depth: 12 })).not.toContain(APOLLO_KEY);
		if (value instanceof Error)
			expect(JSON.stringify(value) + value.message + String(value.stack)).not.toContain(APOLLO_KEY);
	}
});

describe('ApolloProvider: capabilities and authentication', () => {
	it('offers a contact store, search, enrichment and a change feed, and no batches by id', () => {
		const { provider } = setup();
		expect(requireCapability(provider, 'enrichment')).toBe(provider);
		expect(requireCapability(provider, 'changeFeed')).toBe(provider);
		expect(provider.supports('contactBatches')).toBe(false);
		expect(() => requireCapability(provider, 'contactBatches')).toThrow(/Apollo cannot read or write contacts in batches/);
	});

	it('authenticates with auth/health, the key in the x-api-key header and never in the URL', async () => {
		api().get(`${API}/auth/health`).reply(200, { healthy: true, is_logged_in: true });
		const { provider, transport } = setup();
		await expect(provider.authenticate()).resolves.toEqual({ ok: true });
		expect(transport.sent[0].url).toBe(`${APOLLO_BASE}${API}/auth/health`);
		expect(transport.sent[0].url).not.toContain(APOLLO_KEY);
	});

	it('reports is_logged_in false as an authentication error', async () => {
		api().get(`${API}/auth/health`).reply(200, { healthy: true, is_logged_in: false });
		const error = await failure(setup().provider.authenticate());
		expect(error).toBeInstanceOf(CRMAuthenticationError);
	});

	it('a 401 that echoes the key does not repeat it', async () => {
		api()
			.get(`${API}/auth/health`)
			.reply(401, {
				error: `Invalid access credentials. api_key=${APOLLO_KEY}`,
				error_code: 'INVALID_API_KEY',
			});
		const error = await failure(setup().provider.authenticate());
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toMatch(/rejected the API key/);
	});
});

describe('ApolloProvider: people enrichment', () => {
	const known = (email: string) => {
		const n = Number(email.match(/^person(\d+)@/)?.[1]);
		return Number.isInteger(n) && n % 10 !== 7 ? apolloPerson(n, { email }) : undefined;
	};

	it('enriches 25 people in 3 bulk_match calls (10, 10, 5), each result paired with its input', async () => {
		const calls: Json[] = [];
		api().post(`${API}/people/bulk_match`).times(3).reply(bulkMatchFrom(known, calls));
		const { provider } = setup();
		const inputs = Array.from({ length: 25 }, (_, i) => ({ email: `person${i}@acme.example` }));
		const results = await keep(provider.enrichPeople(inputs));
		expect(calls.map((c) => c.details.length).sort()).toEqual([10, 10, 5]);
		expect(results).toHaveLength(25);
		results.forEach((result, i) => {
			expect(result.index).toBe(i);
			if (i % 10 === 7) expect(result).toMatchObject({ status: 'noMatch', credits: { estimated: 0 } });
			else {
				expect(result).toMatchObject({
					status: 'matched',
					value: { email: `person${i}@acme.example`, ids: { apollo: expect.any(String) } },
				});
			}
		});
		expect(provider.credits.spent).toBe(23);
	});

	it('pairs a partial answer (no-matches left out) by identity instead of position', async () => {
		api()
			.post(`${API}/people/bulk_match`)
			.reply(200, {
				matches: [apolloPerson(3, { email: 'c@acme.example' }), apolloPerson(1, { email: 'a@acme.example' })],
				credits_consumed: 2,
			});
		const results = await keep(
			setup().provider.enrichPeople([
				{ email: 'a@acme.example' },
				{ email: 'b@acme.example' },
				{ email: 'C@acme.example' },
			]),
		);
		expect(results.map((r) => r.status)).toEqual(['matched', 'noMatch', 'matched']);
		expect(results[0]).toMatchObject({ value: { email: 'a@acme.example' } });
		expect(results[2]).toMatchObject({ value: { email: 'c@acme.example' } });
	});

	it('skips inputs that already have the wanted fields: no request, no credit', async () => {
		api()
			.post(`${API}/people/match`, (body) => body.email === 'b@acme.example')
			.reply(200, { person: apolloPerson(2, { email: 'b@acme.example' }) });
		const { provider } = setup();
		const results = await keep(
			provider.enrichPeople(
				[
					{ email: 'a@acme.example', title: 'CEO', linkedinUrl: 'linkedin.com/in/a' },
					{ email: 'b@acme.example', title: 'CTO' },
				],
				{ onlyIfMissing: ['title', 'linkedinUrl'] },
			),
		);
		expect(results[0]).toMatchObject({ status: 'skipped', reason: 'complete' });
		expect(results[1]).toMatchObject({ status: 'matched' });
		expect(provider.credits.spent).toBe(1);
	});

	it('fails an input that cannot identify anyone, without a request', async () => {
		const results = await keep(setup().provider.enrichPeople([{ firstName: 'Ann' }]));
		expect(results[0]).toMatchObject({ status: 'failed' });
		expect((results[0] as { error: CRMException }).error).toBeInstanceOf(CRMValidationError);
	});

	it.each([
		['no webhook URL', undefined],
		['a relative URL', '/webhook/apollo'],
	])('refuses a phone reveal with %s before any request', async (_label, webhookUrl) => {
		const { provider, transport } = setup();
		const error = await failure(
			provider.enrichPeople([{ email: 'a@acme.example' }], { revealPhone: true, webhookUrl }),
		);
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields[0].field).toBe('webhookUrl');
		expect(error.description).toMatch(/CRM Webhook Trigger/);
		expect(transport.sent).toHaveLength(0);
	});

	it('sends the reveal flags in body and query, the webhook URL (it holds a token) in the body only, and keeps the request id', async () => {
		const bodies: Json[] = [];
		const hook = 'https://n8n.example/webhook/abc?token=not-a-real-token';
		api()
			.post(`${API}/people/bulk_match`)
			.query({ reveal_phone_number: 'true', reveal_personal_emails: 'true' })
			.reply((_uri, raw): nock.ReplyFnResult => {
				const body = raw as Json;
				bodies.push(body);
				return [200, { matches: [apolloPerson(1), null], credits_consumed: 9, request_id: 'req-1' }];
			});
		const results = await keep(
			setup().provider.enrichPeople([{ email: 'person1@acme.example' }, { email: 'x@acme.example' }], {
				revealPhone: true,
				revealPersonalEmails: true,
				webhookUrl: hook,
			}),
		);
		expect(bodies[0]).toMatchObject({
			reveal_phone_number: true,
			reveal_personal_emails: true,
			webhook_url: hook,
		});
		expect(bodies[0]).not.toHaveProperty('run_waterfall_email');
		expect(results[0]).toMatchObject({
			status: 'matched',
			requestId: 'req-1',
			credits: { estimated: 9, callConsumed: 9, callInputs: 2 },
		});
	});

	it('a phone reveal whose answer is lost is not sent again (it would charge the mobiles twice)', async () => {
		api().post(`${API}/people/bulk_match`).query(true).reply(503, { error: 'unavailable' });
		const { provider } = setup();
		const results = await keep(
			provider.enrichPeople([{ email: 'a@acme.example' }, { email: 'b@acme.example' }], {
				revealPhone: true,
				webhookUrl: 'https://h.example/x',
			}),
		);
		expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
		expect(provider.checkRateLimit().http?.requests).toBe(1);
	});

	it('under a credit cap, refuses the call that could pass it and reports the rest as skipped', async () => {
		const calls: Json[] = [];
		api().post(`${API}/people/bulk_match`).times(2).reply(bulkMatchFrom(known, calls));
		const { provider } = setup({ creditCap: 25 });
		const inputs = Array.from({ length: 40 }, (_, i) => ({ email: `person${i}@acme.example` }));
		const results = await keep(provider.enrichPeople(inputs));
		// 10 + 10 worst case fits; the actual spend after two calls is 18, and 18 + 10 > 25.
		expect(calls).toHaveLength(2);
		expect(results.slice(20).every((r) => r.status === 'skipped' && r.reason === 'creditCap')).toBe(true);
		expect((results[39] as { message: string }).message).toMatch(/Credit cap of 25 reached \(18 spent\)/);
		expect(provider.credits.spent).toBe(18);
	});

	it('under a cap, a call whose answer never came counts as spent at its worst case', async () => {
		api().post(`${API}/people/bulk_match`).times(6).reply(503, { error: 'unavailable' });
		const { provider } = setup({ creditCap: 11 });
		const inputs = Array.from({ length: 12 }, (_, i) => ({ email: `person${i}@acme.example` }));
		const results = await keep(provider.enrichPeople(inputs));
		expect(results.slice(0, 10).every((r) => r.status === 'failed')).toBe(true);
		// Apollo may have charged the lost call's 10: another 2 could pass the cap of 11.
		expect(provider.credits.spent).toBe(10);
		expect(results.slice(10).map((r) => r.status)).toEqual(['skipped', 'skipped']);
	});

	it('a cap with a phone reveal counts 9 credits per person', async () => {
		const { provider, transport } = setup({ creditCap: 8 });
		const results = await keep(
			provider.enrichPeople([{ email: 'a@acme.example' }], {
				revealPhone: true,
				webhookUrl: 'https://h.example/x',
			}),
		);
		expect(results[0]).toMatchObject({ status: 'skipped', reason: 'creditCap' });
		expect(transport.sent).toHaveLength(0);
	});

	it('enrichContact uses people/match and answers undefined for no match', async () => {
		api()
			.post(`${API}/people/match`, (body) => body.linkedin_url === 'https://linkedin.com/in/nobody')
			.reply(200, { person: null });
		await expect(
			keep(setup().provider.enrichContact({ linkedinUrl: 'https://linkedin.com/in/nobody' })),
		).resolves.toBeUndefined();
	});
});

describe('ApolloProvider: organization enrichment', () => {
	it('enriches 12 domains in 2 bulk calls and maps the found companies back by domain', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${API}/organizations/bulk_enrich`)
			.times(2)
			.reply((_uri, raw): nock.ReplyFnResult => {
				const body = raw as Json;
				bodies.push(body);
				const found = (body.domains as string[]).filter((d) => !d.startsWith('unknown'));
				// Only the companies found, in another order: pairing must use the domain.
				return [
					200,
					{ organizations: found.reverse().map((d) => ({ id: `o-${d}`, name: d, primary_domain: d })) },
				];
			});
		const domains = [
			...Array.from({ length: 10 }, (_, i) => `c${i}.example`),
			'https://www.C3.example/about',
			'unknown.example',
			'unknown2.example',
		];
		const results = await keep(setup().provider.enrichOrganizations(domains));
		expect(bodies.map((b) => b.domains.length).sort()).toEqual([10, 2]);
		expect(results[3]).toMatchObject({
			status: 'matched',
			value: { id: 'o-c3.example', domain: 'c3.example' },
		});
		expect(results[10]).toMatchObject({ status: 'matched', value: { id: 'o-c3.example' } });
		expect(results[11]).toMatchObject({ status: 'noMatch' });
	});
});

describe('ApolloProvider: search', () => {
	it('pages through api_search with Return All, 100 per page, 0 credits', async () => {
		const pages: number[] = [];
		api()
			.post(`${API}/mixed_people/api_search`)
			.times(3)
			.reply((_uri, raw): nock.ReplyFnResult => {
				const body = raw as Json;
				pages.push(body.page);
				const count = body.page < 3 ? 100 : 30;
				return [
					200,
					{
						people: Array.from({ length: count }, (_, i) =>
							apolloPerson(body.page * 1000 + i, { email: undefined }),
						),
						pagination: { page: body.page, per_page: 100, total_entries: 230, total_pages: 3 },
					},
				];
			});
		const results = await keep(
			collect(
				setup().provider.searchContacts({
					target: 'people',
					keywords: 'engineer',
					titles: ['CTO'],
					domains: ['acme.example'],
				}),
			),
		);
		expect(results).toHaveLength(230);
		expect(pages).toEqual([1, 2, 3]);
		expect(results[0]).toMatchObject({
			company: 'Acme Corp',
			domain: 'acme.example',
			location: { city: 'Austin' },
		});
	});

	it('stops at Apollo page cap of 500 and says so', async () => {
		// 500 pages through nock take seconds; a scripted transport answers them at once.
		const clock = new FakeClock();
		const transport = new FakeTransport(clock, (request) => {
			const page = (request.body as Json).page as number;
			return json(200, {
				contacts: Array.from({ length: 100 }, (_, i) => apolloContact(`c${page}-${i}`)),
				pagination: { page, total_entries: 61_000, total_pages: 610 },
			});
		});
		const provider = new ApolloProvider({
			transport: transport.send,
			clock,
			limits: { enrichmentPerMinute: 1000, otherPerMinute: 100_000 },
		});
		const notices: SearchCapNotice[] = [];
		const results = await collect(
			provider.searchContacts({ target: 'contacts', onCapReached: (n) => notices.push(n) }),
		);
		expect(results).toHaveLength(50_000);
		expect(transport.calls).toBe(500);
		expect((transport.sent[499].request.body as Json).page).toBe(500);
		expect(notices).toEqual([
			expect.objectContaining({ pages: 500, returned: 50_000, totalEntries: 61_000 }),
		]);
		expect(notices[0].message).toMatch(/at most 500 pages/);
	});

	it('a limit below the cap ends quietly, asking for no more than it needs', async () => {
		const clock = new FakeClock();
		const transport = new FakeTransport(clock, (request) =>
			json(200, {
				people: Array.from({ length: (request.body as Json).per_page }, (_, i) => apolloPerson(i)),
				pagination: { total_pages: 9 },
			}),
		);
		const provider = new ApolloProvider({ transport: transport.send, clock });
		const notices: SearchCapNotice[] = [];
		const results = await collect(
			provider.searchContacts({ target: 'people', limit: 150, onCapReached: (n) => notices.push(n) }),
		);
		expect(results).toHaveLength(150);
		expect(transport.calls).toBe(2);
		expect(notices).toEqual([]);
	});
});

describe('ApolloProvider: contacts', () => {
	it('creates with run_dedupe on by default, and off only when asked', async () => {
		const bodies: Json[] = [];
		api()
			.post(`${API}/contacts`)
			.times(2)
			.reply((_uri, raw): nock.ReplyFnResult => {
				const body = raw as Json;
				bodies.push(body);
				return [
					200,
					{
						contact: apolloContact('c1', {
							email: 'ann@acme.example',
							first_name: 'Ann',
							website_url: 'https://www.acme.example/',
						}),
					},
				];
			});
		const { provider } = setup();
		const created = await keep(
			provider.createContact({ email: 'Ann@Acme.example', firstName: 'Ann', domain: 'acme.example' }),
		);
		await keep(provider.createContact({ email: 'ann@acme.example' }, { dedupe: false }));
		expect(bodies[0]).toEqual({
			email: 'ann@acme.example',
			first_name: 'Ann',
			website_url: 'acme.example',
			run_dedupe: true,
		});
		expect(bodies[1].run_dedupe).toBe(false);
		expect(created).toMatchObject({
			id: 'c1',
			ids: { apollo: 'c1' },
			domain: 'acme.example',
			createdAt: '2026-11-01T10:00:00.000Z',
		});
	});

	it('gets and updates by id; a 404 is a not-found error', async () => {
		api()
			.get(`${API}/contacts/c1`)
			.reply(200, { contact: apolloContact('c1', { title: 'CEO' }) });
		// An empty value is how Apollo clears a field; it travels through properties, by Apollo's name.
		api()
			.patch(`${API}/contacts/c1`, { title: '' })
			.reply(200, { contact: apolloContact('c1') });
		api().get(`${API}/contacts/nope`).reply(404, { error: 'Contact not found', error_code: 'NOT_FOUND' });
		const { provider } = setup();
		expect(await keep(provider.getContact('c1'))).toMatchObject({ title: 'CEO' });
		expect(await keep(provider.updateContact('c1', { properties: { title: null } }))).toMatchObject({
			id: 'c1',
		});
		expect((await failure(provider.getContact('nope'))).httpStatus).toBe(404);
	});

	it('finds a contact by email through contacts search, exact match only', async () => {
		api()
			.post(`${API}/contacts/search`, (body) => body.q_keywords === 'ann@acme.example')
			.reply(200, {
				contacts: [
					apolloContact('c0', { email: 'joann@acme.example' }),
					apolloContact('c1', { email: 'ann@acme.example' }),
				],
				pagination: { total_pages: 1 },
			});
		expect(await keep(setup().provider.getContactByEmail('Ann@acme.example'))).toMatchObject({ id: 'c1' });
	});

	it('upserts through bulk_create then bulk_update, one outcome per input in input order', async () => {
		api()
			.post(`${API}/contacts/bulk_create`)
			.reply((_uri, raw): nock.ReplyFnResult => {
				const body = raw as Json;
				expect(body.contacts).toHaveLength(3);
				return [
					200,
					{
						created_contacts: [
							apolloContact('new1', { email: 'new@acme.example' }),
							apolloContact('new2', { first_name: 'Bo', last_name: 'Li', organization_name: 'Acme' }),
						],
						existing_contacts: [apolloContact('old1', { email: 'old@acme.example', title: 'Old' })],
					},
				];
			});
		api()
			.post(`${API}/contacts/bulk_update`, {
				contact_attributes: [{ email: 'old@acme.example', title: 'CEO', id: 'old1' }],
			})
			.reply(200, {
				contacts: [apolloContact('old1', { email: 'old@acme.example', title: 'CEO' })],
				missing_contact_ids: [],
			});
		const outcomes = await keep(
			setup().provider.upsertContacts([
				{ email: 'old@acme.example', title: 'Intern' },
				{ email: 'NEW@acme.example' },
				{ firstName: 'Bo', lastName: 'Li', company: 'Acme' },
				{ firstName: 'No', lastName: 'Key' },
				{ email: 'old@acme.example', title: 'CEO' },
			]),
		);
		expect(outcomes.map((o) => (o.ok ? (o.created ? 'created' : 'updated') : 'failed'))).toEqual([
			'updated',
			'created',
			'created',
			'failed',
			'updated',
		]);
		expect(outcomes[0]).toMatchObject({ ok: true, value: { id: 'old1', title: 'CEO' } });
		expect(outcomes[3]).toMatchObject({ ok: false, error: expect.any(CRMValidationError) });
	});

	it('fails the entry Apollo names in a 422 alone and writes the rest', async () => {
		api()
			.post(`${API}/contacts/bulk_create`)
			.reply(422, { error: 'contacts[1].email must be a string', error_code: 'UNPROCESSABLE_ENTITY' });
		api()
			.post(`${API}/contacts/bulk_create`, (body) => body.contacts.length === 1)
			.reply(200, {
				created_contacts: [apolloContact('a', { email: 'a@acme.example' })],
				existing_contacts: [],
			});
		const outcomes = await keep(
			setup().provider.upsertContacts([{ email: 'a@acme.example' }, { email: 'b@acme.example' }]),
		);
		expect(outcomes[0]).toMatchObject({ ok: true, created: true });
		expect(outcomes[1]).toMatchObject({ ok: false });
		const bad = outcomes[1];
		if (bad.ok) throw new Error('expected the second entry to fail');
		expect((bad.error as CRMValidationError).fields[0].field).toBe('contacts[1].email');
	});

	it('cannot delete (Apollo has no delete endpoint)', async () => {
		expect(await failure(setup().provider.deleteContact())).toBeInstanceOf(CRMNotSupportedError);
	});
});
