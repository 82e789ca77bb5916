/**
 * The LinkedIn credential: scopes follow the product switches (resolved by n8n-workflow's own expression
 * engine with `$self`, as n8n does before every sign-in), hosts are settable, the trigger's fields stay.
 */
import { Workflow, type IDataObject, type INodeTypes } from 'n8n-workflow';
import { CrmLinkedInOAuth2Api } from '../../credentials/CrmLinkedInOAuth2Api.credentials';
import { linkedInSettings } from '../../src/providers/linkedin/credential-settings';
import { DEFAULT_LINKEDIN_VERSION } from '../../src/providers/linkedin/endpoints';

const credential = new CrmLinkedInOAuth2Api();

function property(name: string) {
	const found = credential.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

/** The credential's data as n8n sees it: each property's default, overridden by what the user saved. */
function resolved(name: string, saved: IDataObject = {}): unknown {
	const data: IDataObject = {};
	for (const p of credential.properties) data[p.name] = p.default as IDataObject[string];
	Object.assign(data, saved);
	const nodeTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		nodes: [{ id: '1', name: 'Temp', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.expression.getParameterValue(
		data[name] as string,
		null,
		0,
		0,
		'Temp',
		[],
		'internal',
		{},
		undefined,
		false,
		data,
	);
}

describe('CrmLinkedInOAuth2Api', () => {
	it('keeps its name and extends oAuth2Api, so saved credentials and the trigger (clientSecret) keep working', () => {
		expect(credential.name).toBe('crmLinkedInOAuth2Api');
		expect(credential.extends).toEqual(['oAuth2Api']);
		for (const name of ['apiVersion', 'baseUrl']) expect(property(name)).toBeDefined();
	});

	it.each([
		[{}, 'openid profile email w_member_social'],
		[{ memberPosting: false }, 'openid profile email'],
		[{ organizationPosting: true }, 'openid profile email w_member_social w_organization_social'],
		[{ memberPosting: false, leadSync: true }, 'openid profile email r_marketing_leadgen_automation'],
		[
			{ organizationPosting: true, leadSync: true },
			'openid profile email w_member_social w_organization_social r_marketing_leadgen_automation',
		],
	])('scopes for %j: %s', (saved, scopes) => {
		expect(property('scope').type).toBe('hidden');
		expect(resolved('scope', saved)).toBe(scopes);
	});

	it('OAuth endpoints follow the OAuth base URL (the sandbox stands in for www.linkedin.com)', () => {
		expect(resolved('authUrl')).toBe('https://www.linkedin.com/oauth/v2/authorization');
		expect(resolved('accessTokenUrl')).toBe('https://www.linkedin.com/oauth/v2/accessToken');
		expect(resolved('accessTokenUrl', { oauthBaseUrl: 'http://127.0.0.1:9/linkedin' })).toBe(
			'http://127.0.0.1:9/linkedin/oauth/v2/accessToken',
		);
		expect(property('authentication').default).toBe('body');
	});

	it('defaults to a version inside LinkedIn’s one-year window as of November 2026', () => {
		expect(property('apiVersion').default).toBe(DEFAULT_LINKEDIN_VERSION);
		expect(DEFAULT_LINKEDIN_VERSION >= '202512' && DEFAULT_LINKEDIN_VERSION <= '202611').toBe(true);
	});

	it('tests the credential with GET /v2/userinfo on the API base URL', () => {
		expect(credential.test).toEqual({
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/v2/userinfo' },
		});
	});
});

describe('linkedInSettings', () => {
	it('reads hosts and version from the saved credential; empty values fall back to the defaults', () => {
		expect(
			linkedInSettings({
				baseUrl: ' http://127.0.0.1:9/linkedin ',
				oauthBaseUrl: 'http://127.0.0.1:9/linkedin',
				apiVersion: '202609',
				oauthTokenData: { access_token: 'a' },
			}),
		).toEqual({
			provider: {
				baseUrl: 'http://127.0.0.1:9/linkedin',
				oauthBaseUrl: 'http://127.0.0.1:9/linkedin',
				version: '202609',
			},
			credentialOptions: { oauth2: { skipTokenRefresh: true } },
		});
		expect(linkedInSettings({ apiVersion: ' ' }).provider).toEqual({
			baseUrl: undefined,
			oauthBaseUrl: undefined,
			version: undefined,
		});
	});
});
