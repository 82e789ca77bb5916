/** LinkedIn's error envelope → CRMException, one status at a time, without any HTTP. */
import { CrmLinkedInOAuth2Api } from '../../credentials/CrmLinkedInOAuth2Api.credentials';
import {
	CRMAuthenticationError,
	CRMNetworkError,
	CRMNotFoundError,
	CRMValidationError,
} from '../../src/core/errors';
import type { HttpResponse, RequestSpec } from '../../src/core/http';
import { linkedinDialect } from '../../src/providers/linkedin/dialect';
import { DEFAULT_LINKEDIN_VERSION, LINKEDIN_CREDENTIAL_NAME } from '../../src/providers/linkedin/endpoints';
import { liError } from '../helpers/linkedin-fixtures';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

const GET_LEADS: RequestSpec = {
	method: 'GET',
	path: '/rest/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A1)',
	headers: { 'LinkedIn-Version': '202401', 'X-Restli-Protocol-Version': '2.0.0' },
};

describe('LinkedIn dialect', () => {
	it('names the credential type as n8n shows it', () => {
		expect(LINKEDIN_CREDENTIAL_NAME).toBe(new CrmLinkedInOAuth2Api().displayName);
	});

	it.each([
		['EXPIRED_ACCESS_TOKEN', 'LinkedIn access token expired'],
		['REVOKED_ACCESS_TOKEN', 'LinkedIn access token was revoked'],
		['INVALID_ACCESS_TOKEN', 'LinkedIn does not accept this access token'],
		[undefined, 'LinkedIn rejected the credentials'],
		// A code that happens to name an Object.prototype member is still an unknown code.
		['constructor', 'LinkedIn rejected the credentials'],
	])('401 %s → reconnect this credential', (code, start) => {
		const error = linkedinDialect.toError(response(401, code ? liError(401, code, 'x') : {}), GET_LEADS);
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message.startsWith(start)).toBe(true);
		expect(error.message).toContain(`reconnect this credential (${LINKEDIN_CREDENTIAL_NAME})`);
	});

	it('426 names the version that was sent and the one to set', () => {
		const error = linkedinDialect.toError(
			response(426, liError(426, 'NONEXISTENT_VERSION', 'Requested version 202401 is not active')),
			GET_LEADS,
		);
		expect(error.message).toBe(
			'LinkedIn API version 202401 is no longer active (LinkedIn retires versions about a year after release): ' +
				`set API Version in the credential (${LINKEDIN_CREDENTIAL_NAME}) to a current YYYYMM version, e.g. ${DEFAULT_LINKEDIN_VERSION}`,
		);
		expect(error.code).toBe('NONEXISTENT_VERSION');
		// Even a 426 without LinkedIn's body is read as a retired version.
		expect(linkedinDialect.toError(response(426, '<html>'), GET_LEADS).message).toContain(
			'version 202401 is no longer active',
		);
	});

	it('a version newer than LinkedIn knows, or not YYYYMM, says so', () => {
		expect(
			linkedinDialect.toError(response(400, liError(400, 'NONEXISTENT_VERSION', 'no')), GET_LEADS).message,
		).toContain('LinkedIn API version 202401 does not exist');
		expect(
			linkedinDialect.toError(response(400, liError(400, 'INVALID_VERSION', 'no')), GET_LEADS).message,
		).toContain('is not a YYYYMM version');
	});

	it.each([
		['/v2/userinfo', undefined, 'openid profile email', 'Sign In with LinkedIn using OpenID Connect', false],
		['/rest/posts', { author: 'urn:li:person:abc' }, 'w_member_social', 'Share on LinkedIn', false],
		[
			'/rest/posts',
			{ author: 'urn:li:organization:1' },
			'w_organization_social',
			'Community Management API',
			true,
		],
		['/rest/leadForms?q=owner', undefined, 'r_marketing_leadgen_automation', 'Lead Sync API', true],
		['/rest/leadNotifications/3', undefined, 'r_marketing_leadgen_automation', 'Lead Sync API', true],
	])('403 on %s names the scope and product', (path, body, scope, product, approval) => {
		const error = linkedinDialect.toError(
			response(403, liError(403, 'ACCESS_DENIED', 'Not enough permissions', 100)),
			{
				method: body ? 'POST' : 'GET',
				path,
				body,
			},
		);
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toContain(`needs the scope ${scope} from the LinkedIn product "${product}"`);
		expect(error.message.includes('LinkedIn must approve')).toBe(approval);
		expect(error.message).not.toContain('?');
		expect(error.description).toContain('LinkedIn said: Not enough permissions.');
		expect(/administrator of the page|role on the ad account/.test(error.description ?? '')).toBe(approval);
	});

	it('422 carries the field paths; 404 is not-found; 5xx is a network error', () => {
		const invalid = linkedinDialect.toError(
			response(422, {
				...liError(422, 'UNPROCESSABLE_ENTITY', 'ERROR :: /visibility :: bad'),
				errorDetails: {
					inputErrors: [
						{ description: 'bad', code: 'INVALID_VALUE', input: { inputPath: { fieldPath: '/visibility' } } },
					],
				},
			}),
			{ method: 'POST', path: '/rest/posts' },
		);
		expect(invalid).toBeInstanceOf(CRMValidationError);
		expect(invalid.message).toBe('LinkedIn rejected the input: visibility: bad');
		expect(linkedinDialect.toError(response(404, liError(404, 'NOT_FOUND', 'x')), GET_LEADS)).toBeInstanceOf(
			CRMNotFoundError,
		);
		expect(linkedinDialect.toError(response(503, 'busy'), GET_LEADS)).toBeInstanceOf(CRMNetworkError);
	});

	it('a daily 429 (LinkedIn sends no headers) is not retried; one with a Retry-After and no DAY is', () => {
		const member = linkedinDialect.rateLimited(
			response(
				429,
				liError(
					429,
					'TOO_MANY_REQUESTS',
					'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
				),
			),
		);
		expect(member).toMatchObject({ retry: false, policy: 'daily' });
		expect(member.message).toContain('for this member; it resets at midnight UTC');
		const app = linkedinDialect.rateLimited(
			response(429, liError(429, 'TOO_MANY_REQUESTS', 'Resource level throttle APPLICATION DAY limit')),
		);
		expect(app.message).toContain('for this app;');
		expect(linkedinDialect.rateLimited(response(429, undefined))).toMatchObject({
			retry: false,
			policy: 'daily',
		});
		expect(
			linkedinDialect.rateLimited(
				response(429, liError(429, 'TOO_MANY_REQUESTS', 'slow down'), { 'retry-after': '2' }),
			),
		).toMatchObject({
			retry: true,
		});
	});
});
