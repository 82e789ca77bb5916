import { versionOf } from '../../sandbox/linkedin/config';
import { ACCOUNT_OWNER, startLinkedIn, VERSION, type LinkedInClient } from './linkedin-client';

let client: LinkedInClient;

beforeAll(async () => {
	client = await startLinkedIn();
});
afterAll(() => client.sandbox.close());
beforeEach(() => client.sandbox.reset());

const FORMS = `/rest/leadForms?q=owner&owner=${ACCOUNT_OWNER}`;
const restli = (version?: string) => ({
	...(version === undefined ? {} : { 'LinkedIn-Version': version }),
	'X-Restli-Protocol-Version': '2.0.0',
});

describe('LinkedIn sandbox: LinkedIn-Version and Rest.li protocol headers', () => {
	it('accepts every version from twelve months back to this month, with or without a .RR revision', async () => {
		for (const version of [versionOf(Date.now(), 12), VERSION, `${VERSION}.01`, versionOf(Date.now())]) {
			const response = await client.li('GET', FORMS, undefined, { headers: restli(version) });
			expect([version, response.status]).toEqual([version, 200]);
		}
	});

	it('answers 400 VERSION_MISSING without the header', async () => {
		const response = await client.li('GET', FORMS, undefined, { headers: restli() });
		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({ status: 400, code: 'VERSION_MISSING' });
		expect(response.body.message).toContain('LinkedIn-Version');
	});

	it('answers 426 NONEXISTENT_VERSION "Requested version … is not active" for a retired version', async () => {
		const retired = versionOf(Date.now(), 13);
		const response = await client.li('POST', '/rest/posts', {}, { headers: restli(retired) });
		expect(response.status).toBe(426);
		expect(response.body).toEqual({
			status: 426,
			serviceErrorCode: 0,
			code: 'NONEXISTENT_VERSION',
			message: `Requested version ${retired} is not active`,
		});
	});

	it('follows the configured window: retiring a version later makes it 426', async () => {
		client.sandbox.configure({ linkedin: { versions: { oldestActive: versionOf(Date.now()) } } });
		expect((await client.li('GET', FORMS)).status).toBe(426);
	});

	it('answers 400 for a future or malformed version', async () => {
		const future = await client.li('GET', FORMS, undefined, { headers: restli(versionOf(Date.now(), -1)) });
		expect(future.status).toBe(400);
		expect(future.body.code).toBe('NONEXISTENT_VERSION');
		const malformed = await client.li('GET', FORMS, undefined, { headers: restli('2025-01') });
		expect(malformed.status).toBe(400);
		expect(malformed.body.code).toBe('INVALID_VERSION');
	});

	it('answers 400 without X-Restli-Protocol-Version: 2.0.0', async () => {
		const response = await client.li('GET', FORMS, undefined, { headers: { 'LinkedIn-Version': VERSION } });
		expect(response.status).toBe(400);
		expect(response.body.code).toBe('INVALID_PROTOCOL_VERSION');
	});

	it('does not version /v2/userinfo', async () => {
		expect((await client.li('GET', '/v2/userinfo', undefined, { headers: null })).status).toBe(200);
	});

	it('rejects an invalid version window in the config', async () => {
		const response = await client.control('GET', '/data');
		expect(response.status).toBe(200);
		const bad = await fetch(`${client.sandbox.url}/__sandbox/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ linkedin: { versions: { oldestActive: '2026-01' } } }),
		});
		expect(bad.status).toBe(400);
		const after = await fetch(`${client.sandbox.url}/__sandbox/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ linkedin: { versions: { latest: '202001' } } }),
		});
		expect(after.status).toBe(400);
	});
});
