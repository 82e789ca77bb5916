/**
 * LinkedInProvider against nock: the core's fetch transport signs each request with a fake bearer token,
 * the clock is fake, and no request may leave the process. Every caught error is scanned for the token.
 */
import { inspect } from 'node:util';
import nock from 'nock';

import {
	CRMAuthenticationError,
	CRMException,
	CRMNotSupportedError,
	CRMRateLimitError,
	CRMValidationError,
} from '../../src/core/errors';
import { collect, requireCapability } from '../../src/core/provider';
import {
	ACCOUNT,
	ACCOUNT_OWNER_QUERY,
	LI_API,
	LI_OAUTH,
	LI_SECRET,
	LI_TOKEN,
	LI_VERSION,
	leadForm,
	leadResponse,
	liError,
	linkedInSetup,
} from '../helpers/linkedin-fixtures';

const OWNER = { kind: 'sponsoredAccount' as const, id: '5100001' };

let caught: unknown[] = [];

function api(): nock.Scope {
	return nock(LI_API, { reqheaders: { authorization: `Bearer ${LI_TOKEN}` } });
}

/** A scope that also insists on the version headers every /rest/* call needs. */
function rest(): nock.Scope {
	return nock(LI_API, {
		reqheaders: {
			authorization: `Bearer ${LI_TOKEN}`,
			'linkedin-version': LI_VERSION,
			'x-restli-protocol-version': '2.0.0',
		},
	});
}

async function failure(promise: Promise<unknown>): Promise<CRMException> {
	try {
		await promise;
	} catch (error) {
		caught.push(error);
		return error as CRMException;
	}
	throw new Error('expected a rejection');
}

/**
 * Records each raw request URI (query as sent) for a path prefix. nock also asks the matcher about the
 * path alone, so only URIs with a query are recorded.
 */
function recorder(prefix: string): { uris: string[]; match: (uri: string) => boolean } {
	const uris: string[] = [];
	return {
		uris,
		match: (uri: string) => {
			if (!uri.startsWith(prefix)) return false;
			if (uri.includes('?')) uris.push(uri);
			return true;
		},
	};
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
	caught = [];
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const error of caught) {
		for (const secret of [LI_TOKEN, LI_SECRET]) {
			expect(String((error as Error).message)).not.toContain(secret);
			expect(JSON.stringify(error)).not.toContain(secret);
			expect(inspect(error, { depth: 8 })).not.toContain(secret);
		}
	}
});

describe('capabilities', () => {
	it('offers a change feed and no contact store: requireCapability refuses contact writes before any request', () => {
		const { provider, transport } = linkedInSetup();
		expect(provider.supports('changeFeed')).toBe(true);
		for (const capability of [
			'contactStore',
			'contactBatches',
			'search',
			'enrichment',
			'tokenRefresh',
		] as const) {
			expect(provider.supports(capability)).toBe(false);
		}
		expect(() => requireCapability(provider, 'contactStore', 'create contacts')).toThrow(
			CRMNotSupportedError,
		);
		expect(() => requireCapability(provider, 'contactStore', 'create contacts')).toThrow(
			'LinkedIn cannot create contacts: it has no contact store',
		);
		expect(requireCapability(provider, 'changeFeed')).toBe(provider);
		expect(transport.sent).toHaveLength(0);
	});
});

describe('getMe', () => {
	it('maps userinfo to a Contact and sends no version headers to /v2', async () => {
		const { provider, transport } = linkedInSetup();
		api()
			.get('/v2/userinfo')
			.reply(200, {
				sub: 'Sbx7mB2xQ1',
				name: 'Alex Morgan',
				given_name: 'Alex',
				family_name: 'Morgan',
				picture: 'https://media.example/alex.jpg',
				locale: { country: 'US', language: 'en' },
				email: 'alex.morgan@example.com',
				email_verified: true,
			});
		const me = await provider.getMe();
		expect(me).toMatchObject({
			id: 'Sbx7mB2xQ1',
			firstName: 'Alex',
			lastName: 'Morgan',
			email: 'alex.morgan@example.com',
			ids: { linkedin: 'Sbx7mB2xQ1' },
			properties: { urn: 'urn:li:person:Sbx7mB2xQ1', name: 'Alex Morgan', emailVerified: true },
		});
		expect(transport.sent[0].headers['linkedin-version']).toBeUndefined();
		// Read once per provider.
		await provider.getMe();
		expect(transport.sent).toHaveLength(1);
	});

	it('an expired token says to reconnect the credential, by name, and is not retried', async () => {
		const { provider, transport } = linkedInSetup();
		api()
			.get('/v2/userinfo')
			.reply(401, liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602));
		const error = await failure(provider.getMe());
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toContain('reconnect this credential (CRM Bridge LinkedIn OAuth2 API)');
		expect(error.message).toContain('no refresh token');
		expect(error.code).toBe('EXPIRED_ACCESS_TOKEN');
		expect(transport.sent).toHaveLength(1);
	});
});

describe('getLeads', () => {
	it('encodes the Rest.li query exactly as LinkedIn documents it', async () => {
		const { provider } = linkedInSetup();
		const seen = recorder('/rest/leadFormResponses');
		rest()
			.get(seen.match)
			.reply(200, { elements: [], paging: { start: 0, count: 100 } });
		await collect(
			provider.getLeads({
				owner: OWNER,
				leadType: 'SPONSORED',
				submittedAfter: new Date(1_700_000_000_000),
				submittedBefore: new Date(1_700_000_500_000),
				formUrn: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7001,1)',
			}),
		);
		expect(seen.uris).toEqual([
			'/rest/leadFormResponses?q=owner' +
				`&owner=${ACCOUNT_OWNER_QUERY}` +
				'&leadType=(leadType:SPONSORED)' +
				'&limitedToTestLeads=false' +
				'&submittedAtTimeRange=(start:1700000000000,end:1700000500000)' +
				'&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7001%2C1%29' +
				'&start=0&count=100',
		]);
	});

	it('organization owners, one-sided time ranges and test leads', async () => {
		const { provider } = linkedInSetup();
		const seen = recorder('/rest/leadFormResponses');
		rest().get(seen.match).reply(200, { elements: [] });
		await collect(
			provider.getLeads({
				owner: { kind: 'organization', id: 'urn:li:organization:9100001' },
				leadType: 'ORGANIZATION_PRODUCT',
				submittedAfter: new Date(5),
				testLeads: true,
				pageSize: 10,
			}),
		);
		expect(seen.uris).toEqual([
			'/rest/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A9100001)' +
				'&leadType=(leadType:ORGANIZATION_PRODUCT)&limitedToTestLeads=true&submittedAtTimeRange=(start:5)&start=0&count=10',
		]);
	});

	it('Return All reads every page, maps answers through the form once, and stops on the last page', async () => {
		const { provider, transport } = linkedInSetup();
		const seen = recorder('/rest/leadFormResponses');
		const all = Array.from({ length: 120 }, (_, i) => leadResponse(i));
		const page = (start: number) => ({
			elements: all.slice(start, start + 50),
			paging: {
				start,
				count: 50,
				total: 120,
				links:
					start + 50 < 120
						? [{ rel: 'next', href: `/rest/leadFormResponses?start=${start + 50}&count=50` }]
						: [],
			},
		});
		rest().get(seen.match).reply(200, page(0));
		rest().get(seen.match).reply(200, page(50));
		rest().get(seen.match).reply(200, page(100));
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const contacts = (await collect(provider.getLeads({ owner: OWNER, pageSize: 50 }))) as Array<
			Record<string, any>
		>;
		expect(contacts).toHaveLength(120);
		expect(seen.uris.map((uri) => uri.replace(/^.*&start=/, 'start='))).toEqual([
			'start=0&count=50',
			'start=50&count=50',
			'start=100&count=50',
		]);
		expect(transport.sent.filter((r) => r.url.includes('/rest/leadForms/'))).toHaveLength(1);
		expect(contacts[7]).toMatchObject({
			id: 'lead-7',
			firstName: 'First7',
			lastName: 'Last7',
			email: 'lead7@example.com',
			company: 'Company 7',
			title: 'Analyst',
			phone: '+1 555 000 0007',
			ids: { linkedin: 'lead-7' },
			createdAt: new Date(1_780_000_000_000 - 7 * 60_000).toISOString(),
			properties: { leadType: 'SPONSORED', testLead: false, answers: { emailAddress: 'lead7@example.com' } },
		});
	});

	it('a limit stops early: no page beyond it is asked for', async () => {
		const { provider } = linkedInSetup();
		const seen = recorder('/rest/leadFormResponses');
		rest()
			.get(seen.match)
			.reply(200, {
				elements: Array.from({ length: 30 }, (_, i) => leadResponse(i)),
				paging: { start: 0, count: 30, total: 500 },
			});
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const contacts = await collect(provider.getLeads({ owner: OWNER }), 30);
		expect(contacts).toHaveLength(30);
		expect(seen.uris).toHaveLength(1);
		expect(seen.uris[0]).toMatch(/&start=0&count=100$/);
	});

	it('refuses bad input before any request', async () => {
		const { provider, transport } = linkedInSetup();
		await expect(
			collect(provider.getLeads({ owner: { kind: 'sponsoredAccount', id: 'abc' } })),
		).rejects.toThrow(CRMValidationError);
		await expect(collect(provider.getLeads({ owner: OWNER, leadType: 'NOPE' as never }))).rejects.toThrow(
			'leadType',
		);
		await expect(
			collect(
				provider.getLeads({ owner: OWNER, submittedAfter: new Date(10), submittedBefore: new Date(5) }),
			),
		).rejects.toThrow('later than');
		expect(transport.sent).toHaveLength(0);
	});

	it('a retired version names the version sent and the one to set', async () => {
		const { provider } = linkedInSetup({ version: '202401' });
		nock(LI_API, { reqheaders: { 'linkedin-version': '202401' } })
			.get(/\/rest\/leadFormResponses/)
			.reply(426, liError(426, 'NONEXISTENT_VERSION', 'Requested version 202401 is not active'));
		const error = await failure(collect(provider.getLeads({ owner: OWNER })));
		expect(error.httpStatus).toBe(426);
		expect(error.code).toBe('NONEXISTENT_VERSION');
		expect(error.message).toContain('LinkedIn API version 202401 is no longer active');
		expect(error.message).toContain(
			`set API Version in the credential (CRM Bridge LinkedIn OAuth2 API) to a current YYYYMM version, e.g. ${LI_VERSION}`,
		);
	});

	it('a missing Lead Sync product names the scope and the product', async () => {
		const { provider } = linkedInSetup();
		rest()
			.get(/\/rest\/leadFormResponses/)
			.reply(
				403,
				liError(
					403,
					'ACCESS_DENIED',
					'Not enough permissions to access: leadFormResponses.FINDER-owner',
					100,
				),
			);
		const error = await failure(collect(provider.getLeads({ owner: OWNER })));
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toContain('r_marketing_leadgen_automation');
		expect(error.message).toContain('"Lead Sync API"');
		expect(error.message).toContain('LinkedIn must approve');
	});

	it('a daily 429 stops at once (no retry, no wait) and later pages and calls are refused without a request', async () => {
		const { provider, transport, clock } = linkedInSetup();
		rest()
			.get(/\/rest\/leadFormResponses/)
			.reply(
				429,
				liError(
					429,
					'TOO_MANY_REQUESTS',
					'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
					101,
				),
			);
		const error = await failure(collect(provider.getLeads({ owner: OWNER })));
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('daily');
		expect(error.message).toContain(
			'LinkedIn daily API limit reached for this member; it resets at midnight UTC',
		);
		expect(transport.sent).toHaveLength(1);
		expect(clock.totalSlept).toBe(0);

		const again = await failure(collect(provider.getLeads({ owner: OWNER })));
		expect(again).toBeInstanceOf(CRMRateLimitError);
		expect(transport.sent).toHaveLength(1);
		expect(provider.checkRateLimit()).toMatchObject({ platform: 'linkedin', dailyRemaining: 0 });

		// Another resource has its own quota.
		api().get('/v2/userinfo').reply(200, { sub: 'abc' });
		await provider.getMe();
		expect(transport.sent).toHaveLength(2);
	});
});

describe('getLead and forms', () => {
	it('reads one lead by id or URN (encoded as a path key)', async () => {
		const { provider } = linkedInSetup();
		rest().get('/rest/leadFormResponses/lead-1').reply(200, leadResponse(1));
		rest().get('/rest/leadFormResponses/urn%3Ali%3AleadGenFormResponse%3Alead-2').reply(200, leadResponse(2));
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		expect(await provider.getLead('lead-1')).toMatchObject({ id: 'lead-1', email: 'lead1@example.com' });
		expect(await provider.getLead('urn:li:leadGenFormResponse:lead-2')).toMatchObject({
			id: 'lead-2',
			firstName: 'First2',
		});
		await expect(provider.getLead('  ')).rejects.toThrow('leadId: is required');
	});

	it('a 404 is a not-found error naming the path', async () => {
		const { provider } = linkedInSetup();
		rest()
			.get('/rest/leadFormResponses/nope')
			.reply(404, liError(404, 'NOT_FOUND', 'Lead form response nope not found'));
		const error = await failure(provider.getLead('nope'));
		expect(error.httpStatus).toBe(404);
		expect(error.message).toBe('LinkedIn found no such record: GET /rest/leadFormResponses/nope');
	});

	it('lists forms by owner with their questions', async () => {
		const { provider } = linkedInSetup();
		const seen = recorder('/rest/leadForms');
		rest()
			.get(seen.match)
			.reply(200, { elements: [leadForm(7001), leadForm(7002)], paging: { start: 0, count: 100, total: 2 } });
		const forms = await collect(provider.getForms(OWNER));
		expect(seen.uris).toEqual([`/rest/leadForms?q=owner&owner=${ACCOUNT_OWNER_QUERY}&start=0&count=100`]);
		expect(forms.map((f) => f.id)).toEqual(['7001', '7002']);
		expect(forms[0].questions[2]).toEqual({
			questionId: '3',
			name: 'emailAddress',
			predefinedField: 'EMAIL',
			label: 'Email',
		});
	});
});

describe('getLeadsById', () => {
	it('reads each lead once, leaves unknown ones out, and reads the form once', async () => {
		const { provider, transport } = linkedInSetup();
		rest().get('/rest/leadFormResponses/lead-1').reply(200, leadResponse(1));
		rest()
			.get('/rest/leadFormResponses/gone')
			.reply(404, liError(404, 'NOT_FOUND', 'Lead form response gone not found'));
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const found = await provider.getLeadsById(['lead-1', 'gone', 'lead-1', ' ']);
		expect([...found.keys()]).toEqual(['lead-1']);
		expect(found.get('lead-1')).toMatchObject({ email: 'lead1@example.com' });
		expect(transport.sent).toHaveLength(3);
	});

	it('a lead whose form is gone is still read, its answers keyed by question id', async () => {
		const { provider } = linkedInSetup();
		rest().get('/rest/leadFormResponses/lead-1').reply(200, leadResponse(1));
		rest()
			.get('/rest/leadForms/7001')
			.reply(404, liError(404, 'NOT_FOUND', 'Lead form 7001 not found'));
		const lead = await provider.getLead('lead-1');
		expect(lead.email).toBeUndefined();
		expect(lead.properties.answers).toMatchObject({ question3: 'lead1@example.com' });
	});

	it('an aborted signal cancels the reads: nothing more is sent', async () => {
		const { provider, transport } = linkedInSetup();
		const controller = new AbortController();
		controller.abort();
		const error = await failure(provider.getLead('lead-1', { signal: controller.signal }));
		expect(error.code).toBe('CANCELLED');
		expect(transport.sent).toHaveLength(0);
	});
});

describe('change feed', () => {
	it('needs a lead owner', () => {
		const { provider } = linkedInSetup();
		expect(() => provider.getUpdatedContacts(new Date(0))).toThrow('leadFeed');
	});

	it('returns the leads since a time oldest first, although LinkedIn serves them newest first', async () => {
		const { provider } = linkedInSetup({ leadFeed: { owner: OWNER } });
		const seen = recorder('/rest/leadFormResponses');
		rest()
			.get(seen.match)
			.reply(200, {
				elements: [leadResponse(1), leadResponse(2), leadResponse(3)],
				paging: { start: 0, count: 100, total: 3 },
			});
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const pages = await collect(provider.getUpdatedContacts(new Date(1_700_000_000_000), { pageSize: 2 }));
		expect(pages.map((c) => c.id)).toEqual(['lead-3', 'lead-2', 'lead-1']);
		expect(seen.uris[0]).toContain('&submittedAtTimeRange=(start:1700000000000)&');
	});
});

describe('createPost', () => {
	it('posts as the signed-in member and returns the URN from x-restli-id', async () => {
		const { provider } = linkedInSetup();
		let sent: any;
		api().get('/v2/userinfo').reply(200, { sub: 'Sbx7mB2xQ1' });
		rest()
			.post('/rest/posts', (body) => {
				sent = body;
				return true;
			})
			.reply(201, '', { 'x-restli-id': 'urn:li:share:7001' });
		const post = await provider.createPost({
			as: 'member',
			text: 'Hello (world) #n8n',
			visibility: 'CONNECTIONS',
		});
		expect(post).toEqual({
			urn: 'urn:li:share:7001',
			author: 'urn:li:person:Sbx7mB2xQ1',
			url: 'https://www.linkedin.com/feed/update/urn:li:share:7001/',
		});
		expect(sent).toEqual({
			author: 'urn:li:person:Sbx7mB2xQ1',
			commentary: 'Hello \\(world\\) \\#n8n',
			visibility: 'CONNECTIONS',
			distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
			lifecycleState: 'PUBLISHED',
			isReshareDisabledByAuthor: false,
		});
	});

	it('posts an article as an organization without reading userinfo', async () => {
		const { provider, transport } = linkedInSetup();
		let sent: any;
		rest()
			.post('/rest/posts', (body) => {
				sent = body;
				return true;
			})
			.reply(201, '', { 'x-restli-id': 'urn:li:share:7002' });
		const post = await provider.createPost({
			as: 'organization',
			organizationId: 'urn:li:organization:9100001',
			text: 'Read this',
			visibility: 'LOGGED_IN',
			article: { source: 'https://example.com/post', title: 'Our post', description: 'Why' },
			keepMarkup: true,
		});
		expect(post.urn).toBe('urn:li:share:7002');
		expect(sent).toMatchObject({
			author: 'urn:li:organization:9100001',
			commentary: 'Read this',
			visibility: 'LOGGED_IN',
			content: { article: { source: 'https://example.com/post', title: 'Our post', description: 'Why' } },
		});
		expect(transport.sent).toHaveLength(1);
	});

	it('refuses CONNECTIONS for an organization, an empty text and a bad article URL before any request', async () => {
		const { provider, transport } = linkedInSetup();
		await expect(
			provider.createPost({ as: 'organization', organizationId: '1', text: 'x', visibility: 'CONNECTIONS' }),
		).rejects.toThrow('CONNECTIONS is for member posts only');
		await expect(provider.createPost({ as: 'member', memberId: 'abc', text: '  ' })).rejects.toThrow(
			'text: is required',
		);
		await expect(
			provider.createPost({
				as: 'member',
				memberId: 'abc',
				text: 'x',
				article: { source: 'ftp://x', title: 't' },
			}),
		).rejects.toThrow('article.source');
		expect(transport.sent).toHaveLength(0);
	});

	it('a missing organization scope names w_organization_social and the Community Management API', async () => {
		const { provider } = linkedInSetup();
		rest()
			.post('/rest/posts')
			.reply(403, liError(403, 'ACCESS_DENIED', 'Not enough permissions', 100));
		const error = await failure(
			provider.createPost({ as: 'organization', organizationId: '9100001', text: 'x' }),
		);
		expect(error.message).toContain('w_organization_social');
		expect(error.message).toContain('"Community Management API"');
	});

	it('a 201 without x-restli-id is an unexpected answer, and a lost answer is never resent', async () => {
		const { provider, transport } = linkedInSetup();
		rest().post('/rest/posts').reply(201, '');
		await expect(provider.createPost({ as: 'member', memberId: 'abc', text: 'x' })).rejects.toThrow(
			'without its URN',
		);
		rest()
			.post('/rest/posts')
			.reply(503, liError(503, 'SERVICE_UNAVAILABLE', 'down'));
		await expect(provider.createPost({ as: 'member', memberId: 'abc', text: 'x' })).rejects.toThrow(
			'HTTP 503',
		);
		expect(transport.sent).toHaveLength(2);
	});

	it('validation failures carry LinkedIn’s field paths', async () => {
		const { provider } = linkedInSetup();
		rest()
			.post('/rest/posts')
			.reply(422, {
				...liError(422, 'UNPROCESSABLE_ENTITY', 'ERROR :: /commentary :: too long'),
				errorDetails: {
					inputErrors: [
						{
							description: 'too long',
							code: 'INVALID_VALUE',
							input: { inputPath: { fieldPath: '/commentary' } },
						},
					],
				},
			});
		const error = await failure(provider.createPost({ as: 'member', memberId: 'abc', text: 'x' }));
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields).toEqual([
			{ field: 'commentary', message: 'too long', code: 'INVALID_VALUE' },
		]);
	});
});

describe('lead notifications', () => {
	it('creates, lists and deletes subscriptions', async () => {
		const { provider } = linkedInSetup();
		let sent: any;
		rest()
			.post('/rest/leadNotifications', (body) => {
				sent = body;
				return true;
			})
			.reply(201, '', { 'x-restli-id': '42' });
		const created = await provider.createLeadNotification({
			webhook: 'https://hooks.example/li',
			owner: OWNER,
		});
		expect(created.id).toBe('42');
		expect(sent).toEqual({
			webhook: 'https://hooks.example/li',
			owner: { sponsoredAccount: ACCOUNT },
			leadType: 'SPONSORED',
		});

		const seen = recorder('/rest/leadNotifications');
		rest()
			.get(seen.match)
			.reply(200, {
				elements: [
					{
						id: 42,
						webhook: 'https://hooks.example/li',
						owner: { sponsoredAccount: ACCOUNT },
						leadType: 'SPONSORED',
					},
				],
			});
		const list = await collect(provider.getLeadNotifications(OWNER, 'SPONSORED'));
		expect(seen.uris).toEqual([
			`/rest/leadNotifications?q=criteria&owner=${ACCOUNT_OWNER_QUERY}&leadType=(leadType:SPONSORED)&start=0&count=100`,
		]);
		expect(list).toEqual([
			{
				id: '42',
				webhook: 'https://hooks.example/li',
				owner: { sponsoredAccount: ACCOUNT },
				leadType: 'SPONSORED',
			},
		]);

		rest().delete('/rest/leadNotifications/42').reply(204);
		await provider.deleteLeadNotification('42');
	});

	it('refuses a webhook that is not an absolute URL before any request', async () => {
		const { provider, transport } = linkedInSetup();
		await expect(provider.createLeadNotification({ webhook: '/relative', owner: OWNER })).rejects.toThrow(
			'webhook',
		);
		expect(transport.sent).toHaveLength(0);
	});
});

describe('checkToken', () => {
	it('posts the introspection form to the OAuth host and reports the days left', async () => {
		const { provider, clock } = linkedInSetup();
		const NOW = clock.now();
		let form = '';
		let type = '';
		nock(LI_OAUTH)
			.post('/oauth/v2/introspectToken', (body) => {
				form = typeof body === 'string' ? body : new URLSearchParams(body).toString();
				return true;
			})
			.reply(function () {
				type = String(this.req.headers['content-type']);
				return [
					200,
					{
						active: true,
						status: 'active',
						expires_at: Math.floor((NOW + 42.5 * 86_400_000) / 1000),
						scope: 'openid,profile,email',
					},
				];
			});
		const status = await provider.checkToken({
			clientId: 'client-1',
			clientSecret: LI_SECRET,
			accessToken: LI_TOKEN,
		});
		expect(type).toContain('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(form))).toEqual({
			client_id: 'client-1',
			client_secret: LI_SECRET,
			token: LI_TOKEN,
		});
		expect(status).toMatchObject({ active: true, daysLeft: 42, scopes: ['openid', 'profile', 'email'] });
		expect(status.message).toContain('(42 days left)');
		expect(status.message).not.toContain(LI_TOKEN);
	});

	it('an expired token says to reconnect', async () => {
		const { provider } = linkedInSetup();
		nock(LI_OAUTH)
			.post('/oauth/v2/introspectToken')
			.reply(200, { active: false, status: 'expired', expires_at: 1 });
		const status = await provider.checkToken({
			clientId: 'c',
			clientSecret: LI_SECRET,
			accessToken: LI_TOKEN,
		});
		expect(status).toMatchObject({ active: false, status: 'expired' });
		expect(status.message).toBe(
			'The LinkedIn access token has expired: reconnect this credential (CRM Bridge LinkedIn OAuth2 API)',
		);
	});

	it('a wrong client secret is named as such, without the secret', async () => {
		const { provider } = linkedInSetup();
		nock(LI_OAUTH)
			.post('/oauth/v2/introspectToken')
			.reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
		const error = await failure(
			provider.checkToken({ clientId: 'c', clientSecret: LI_SECRET, accessToken: LI_TOKEN }),
		);
		expect(error.message).toContain("LinkedIn rejected the app's client ID or secret");
	});
});

describe('version setting', () => {
	it('defaults to a current version and refuses one that is not YYYYMM', () => {
		expect(linkedInSetup({ version: '' }).provider.version).toBe('202610');
		expect(linkedInSetup({ version: '202510.01' }).provider.version).toBe('202510.01');
		expect(() => linkedInSetup({ version: 'v2' })).toThrow('apiVersion');
		expect(() => linkedInSetup({ version: '202613' })).toThrow('apiVersion');
	});
});
