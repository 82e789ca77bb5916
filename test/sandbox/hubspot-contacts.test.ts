import { CONTACTS, contact, start, type Client } from './helpers';

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

describe('HubSpot sandbox: single contacts', () => {
	it('creates, reads, updates and archives a contact', async () => {
		const created = await client.hs('POST', CONTACTS, {
			properties: { email: 'Ann@Example.com', firstname: 'Ann' },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			id: '1001',
			archived: false,
			properties: { email: 'ann@example.com', firstname: 'Ann', hs_object_id: '1001' },
		});
		expect(Date.parse(created.body.properties.createdate)).toBeGreaterThan(0);
		expect(created.body.createdAt).toBe(created.body.properties.createdate);

		const read = await client.hs('GET', `${CONTACTS}/1001`);
		expect(read.status).toBe(200);
		expect(Object.keys(read.body.properties).sort()).toEqual(
			['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'].sort(),
		);
		expect(read.body.properties.lastname).toBeNull();

		const updated = await client.hs('PATCH', `${CONTACTS}/1001`, {
			properties: { lastname: 'Lee', firstname: '' },
		});
		expect(updated.status).toBe(200);
		expect(updated.body.properties).toMatchObject({ lastname: 'Lee' });
		expect(updated.body.properties.firstname).toBeUndefined();

		const again = await client.hs('GET', `${CONTACTS}/1001?properties=firstname,lastname,company`);
		expect(again.body.properties).toMatchObject({ firstname: null, lastname: 'Lee', company: null });
		expect(again.body.properties.email).toBeUndefined();
		expect(again.body.properties.hs_object_id).toBe('1001');

		expect((await client.hs('DELETE', `${CONTACTS}/1001`)).status).toBe(204);
		const gone = await client.hs('GET', `${CONTACTS}/1001`);
		expect(gone.status).toBe(404);
		expect(gone.body).toMatchObject({
			status: 'error',
			message: 'resource not found',
			category: 'OBJECT_NOT_FOUND',
		});
		expect(gone.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
		const archived = await client.hs('GET', `${CONTACTS}/1001?archived=true`);
		expect(archived.status).toBe(200);
		expect(archived.body).toMatchObject({ archived: true });
		expect(archived.body.archivedAt).toEqual(expect.any(String));
	});

	it('ids increase and accept repeated properties parameters', async () => {
		await client.hs('POST', CONTACTS, { properties: contact(1) });
		const second = await client.hs('POST', CONTACTS, { properties: { ...contact(2), company: 'Acme' } });
		expect(second.body.id).toBe('1002');
		const read = await client.hs('GET', `${CONTACTS}/1002?properties=company&properties=email`);
		expect(read.body.properties).toMatchObject({ company: 'Acme', email: 'person2@example.com' });
	});

	it('answers 409 with the existing id for a duplicate email, case-insensitively', async () => {
		await client.hs('POST', CONTACTS, { properties: { email: 'dup@example.com' } });
		const duplicate = await client.hs('POST', CONTACTS, { properties: { email: 'DUP@example.com' } });
		expect(duplicate.status).toBe(409);
		expect(duplicate.body).toMatchObject({
			status: 'error',
			category: 'CONFLICT',
			message: 'Contact already exists. Existing ID: 1001',
		});
		expect(duplicate.body.correlationId).toEqual(expect.any(String));
	});

	it('rejects unknown and read-only properties with VALIDATION_ERROR', async () => {
		const unknown = await client.hs('POST', CONTACTS, {
			properties: { email: 'a@b.co', favourite_colour: 'red' },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.category).toBe('VALIDATION_ERROR');
		expect(unknown.body.message).toMatch(/^Property values were not valid: /);
		expect(unknown.body.message).toContain('PROPERTY_DOESNT_EXIST');
		expect(unknown.body.errors).toEqual([
			{
				message: 'Property "favourite_colour" does not exist',
				code: 'PROPERTY_DOESNT_EXIST',
				context: { propertyName: ['favourite_colour'] },
			},
		]);
		const embedded = JSON.parse(unknown.body.message.replace('Property values were not valid: ', ''));
		expect(embedded[0]).toMatchObject({
			isValid: false,
			error: 'PROPERTY_DOESNT_EXIST',
			name: 'favourite_colour',
		});

		const readOnly = await client.hs('POST', CONTACTS, { properties: { hs_object_id: '5' } });
		expect(readOnly.status).toBe(400);
		expect(readOnly.body.errors[0].code).toBe('READ_ONLY_VALUE');
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});

	it('rejects an invalid email naming the property', async () => {
		const invalid = await client.hs('POST', CONTACTS, { properties: { email: 'not-an-email' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.category).toBe('VALIDATION_ERROR');
		expect(invalid.body.message).toContain('INVALID_EMAIL');
		expect(invalid.body.message).toContain('"name":"email"');
		expect(invalid.body.message).toContain('not-an-email');
	});

	it('accepts custom properties once registered through the control API', async () => {
		expect((await client.hs('POST', CONTACTS, { properties: { score: '5' } })).status).toBe(400);
		const registered = await client.control('POST', '/hubspot/properties', {
			properties: [{ name: 'score', type: 'number' }, 'nickname'],
		});
		expect(registered.status).toBe(200);
		const created = await client.hs('POST', CONTACTS, { properties: { score: 5, nickname: 'Al' } });
		expect(created.status).toBe(201);
		expect(created.body.properties).toMatchObject({ score: '5', nickname: 'Al' });
		expect((await client.hs('POST', CONTACTS, { properties: { score: 'many' } })).body.errors[0].code).toBe(
			'INVALID_NUMBER',
		);
	});

	it('reads and updates by email with idProperty=email', async () => {
		await client.hs('POST', CONTACTS, { properties: contact(1) });
		const read = await client.hs(
			'GET',
			`${CONTACTS}/${encodeURIComponent('Person1@Example.com')}?idProperty=email`,
		);
		expect(read.status).toBe(200);
		expect(read.body.id).toBe('1001');
		const patched = await client.hs('PATCH', `${CONTACTS}/person1@example.com?idProperty=email`, {
			properties: { city: 'Oslo' },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.properties.city).toBe('Oslo');
		expect((await client.hs('GET', `${CONTACTS}/nobody@example.com?idProperty=email`)).status).toBe(404);
		expect((await client.hs('GET', `${CONTACTS}/x?idProperty=firstname`)).status).toBe(400);
	});

	it('answers 409 when a PATCH moves an email onto another contact, 404 for a missing id', async () => {
		await client.hs('POST', CONTACTS, { properties: contact(1) });
		await client.hs('POST', CONTACTS, { properties: contact(2) });
		const clash = await client.hs('PATCH', `${CONTACTS}/1002`, {
			properties: { email: 'PERSON1@example.com' },
		});
		expect(clash.status).toBe(409);
		expect(clash.body.message).toBe('Contact already exists. Existing ID: 1001');
		expect((await client.hs('PATCH', `${CONTACTS}/9999`, { properties: { city: 'x' } })).status).toBe(404);
	});

	it('only bumps lastmodifieddate when a value changes', async () => {
		const created = await client.hs('POST', CONTACTS, { properties: contact(1) });
		await new Promise((resolve) => setTimeout(resolve, 5));
		const same = await client.hs('PATCH', `${CONTACTS}/1001`, { properties: { firstname: 'First1' } });
		expect(same.body.updatedAt).toBe(created.body.updatedAt);
		const changed = await client.hs('PATCH', `${CONTACTS}/1001`, { properties: { firstname: 'Other' } });
		expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(created.body.updatedAt));
		expect(changed.body.properties.lastmodifieddate).toBe(changed.body.updatedAt);
	});

	it('frees an archived contact email for a new contact', async () => {
		await client.hs('POST', CONTACTS, { properties: contact(1) });
		await client.hs('DELETE', `${CONTACTS}/1001`);
		const again = await client.hs('POST', CONTACTS, { properties: contact(1) });
		expect(again.status).toBe(201);
		expect(again.body.id).toBe('1002');
		const all = await client.control('GET', '/hubspot/contacts');
		expect(all.body.count).toBe(2);
		expect(all.body.results.map((item: { archived: boolean }) => item.archived)).toEqual([true, false]);
	});

	it('answers 400 for malformed JSON', async () => {
		const response = await fetch(`${client.sandbox.url}/hubspot${CONTACTS}`, {
			method: 'POST',
			headers: { authorization: 'Bearer sandbox-hubspot-token', 'content-type': 'application/json' },
			body: '{"properties":',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { category: string }).category).toBe('VALIDATION_ERROR');
	});
});

describe('HubSpot sandbox: list', () => {
	it('pages in id order with paging.next.after only while more remain', async () => {
		client.sandbox.hubspot.seedContacts(Array.from({ length: 25 }, (_, index) => contact(index)));
		const seen: string[] = [];
		let after: string | undefined;
		let pages = 0;
		do {
			const page = await client.hs(
				'GET',
				`${CONTACTS}?limit=10&properties=email${after ? `&after=${after}` : ''}`,
			);
			expect(page.status).toBe(200);
			seen.push(...page.body.results.map((result: { id: string }) => result.id));
			after = page.body.paging?.next?.after;
			if (after) expect(page.body.paging.next.link).toContain(`after=${after}`);
			pages += 1;
		} while (after);
		expect(pages).toBe(3);
		expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => String(1001 + index)));
	});

	it('defaults to 10, rejects a limit above 100, hides archived unless archived=true', async () => {
		client.sandbox.hubspot.seedContacts(Array.from({ length: 12 }, (_, index) => contact(index)));
		expect((await client.hs('GET', CONTACTS)).body.results).toHaveLength(10);
		const tooMany = await client.hs('GET', `${CONTACTS}?limit=101`);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.category).toBe('VALIDATION_ERROR');
		expect((await client.hs('GET', `${CONTACTS}?limit=100`)).body.results).toHaveLength(12);

		await client.hs('DELETE', `${CONTACTS}/1003`);
		const live = await client.hs('GET', `${CONTACTS}?limit=100`);
		expect(live.body.results.map((result: { id: string }) => result.id)).not.toContain('1003');
		expect(live.body.paging).toBeUndefined();
		const archived = await client.hs('GET', `${CONTACTS}?archived=true`);
		expect(archived.body.results.map((result: { id: string }) => result.id)).toEqual(['1003']);
	});
});
