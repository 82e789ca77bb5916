import { issueToken, MEMBER, startLinkedIn, type LinkedInClient } from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

describe('LinkedIn sandbox: GET /v2/userinfo', () => {
	it('answers the OIDC claims of the token’s member, without version headers', async () => {
		const response = await client.li('GET', '/v2/userinfo', undefined, { headers: null });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			sub: MEMBER,
			name: 'Alex Morgan',
			given_name: 'Alex',
			family_name: 'Morgan',
			picture: expect.stringMatching(/^https:\/\//),
			locale: { country: 'US', language: 'en' },
			email: 'alex.morgan@example.com',
			email_verified: true,
		});
	});

	it('leaves out the name without `profile` and the email without `email`', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'email'] });
		const emailOnly = await client.li('GET', '/v2/userinfo', undefined, { token });
		expect(emailOnly.body).toEqual({ sub: MEMBER, email: 'alex.morgan@example.com', email_verified: true });
		const profileOnly = await client.li('GET', '/v2/userinfo', undefined, {
			token: await issueToken(client, { scopes: ['openid', 'profile'] }),
		});
		expect(profileOnly.body).not.toHaveProperty('email');
		expect(profileOnly.body.given_name).toBe('Alex');
	});

	it('answers 403 naming the scope and product when the token lacks `openid`', async () => {
		const token = await issueToken(client, { scopes: ['w_member_social'] });
		const response = await client.li('GET', '/v2/userinfo', undefined, { token });
		expect(response.status).toBe(403);
		expect(response.body).toMatchObject({ status: 403, code: 'ACCESS_DENIED', serviceErrorCode: 100 });
		expect(response.body.message).toContain('openid');
		expect(response.body.message).toContain('Sign In with LinkedIn using OpenID Connect');
	});

	it('answers 401 INVALID_ACCESS_TOKEN without or with an unknown token', async () => {
		for (const token of [null, 'not-a-token']) {
			const response = await client.li('GET', '/v2/userinfo', undefined, { token });
			expect(response.status).toBe(401);
			expect(response.body).toEqual({
				status: 401,
				serviceErrorCode: 65600,
				code: 'INVALID_ACCESS_TOKEN',
				message: 'Invalid access token',
			});
		}
	});
});
