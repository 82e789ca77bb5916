/**
 * Apollo's change feed against nock: contacts search sorted by contact_updated_at newest first, read down
 * to `since`, handed out oldest first; the key never leaves the x-api-key header.
 */
import { inspect } from 'node:util';
import nock from 'nock';

import { CRMValidationError } from '../../src/core/errors';
import { collect, requireCapability } from '../../src/core/provider';
import { ApolloProvider } from '../../src/providers/apollo/provider';
import { FakeClock } from '../helpers/fake-clock';
import { API, APOLLO_BASE, APOLLO_KEY, apolloContact, apolloTransport } from '../helpers/apollo-fixtures';

type Json = Record<string, any>;

const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function provider() {
	const transport = apolloTransport();
	return { provider: new ApolloProvider({ transport, clock: new FakeClock(), random: () => 0 }), transport };
}

/** A contacts search answering from `records` (any order) as Apollo would: sorted, paged, total_pages. */
function searchFrom(records: Json[], bodies: Json[]) {
	return (_uri: string, raw: nock.Body): nock.ReplyFnResult => {
		const body = raw as Json;
		bodies.push(body);
		const sign = body.sort_ascending ? 1 : -1;
		const sorted = [...records].sort((a, b) => sign * (Date.parse(a.updated_at) - Date.parse(b.updated_at)));
		const size = body.per_page as number;
		const page = body.page as number;
		return [
			200,
			{
				contacts: sorted.slice((page - 1) * size, page * size),
				pagination: { page, per_page: size, total_entries: sorted.length, total_pages: Math.ceil(sorted.length / size) },
			},
		];
	};
}

function api(): nock.Scope {
	return nock(APOLLO_BASE, { reqheaders: { 'x-api-key': APOLLO_KEY } });
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

describe('Apollo change feed', () => {
	it('is offered as the changeFeed capability', () => {
		const { provider: apollo } = provider();
		expect(requireCapability(apollo, 'changeFeed')).toBe(apollo);
	});

	it('reads newest first, stops at the first contact older than since, and hands out oldest first', async () => {
		// 250 contacts, one per second; since = second 100 → contacts 100..249 (150), equal boundary included.
		const records = Array.from({ length: 250 }, (_, i) => apolloContact(`c${i}`, { updated_at: at(i), created_at: at(0) }));
		const bodies: Json[] = [];
		api().post(`${API}/contacts/search`).times(2).reply(searchFrom(records, bodies));
		const { provider: apollo } = provider();
		const pages = await collect(apollo.getUpdatedContacts(new Date(T0 + 100_000), { pageSize: 60 }));
		// Two pages of 100 read (249..150, 149..50): the second holds the first older contact, so no third.
		expect(bodies.map((b) => [b.page, b.per_page, b.sort_by_field, b.sort_ascending])).toEqual([
			[1, 100, 'contact_updated_at', false],
			[2, 100, 'contact_updated_at', false],
		]);
		expect(pages.map((c) => c.id)).toEqual(Array.from({ length: 150 }, (_, i) => `c${100 + i}`));
	});

	it('yields pages of the asked size and stops at limit, keeping the oldest', async () => {
		const records = Array.from({ length: 30 }, (_, i) => apolloContact(`c${i}`, { updated_at: at(i) }));
		api().post(`${API}/contacts/search`).reply(searchFrom(records, []));
		const { provider: apollo } = provider();
		const seen: string[][] = [];
		for await (const page of apollo.getUpdatedContacts(new Date(T0 + 10_000), { pageSize: 7, limit: 15 }))
			seen.push(page.map((c) => c.id!));
		expect(seen.map((p) => p.length)).toEqual([7, 7, 1]);
		expect(seen.flat()).toEqual(Array.from({ length: 15 }, (_, i) => `c${10 + i}`));
	});

	it('keeps one version of a contact that a concurrent update shifted onto two pages', async () => {
		// Page 1 ends with c5; an update meanwhile shifts the list, so page 2 starts with c5 again.
		api()
			.post(`${API}/contacts/search`, (b) => b.page === 1)
			.reply(200, {
				contacts: [apolloContact('c6', { updated_at: at(6) }), apolloContact('c5', { updated_at: at(5) })],
				pagination: { total_pages: 2 },
			})
			.post(`${API}/contacts/search`, (b) => b.page === 2)
			.reply(200, {
				contacts: [apolloContact('c5', { updated_at: at(5) }), apolloContact('c4', { updated_at: at(4) })],
				pagination: { total_pages: 2 },
			});
		const { provider: apollo } = provider();
		const feed = await collect(apollo.getUpdatedContacts(new Date(T0), { pageSize: 2 }));
		expect(feed.map((c) => c.id)).toEqual(['c4', 'c5', 'c6']);
	});

	it('refuses rather than hand out only the newest 50,000 when more changed since then', async () => {
		api()
			.post(`${API}/contacts/search`)
			.times(500)
			.reply((_uri, body: any) => [
				200,
				{
					contacts: Array.from({ length: 100 }, (_, i) => apolloContact(`p${body.page}-${i}`, { updated_at: at(100_000 - body.page) })),
					pagination: { total_pages: 900, total_entries: 90_000 },
				},
			]);
		const { provider: apollo } = provider();
		const error = await collect(apollo.getUpdatedContacts(new Date(T0))).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).code).toBe('CHANGE_FEED_CAP');
		expect((error as Error).message).toMatch(/than Apollo serves in one search/);
		expect(inspect(error, { depth: 8 })).not.toContain(APOLLO_KEY);
	}, 30_000);

	it('refuses an invalid since before any request', () => {
		const { provider: apollo, transport } = provider();
		expect(() => apollo.getUpdatedContacts(new Date('nope'))).toThrow(/since: not a valid date/);
		expect(transport.sent).toEqual([]);
	});
});
