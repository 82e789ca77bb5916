/**
 * The real LinkedIn node class inside a real n8n Workflow run by n8n-core's WorkflowExecute
 * (test/helpers/n8n-workflow-run): n8n's parameter defaults, paired items, node-level On Error and OAuth2
 * signing, with LinkedIn mocked by nock. One test per operation, then the errors LinkedIn users meet
 * (expired token, retired version, missing product, daily limit) as NodeApiErrors with their message,
 * continue-on-fail, and the token never in anything the node produced.
 */
import { inspect } from 'node:util';
import nock from 'nock';
import type { INodeExecutionData, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { LinkedIn } from '../../nodes/LinkedIn/LinkedIn.node';
import { LINKEDIN_CREDENTIAL_NAME } from '../../src/providers/linkedin/endpoints';
import {
	ACCOUNT,
	ACCOUNT_OWNER_QUERY,
	LI_API,
	LI_OAUTH,
	LI_SECRET,
	LI_TOKEN,
	LI_VERSION,
	formUrn,
	leadForm,
	leadResponse,
	liError,
} from '../helpers/linkedin-fixtures';
import { runNode, type NodeRunResult } from '../helpers/n8n-workflow-run';

const CREDENTIALS = {
	crmLinkedInOAuth2Api: {
		clientId: 'fake-client-id',
		clientSecret: LI_SECRET,
		apiVersion: LI_VERSION,
		oauthTokenData: { access_token: LI_TOKEN, token_type: 'Bearer' } as never,
	},
};
const ME = {
	sub: 'Sbx7mB2xQ1',
	name: 'Ada Lovelace',
	given_name: 'Ada',
	family_name: 'Lovelace',
	email: 'ada@example.com',
	email_verified: true,
};

let produced: unknown[] = [];

function api(): nock.Scope {
	return nock(LI_API, { reqheaders: { authorization: `Bearer ${LI_TOKEN}` } });
}

/** Versioned calls: the version headers must be on every /rest request. */
function rest(): nock.Scope {
	return nock(LI_API, {
		reqheaders: {
			authorization: `Bearer ${LI_TOKEN}`,
			'linkedin-version': LI_VERSION,
			'x-restli-protocol-version': '2.0.0',
		},
	});
}

function items(n: number, json: (i: number) => Record<string, unknown> = () => ({})): INodeExecutionData[] {
	return Array.from({ length: n }, (_, i) => ({ json: json(i) as never }));
}

async function execute(
	parameters: INodeParameters,
	input = items(1),
	continueOnFail = false,
): Promise<NodeRunResult> {
	const result = await runNode({
		nodeType: new LinkedIn(),
		parameters,
		items: input,
		credentials: CREDENTIALS,
		onError: continueOnFail ? 'continueRegularOutput' : undefined,
	});
	produced.push(result.output, result.error, result.run);
	return result;
}

async function run(
	parameters: INodeParameters,
	input = items(1),
	continueOnFail = false,
): Promise<NodeRunResult> {
	const result = await execute(parameters, input, continueOnFail);
	if (result.error) throw new Error(`the node failed: ${result.error.message}`);
	return result;
}

async function runFailing(
	parameters: INodeParameters,
	input = items(1),
): Promise<NodeApiError | NodeOperationError> {
	const result = await execute(parameters, input);
	if (!result.error) throw new Error('expected the node to fail');
	expect(result.run.status).toBe('error');
	return result.error as NodeApiError | NodeOperationError;
}

/** GET /rest/leadFormResponses answered from `pages` in turn; the query strings sent are collected. */
function leadPages(pages: unknown[][], total: number): string[] {
	const uris: string[] = [];
	let page = 0;
	rest()
		.get((uri) => uri.startsWith('/rest/leadFormResponses?'))
		.times(pages.length)
		.reply((uri) => {
			uris.push(uri);
			const start = Number(new URL(uri, LI_API).searchParams.get('start'));
			const elements = pages[page++];
			return [200, { elements, paging: { start, count: elements.length, total } }];
		});
	return uris;
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
	produced = [];
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const value of produced) {
		expect(inspect(value, { depth: 12 })).not.toContain(LI_TOKEN);
		expect(inspect(value, { depth: 12 })).not.toContain(LI_SECRET);
		if (value instanceof Error) expect(JSON.stringify(value)).not.toContain(LI_TOKEN);
	}
});

describe('Profile → Get Me', () => {
	it('returns the signed-in member as a contact for each item, read once per run, paired', async () => {
		api().get('/v2/userinfo').once().reply(200, ME);
		const { output } = await run({ resource: 'profile', operation: 'getMe' }, items(2));
		expect(output[0]).toHaveLength(2);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0][0].json).toMatchObject({
			id: 'Sbx7mB2xQ1',
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			ids: { linkedin: 'Sbx7mB2xQ1' },
			properties: { urn: 'urn:li:person:Sbx7mB2xQ1', name: 'Ada Lovelace' },
		});
	});
});

describe('Profile → Check Access Token', () => {
	/** The introspection endpoint; the forms it received are collected. */
	function introspection(answer: nock.ReplyFnResult | ((forms: string[]) => nock.ReplyFnResult)): string[] {
		const forms: string[] = [];
		nock(LI_OAUTH)
			.post('/oauth/v2/introspectToken', (body) => {
				forms.push(typeof body === 'string' ? body : new URLSearchParams(body).toString());
				return true;
			})
			.reply(() => (typeof answer === 'function' ? answer(forms) : answer));
		return forms;
	}

	it("reports the days left, asking LinkedIn with the app's id and secret; the token is in no output", async () => {
		const expiresAt = Math.floor(Date.now() / 1000) + 12 * 86_400 + 600;
		const forms = introspection([
			200,
			{
				active: true,
				status: 'active',
				expires_at: expiresAt,
				scope: 'openid,profile,email,w_member_social',
			},
		]);
		const { output } = await run({ resource: 'profile', operation: 'checkToken' });
		expect(forms.map((form) => Object.fromEntries(new URLSearchParams(form)))).toEqual([
			{ client_id: 'fake-client-id', client_secret: LI_SECRET, token: LI_TOKEN },
		]);
		expect(output[0][0].json).toEqual({
			active: true,
			status: 'active',
			expiresAt: new Date(expiresAt * 1000).toISOString(),
			daysLeft: 12,
			scopes: ['openid', 'profile', 'email', 'w_member_social'],
			message: expect.stringMatching(
				/^The LinkedIn access token is active and expires on .* \(12 days left\); then reconnect this credential$/,
			),
		});
	});

	it('an expired token is an answer saying to reconnect, not a failure', async () => {
		introspection([200, { active: false, status: 'expired', expires_at: 1_700_000_000 }]);
		const { output } = await run({ resource: 'profile', operation: 'checkToken' });
		expect(output[0][0].json).toMatchObject({
			active: false,
			status: 'expired',
			message: `The LinkedIn access token has expired: reconnect this credential (${LINKEDIN_CREDENTIAL_NAME})`,
		});
	});

	it('a refused client secret says so, and neither the token nor the secret from the form reaches the error', async () => {
		introspection([401, { error: 'invalid_client', error_description: 'Client authentication failed' }]);
		const error = await runFailing({ resource: 'profile', operation: 'checkToken' });
		expect(error.name).toBe('NodeApiError');
		// The whole sentence survives the core's redaction (which reads "secret: <word>" as a secret).
		expect(error.message).toBe(
			`LinkedIn rejected the app's client ID or secret; check them in the credential (${LINKEDIN_CREDENTIAL_NAME})`,
		);
		expect((error as NodeApiError).httpCode).toBe('401');
	});
});

describe('Post → Create', () => {
	it('posts an article as the member (author read from userinfo) and returns the post URN', async () => {
		api().get('/v2/userinfo').reply(200, ME);
		const bodies: unknown[] = [];
		rest()
			.post('/rest/posts', (body) => {
				bodies.push(body);
				return true;
			})
			.reply(201, '', { 'x-restli-id': 'urn:li:share:7001' });
		const { output } = await run({
			resource: 'post',
			operation: 'create',
			text: 'Read this (new) #launch',
			visibility: 'CONNECTIONS',
			content: 'article',
			articleSource: 'https://example.com/launch',
			articleTitle: 'Launch',
			articleDescription: 'All about it',
		});
		expect(bodies).toEqual([
			{
				author: 'urn:li:person:Sbx7mB2xQ1',
				commentary: 'Read this \\(new\\) \\#launch',
				visibility: 'CONNECTIONS',
				distribution: {
					feedDistribution: 'MAIN_FEED',
					targetEntities: [],
					thirdPartyDistributionChannels: [],
				},
				lifecycleState: 'PUBLISHED',
				isReshareDisabledByAuthor: false,
				content: {
					article: { source: 'https://example.com/launch', title: 'Launch', description: 'All about it' },
				},
			},
		]);
		expect(output[0]).toEqual([
			{
				json: {
					urn: 'urn:li:share:7001',
					author: 'urn:li:person:Sbx7mB2xQ1',
					url: 'https://www.linkedin.com/feed/update/urn:li:share:7001/',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('posts text as an organization without reading the member; a 403 names the product it needs', async () => {
		const bodies: Array<{ author?: string }> = [];
		rest()
			.post('/rest/posts', (body) => {
				bodies.push(body);
				return true;
			})
			.reply(
				403,
				liError(403, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal', 100),
			);
		const error = await runFailing({
			resource: 'post',
			operation: 'create',
			postAs: 'organization',
			organizationId: '9100001',
			text: 'Hello',
			visibility: 'PUBLIC',
		});
		expect(bodies.map((b) => b.author)).toEqual(['urn:li:organization:9100001']);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'LinkedIn denied POST /rest/posts: needs the scope w_organization_social from the LinkedIn product ' +
				'"Community Management API", which LinkedIn must approve for your app, enabled in the credential (then reconnect it)',
		);
		expect(error.description).toContain('administrator of the page');
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('Lead → Get Many', () => {
	it('Return All reads every page into contacts, with owner, lead type, time range and real leads only', async () => {
		const uris = leadPages(
			[
				Array.from({ length: 100 }, (_, i) => leadResponse(i + 1)),
				Array.from({ length: 30 }, (_, i) => leadResponse(i + 101)),
			],
			130,
		);
		// The form's questions name the answers: read once for all 130 leads.
		rest().get('/rest/leadForms/7001').once().reply(200, leadForm());
		const { output } = await run({
			resource: 'lead',
			operation: 'getAll',
			ownerType: 'sponsoredAccount',
			ownerId: ACCOUNT,
			leadType: 'SPONSORED',
			returnAll: true,
			filters: { submittedAfter: '2026-01-01T00:00:00.000Z', submittedBefore: '2026-12-31T00:00:00.000Z' },
		});
		const after = Date.parse('2026-01-01T00:00:00.000Z');
		const before = Date.parse('2026-12-31T00:00:00.000Z');
		expect(uris).toEqual(
			[0, 100].map(
				(start) =>
					`/rest/leadFormResponses?q=owner&owner=${ACCOUNT_OWNER_QUERY}&leadType=(leadType:SPONSORED)` +
					`&limitedToTestLeads=false&submittedAtTimeRange=(start:${after},end:${before})&start=${start}&count=100`,
			),
		);
		expect(output[0]).toHaveLength(130);
		expect(
			output[0].every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(output[0][129].json).toMatchObject({
			id: 'lead-130',
			email: 'lead130@example.com',
			firstName: 'First130',
			company: 'Company 130',
			ids: { linkedin: 'lead-130' },
			properties: {
				testLead: false,
				leadType: 'SPONSORED',
				answers: { emailAddress: 'lead130@example.com' },
			},
		});
	});

	it('Limit asks only for what it returns; test leads on and an organization owner reach the query', async () => {
		const uris = leadPages([[leadResponse(1, { testLead: true }), leadResponse(2, { testLead: true })]], 50);
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const { output } = await run({
			resource: 'lead',
			operation: 'getAll',
			ownerType: 'organization',
			ownerId: '9100001',
			leadType: 'COMPANY',
			limit: 2,
			filters: { testLeads: true },
		});
		expect(uris).toEqual([
			'/rest/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A9100001)' +
				'&leadType=(leadType:COMPANY)&limitedToTestLeads=true&start=0&count=2',
		]);
		expect(output[0].map((item) => item.json.properties)).toEqual([
			expect.objectContaining({ testLead: true }),
			expect.objectContaining({ testLead: true }),
		]);
	});

	it('an owner that is not an id fails its item with the field named, before any request', async () => {
		const error = await runFailing({ resource: 'lead', operation: 'getAll', ownerId: 'acme' });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('adAccountId: expected a numeric id or urn:li:sponsoredAccount:<id>');
	});
});

describe('Lead → Get', () => {
	it('reads one lead by URN as a contact', async () => {
		rest()
			.get('/rest/leadFormResponses/urn%3Ali%3AleadGenFormResponse%3Alead-7')
			.reply(200, leadResponse(7, { id: 'urn:li:leadGenFormResponse:lead-7' }));
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const { output } = await run({
			resource: 'lead',
			operation: 'get',
			leadId: 'urn:li:leadGenFormResponse:lead-7',
		});
		expect(output[0][0].json).toMatchObject({
			id: 'urn:li:leadGenFormResponse:lead-7',
			email: 'lead7@example.com',
		});
	});

	it('with continue-on-fail, a missing lead becomes an error item paired to it; the next item is read', async () => {
		rest()
			.get('/rest/leadFormResponses/gone')
			.reply(404, liError(404, 'NOT_FOUND', 'Not found'));
		rest().get('/rest/leadFormResponses/lead-2').reply(200, leadResponse(2));
		rest().get('/rest/leadForms/7001').reply(200, leadForm());
		const { output } = await run(
			{ resource: 'lead', operation: 'get', leadId: '={{ $json.id }}' },
			[{ json: { id: 'gone' } }, { json: { id: 'lead-2' } }],
			true,
		);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0][0].json).toMatchObject({
			error: 'LinkedIn found no such record: GET /rest/leadFormResponses/gone',
			type: 'CRMNotFoundError',
			platform: 'linkedin',
			httpStatus: 404,
		});
		expect(output[0][1].json).toMatchObject({ id: 'lead-2', email: 'lead2@example.com' });
	});
});

describe('Form → Get Many', () => {
	it("lists an owner's forms with their questions", async () => {
		const uris: string[] = [];
		rest()
			.get((uri) => uri.startsWith('/rest/leadForms?'))
			.reply((uri) => {
				uris.push(uri);
				return [
					200,
					{ elements: [leadForm(7001), leadForm(7002)], paging: { start: 0, count: 2, total: 2 } },
				];
			});
		const { output } = await run({
			resource: 'form',
			operation: 'getAll',
			ownerId: '5100001',
			returnAll: true,
		});
		expect(uris).toEqual([`/rest/leadForms?q=owner&owner=${ACCOUNT_OWNER_QUERY}&start=0&count=100`]);
		expect(output[0].map((item) => item.json.id)).toEqual(['7001', '7002']);
		expect(output[0][0].json).toMatchObject({
			name: 'Demo request',
			questions: expect.arrayContaining([
				{ questionId: '3', name: 'emailAddress', predefinedField: 'EMAIL', label: 'Email' },
			]),
		});
	});
});

describe('Lead Notification', () => {
	it('Create subscribes the webhook to the owner and returns its id', async () => {
		const bodies: unknown[] = [];
		rest()
			.post('/rest/leadNotifications', (body) => {
				bodies.push(body);
				return true;
			})
			.reply(201, '', { 'x-restli-id': '42' });
		const { output } = await run({
			resource: 'leadNotification',
			operation: 'create',
			webhookUrl: 'https://n8n.example.com/webhook/abc/webhook',
			ownerId: '5100001',
			options: { versionedForm: formUrn() },
		});
		const body = {
			webhook: 'https://n8n.example.com/webhook/abc/webhook',
			owner: { sponsoredAccount: ACCOUNT },
			leadType: 'SPONSORED',
			versionedForm: formUrn(),
		};
		expect(bodies).toEqual([body]);
		expect(output[0][0].json).toEqual({ id: '42', ...body });
	});

	it("Get Many lists the owner's subscriptions, of one lead type when filtered", async () => {
		const uris: string[] = [];
		rest()
			.get((uri) => uri.startsWith('/rest/leadNotifications?'))
			.reply((uri) => {
				uris.push(uri);
				return [
					200,
					{
						elements: [{ id: 42, webhook: 'https://x.example/w', leadType: 'EVENT' }],
						paging: { start: 0, count: 1 },
					},
				];
			});
		const { output } = await run({
			resource: 'leadNotification',
			operation: 'getAll',
			ownerId: '5100001',
			limit: 10,
			filters: { leadType: 'EVENT' },
		});
		expect(uris).toEqual([
			`/rest/leadNotifications?q=criteria&owner=${ACCOUNT_OWNER_QUERY}&leadType=(leadType:EVENT)&start=0&count=10`,
		]);
		expect(output[0][0].json).toEqual({ id: '42', webhook: 'https://x.example/w', leadType: 'EVENT' });
	});

	it('Delete removes a subscription by id', async () => {
		rest().delete('/rest/leadNotifications/42').reply(204);
		const { output } = await run({
			resource: 'leadNotification',
			operation: 'delete',
			notificationId: ' 42 ',
		});
		expect(output[0]).toEqual([{ json: { id: '42', deleted: true }, pairedItem: { item: 0 } }]);
	});
});

describe('errors LinkedIn users meet', () => {
	it('an expired token stops the node with "reconnect this credential", naming it, after one request', async () => {
		let calls = 0;
		api()
			.get('/v2/userinfo')
			.times(3)
			.reply(() => {
				calls++;
				return [
					401,
					liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602),
				];
			});
		const error = await runFailing({ resource: 'profile', operation: 'getMe' });
		nock.cleanAll();
		expect(calls).toBe(1);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(`reconnect this credential (${LINKEDIN_CREDENTIAL_NAME})`);
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	it('a retired API version (426) says which version to set', async () => {
		rest()
			.get((uri) => uri.startsWith('/rest/leadForms?'))
			.reply(426, liError(426, 'NONEXISTENT_VERSION', `Requested version ${LI_VERSION} is not active`));
		const error = await runFailing({ resource: 'form', operation: 'getAll', ownerId: '5100001' });
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(`LinkedIn API version ${LI_VERSION} is no longer active`);
		expect(error.message).toContain(`set API Version in the credential (${LINKEDIN_CREDENTIAL_NAME})`);
		expect((error as NodeApiError).httpCode).toBe('426');
	});

	it('a missing Lead Sync product (403) names the product and scope', async () => {
		rest()
			.get((uri) => uri.startsWith('/rest/leadFormResponses?'))
			.reply(403, liError(403, 'ACCESS_DENIED', 'Not enough permissions', 100));
		const error = await runFailing({ resource: 'lead', operation: 'getAll', ownerId: '5100001' });
		expect(error.message).toContain(
			'needs the scope r_marketing_leadgen_automation from the LinkedIn product "Lead Sync API"',
		);
		expect(error.description).toContain('role on the ad account');
	});

	it('a daily 429 stops at once with the daily-limit message (no retry, LinkedIn sends no rate headers)', async () => {
		let calls = 0;
		api()
			.get('/v2/userinfo')
			.times(3)
			.reply(() => {
				calls++;
				return [
					429,
					liError(
						429,
						'TOO_MANY_REQUESTS',
						'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
					),
				];
			});
		const error = await runFailing({ resource: 'profile', operation: 'getMe' });
		nock.cleanAll();
		expect(calls).toBe(1);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(
			'LinkedIn daily API limit reached for this app; it resets at midnight UTC',
		);
	});

	it('with continue-on-fail, every item of a failed run gets its own paired error', async () => {
		api()
			.get('/v2/userinfo')
			.times(2)
			.reply(401, liError(401, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked'));
		const { output } = await run({ resource: 'profile', operation: 'getMe' }, items(2), true);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of output[0]) {
			expect(item.json).toMatchObject({
				type: 'CRMAuthenticationError',
				httpStatus: 401,
				platform: 'linkedin',
			});
			expect(String(item.json.error)).toContain(LINKEDIN_CREDENTIAL_NAME);
		}
	});
});
