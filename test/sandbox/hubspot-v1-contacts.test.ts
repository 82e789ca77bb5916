/**
 * The legacy Contacts v1 endpoints n8n's built-in HubSpot node calls (createOrUpdate by email, then the
 * profile by vid): HubSpot's v1 shapes, the same contacts as v3, and the same rate window.
 */
import { CONTACTS, start, type Client } from './helpers';

const UPSERT = '/contacts/v1/contact/createOrUpdate/email';
const profilePath = (vid: number | string) => `/contacts/v1/contact/vid/${vid}/profile`;
const props = (values: Record<string, unknown>) => ({
	properties: Object.entries(values).map(([property, value]) => ({ property, value })),
});

let client: Client;

beforeAll(async () => {
	client = await start();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

describe('HubSpot sandbox: contacts v1 createOrUpdate', () => {
	it('creates a contact by the email in the path, then updates the same one', async () => {
		const created = await client.hs('POST', `${UPSERT}/Ann@Example.com`, props({ firstname: 'Ann' }));
		expect(created.status).toBe(200);
		expect(created.body).toEqual({ vid: 1001, isNew: true });

		const updated = await client.hs(
			'POST',
			`${UPSERT}/ann@example.com`,
			props({ lastname: 'Lee', firstname: '' }),
		);
		expect(updated.status).toBe(200);
		expect(updated.body).toEqual({ vid: 1001, isNew: false });

		// The same record v3 sees: email lowercased, the empty value cleared, the new one set.
		const v3 = await client.hs('GET', `${CONTACTS}/1001?properties=email,firstname,lastname`);
		expect(v3.body.properties).toMatchObject({ email: 'ann@example.com', firstname: null, lastname: 'Lee' });
		expect(client.sandbox.hubspot.contacts()).toHaveLength(1);
	});

	it('finds a contact created through v3 batch upsert', async () => {
		await client.hs('POST', `${CONTACTS}/batch/upsert`, {
			inputs: [{ id: 'bo@example.com', idProperty: 'email', properties: { firstname: 'Bo' } }],
		});
		const again = await client.hs('POST', `${UPSERT}/bo@example.com`, props({ firstname: 'Bob' }));
		expect(again.body).toEqual({ vid: 1001, isNew: false });
		expect(client.sandbox.hubspot.contacts()[0].properties.firstname).toBe('Bob');
	});

	it('answers an invalid email or property with v1 validationResults and writes nothing', async () => {
		const badEmail = await client.hs('POST', `${UPSERT}/not-an-email`, props({ firstname: 'X' }));
		expect(badEmail.status).toBe(400);
		expect(badEmail.body).toMatchObject({
			status: 'error',
			message: 'Property values were not valid',
			validationResults: [{ isValid: false, error: 'INVALID_EMAIL', name: 'email' }],
		});
		expect(badEmail.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);

		const unknown = await client.hs('POST', `${UPSERT}/cy@example.com`, props({ nosuchproperty: 'x' }));
		expect(unknown.status).toBe(400);
		expect(unknown.body.validationResults[0]).toMatchObject({
			error: 'PROPERTY_DOESNT_EXIST',
			name: 'nosuchproperty',
		});
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});

	it('refuses a body that is not {properties: [{property, value}]}', async () => {
		const wrong = await client.hs('POST', `${UPSERT}/dee@example.com`, { properties: { firstname: 'Dee' } });
		expect(wrong.status).toBe(400);
		expect(wrong.body).toMatchObject({
			status: 'error',
			message: expect.stringContaining('must be an array'),
		});
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});

	it('answers 409 CONTACT_EXISTS when the new email belongs to another contact', async () => {
		await client.hs('POST', `${UPSERT}/eve@example.com`, props({}));
		await client.hs('POST', `${UPSERT}/fay@example.com`, props({}));
		const clash = await client.hs('POST', `${UPSERT}/fay@example.com`, props({ email: 'eve@example.com' }));
		expect(clash.status).toBe(409);
		expect(clash.body).toMatchObject({
			status: 'error',
			message: 'Contact already exists',
			error: 'CONTACT_EXISTS',
			identityProfile: {
				vid: 1001,
				identity: [{ type: 'EMAIL', value: 'eve@example.com', isPrimary: true }],
			},
		});
	});

	it('needs the bearer token', async () => {
		const anonymous = await client.hs('POST', `${UPSERT}/gil@example.com`, props({}), { token: null });
		expect(anonymous.status).toBe(401);
		expect(client.sandbox.hubspot.contacts()).toHaveLength(0);
	});
});

describe('HubSpot sandbox: contacts v1 profile', () => {
	it('returns the profile with values and history, identities and vid', async () => {
		await client.hs('POST', `${UPSERT}/hal@example.com`, props({ firstname: 'Hal', lastname: 'Ng' }));
		const read = await client.hs('GET', profilePath(1001));
		expect(read.status).toBe(200);
		expect(read.body).toMatchObject({
			vid: 1001,
			'canonical-vid': 1001,
			'merged-vids': [],
			'is-contact': true,
			properties: {
				email: { value: 'hal@example.com' },
				firstname: { value: 'Hal', versions: [{ value: 'Hal', 'source-type': 'API', selected: false }] },
				lastname: { value: 'Ng' },
			},
			'identity-profiles': [
				{
					vid: 1001,
					identities: [
						{ type: 'EMAIL', value: 'hal@example.com', 'is-primary': true },
						{ type: 'LEAD_GUID' },
					],
				},
			],
		});
	});

	it('keeps only the asked properties (plus lastmodifieddate) and drops history in value_only mode', async () => {
		await client.hs('POST', `${UPSERT}/ivy@example.com`, props({ firstname: 'Ivy', lastname: 'Oh' }));
		const read = await client.hs(
			'GET',
			`${profilePath(1001)}?property=firstname&property=company&propertyMode=value_only`,
		);
		expect(Object.keys(read.body.properties).sort()).toEqual(['firstname', 'lastmodifieddate']);
		expect(read.body.properties.firstname).toEqual({ value: 'Ivy' });
	});

	it('answers 404 "contact does not exist" for an unknown or archived vid', async () => {
		const missing = await client.hs('GET', profilePath(4242));
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ status: 'error', message: 'contact does not exist' });

		await client.hs('POST', `${UPSERT}/jo@example.com`, props({}));
		await client.hs('DELETE', `${CONTACTS}/1001`);
		expect((await client.hs('GET', profilePath(1001))).status).toBe(404);
	});
});

describe('HubSpot sandbox: contacts v1 rate limit', () => {
	it('counts v1 calls in the same ten-second window as v3 and answers 429 past it', async () => {
		client.sandbox.configure({ hubspot: { rateLimit: { max: 3, intervalMs: 60_000 } } });
		const first = await client.hs('POST', `${UPSERT}/kim@example.com`, props({}));
		expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
		await client.hs('GET', profilePath(1001));
		await client.hs('GET', `${CONTACTS}/1001`);
		const refused = await client.hs('POST', `${UPSERT}/lou@example.com`, props({}));
		expect(refused.status).toBe(429);
		expect(refused.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
		expect(client.sandbox.hubspot.contacts()).toHaveLength(1);
	});
});
