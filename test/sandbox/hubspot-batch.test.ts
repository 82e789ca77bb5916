import { CONTACTS, contact, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const BATCH = `${CONTACTS}/batch`;

describe('HubSpot sandbox: batch endpoints', () => {
	it('batch create answers 201 with every contact written', async () => {
		const response = await client.hs('POST', `${BATCH}/create`, {
			inputs: [{ properties: contact(1) }, { properties: contact(2) }],
		});
		expect(response.status).toBe(201);
		expect(response.body).toMatchObject({
			status: 'COMPLETE',
			startedAt: expect.any(String),
			completedAt: expect.any(String),
		});
		expect(response.body.results.map((result: { id: string }) => result.id)).toEqual(['1001', '1002']);
		expect(response.body.errors).toBeUndefined();
	});

	it('rejects more than 100 inputs with VALIDATION_ERROR and records the batch size', async () => {
		const inputs = Array.from({ length: 101 }, (_, index) => ({ properties: contact(index) }));
		const response = await client.hs('POST', `${BATCH}/create`, { inputs });
		expect(response.status).toBe(400);
		expect(response.body.category).toBe('VALIDATION_ERROR');
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
		const ok = await client.hs('POST', `${BATCH}/create`, { inputs: inputs.slice(0, 100) });
		expect(ok.status).toBe(201);
		const log = await client.control('GET', '/requests?path=batch/create');
		expect(
			log.body.requests.map((entry: { inputs: number; status: number }) => [entry.inputs, entry.status]),
		).toEqual([
			[101, 400],
			[100, 201],
		]);
		for (const operation of ['read', 'update', 'upsert', 'archive']) {
			const over = await client.hs('POST', `${BATCH}/${operation}`, {
				inputs: Array.from({ length: 101 }, (_, index) => ({
					id: String(index),
					idProperty: 'hs_object_id',
					properties: {},
				})),
			});
			expect([operation, over.status]).toEqual([operation, 400]);
		}
	});

	it('rejects duplicate ids inside one batch', async () => {
		client.sandbox.hubspot.seedContacts([contact(1)]);
		const read = await client.hs('POST', `${BATCH}/read`, { inputs: [{ id: '1001' }, { id: '1001' }] });
		expect(read.status).toBe(400);
		expect(read.body.message).toContain('Duplicate IDs');
		const upsert = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [
				{ id: 'a@example.com', idProperty: 'email', properties: {} },
				{ id: 'A@example.com', idProperty: 'email', properties: {} },
			],
		});
		expect(upsert.status).toBe(400);
		const create = await client.hs('POST', `${BATCH}/create`, {
			inputs: [{ properties: contact(5) }, { properties: contact(5) }],
		});
		expect(create.status).toBe(400);
	});

	it('batch read returns 200 when all found and 207 with OBJECT_NOT_FOUND ids otherwise', async () => {
		client.sandbox.hubspot.seedContacts([contact(1), contact(2, { company: 'Acme' })]);
		const all = await client.hs('POST', `${BATCH}/read`, {
			inputs: [{ id: '1001' }, { id: '1002' }],
			properties: ['company'],
		});
		expect(all.status).toBe(200);
		expect(all.body.results[1].properties).toMatchObject({ company: 'Acme', hs_object_id: '1002' });
		expect(all.body.results[1].properties.email).toBeUndefined();

		const partial = await client.hs('POST', `${BATCH}/read`, {
			inputs: [{ id: '1001' }, { id: '4242' }, { id: '4343' }],
		});
		expect(partial.status).toBe(207);
		expect(partial.body.results).toHaveLength(1);
		expect(partial.body.numErrors).toBe(1);
		expect(partial.body.errors[0]).toMatchObject({
			status: 'error',
			category: 'OBJECT_NOT_FOUND',
			context: { ids: ['4242', '4343'] },
		});

		const byEmail = await client.hs('POST', `${BATCH}/read`, {
			idProperty: 'email',
			inputs: [{ id: 'PERSON2@example.com' }],
		});
		expect(byEmail.status).toBe(200);
		expect(byEmail.body.results[0].id).toBe('1002');
	});

	it('fails the whole upsert batch with 400 when any email is invalid', async () => {
		const response = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [
				{ id: 'good@example.com', idProperty: 'email', properties: { firstname: 'Good' } },
				{ id: 'bad@@example', idProperty: 'email', properties: { firstname: 'Bad' } },
			],
		});
		expect(response.status).toBe(400);
		expect(response.body.category).toBe('VALIDATION_ERROR');
		expect(response.body.message).toContain('INVALID_EMAIL');
		expect(response.body.message).toContain('bad@@example');
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});

	it('fails the whole create batch with 400 when a property value is invalid', async () => {
		const response = await client.hs('POST', `${BATCH}/create`, {
			inputs: [{ properties: contact(1) }, { properties: { email: 'nope' } }],
		});
		expect(response.status).toBe(400);
		expect(response.body.message).toContain('INVALID_EMAIL');
		expect(response.body.message).toContain('nope');
		expect(response.body.errors[0]).toMatchObject({
			code: 'INVALID_EMAIL',
			context: { propertyName: ['email'] },
		});
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});

	it('upsert creates and updates by email, flagging new true/false', async () => {
		client.sandbox.hubspot.seedContacts([contact(1)]);
		const response = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [
				{ id: 'Person1@example.com', idProperty: 'email', properties: { company: 'Acme' } },
				{ id: 'new@example.com', idProperty: 'email', properties: { firstname: 'Neu' } },
			],
		});
		expect(response.status).toBe(200);
		expect(response.body.status).toBe('COMPLETE');
		const [existing, created] = response.body.results;
		expect(existing).toMatchObject({
			id: '1001',
			new: false,
			properties: { company: 'Acme', email: 'person1@example.com' },
		});
		expect(created).toMatchObject({
			id: '1002',
			new: true,
			properties: { email: 'new@example.com', firstname: 'Neu' },
		});

		const repeat = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [{ id: 'new@example.com', idProperty: 'email', properties: { firstname: 'Neu' } }],
		});
		expect(repeat.body.results[0]).toMatchObject({ id: '1002', new: false });
		expect(client.sandbox.hubspot.contacts()).toHaveLength(2);
	});

	it('upsert without idProperty updates by record id and reports unknown ids in a 207', async () => {
		client.sandbox.hubspot.seedContacts([contact(1)]);
		const response = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [
				{ id: '1001', properties: { city: 'Turin' } },
				{ id: '5555', properties: { city: 'Milan' } },
			],
		});
		expect(response.status).toBe(207);
		expect(response.body.results[0]).toMatchObject({ id: '1001', new: false, properties: { city: 'Turin' } });
		expect(response.body.errors[0]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { ids: ['5555'] },
		});
		const bad = await client.hs('POST', `${BATCH}/upsert`, {
			inputs: [{ id: 'x', idProperty: 'firstname', properties: {} }],
		});
		expect(bad.status).toBe(400);
	});

	it('batch create reports existing emails per input in a 207 and writes the rest', async () => {
		client.sandbox.hubspot.seedContacts([contact(1)]);
		const response = await client.hs('POST', `${BATCH}/create`, {
			inputs: [{ properties: contact(1) }, { properties: contact(2) }],
		});
		expect(response.status).toBe(207);
		expect(
			response.body.results.map((result: { properties: { email: string } }) => result.properties.email),
		).toEqual(['person2@example.com']);
		expect(response.body.numErrors).toBe(1);
		expect(response.body.errors[0]).toMatchObject({
			status: 'error',
			category: 'CONFLICT',
			message: 'Contact already exists. Existing ID: 1001',
			context: { emails: ['person1@example.com'] },
		});
	});

	it('batch update reports missing ids and email clashes per input in a 207', async () => {
		client.sandbox.hubspot.seedContacts([contact(1), contact(2)]);
		const response = await client.hs('POST', `${BATCH}/update`, {
			inputs: [
				{ id: '1001', properties: { city: 'Paris' } },
				{ id: '9999', properties: { city: 'Rome' } },
				{ id: '1002', properties: { email: 'person1@example.com' } },
				{ id: 'person2@example.com', idProperty: 'email', properties: { city: 'Lyon' } },
			],
		});
		expect(response.status).toBe(207);
		expect(response.body.results.map((result: { id: string }) => result.id)).toEqual(['1001', '1002']);
		expect(response.body.results[1].properties.city).toBe('Lyon');
		expect(response.body.errors).toEqual([
			expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['9999'] } }),
			expect.objectContaining({
				category: 'CONFLICT',
				context: { ids: ['1002'], emails: ['person1@example.com'] },
			}),
		]);
		expect(response.body.numErrors).toBe(2);
	});

	it('batch archive answers 204 and hides the contacts', async () => {
		client.sandbox.hubspot.seedContacts([contact(1), contact(2)]);
		const response = await client.hs('POST', `${BATCH}/archive`, {
			inputs: [{ id: '1001' }, { id: '7777' }],
		});
		expect(response.status).toBe(204);
		expect((await client.hs('GET', `${CONTACTS}/1001`)).status).toBe(404);
		const read = await client.hs('POST', `${BATCH}/read`, { inputs: [{ id: '1001' }, { id: '1002' }] });
		expect(read.status).toBe(207);
		const archivedRead = await client.hs('POST', `${BATCH}/read?archived=true`, { inputs: [{ id: '1001' }] });
		expect(archivedRead.status).toBe(200);
	});
});
