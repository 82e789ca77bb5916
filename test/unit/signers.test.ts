/**
 * test/helpers/signers.ts plays the platforms in the e2e and unit tests. It is written independently of
 * src/core/signatures.ts on purpose; these tests prove the two agree on genuine requests (and disagree on
 * tampered ones), so a failing e2e check points at the trigger, not at the test's own signing.
 */
import {
	verifyGenericHmac,
	verifyHubSpot,
	verifyHubSpotV1,
	verifyHubSpotV2,
	verifyLinkedIn,
	linkedInChallengeResponse as coreChallengeResponse,
} from '../../src/core/signatures';
import {
	apolloUrl,
	genericHmac,
	hubspotV1,
	hubspotV2,
	hubspotV3,
	hubspotV3WithV1,
	linkedIn,
	linkedInChallengeResponse,
	withoutHubspotV3,
} from '../helpers/signers';

const SECRET = 'test-signing-secret-not-real';
const BODY = '[{"eventId":1,"subscriptionType":"contact.creation"}]';
const raw = Buffer.from(BODY);
const NOW = 1_750_000_000_000;

describe('test signers agree with the core verifiers', () => {
	it('HubSpot v1 and v2', () => {
		expect(verifyHubSpotV1({ rawBody: raw, headers: hubspotV1(SECRET, BODY), clientSecret: SECRET }).ok).toBe(
			true,
		);
		const url = 'https://n8n.example.com/webhook/abc?x=1';
		const headers = hubspotV2(SECRET, { url, body: BODY });
		expect(verifyHubSpotV2({ rawBody: raw, headers, clientSecret: SECRET, method: 'POST', url }).ok).toBe(
			true,
		);
		expect(
			verifyHubSpotV1({ rawBody: raw, headers: hubspotV1('other', BODY), clientSecret: SECRET }).ok,
		).toBe(false);
	});

	it('HubSpot v3, the URL signed with the escapes HubSpot decodes', () => {
		const url = 'https://n8n.example.com/webhook/abc?src=a%3Ab%40c&q=%20';
		const headers = hubspotV3(SECRET, { url, body: BODY, timestamp: NOW - 1000 });
		const request = { rawBody: raw, headers, method: 'POST', url, clientSecret: SECRET, now: NOW };
		expect(verifyHubSpot(request, 'v3').ok).toBe(true);
		expect(verifyHubSpot({ ...request, rawBody: Buffer.from(`${BODY} `) }, 'v3').ok).toBe(false);
	});

	it('HubSpot v3 + v1 as HubSpot sends them, and the downgrade that strips v3', () => {
		const url = 'https://n8n.example.com/webhook/abc';
		const both = hubspotV3WithV1(SECRET, { url, body: BODY, timestamp: NOW });
		expect(Object.keys(both).map((k) => k.toLowerCase())).toEqual(
			expect.arrayContaining([
				'x-hubspot-signature',
				'x-hubspot-signature-v3',
				'x-hubspot-request-timestamp',
			]),
		);
		const stripped = withoutHubspotV3(both);
		expect(Object.keys(stripped).map((k) => k.toLowerCase())).not.toContain('x-hubspot-signature-v3');
		expect(Object.keys(stripped).map((k) => k.toLowerCase())).not.toContain('x-hubspot-request-timestamp');
		expect(verifyHubSpotV1({ rawBody: raw, headers: stripped, clientSecret: SECRET }).ok).toBe(true);
	});

	it('LinkedIn: X-LI-Signature and the challenge answer', () => {
		expect(verifyLinkedIn({ rawBody: raw, headers: linkedIn(SECRET, BODY), clientSecret: SECRET }).ok).toBe(
			true,
		);
		expect(verifyLinkedIn({ rawBody: raw, headers: linkedIn('other', BODY), clientSecret: SECRET }).ok).toBe(
			false,
		);
		const code = '0f8fad5b-d9cb-469f-a165-70867728950e';
		expect(linkedInChallengeResponse(SECRET, code)).toBe(coreChallengeResponse(code, SECRET));
	});

	it('generic HMAC over timestamp + body and over the body', () => {
		const seconds = Math.floor(NOW / 1000);
		const signedTimestamp = genericHmac({
			secret: SECRET,
			body: BODY,
			prefix: 'sha256=',
			timestamp: seconds,
		});
		const base = {
			rawBody: raw,
			secret: SECRET,
			now: NOW,
			headerName: 'X-Signature',
			algorithm: 'sha256' as const,
			encoding: 'hex' as const,
			prefix: 'sha256=',
		};
		expect(
			verifyGenericHmac({
				...base,
				headers: signedTimestamp,
				timestampHeader: 'X-Timestamp',
				signed: 'timestamp+body',
				separator: '.',
			}).ok,
		).toBe(true);
		const bodyOnly = genericHmac({
			secret: SECRET,
			body: BODY,
			prefix: 'sha256=',
			encoding: 'base64',
			algorithm: 'sha512',
		});
		expect(
			verifyGenericHmac({
				...base,
				algorithm: 'sha512',
				encoding: 'base64',
				headers: bodyOnly,
				signed: 'body',
			}).ok,
		).toBe(true);
	});

	it('Apollo: the token rides in the callback URL', () => {
		expect(apolloUrl('https://n8n.example.com/webhook/x', 'a b&c')).toBe(
			'https://n8n.example.com/webhook/x?token=a+b%26c',
		);
		expect(apolloUrl('https://n8n.example.com/webhook/x?k=1', 't', 'secret')).toBe(
			'https://n8n.example.com/webhook/x?k=1&secret=t',
		);
	});
});
