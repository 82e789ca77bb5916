/**
 * LinkedInProvider against the sandbox's LinkedIn emulation: the provider's own requests (headers, Rest.li
 * encoding, paging) must be what the emulation accepts, and each of LinkedIn's refusals must come back as
 * the message a user can act on.
 */
import {
	CRMAuthenticationError,
	CRMNotSupportedError,
	CRMRateLimitError,
	CRMValidationError,
	type CRMException,
} from '../../src/core/errors';
import { collect, requireCapability } from '../../src/core/provider';
import type { LeadOwner } from '../../src/providers/linkedin/owner';
import { loggedRequests, sandboxProvider } from '../helpers/linkedin-sandbox';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	issueToken,
	LI_TOKEN,
	MEMBER,
	startLinkedIn,
	VERSION,
	type LinkedInClient,
} from './linkedin-client';

const ACCOUNT: LeadOwner = { kind: 'sponsoredAccount', id: '5100001' };
const ORGANIZATION: LeadOwner = { kind: 'organization', id: '9100001' };
const RECONNECT = 'reconnect this credential (CRM Bridge LinkedIn OAuth2 API)';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn({ linkedin: { rateLimit: { memberDaily: 1_000, appDaily: 5_000 } } });
});
afterAll(() => client.sandbox.close());
beforeEach(async () => {
	await client.sandbox.reset();
});

function provider(token = LI_TOKEN, options = {}) {
	return sandboxProvider(client, token, { version: VERSION, ...options });
}

async function failure(promise: Promise<unknown>): Promise<CRMException> {
	try {
		await promise;
	} catch (error) {
		const text = `${(error as Error).message} ${JSON.stringify(error)}`;
		expect(text).not.toContain(LI_TOKEN);
		expect(text).not.toContain(CLIENT_SECRET);
		return error as CRMException;
	}
	throw new Error('expected a rejection');
}

interface SeededResponse {
	id: string;
	owner: Record<string, string>;
	leadType: string;
	testLead: boolean;
	submittedAt: number;
	answers: Record<string, string>;
}

const RETENTION_MS = 365 * 86_400_000;

/** The sandbox's lead responses, newest first, that LinkedIn still serves (it keeps leads 365 days). */
async function seeded(): Promise<SeededResponse[]> {
	const oldest = Date.now() - RETENTION_MS;
	return ((await client.control('GET', '/data')).body.responses as SeededResponse[]).filter(
		(r) => r.submittedAt >= oldest,
	);
}

describe('LinkedInProvider against the sandbox', () => {
	it('gets the signed-in member as a Contact', async () => {
		const me = await provider().provider.getMe();
		expect(me).toMatchObject({
			id: MEMBER,
			firstName: 'Alex',
			lastName: 'Morgan',
			email: 'alex.morgan@example.com',
			ids: { linkedin: MEMBER },
			properties: { urn: `urn:li:person:${MEMBER}` },
		});
	});

	it('refuses contact writes up front: LinkedIn has no contact store', () => {
		const { provider: li, transport } = provider();
		expect(() => requireCapability(li, 'contactStore', 'update contacts')).toThrow(CRMNotSupportedError);
		expect(transport.sent).toHaveLength(0);
	});

	it('an expired token gives the reconnect message naming the credential type', async () => {
		const token = await issueToken(client, {});
		await client.control('POST', '/oauth/expire');
		const error = await failure(provider(token).provider.getMe());
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.code).toBe('EXPIRED_ACCESS_TOKEN');
		expect(error.message).toContain(`LinkedIn access token expired: ${RECONNECT}`);
	});

	it('a revoked token gives the reconnect message too', async () => {
		const token = await issueToken(client, {});
		await client.control('POST', '/oauth/revoke', { token });
		const error = await failure(provider(token).provider.getMe());
		expect(error.message).toContain(
			`LinkedIn access token was revoked (by the member or LinkedIn): ${RECONNECT}`,
		);
	});

	it('a retired version gives the 426 message naming it', async () => {
		const { provider: li } = provider(LI_TOKEN, { version: '202401' });
		const error = await failure(collect(li.getForms(ACCOUNT)));
		expect(error.httpStatus).toBe(426);
		expect(error.message).toContain('LinkedIn API version 202401 is no longer active');
		expect(error.message).toContain('set API Version in the credential');
	});

	it('a missing scope gives the 403 message naming scope and product', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'profile', 'email', 'w_member_social'] });
		const { provider: li } = provider(token);
		const leads = await failure(collect(li.getLeads({ owner: ACCOUNT })));
		expect(leads).toBeInstanceOf(CRMAuthenticationError);
		expect(leads.httpStatus).toBe(403);
		expect(leads.message).toContain(
			'r_marketing_leadgen_automation from the LinkedIn product "Lead Sync API"',
		);
		const post = await failure(
			li.createPost({ as: 'organization', organizationId: '9100001', text: 'Hello' }),
		);
		expect(post.message).toContain(
			'w_organization_social from the LinkedIn product "Community Management API"',
		);
	});

	it('a daily 429 stops with a clear error: one refused request, no retry, no wait', async () => {
		await fetch(`${client.sandbox.url}/__sandbox/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ linkedin: { rateLimit: { memberDaily: 2 } } }),
		});
		const { provider: li, clock } = provider();
		// Two pages of one lead each spend the quota; the third page meets the 429.
		const error = await failure(collect(li.getLeads({ owner: ACCOUNT, pageSize: 1 })));
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('daily');
		expect(error.message).toContain(
			'LinkedIn daily API limit reached for this member; it resets at midnight UTC',
		);
		const requests = await loggedRequests(client, '^/rest/leadFormResponses$');
		expect(requests.map((r) => r.status)).toEqual([200, 200, 429]);
		expect(clock.sleeps).toEqual([]);
		// The next read of the same resource is refused without knocking again.
		await failure(collect(li.getLeads({ owner: ACCOUNT })));
		expect(await loggedRequests(client, '^/rest/leadFormResponses$')).toHaveLength(3);
	});

	it('pulls every real sponsored lead across pages with Return All, mapped to contacts', async () => {
		await client.control('POST', '/seed', { responses: 200 });
		const expected = (await seeded()).filter(
			(r) =>
				r.owner.sponsoredAccount === 'urn:li:sponsoredAccount:5100001' &&
				r.leadType === 'SPONSORED' &&
				!r.testLead,
		);
		expect(expected.length).toBeGreaterThan(120);
		const { provider: li } = provider();
		const contacts = await collect(li.getLeads({ owner: ACCOUNT, pageSize: 50 }));
		expect(contacts.map((c) => c.id)).toEqual(expected.map((r) => r.id));
		const pages = await loggedRequests(client, '^/rest/leadFormResponses$');
		expect(pages).toHaveLength(Math.ceil(expected.length / 50));
		const first = expected[0];
		expect(contacts[0]).toMatchObject({
			firstName: first.answers.firstName,
			lastName: first.answers.lastName,
			email: first.answers.email,
			company: first.answers.company,
			ids: { linkedin: first.id },
			createdAt: new Date(first.submittedAt).toISOString(),
			properties: { testLead: false, leadType: 'SPONSORED' },
		});
		// Each form's questions were read once, not once per lead.
		const formReads = await loggedRequests(client, '^/rest/leadForms/');
		expect(formReads.length).toBeLessThanOrEqual(2);
	});

	it('a limit of 120 stops after 120 leads; test leads and time ranges filter as LinkedIn does', async () => {
		await client.control('POST', '/seed', { responses: 200 });
		const all = (await seeded()).filter((r) => r.owner.sponsoredAccount && r.leadType === 'SPONSORED');
		const { provider: li } = provider();
		expect(await collect(li.getLeads({ owner: ACCOUNT, pageSize: 100 }), 120)).toHaveLength(120);

		const tests = await collect(li.getLeads({ owner: ACCOUNT, testLeads: true }));
		expect(tests.map((c) => c.id)).toEqual(all.filter((r) => r.testLead).map((r) => r.id));
		expect(tests.every((c) => c.properties.testLead === true)).toBe(true);

		const real = all.filter((r) => !r.testLead);
		const after = new Date(real[40].submittedAt);
		const before = new Date(real[10].submittedAt);
		const window = await collect(
			li.getLeads({ owner: ACCOUNT, submittedAfter: after, submittedBefore: before }),
		);
		expect(window.map((c) => c.id)).toEqual(real.slice(10, 41).map((r) => r.id));
	});

	it('the change feed returns new leads oldest first', async () => {
		const { provider: li } = provider(LI_TOKEN, { leadFeed: { owner: ACCOUNT } });
		const real = (await seeded()).filter(
			(r) => r.owner.sponsoredAccount && r.leadType === 'SPONSORED' && !r.testLead,
		);
		const since = new Date(real[4].submittedAt);
		const contacts = await collect(li.getUpdatedContacts(since));
		expect(contacts.map((c) => c.id)).toEqual(
			real
				.slice(0, 5)
				.reverse()
				.map((r) => r.id),
		);
	});

	it('gets one lead by id and by URN; lists forms of an ad account and of an organization', async () => {
		const { provider: li } = provider();
		const [first] = await seeded();
		expect((await li.getLead(first.id)).id).toBe(first.id);
		expect((await li.getLead(`urn:li:leadGenFormResponse:${first.id}`)).id).toBe(first.id);
		const forms = await collect(li.getForms(ACCOUNT));
		expect(forms.map((f) => [f.id, f.name])).toEqual([
			['7001', 'Demo request'],
			['7002', 'Whitepaper download'],
		]);
		expect(forms[0].questions.map((q) => q.predefinedField)).toContain('EMAIL');
		expect((await collect(li.getForms(ORGANIZATION))).map((f) => f.id)).toEqual(['7003']);
	});

	it('a freshly submitted lead is read by the URN its notification names, with the answers given', async () => {
		const submitted = await client.control('POST', '/leads', {
			formId: 7001,
			notify: false,
			answers: {
				firstName: 'Dana',
				lastName: 'Kim',
				email: 'dana.kim@example.com',
				company: 'Acme',
				title: 'CTO',
			},
		});
		expect(submitted.status).toBe(201);
		const { provider: li } = provider();
		const found = await li.getLeadsById([submitted.body.urn, 'urn:li:leadGenFormResponse:unknown']);
		expect([...found.keys()]).toEqual([submitted.body.urn]);
		expect(found.get(submitted.body.urn)).toMatchObject({
			id: submitted.body.id,
			firstName: 'Dana',
			lastName: 'Kim',
			email: 'dana.kim@example.com',
			company: 'Acme',
			title: 'CTO',
		});
	});

	it('a post returns its URN, as the member and as the organization, with an article', async () => {
		const { provider: li } = provider();
		const member = await li.createPost({ as: 'member', text: 'Hello from n8n', visibility: 'CONNECTIONS' });
		expect(member.urn).toMatch(/^urn:li:share:/);
		expect(member.author).toBe(`urn:li:person:${MEMBER}`);
		const organization = await li.createPost({
			as: 'organization',
			organizationId: '9100001',
			text: 'Our launch',
			article: { source: 'https://example.com/launch', title: 'Launch' },
		});
		expect(organization.urn).toMatch(/^urn:li:share:/);
		const posts = (await client.control('GET', '/posts')).body.results as Array<{
			urn: string;
			author: string;
			body: any;
		}>;
		expect(posts.map((p) => [p.urn, p.author])).toEqual([
			[member.urn, `urn:li:person:${MEMBER}`],
			[organization.urn, 'urn:li:organization:9100001'],
		]);
		expect(posts[1].body.content.article).toEqual({ source: 'https://example.com/launch', title: 'Launch' });
	});

	it('LinkedIn’s own validation comes back with the field named', async () => {
		const { provider: li } = provider();
		const error = await failure(li.createPost({ as: 'organization', organizationId: '9100002', text: 'x' }));
		expect(error.httpStatus).toBe(403);
		const tooLong = await failure(li.createPost({ as: 'member', text: 'x'.repeat(3001) }));
		expect(tooLong).toBeInstanceOf(CRMValidationError);
	});

	it('creates, lists and deletes lead notifications', async () => {
		const { provider: li } = provider();
		const created = await li.createLeadNotification({
			webhook: 'https://hooks.example/li',
			owner: ACCOUNT,
			leadType: 'SPONSORED',
		});
		expect(created.id).toMatch(/^\d+$/);
		const listed = await collect(li.getLeadNotifications(ACCOUNT, 'SPONSORED'));
		expect(listed).toEqual([
			{
				id: created.id,
				webhook: 'https://hooks.example/li',
				owner: { sponsoredAccount: 'urn:li:sponsoredAccount:5100001' },
				leadType: 'SPONSORED',
			},
		]);
		await li.deleteLeadNotification(created.id);
		expect(await collect(li.getLeadNotifications(ACCOUNT))).toEqual([]);
		const gone = await failure(li.deleteLeadNotification(created.id));
		expect(gone.httpStatus).toBe(404);
	});

	it('the token check reports the days left, and says to reconnect once the token expired', async () => {
		const token = await issueToken(client, { ttlMs: 10 * 86_400_000 + 3_600_000 });
		const { provider: li } = provider(token);
		const status = await li.checkToken({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			accessToken: token,
		});
		expect(status).toMatchObject({ active: true, status: 'active', daysLeft: 10 });
		expect(status.message).toContain('(10 days left)');
		await client.control('POST', '/oauth/expire');
		const expired = await li.checkToken({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			accessToken: token,
		});
		expect(expired).toMatchObject({ active: false, status: 'expired' });
		expect(expired.message).toContain(RECONNECT);
		const wrong = await failure(
			li.checkToken({ clientId: CLIENT_ID, clientSecret: 'not-the-secret', accessToken: token }),
		);
		expect(wrong.message).toContain("LinkedIn rejected the app's client ID or secret");
	});
});
