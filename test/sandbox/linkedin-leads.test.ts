import {
	ACCOUNT,
	ACCOUNT_OWNER,
	issueToken,
	ORGANIZATION,
	startLinkedIn,
	type LinkedInClient,
} from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const DAY_MS = 86_400_000;
const SPONSORED = '(leadType:SPONSORED)';

function responses(params: Record<string, string> = {}, token?: string) {
	const query = Object.entries({ q: 'owner', owner: ACCOUNT_OWNER, leadType: SPONSORED, ...params })
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	return client.li(
		'GET',
		`/rest/leadFormResponses?${query}`,
		undefined,
		token === undefined ? {} : { token },
	);
}

/** Follows `start` until every element is read, the way a Return All client pages. */
async function all(params: Record<string, string> = {}) {
	const seen: any[] = [];
	for (let start = 0; ; start += 25) {
		const page = await responses({ ...params, start: String(start), count: '25' });
		expect(page.status).toBe(200);
		seen.push(...page.body.elements);
		if (page.body.paging.links.length === 0) return { seen, total: page.body.paging.total };
	}
}

describe('LinkedIn sandbox: default seed', () => {
	it('is deterministic: a member, two organizations, an ad account, 3 forms, 100 responses with a few test leads', async () => {
		const data = (await client.control('GET', '/data')).body;
		expect(data.members.map((member: any) => member.sub)).toEqual(['Sbx7mB2xQ1', 'SbxNoRole42']);
		expect(data.organizations).toHaveLength(2);
		expect(data.sponsoredAccounts).toEqual([
			expect.objectContaining({ id: '5100001', users: ['Sbx7mB2xQ1'] }),
		]);
		expect(data.forms.map((form: any) => form.id)).toEqual([7001, 7002, 7003]);
		expect(data.responses).toHaveLength(100);
		expect(data.responses.filter((lead: any) => lead.testLead)).toHaveLength(6);
		const oldest = Math.min(...data.responses.map((lead: any) => lead.submittedAt));
		expect(Date.now() - oldest).toBeGreaterThan(150 * DAY_MS);
		expect(Date.now() - oldest).toBeLessThan(365 * DAY_MS);
		const emails = data.responses.map((lead: any) => lead.answers.email);
		expect(new Set(emails).size).toBe(100);
		client.sandbox.reset();
		const again = (await client.control('GET', '/data')).body;
		expect(again.responses.map((lead: any) => [lead.id, lead.answers])).toEqual(
			data.responses.map((lead: any) => [lead.id, lead.answers]),
		);
	});

	it('can be reseeded with another number of responses', async () => {
		expect((await client.control('POST', '/seed', { responses: 130 })).body).toEqual({ responses: 130 });
		expect((await all()).total).toBeGreaterThan(90);
		expect((await client.control('POST', '/seed', { responses: -1 })).status).toBe(400);
	});
});

describe('LinkedIn sandbox: lead forms', () => {
	it('lists the owner’s forms with their questions, Rest.li paged', async () => {
		const response = await client.li('GET', `/rest/leadForms?q=owner&owner=${ACCOUNT_OWNER}`);
		expect(response.status).toBe(200);
		expect(response.body.paging).toEqual({ start: 0, count: 10, total: 2, links: [] });
		expect(response.body.elements.map((form: any) => form.name)).toEqual([
			'Demo request',
			'Whitepaper download',
		]);
		const question = response.body.elements[0].content.questions[2];
		expect(question).toMatchObject({
			questionId: 3,
			predefinedField: 'EMAIL',
			question: { localized: { en_US: 'Email address' } },
		});
		const byOrg = await client.li(
			'GET',
			`/rest/leadForms?q=owner&owner=(organization:${encodeURIComponent(ORGANIZATION)})`,
		);
		expect(byOrg.body.elements.map((form: any) => form.id)).toEqual([7003]);
	});

	it('gets one form by id, and 404s an unknown one', async () => {
		expect((await client.li('GET', '/rest/leadForms/7002')).body).toMatchObject({ id: 7002, versionId: 2 });
		expect((await client.li('GET', '/rest/leadForms/1')).status).toBe(404);
	});

	it('needs q=owner and an owner record', async () => {
		expect((await client.li('GET', '/rest/leadForms')).status).toBe(400);
		const notRecord = await client.li('GET', `/rest/leadForms?q=owner&owner=${encodeURIComponent(ACCOUNT)}`);
		expect(notRecord.status).toBe(400);
		expect(notRecord.body.message).toContain('Rest.li 2.0');
	});
});

describe('LinkedIn sandbox: lead form responses', () => {
	it('pages through every real sponsored lead, newest first, without repeats', async () => {
		const { seen, total } = await all();
		expect(total).toBe(seen.length);
		expect(seen.length).toBe(75 - 5);
		expect(new Set(seen.map((lead) => lead.id)).size).toBe(seen.length);
		const times = seen.map((lead) => lead.submittedAt);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(seen.every((lead) => lead.testLead === false && lead.leadType === 'SPONSORED')).toBe(true);
		expect(seen[0]).toMatchObject({
			owner: { sponsoredAccount: ACCOUNT },
			versionedLeadGenFormUrn: expect.stringMatching(
				/^urn:li:versionedLeadGenForm:\(urn:li:leadGenForm:700[12],[12]\)$/,
			),
			formResponse: {
				answers: expect.arrayContaining([
					{ questionId: 3, answerDetails: { textQuestionAnswer: { answer: expect.stringContaining('@') } } },
				]),
			},
			leadMetadata: {
				sponsoredLeadMetadata: { campaign: expect.stringMatching(/^urn:li:sponsoredCampaign:/) },
			},
		});
	});

	it('answers paging with total and a next link while more remain', async () => {
		const page = await responses({ start: '60', count: '5' });
		expect(page.body.paging).toMatchObject({ start: 60, count: 5, total: 70 });
		expect(page.body.paging.links).toEqual([
			{ rel: 'next', type: 'application/json', href: expect.stringContaining('start=65') },
		]);
		const last = await responses({ start: '65', count: '10' });
		expect(last.body.elements).toHaveLength(5);
		expect(last.body.paging.links).toEqual([]);
		expect((await responses({ count: '101' })).status).toBe(400);
		expect((await responses({ start: '-1' })).status).toBe(400);
	});

	it('filters test leads: limitedToTestLeads=true only them, includeTestLeads=true both', async () => {
		const only = await responses({ limitedToTestLeads: 'true', count: '100' });
		expect(only.body.elements.map((lead: any) => lead.testLead)).toEqual([true, true, true, true, true]);
		expect((await responses({ limitedToTestLeads: 'false', count: '100' })).body.paging.total).toBe(70);
		expect((await responses({ includeTestLeads: 'true', count: '100' })).body.paging.total).toBe(75);
		expect((await responses({ limitedToTestLeads: 'maybe' })).status).toBe(400);
	});

	it('filters by submittedAtTimeRange (epoch ms, either end optional)', async () => {
		const start = Date.now() - 30 * DAY_MS;
		const recent = await responses({
			submittedAtTimeRange: `(start:${start},end:${Date.now()})`,
			count: '100',
		});
		expect(recent.body.paging.total).toBeGreaterThan(0);
		expect(recent.body.paging.total).toBeLessThan(20);
		expect(recent.body.elements.every((lead: any) => lead.submittedAt >= start)).toBe(true);
		const older = await responses({ submittedAtTimeRange: `(end:${start - 1})`, count: '100' });
		expect(older.body.paging.total + recent.body.paging.total).toBe(70);
		expect((await responses({ submittedAtTimeRange: '(start:yesterday)' })).status).toBe(400);
	});

	it('filters by lead type and owner: organization product leads are the organization’s', async () => {
		expect((await responses({ leadType: '(leadType:EVENT)' })).body.paging.total).toBe(0);
		const org = await responses({
			owner: `(organization:${encodeURIComponent(ORGANIZATION)})`,
			leadType: '(leadType:ORGANIZATION_PRODUCT)',
			count: '100',
		});
		expect(org.body.paging.total).toBeGreaterThan(20);
		expect(org.body.elements[0].leadType).toBe('ORGANIZATION_PRODUCT');
		expect((await responses({ leadType: '(leadType:OTHER)' })).status).toBe(400);
	});

	it('filters by versionedLeadGenFormUrn', async () => {
		const urn = encodeURIComponent('urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7002,2)');
		const page = await responses({ versionedLeadGenFormUrn: urn, count: '100' });
		expect(page.body.paging.total).toBeGreaterThan(10);
		expect(page.body.elements.every((lead: any) => lead.versionedLeadGenFormUrn.includes('7002'))).toBe(true);
	});

	it('gets one response by id or by URN, and 404s an unknown one', async () => {
		const [first] = (await responses()).body.elements;
		expect((await client.li('GET', `/rest/leadFormResponses/${first.id}`)).body).toEqual(first);
		const byUrn = await client.li(
			'GET',
			`/rest/leadFormResponses/${encodeURIComponent(`urn:li:leadGenFormResponse:${first.id}`)}`,
		);
		expect(byUrn.body.id).toBe(first.id);
		expect(
			(await client.li('GET', '/rest/leadFormResponses/00000000-0000-4000-a000-000000000000')).status,
		).toBe(404);
	});

	it('stops serving leads older than 365 days', async () => {
		const old = await client.control('POST', '/leads', {
			submittedAt: Date.now() - 366 * DAY_MS,
			notify: false,
		});
		expect(old.status).toBe(201);
		expect((await client.li('GET', `/rest/leadFormResponses/${old.body.id}`)).status).toBe(404);
		expect((await responses({ count: '100' })).body.paging.total).toBe(70);
		const fresh = await client.control('POST', '/leads', {
			answers: { email: 'new.lead@example.com' },
			notify: false,
		});
		expect((await responses({ count: '100' })).body.paging.total).toBe(71);
		const lead = (await client.li('GET', `/rest/leadFormResponses/${fresh.body.id}`)).body;
		expect(lead.formResponse.answers).toContainEqual({
			questionId: 3,
			answerDetails: { textQuestionAnswer: { answer: 'new.lead@example.com' } },
		});
	});
});

describe('LinkedIn sandbox: Lead Sync access', () => {
	it('answers 403 naming r_marketing_leadgen_automation and the Lead Sync API without the scope', async () => {
		const token = await issueToken(client, { scopes: ['openid', 'profile', 'email', 'w_member_social'] });
		for (const path of [
			'/rest/leadForms/7001',
			`/rest/leadFormResponses?q=owner&owner=${ACCOUNT_OWNER}&leadType=${SPONSORED}`,
		]) {
			const response = await client.li('GET', path, undefined, { token });
			expect(response.status).toBe(403);
			expect(response.body).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
			expect(response.body.message).toContain('r_marketing_leadgen_automation');
			expect(response.body.message).toContain('Lead Sync API');
		}
	});

	it('answers 403 when the app lost the Lead Sync product, even for an old token that has the scope', async () => {
		client.sandbox.configure({
			linkedin: { oauth: { scopes: ['openid', 'profile', 'email', 'w_member_social'] } },
		});
		const response = await responses();
		expect(response.status).toBe(403);
		expect(response.body.message).toContain('application does not have the product "Lead Sync API"');
	});

	it('answers 403 for an owner the member has no role on and 404 for an unknown owner', async () => {
		const otherMember = await issueToken(client, { member: 'SbxNoRole42' });
		const denied = await responses({}, otherMember);
		expect(denied.status).toBe(403);
		expect(denied.body.message).toContain(ACCOUNT);
		const unknown = await responses({
			owner: `(sponsoredAccount:${encodeURIComponent('urn:li:sponsoredAccount:1')})`,
		});
		expect(unknown.status).toBe(404);
		const [first] = (await responses()).body.elements;
		expect(
			(await client.li('GET', `/rest/leadFormResponses/${first.id}`, undefined, { token: otherMember }))
				.status,
		).toBe(403);
	});
});
