import { CONTACTS, contact, sleep, start, type Client } from './helpers';

let client: Client;

// The 5/s search limit has its own test; here it would only slow the suite down.
beforeAll(async () => {
	client = await start({ hubspot: { searchRateLimit: { max: 10_000 } } });
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const SEARCH = `${CONTACTS}/search`;
const ids = (body: { results: Array<{ id: string }> }) => body.results.map((result) => result.id);
const filter = (propertyName: string, operator: string, extra: Record<string, unknown> = {}) => ({
	filterGroups: [{ filters: [{ propertyName, operator, ...extra }] }],
	limit: 100,
});

function seedPeople() {
	client.sandbox.hubspot.seedContacts([
		{
			properties: {
				email: 'ann@acme.com',
				firstname: 'Ann',
				lastname: 'Lee',
				company: 'Acme Corp',
				city: 'Oslo',
			},
			createdate: '2024-01-01T00:00:00Z',
		},
		{
			properties: { email: 'bob@globex.com', firstname: 'Bob', lastname: 'Stone', company: 'Globex' },
			createdate: '2024-02-01T00:00:00Z',
		},
		{
			properties: {
				email: 'cy@acme.com',
				firstname: 'Cy',
				lastname: 'Young',
				company: 'Acme Corp',
				city: 'Bergen',
			},
			createdate: '2024-03-01T00:00:00Z',
		},
		{
			properties: { email: 'dee@initech.com', firstname: 'Dee', lastname: 'Lee' },
			createdate: '2024-04-01T00:00:00Z',
		},
	]);
}

describe('HubSpot sandbox: search', () => {
	it('applies each operator', async () => {
		seedPeople();
		const cases: Array<[Record<string, unknown>, string[]]> = [
			[filter('email', 'EQ', { value: 'ANN@acme.com' }), ['1001']],
			[filter('lastname', 'NEQ', { value: 'Lee' }), ['1002', '1003']],
			[filter('createdate', 'LT', { value: String(Date.parse('2024-02-01T00:00:00Z')) }), ['1001']],
			[filter('createdate', 'LTE', { value: '2024-02-01T00:00:00Z' }), ['1001', '1002']],
			[filter('createdate', 'GT', { value: '2024-03-01T00:00:00.000Z' }), ['1004']],
			[filter('createdate', 'GTE', { value: Date.parse('2024-03-01T00:00:00Z') }), ['1003', '1004']],
			[
				filter('createdate', 'BETWEEN', { value: '2024-01-15T00:00:00Z', highValue: '2024-03-01T00:00:00Z' }),
				['1002', '1003'],
			],
			[filter('firstname', 'IN', { values: ['ann', 'Dee'] }), ['1001', '1004']],
			[filter('firstname', 'NOT_IN', { values: ['ann', 'Dee'] }), ['1002', '1003']],
			[filter('city', 'HAS_PROPERTY'), ['1001', '1003']],
			[filter('city', 'NOT_HAS_PROPERTY'), ['1002', '1004']],
			[filter('company', 'CONTAINS_TOKEN', { value: 'corp' }), ['1001', '1003']],
			[filter('email', 'CONTAINS_TOKEN', { value: '*@acme.com' }), ['1001', '1003']],
			[filter('company', 'NOT_CONTAINS_TOKEN', { value: 'acme' }), ['1002', '1004']],
			[filter('hs_object_id', 'GT', { value: '1002' }), ['1003', '1004']],
		];
		for (const [body, expected] of cases) {
			const response = await client.hs('POST', SEARCH, body);
			expect([JSON.stringify(body.filterGroups), response.status, ids(response.body)]).toEqual([
				JSON.stringify(body.filterGroups),
				200,
				expected,
			]);
			expect(response.body.total).toBe(expected.length);
		}
	});

	it('ORs filter groups, ANDs filters inside a group, and matches free-text query', async () => {
		seedPeople();
		const response = await client.hs('POST', SEARCH, {
			filterGroups: [
				{
					filters: [
						{ propertyName: 'company', operator: 'EQ', value: 'Acme Corp' },
						{ propertyName: 'city', operator: 'EQ', value: 'Oslo' },
					],
				},
				{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'Dee' }] },
			],
		});
		expect(ids(response.body)).toEqual(['1001', '1004']);
		expect(ids((await client.hs('POST', SEARCH, { query: 'acme' })).body)).toEqual(['1001', '1003']);
		expect(ids((await client.hs('POST', SEARCH, { query: 'lee dee' })).body)).toEqual(['1004']);
	});

	it('sorts by one property, ascending or descending, in object or string form', async () => {
		seedPeople();
		const sorted = (sorts: unknown[]) => client.hs('POST', SEARCH, { sorts, properties: ['firstname'] });
		expect(ids((await sorted([{ propertyName: 'createdate', direction: 'DESCENDING' }])).body)).toEqual([
			'1004',
			'1003',
			'1002',
			'1001',
		]);
		expect(ids((await sorted([{ propertyName: 'firstname', direction: 'ASCENDING' }])).body)).toEqual([
			'1001',
			'1002',
			'1003',
			'1004',
		]);
		expect(ids((await sorted(['-lastname'])).body)).toEqual(['1003', '1002', '1001', '1004']);
		expect(ids((await sorted(['city'])).body)).toEqual(['1003', '1001', '1002', '1004']);
		expect((await sorted(['city', 'email'])).status).toBe(400);
	});

	it('returns requested properties plus the always-present ones', async () => {
		seedPeople();
		const response = await client.hs('POST', SEARCH, { properties: ['city'], limit: 1 });
		expect(response.body.results[0].properties).toEqual({
			city: 'Oslo',
			hs_object_id: '1001',
			createdate: '2024-01-01T00:00:00.000Z',
			lastmodifieddate: '2024-01-01T00:00:00.000Z',
		});
	});

	it('pages with an offset cursor until paging disappears', async () => {
		client.sandbox.hubspot.seedContacts(Array.from({ length: 23 }, (_, index) => contact(index)));
		const first = await client.hs('POST', SEARCH, { limit: 10 });
		expect(first.body.total).toBe(23);
		expect(first.body.paging.next.after).toBe('10');
		const last = await client.hs('POST', SEARCH, { limit: 10, after: '20' });
		expect(ids(last.body)).toEqual(['1021', '1022', '1023']);
		expect(last.body.paging).toBeUndefined();
	});

	it('validates limits, group counts, operators and properties', async () => {
		const group = { filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] };
		const expect400 = async (body: unknown) => {
			const response = await client.hs('POST', SEARCH, body);
			expect([JSON.stringify(body).slice(0, 80), response.status, response.body.category]).toEqual([
				JSON.stringify(body).slice(0, 80),
				400,
				'VALIDATION_ERROR',
			]);
		};
		expect((await client.hs('POST', SEARCH, { limit: 200 })).status).toBe(200);
		await expect400({ limit: 201 });
		expect((await client.hs('POST', SEARCH, { filterGroups: Array(5).fill(group) })).status).toBe(200);
		await expect400({ filterGroups: Array(6).fill(group) });
		await expect400({ filterGroups: [{ filters: Array(7).fill(group.filters[0]) }] });
		await expect400({
			filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }],
		});
		await expect400({ filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: 'x' }] }] });
		await expect400({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' }] }] });
		await expect400({
			filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'GT', value: 'yesterday' }] }],
		});
	});

	it('caps paging at 10,000 results', async () => {
		const seeded = await client.control('POST', '/hubspot/contacts', {
			contacts: Array.from({ length: 10_050 }, (_, index) => ({ email: `bulk${index}@example.com` })),
		});
		expect(seeded.status).toBe(201);
		expect(seeded.body.count).toBe(10_050);
		const nearEnd = await client.hs('POST', SEARCH, { limit: 100, after: '9900' });
		expect(nearEnd.status).toBe(200);
		expect(nearEnd.body.total).toBe(10_050);
		expect(nearEnd.body.results).toHaveLength(100);
		expect(nearEnd.body.paging.next.after).toBe('10000');
		const beyond = await client.hs('POST', SEARCH, { limit: 100, after: nearEnd.body.paging.next.after });
		expect(beyond.status).toBe(400);
		expect(beyond.body.category).toBe('VALIDATION_ERROR');
		expect(beyond.body.message).toContain('10000');
		expect((await client.hs('POST', SEARCH, { limit: 20, after: '9990' })).status).toBe(400);
	});

	it('excludes archived contacts', async () => {
		seedPeople();
		await client.hs('DELETE', `${CONTACTS}/1001`);
		expect(ids((await client.hs('POST', SEARCH, { query: 'acme' })).body)).toEqual(['1003']);
	});

	it('shows writes only after the configured search lag', async () => {
		client.sandbox.configure({ hubspot: { searchLagMs: 300 } });
		const created = await client.hs('POST', CONTACTS, {
			properties: { email: 'late@example.com', firstname: 'Old' },
		});
		expect((await client.hs('GET', `${CONTACTS}/${created.body.id}`)).status).toBe(200);
		const byEmail = filter('email', 'EQ', { value: 'late@example.com' });
		expect((await client.hs('POST', SEARCH, byEmail)).body.total).toBe(0);
		await sleep(350);
		expect(
			(await client.hs('POST', SEARCH, { ...byEmail, properties: ['firstname'] })).body.results[0].properties
				.firstname,
		).toBe('Old');

		await client.hs('PATCH', `${CONTACTS}/${created.body.id}`, { properties: { firstname: 'New' } });
		const stale = await client.hs('POST', SEARCH, { ...byEmail, properties: ['firstname'] });
		expect(stale.body.results[0].properties.firstname).toBe('Old');
		await sleep(350);
		const fresh = await client.hs('POST', SEARCH, { ...byEmail, properties: ['firstname'] });
		expect(fresh.body.results[0].properties.firstname).toBe('New');
	});

	it('finds contacts by lastmodifieddate window for incremental sync', async () => {
		const base = Date.parse('2025-06-01T00:00:00Z');
		client.sandbox.hubspot.seedContacts(
			Array.from({ length: 5 }, (_, index) => ({
				...contact(index),
				lastmodifieddate: base + index * 60_000,
			})),
		);
		const response = await client.hs('POST', SEARCH, {
			filterGroups: [
				{
					filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(base + 2 * 60_000) }],
				},
			],
			sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
		});
		expect(ids(response.body)).toEqual(['1003', '1004', '1005']);
		expect(response.body.results[0].properties.lastmodifieddate).toBe(
			new Date(base + 2 * 60_000).toISOString(),
		);
	});
});
