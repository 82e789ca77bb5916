/**
 * The LinkedIn provider through n8n's own request helper (n8n-core, axios, OAuth2 signing), as a LinkedIn
 * node will use it: the Rest.li query must reach the wire exactly as LinkedIn documents it, the version
 * headers must survive, the bearer token must come from the credential, and the introspection form must
 * go out form-encoded. A probe node stands in for the node, which is built elsewhere.
 */
import nock from 'nock';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { collect } from '../../src/core/provider';
import { n8nClock } from '../../src/n8n/clock';
import { n8nTransport } from '../../src/n8n/transport';
import {
	linkedInSettings,
	type LinkedInCredentialData,
} from '../../src/providers/linkedin/credential-settings';
import { LinkedInProvider } from '../../src/providers/linkedin/provider';
import { linkedInCredentialOptions } from '../../src/providers/linkedin/refresh-policy';
import {
	ACCOUNT_OWNER_QUERY,
	LI_API,
	LI_OAUTH,
	LI_SECRET,
	LI_TOKEN,
	LI_VERSION,
	leadForm,
	leadResponse,
	liError,
} from '../helpers/linkedin-fixtures';
import { runNode } from '../helpers/n8n-workflow-run';

const probe: INodeType = {
	description: {
		displayName: 'LinkedIn Probe',
		name: 'linkedInProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'LinkedIn Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'crmLinkedInOAuth2Api', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials<{
			apiVersion: string;
			baseUrl: string;
			oauthBaseUrl: string;
			clientId: string;
			clientSecret: string;
		}>('crmLinkedInOAuth2Api');
		const provider = new LinkedInProvider({
			transport: n8nTransport(this, 'crmLinkedInOAuth2Api'),
			clock: n8nClock,
			baseUrl: credentials.baseUrl,
			oauthBaseUrl: credentials.oauthBaseUrl,
			version: credentials.apiVersion,
		});
		const leads = await collect(
			provider.getLeads({
				owner: { kind: 'sponsoredAccount', id: '5100001' },
				submittedAfter: new Date(1000),
			}),
		);
		const token = await provider.checkToken({
			clientId: credentials.clientId,
			clientSecret: credentials.clientSecret,
			accessToken: LI_TOKEN,
		});
		return [
			[...leads.map((lead) => ({ json: lead as never })), { json: { daysLeft: token.daysLeft ?? null } }],
		];
	},
};

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

it('sends Rest.li queries, version headers, the bearer token and the introspection form through n8n unchanged', async () => {
	const uris: string[] = [];
	nock(LI_API, {
		reqheaders: {
			authorization: `Bearer ${LI_TOKEN}`,
			'linkedin-version': LI_VERSION,
			'x-restli-protocol-version': '2.0.0',
		},
	})
		.get((uri) => {
			if (uri.includes('?')) uris.push(uri);
			return uri.startsWith('/rest/leadFormResponses');
		})
		.reply(200, { elements: [leadResponse(1)], paging: { start: 0, count: 100, total: 1 } })
		.get('/rest/leadForms/7001')
		.reply(200, leadForm());
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
				{ active: true, status: 'active', expires_at: Math.floor(Date.now() / 1000) + 5 * 86_400 + 600 },
			];
		});

	const result = await runNode({
		nodeType: probe,
		parameters: {},
		items: [{ json: {} }],
		credentials: {
			crmLinkedInOAuth2Api: {
				clientId: 'client-1',
				clientSecret: LI_SECRET,
				oauthTokenData: { access_token: LI_TOKEN, token_type: 'Bearer' } as never,
			},
		},
	});

	expect(result.error).toBeUndefined();
	expect(uris).toEqual([
		`/rest/leadFormResponses?q=owner&owner=${ACCOUNT_OWNER_QUERY}&leadType=(leadType:SPONSORED)` +
			'&limitedToTestLeads=false&submittedAtTimeRange=(start:1000)&start=0&count=100',
	]);
	expect(type).toContain('application/x-www-form-urlencoded');
	expect(Object.fromEntries(new URLSearchParams(form))).toEqual({
		client_id: 'client-1',
		client_secret: LI_SECRET,
		token: LI_TOKEN,
	});
	expect(result.output[0].map((item) => item.json.email ?? item.json.daysLeft)).toEqual([
		'lead1@example.com',
		5,
	]);
});

/** Reads the signed-in member the way a LinkedIn node does, and reports what it got or what failed. */
const getMe: INodeType = {
	description: { ...probe.description, displayName: 'LinkedIn Me Probe', name: 'linkedInMeProbe' },
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// As a LinkedIn node builds its provider: hosts, version and the refresh policy from the credential.
		const settings = linkedInSettings(
			await this.getCredentials<LinkedInCredentialData>('crmLinkedInOAuth2Api'),
		);
		const provider = new LinkedInProvider({
			transport: n8nTransport(this, 'crmLinkedInOAuth2Api', settings.credentialOptions),
			clock: n8nClock,
			...settings.provider,
		});
		try {
			return [[{ json: (await provider.getMe()) as never }]];
		} catch (error) {
			const { name, message } = error as Error;
			return [[{ json: { name, message } }]];
		}
	},
};

describe('an expired token of a standard app (no refresh token) inside n8n', () => {
	it('comes back as "reconnect this credential" after one request, not as n8n\'s failed refresh retried as a lost connection', async () => {
		let calls = 0;
		nock(LI_API)
			.get('/v2/userinfo')
			.times(6)
			.reply(() => {
				calls++;
				return [
					401,
					liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602),
				];
			});
		const result = await runNode({
			nodeType: getMe,
			parameters: {},
			items: [{ json: {} }],
			credentials: {
				crmLinkedInOAuth2Api: {
					clientId: 'client-1',
					clientSecret: LI_SECRET,
					oauthTokenData: { access_token: LI_TOKEN } as never,
				},
			},
		});
		nock.cleanAll();
		expect(result.output[0][0].json).toEqual({
			name: 'CRMAuthenticationError',
			message:
				'LinkedIn access token expired: reconnect this credential (CRM Bridge LinkedIn OAuth2 API). ' +
				'Standard LinkedIn apps get no refresh token, so a token lasts 60 days and then needs a new sign-in',
		});
		expect(calls).toBe(1);
	});

	it("keeps n8n's refresh for apps LinkedIn approved for programmatic refresh (they hold a refresh token)", () => {
		expect(linkedInCredentialOptions({ oauthTokenData: { access_token: 'a', refresh_token: 'r' } })).toEqual({
			oauth2: { skipTokenRefresh: false },
		});
		expect(linkedInCredentialOptions({ oauthTokenData: { access_token: 'a' } })).toEqual({
			oauth2: { skipTokenRefresh: true },
		});
		expect(linkedInCredentialOptions({})).toEqual({ oauth2: { skipTokenRefresh: true } });
	});
});
