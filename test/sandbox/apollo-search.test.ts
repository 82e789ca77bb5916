import { startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const search = (body: Record<string, unknown>) => client.api('POST', '/mixed_people/api_search', body);

describe('Apollo sandbox: mixed_people/api_search', () => {
	it('pages through the default seed for 0 credits, without emails or phones', async () => {
		const first = await search({ per_page: 100 });
		expect(first.status).toBe(200);
		expect(first.body.pagination).toEqual({ page: 1, per_page: 100, total_entries: 300, total_pages: 3 });
		expect(first.body.people).toHaveLength(100);
		const person = first.body.people[0];
		expect(person).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), has_email: true });
		for (const hidden of ['email', 'personal_emails', 'phone_numbers', 'mobile_phone']) {
			expect(first.body.people.some((entry: Record<string, unknown>) => hidden in entry)).toBe(false);
		}
		const third = await search({ per_page: 100, page: 3 });
		expect(third.body.people).toHaveLength(100);
		const seen = new Set(
			[...first.body.people, ...third.body.people].map((entry: { id: string }) => entry.id),
		);
		expect(seen.size).toBe(200);
		expect((await search({ per_page: 100, page: 4 })).body.people).toEqual([]);
		expect(client.sandbox.apollo.creditSnapshot().consumed).toBe(0);
	});

	it('defaults to 10 per page and caps per_page at 100 and page at 500 (422 beyond)', async () => {
		expect((await search({})).body.pagination).toMatchObject({ page: 1, per_page: 10, total_pages: 30 });
		expect((await search({ page: 500, per_page: 100 })).status).toBe(200);
		const bigPage = await search({ per_page: 101 });
		expect(bigPage.status).toBe(422);
		expect(bigPage.body.error).toMatch(/per_page/);
		const farPage = await search({ page: 501 });
		expect(farPage.status).toBe(422);
		expect(farPage.body.error).toMatch(/page must be an integer between 1 and 500/);
	});

	it('filters by q_keywords, person_titles and organization domains', async () => {
		const ceos = await search({ person_titles: ['chief executive'], per_page: 100 });
		expect(ceos.body.pagination.total_entries).toBe(30);
		expect(
			ceos.body.people.every((entry: { title: string }) => entry.title === 'Chief Executive Officer'),
		).toBe(true);
		const atNorthwind = await search({ organization_domains: ['northwind-analytics.com'], per_page: 100 });
		expect(atNorthwind.body.pagination.total_entries).toBe(10);
		const rails = await client.api(
			'POST',
			'/mixed_people/api_search?q_organization_domains_list[]=northwind-analytics.com&person_titles[]=VP%20of%20Sales',
		);
		expect(
			rails.body.people.map((entry: { title: string; organization: { name: string } }) => [
				entry.title,
				entry.organization.name,
			]),
		).toEqual([['VP of Sales', 'Northwind Analytics']]);
		const keyword = await search({ q_keywords: 'lumen robotics engineer' });
		expect(keyword.body.people.map((entry: { title: string }) => entry.title)).toEqual([
			'Senior Software Engineer',
		]);
	});
});
