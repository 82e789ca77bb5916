import {
	issueToken,
	MEMBER,
	ORGANIZATION,
	startLinkedIn,
	VERSION,
	type LinkedInClient,
} from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

function post(author: string, extra: Record<string, unknown> = {}) {
	return {
		author,
		commentary: 'Hello from the sandbox',
		visibility: 'PUBLIC',
		distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
		lifecycleState: 'PUBLISHED',
		isReshareDisabledByAuthor: false,
		...extra,
	};
}

const ME = `urn:li:person:${MEMBER}`;

describe('LinkedIn sandbox: POST /rest/posts', () => {
	it('creates a member post: 201, empty body, the post URN in x-restli-id', async () => {
		const response = await client.li('POST', '/rest/posts', post(ME, { visibility: 'CONNECTIONS' }));
		expect(response.status).toBe(201);
		expect(response.body).toBeUndefined();
		const urn = response.headers.get('x-restli-id');
		expect(urn).toMatch(/^urn:li:share:\d+$/);
		const stored = await client.control('GET', '/posts');
		expect(stored.body.count).toBe(1);
		expect(stored.body.results[0]).toMatchObject({
			urn,
			author: ME,
			createdBy: MEMBER,
			body: { commentary: 'Hello from the sandbox' },
		});
	});

	it('creates an article post', async () => {
		const article = {
			article: { source: 'https://northwind.example/report', title: 'The report', description: 'Short' },
		};
		const response = await client.li('POST', '/rest/posts', post(ME, { content: article }));
		expect(response.status).toBe(201);
		expect((await client.control('GET', '/posts')).body.results[0].body.content).toEqual(article);
	});

	it('creates an organization post for an admin with w_organization_social', async () => {
		const response = await client.li('POST', '/rest/posts', post(ORGANIZATION));
		expect(response.status).toBe(201);
		expect(response.headers.get('x-restli-id')).toMatch(/^urn:li:share:/);
	});

	it('answers 403 for an organization the member has no role on', async () => {
		const response = await client.li('POST', '/rest/posts', post('urn:li:organization:9100002'));
		expect(response.status).toBe(403);
		expect(response.body).toMatchObject({ status: 403, code: 'ACCESS_DENIED', serviceErrorCode: 100 });
		expect(response.body.message).toContain('ADMINISTRATOR');
		expect((await client.li('POST', '/rest/posts', post('urn:li:organization:1'))).status).toBe(404);
	});

	it('answers 403 naming w_organization_social when the token lacks it', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'w_member_social'] });
		const response = await client.li('POST', '/rest/posts', post(ORGANIZATION), { token });
		expect(response.status).toBe(403);
		expect(response.body.message).toContain('w_organization_social');
		expect(response.body.message).toContain('Community Management API');
		expect((await client.li('POST', '/rest/posts', post(ME), { token })).status).toBe(201);
	});

	it('answers 403 naming w_member_social when the token or the app lacks it', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'profile'] });
		const response = await client.li('POST', '/rest/posts', post(ME), { token });
		expect(response.status).toBe(403);
		expect(response.body.message).toContain('w_member_social');
		expect(response.body.message).toContain('Share on LinkedIn');
		client.sandbox.configure({ linkedin: { oauth: { scopes: ['openid', 'profile', 'email'] } } });
		const appLacks = await client.li('POST', '/rest/posts', post(ME));
		expect(appLacks.status).toBe(403);
		expect(appLacks.body.message).toContain('application does not have the product "Share on LinkedIn"');
	});

	it('answers 403 when a member posts as someone else', async () => {
		const response = await client.li('POST', '/rest/posts', post('urn:li:person:SbxNoRole42'));
		expect(response.status).toBe(403);
	});

	it('answers 422 with inputErrors naming each invalid field', async () => {
		const response = await client.li('POST', '/rest/posts', {
			author: 'urn:li:company:1',
			visibility: 'FRIENDS',
			distribution: { feedDistribution: 'SOMEWHERE' },
			lifecycleState: 'DRAFT',
			content: { article: { source: 'not a url' } },
		});
		expect(response.status).toBe(422);
		expect(response.body).toMatchObject({ status: 422, code: 'UNPROCESSABLE_ENTITY' });
		const paths = response.body.errorDetails.inputErrors.map((error: any) => error.input.inputPath.fieldPath);
		expect(paths).toEqual([
			'/author',
			'/commentary',
			'/visibility',
			'/distribution/feedDistribution',
			'/lifecycleState',
			'/content/article/source',
			'/content/article/title',
		]);
		expect(response.body.message).toContain('ERROR :: /visibility ::');
	});

	it('refuses CONNECTIONS visibility for an organization post', async () => {
		const response = await client.li(
			'POST',
			'/rest/posts',
			post(ORGANIZATION, { visibility: 'CONNECTIONS' }),
		);
		expect(response.status).toBe(422);
	});

	it('answers 400 for a body that is not JSON or not an object', async () => {
		const notJson = await fetch(`${client.sandbox.url}/linkedin/rest/posts`, {
			method: 'POST',
			headers: {
				authorization: 'Bearer sandbox-linkedin-token',
				'LinkedIn-Version': VERSION,
				'X-Restli-Protocol-Version': '2.0.0',
				'content-type': 'application/json',
			},
			body: '{nope',
		});
		expect(notJson.status).toBe(400);
		expect(((await notJson.json()) as { message: string }).message).toMatch(/^Invalid JSON/);
		expect((await client.li('POST', '/rest/posts', [1, 2])).status).toBe(400);
	});

	it('answers 405 for a method the path does not support and 404 for unknown paths', async () => {
		expect((await client.li('GET', '/rest/posts')).status).toBe(405);
		expect((await client.li('GET', '/rest/somethingElse')).status).toBe(404);
	});
});
