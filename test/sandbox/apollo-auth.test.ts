import { KEY, startApollo, type ApolloClient } from './apollo-client';

let client: ApolloClient;

beforeAll(async () => {
	client = await startApollo({ apollo: { nonMasterApiKeys: ['sandbox-apollo-plain-key'] } });
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

describe('Apollo sandbox: authentication', () => {
	it('answers auth/health with is_logged_in for a key in the x-api-key header', async () => {
		const health = await client.api('GET', '/auth/health');
		expect(health.status).toBe(200);
		expect(health.body).toEqual({ healthy: true, is_logged_in: true });
		// The older path without /api stays reachable.
		const older = await fetch(`${client.sandbox.url}/apollo/v1/auth/health`, {
			headers: { 'x-api-key': KEY },
		});
		expect(older.status).toBe(200);
	});

	it('refuses a missing or unknown key with 401 in Apollo shape and no rate-limit headers', async () => {
		const missing = await client.api('GET', '/auth/health', undefined, { key: null });
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({
			error: expect.stringContaining('x-api-key'),
			error_code: 'MISSING_API_KEY',
		});
		const unknown = await client.api('POST', '/people/match', { email: 'a@example.com' }, { key: 'nope' });
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual({ error: 'Invalid access credentials.', error_code: 'INVALID_API_KEY' });
		expect(unknown.headers.get('x-rate-limit-minute')).toBeNull();
		expect(JSON.stringify(unknown.body)).not.toContain('nope');
	});

	it('never accepts a key in the URL, even next to a valid header, and says where keys go', async () => {
		const inQuery = await fetch(`${client.sandbox.url}/apollo/api/v1/auth/health?api_key=${KEY}`);
		expect(inQuery.status).toBe(401);
		const body = await inQuery.json();
		expect(body).toEqual({ error: expect.stringMatching(/x-api-key header/), error_code: 'API_KEY_IN_URL' });
		expect(JSON.stringify(body)).not.toContain(KEY);
		const both = await fetch(`${client.sandbox.url}/apollo/api/v1/people/match?api_key=${KEY}`, {
			method: 'POST',
			headers: { 'x-api-key': KEY },
		});
		expect(both.status).toBe(401);
		expect(client.sandbox.apollo.creditSnapshot().consumed).toBe(0);
	});

	it('accepts an OAuth partner-app bearer token', async () => {
		const ok = await client.api('GET', '/auth/health', undefined, {
			key: null,
			headers: { authorization: 'Bearer sandbox-apollo-oauth-token' },
		});
		expect(ok.status).toBe(200);
		const bad = await client.api('GET', '/auth/health', undefined, {
			key: null,
			headers: { authorization: 'Bearer forged' },
		});
		expect(bad.status).toBe(401);
	});

	it('answers 403 API_INACCESSIBLE on master-only endpoints for a non-master key', async () => {
		const plain = { key: 'sandbox-apollo-plain-key' };
		expect((await client.api('GET', '/auth/health', undefined, plain)).status).toBe(200);
		expect((await client.api('POST', '/people/match', { email: 'x@example.com' }, plain)).status).toBe(200);
		const forbidden = [
			['/mixed_people/api_search', {}],
			['/contacts/bulk_create', { contacts: [{ email: 'a@example.com' }] }],
			['/contacts/bulk_update', { contact_ids: ['x'], title: 'CEO' }],
		] as const;
		for (const [path, body] of forbidden) {
			const response = await client.api('POST', path, body, plain);
			expect(response.status).toBe(403);
			expect(response.body).toEqual({
				error: `api/v1${path} is not accessible with this api_key`,
				error_code: 'API_INACCESSIBLE',
			});
			expect((await client.api('POST', path, body)).status).toBe(200);
		}
	});

	it('answers 404 for unknown endpoints and 405 for a known path with the wrong method', async () => {
		expect((await client.api('GET', '/deals')).status).toBe(404);
		expect(
			(await fetch(`${client.sandbox.url}/apollo/people/match`, { headers: { 'x-api-key': KEY } })).status,
		).toBe(404);
		const wrongMethod = await client.api('GET', '/people/match');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.body.error_code).toBe('METHOD_NOT_ALLOWED');
	});
});
