import { startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const create = (body: Record<string, unknown>) => client.api('POST', '/contacts', body);
const count = () => client.sandbox.apollo.allContacts().length;

describe('Apollo sandbox: POST /contacts and dedupe', () => {
	it('creates a duplicate every time without run_dedupe (Apollo default), for 0 credits', async () => {
		const body = {
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann@acme.example',
			organization_name: 'Acme',
		};
		const first = await create(body);
		const second = await create(body);
		expect(first.status).toBe(200);
		expect(first.body.contact).toMatchObject({
			...body,
			name: 'Ann Lee',
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(second.body.contact.id).not.toBe(first.body.contact.id);
		expect(count()).toBe(2);
		expect(client.sandbox.apollo.creditSnapshot().consumed).toBe(0);
	});

	it('with run_dedupe updates the email match in place: sent fields overwrite, empty ones clear, others stay', async () => {
		const first = await create({
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann@acme.example',
			title: 'CTO',
			direct_phone: '+1 555 0100',
		});
		const again = await create({
			run_dedupe: true,
			email: 'ANN@acme.example',
			title: 'CEO',
			direct_phone: '',
		});
		expect(again.status).toBe(200);
		expect(again.body.contact).toMatchObject({
			id: first.body.contact.id,
			first_name: 'Ann',
			title: 'CEO',
			direct_phone: null,
		});
		expect(Date.parse(again.body.contact.updated_at)).toBeGreaterThanOrEqual(
			Date.parse(first.body.contact.created_at),
		);
		expect(count()).toBe(1);
	});

	it('matches in Apollo order: id, CRM id, person_id, email, then name at the same company', async () => {
		const [byEmail, byVid, byPerson, byName] = client.sandbox.apollo.seedContacts([
			{ email: 'shared@acme.example', first_name: 'Email' },
			{ hubspot_vid: '1001', email: 'vid@acme.example', first_name: 'Vid' },
			{ person_id: 'p-1', first_name: 'Person' },
			{ first_name: 'Nora', last_name: 'Name', organization_name: 'Acme' },
		]);
		const dedupe = async (body: Record<string, unknown>) =>
			(await create({ run_dedupe: true, title: 'touched', ...body })).body.contact.id;
		// The CRM id wins over an email that belongs to another contact.
		expect(await dedupe({ hubspot_vid: '1001', email: 'shared@acme.example' })).toBe(byVid);
		expect(await dedupe({ person_id: 'p-1', email: 'shared@acme.example' })).toBe(byPerson);
		expect(await dedupe({ id: byName, email: 'shared@acme.example' })).toBe(byName);
		expect(await dedupe({ email: 'shared@acme.example' })).toBe(byEmail);
		expect(await dedupe({ first_name: 'nora', last_name: 'NAME', organization_name: 'acme' })).toBe(byName);
		// A name at another company is someone else.
		const other = await dedupe({ first_name: 'Nora', last_name: 'Name', organization_name: 'Globex' });
		expect([byEmail, byVid, byPerson, byName]).not.toContain(other);
		expect(count()).toBe(5);
	});

	it('refuses an empty contact and values of the wrong type with 422', async () => {
		expect((await create({ title: 'CEO' })).status).toBe(422);
		const badType = await create({ email: 'a@example.com', label_names: 'vip' });
		expect(badType.status).toBe(422);
		expect(badType.body).toEqual({
			error: expect.stringContaining('label_names'),
			error_code: 'UNPROCESSABLE_ENTITY',
		});
	});
});

describe('Apollo sandbox: contact get, update and search', () => {
	it('gets and patches by id (PUT too); unknown ids are 404', async () => {
		const { id } = (await create({ first_name: 'Ann', email: 'ann@acme.example', title: 'CTO' })).body
			.contact;
		expect((await client.api('GET', `/contacts/${id}`)).body.contact).toMatchObject({ id, title: 'CTO' });
		const patched = await client.api('PATCH', `/contacts/${id}`, { title: 'CEO', label_names: ['vip'] });
		expect(patched.body.contact).toMatchObject({
			id,
			title: 'CEO',
			label_names: ['vip'],
			email: 'ann@acme.example',
		});
		expect((await client.api('PUT', `/contacts/${id}`, { title: '' })).body.contact.title).toBeNull();
		expect((await client.api('GET', '/contacts/ffffffffffffffffffffffff')).status).toBe(404);
		expect((await client.api('PATCH', '/contacts/ffffffffffffffffffffffff', { title: 'x' })).status).toBe(
			404,
		);
	});

	it('searches by keywords, sorts by contact_updated_at and pages', async () => {
		const ids = client.sandbox.apollo.seedContacts(
			Array.from({ length: 25 }, (_, index) => ({
				first_name: `Lead${index}`,
				email: `lead${index}@acme.example`,
				organization_name: index % 5 === 0 ? 'Globex' : 'Acme',
				updated_at: Date.UTC(2026, 0, 1) + (25 - index) * 60_000,
			})),
		);
		const page = await client.api('POST', '/contacts/search', {
			sort_by_field: 'contact_updated_at',
			sort_ascending: true,
			per_page: 10,
			page: 3,
		});
		expect(page.body.pagination).toEqual({ page: 3, per_page: 10, total_entries: 25, total_pages: 3 });
		expect(page.body.contacts.map((contact: { id: string }) => contact.id)).toEqual(
			ids.slice(0, 5).reverse(),
		);
		const globex = await client.api('POST', '/contacts/search', { q_keywords: 'globex', per_page: 100 });
		expect(globex.body.pagination.total_entries).toBe(5);
		expect((await client.api('POST', '/contacts/search', { sort_by_field: 'shoe_size' })).status).toBe(422);
		expect((await client.api('POST', '/contacts/search', { per_page: 101 })).status).toBe(422);
		expect((await client.api('POST', '/contacts/search', { page: 501 })).status).toBe(422);
	});
});

describe('Apollo sandbox: bulk contacts', () => {
	it('bulk_create returns matches in existing_contacts, unchanged, and creates the rest', async () => {
		const [existing] = client.sandbox.apollo.seedContacts([{ email: 'old@acme.example', title: 'Keep me' }]);
		const response = await client.api('POST', '/contacts/bulk_create', {
			contacts: [
				{ email: 'new@acme.example', first_name: 'New' },
				{ email: 'old@acme.example', title: 'Overwrite attempt' },
			],
		});
		expect(response.status).toBe(200);
		expect(response.body.created_contacts.map((contact: { email: string }) => contact.email)).toEqual([
			'new@acme.example',
		]);
		expect(response.body.existing_contacts).toEqual([
			expect.objectContaining({ id: existing, title: 'Keep me' }),
		]);
		expect(client.sandbox.requests.list({ path: 'bulk_create' })[0].inputs).toBe(2);
	});

	it('bulk_create takes at most 100 contacts', async () => {
		const contacts = (size: number) =>
			Array.from({ length: size }, (_, index) => ({ email: `c${index}@acme.example` }));
		expect((await client.api('POST', '/contacts/bulk_create', { contacts: contacts(100) })).status).toBe(200);
		const tooMany = await client.api('POST', '/contacts/bulk_create', { contacts: contacts(101) });
		expect(tooMany.status).toBe(422);
		expect(tooMany.body.error).toMatch(/maximum is 100/);
	});

	it('bulk_update updates up to 1,000 contacts (1,001 is a 422), by ids or per-contact attributes', async () => {
		const ids = client.sandbox.apollo.seedContacts(
			Array.from({ length: 1_000 }, (_, index) => ({ email: `u${index}@acme.example` })),
		);
		const same = await client.api('POST', '/contacts/bulk_update', { contact_ids: ids, title: 'Prospect' });
		expect(same.status).toBe(200);
		expect(same.body.contacts).toHaveLength(1_000);
		expect(client.sandbox.apollo.allContacts().every((contact) => contact.title === 'Prospect')).toBe(true);
		const tooMany = await client.api('POST', '/contacts/bulk_update', {
			contact_ids: [...ids, 'extra'],
			title: 'x',
		});
		expect(tooMany.status).toBe(422);
		expect(tooMany.body.error).toMatch(/maximum is 1000/);
		const each = await client.api('POST', '/contacts/bulk_update', {
			contact_attributes: [
				{ id: ids[0], title: 'First' },
				{ id: 'ffffffffffffffffffffffff', title: 'Nobody' },
			],
		});
		expect(each.body.contacts.map((contact: { title: string }) => contact.title)).toEqual(['First']);
		expect(each.body.missing_contact_ids).toEqual(['ffffffffffffffffffffffff']);
	});
});
