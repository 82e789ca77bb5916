/** Apollo's error bodies → the CRMException hierarchy, through the core's HTTP layer (which redacts). */
import {
	CRMAuthenticationError,
	CRMException,
	CRMNotFoundError,
	CRMRateLimitError,
	CRMValidationError,
} from '../../src/core/errors';
import { HttpClient, type HttpResponse } from '../../src/core/http';
import { apolloDialect, fieldOf } from '../../src/providers/apollo/dialect';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, json } from '../helpers/fake-transport';

const KEY = 'fake-apollo-key-0000-test-only-1234';

async function errorFor(response: HttpResponse, path = '/people/match'): Promise<CRMException> {
	const clock = new FakeClock();
	const transport = new FakeTransport(clock).enqueue(response);
	const http = new HttpClient({
		baseUrl: 'https://api.apollo.io/api/v1',
		transport: transport.send,
		clock,
		dialect: apolloDialect,
		retry: { maxRetries: 0 },
	});
	try {
		await http.request({ method: 'POST', path, body: {} });
	} catch (error) {
		expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(KEY);
		return error as CRMException;
	}
	throw new Error('expected a rejection');
}

describe('apolloDialect', () => {
	it('401: the key was refused, without repeating what the server echoed', async () => {
		const error = await errorFor(
			json(401, { error: `Invalid access credentials for x-api-key: ${KEY}`, error_code: 'INVALID_API_KEY' }),
		);
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toBe(
			'Apollo rejected the API key (INVALID_API_KEY): check the Apollo API credential',
		);
	});

	it('403: says a master key is needed and how to get one', async () => {
		const error = await errorFor(
			json(403, {
				error: 'api/v1/mixed_people/api_search is not accessible with this api_key',
				error_code: 'API_INACCESSIBLE',
			}),
			'/mixed_people/api_search',
		);
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toMatch(/POST \/mixed_people\/api_search: this endpoint needs a master API key/);
		expect(error.description).toMatch(/master key/);
	});

	it.each([
		['Too many details provided: 11. The maximum is 10.', 'details'],
		['contact_attributes[3].id is required', 'contact_attributes[3].id'],
		["Please add a valid 'webhook_url' parameter when using 'reveal_phone_number'.", 'webhook_url'],
		['per_page must be an integer between 1 and 100', 'per_page'],
	])('422/400 %j names the field %s', async (message, field) => {
		const error = await errorFor(json(422, { error: message, error_code: 'UNPROCESSABLE_ENTITY' }));
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields[0].field).toBe(field);
		expect(fieldOf(message)).toBe(field);
	});

	it('422 INSUFFICIENT_CREDITS is about the account, not the input', async () => {
		const error = await errorFor(
			json(422, {
				error: 'Insufficient credits: this request needs 9 and the account has 2.',
				error_code: 'INSUFFICIENT_CREDITS',
			}),
		);
		expect(error).not.toBeInstanceOf(CRMValidationError);
		expect(error.message).toMatch(/too few credits/);
		expect(error.code).toBe('INSUFFICIENT_CREDITS');
	});

	it('404 on a contact names the resource', async () => {
		const error = await errorFor(
			json(404, { error: 'Contact not found', error_code: 'NOT_FOUND' }),
			'/contacts/abc',
		);
		expect(error).toBeInstanceOf(CRMNotFoundError);
		expect((error as CRMNotFoundError).resource).toBe('contact');
	});

	it('an HTML page from a proxy is reported by status without its text', async () => {
		const error = await errorFor({
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: `<h1>Bad gateway</h1> x-api-key: ${KEY}`,
		});
		expect(error.message).toBe('Apollo failed with HTTP 502: HTTP 502');
	});
});

describe('apolloDialect.rateLimited', () => {
	const date = 'Sun, 29 Nov 2026 21:00:00 GMT';

	it('a minute window is retried', () => {
		const verdict = apolloDialect.rateLimited(
			json(429, {
				error: 'The maximum number of api calls allowed for api/v1/people/match is 50 times per minute.',
				rate_limit_window: 'minute',
				limit: 50,
				retry_after_seconds: 12,
			}),
		);
		expect(verdict).toMatchObject({ retry: true, policy: 'minutely', retryAfterMs: 12_000 });
	});

	it('a spent day stops and says when it resets, from the answer time and Retry-After', () => {
		const verdict = apolloDialect.rateLimited(
			json(429, { rate_limit_window: 'daily', limit: 600 }, { date, 'retry-after': '7200' }),
		);
		expect(verdict.retry).toBe(false);
		expect(verdict.policy).toBe('daily');
		expect(verdict.message).toBe(
			'Apollo daily API limit reached (600 per day); it resets at 2026-11-29T23:00:00.000Z (in 2 h)',
		);
	});

	it('without a body the headers tell which window is spent (the older 24-hour names too)', () => {
		const hourly = apolloDialect.rateLimited(
			json(429, '', {
				'x-rate-limit-hourly': '200',
				'x-hourly-requests-left': '0',
				'x-minute-requests-left': '10',
			}),
		);
		expect(hourly).toMatchObject({ retry: false, policy: 'hourly' });
		expect(hourly.message).toMatch(/it resets within the hour/);
		const daily = apolloDialect.rateLimited(
			json(429, undefined, { 'x-rate-limit-24-hour': '600', 'x-24-hour-requests-left': '0' }),
		);
		expect(daily).toMatchObject({ retry: false, policy: 'daily' });
	});

	it('the message wording is the last resort', () => {
		const verdict = apolloDialect.rateLimited(
			json(429, {
				error: 'The maximum number of api calls allowed for api/v1/contacts is 400 times per hour.',
			}),
		);
		expect(verdict.policy).toBe('hourly');
	});

	it('an unexplained 429 is retried', () => {
		expect(apolloDialect.rateLimited(json(429, {}))).toMatchObject({ retry: true, policy: 'unknown' });
	});
});

describe('through the HTTP layer', () => {
	it('a daily 429 becomes a CRMRateLimitError with the reset time and no retry', async () => {
		const error = await errorFor(
			json(
				429,
				{ rate_limit_window: 'daily', limit: 600 },
				{ date: 'Sun, 29 Nov 2026 21:00:00 GMT', 'retry-after': '3600' },
			),
		);
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('daily');
		expect((error as CRMRateLimitError).retryAfterMs).toBe(3_600_000);
		expect(error.message).toMatch(/resets at 2026-11-29T22:00:00.000Z/);
	});
});
