import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import type { IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import {
	CRMAuthenticationError,
	CRMCancelledError,
	CRMConflictError,
	CRMException,
	CRMNetworkError,
	CRMNotFoundError,
	CRMRateLimitError,
	CRMUnexpectedResponseError,
	CRMValidationError,
} from '../../src/core/errors';
import { createFetchTransport } from '../../src/core/fetch-transport';
import {
	HttpClient,
	parseRetryAfter,
	type HttpResponse,
	type RateGovernor,
	type RetryOptions,
} from '../../src/core/http';
import { n8nTransport } from '../../src/n8n/transport';
import { hubspotDialect } from '../../src/providers/hubspot/dialect';
import { FakeClock } from '../helpers/fake-clock';
import { FakeTransport, hang, json } from '../helpers/fake-transport';

const BASE = 'https://api.hubapi.com';
const CONTACTS = '/crm/v3/objects/contacts';

function setup(
	options: {
		random?: number | (() => number);
		retry?: Partial<RetryOptions>;
		signal?: AbortSignal;
		manualClock?: boolean;
		governor?: RateGovernor;
	} = {},
) {
	const clock = new FakeClock(FakeClock.START, { manual: options.manualClock });
	const transport = new FakeTransport(clock);
	const random = options.random ?? 0.5;
	const client = new HttpClient({
		baseUrl: `${BASE}/`,
		transport: transport.send,
		clock,
		dialect: hubspotDialect,
		random: typeof random === 'number' ? () => random : random,
		retry: options.retry,
		signal: options.signal,
		governor: options.governor,
	});
	return { clock, transport, client };
}

/** The promise's rejection, failing the test if it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<CRMException> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(CRMException);
		return error as CRMException;
	}
	throw new Error('expected the request to fail, but it succeeded');
}

function rateLimited(policyName: string, headers: Record<string, string> = {}): HttpResponse {
	return json(
		429,
		{
			status: 'error',
			message: 'You have reached your ten_secondly_rolling limit.',
			errorType: 'RATE_LIMIT',
			correlationId: 'c0ffee00-0000-4000-8000-000000000429',
			policyName,
		},
		headers,
	);
}

function serverError(status: number, headers: Record<string, string> = {}): HttpResponse {
	return json(status, { status: 'error', message: 'internal error', correlationId: 'c0ffee00-5xx' }, headers);
}

function connectionReset(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

const CONTACT = { id: '501', properties: { email: 'ada@example.com' } };

describe('HttpClient: answers', () => {
	it('returns a 2xx response as it is, sending to base URL + path, once and without waiting', async () => {
		const { client, transport, clock } = setup();
		transport.enqueue(json(200, CONTACT, { 'x-hubspot-ratelimit-remaining': '99' }));

		const response = await client.request({ method: 'GET', path: `${CONTACTS}/501`, query: { properties: 'email' } });

		expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'x-hubspot-ratelimit-remaining': '99' }, body: CONTACT });
		expect(transport.calls).toBe(1);
		expect(transport.sent[0].request).toEqual({
			method: 'GET',
			url: 'https://api.hubapi.com/crm/v3/objects/contacts/501',
			query: { properties: 'email' },
			body: undefined,
			headers: undefined,
		});
		expect(clock.sleeps).toEqual([]);
		expect(client.stats).toEqual({ requests: 1, retries: 0, waitedMs: 0 });
	});

	it('keeps an absolute URL as given', async () => {
		const { client, transport } = setup();
		transport.enqueue(json(200, {}));
		await client.request({ method: 'GET', path: 'https://api.hubapi.com/oauth/v1/access-tokens/x' });
		expect(transport.sent[0].request.url).toBe('https://api.hubapi.com/oauth/v1/access-tokens/x');
	});

	it.each([201, 204, 207])('returns %i (a 2xx) without retrying', async (status) => {
		const { client, transport } = setup();
		transport.enqueue(json(status, { results: [] }));
		const response = await client.request({ method: 'POST', path: `${CONTACTS}/batch/create`, body: { inputs: [] } });
		expect(response.status).toBe(status);
		expect(transport.calls).toBe(1);
	});

	it('returns an accepted non-2xx status as an answer', async () => {
		const { client, transport, clock } = setup();
		transport.enqueue(json(404, { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' }));

		const response = await client.request({ method: 'GET', path: `${CONTACTS}/999`, accept: [404] });

		expect(response.status).toBe(404);
		expect(response.body).toEqual({ status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' });
		expect(transport.calls).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('an accept list does not turn other failures into answers', async () => {
		const { client, transport } = setup();
		transport.enqueue(json(403, { status: 'error', message: 'missing scopes', category: 'MISSING_SCOPES' }));
		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/1`, accept: [404] }));
		expect(error).toBeInstanceOf(CRMAuthenticationError);
	});
});

describe('HttpClient: 4xx are thrown as the matching CRMException, never retried', () => {
	it.each([
		[400, 'POST', { status: 'error', message: 'Invalid input JSON', category: 'VALIDATION_ERROR' }, CRMValidationError],
		[401, 'GET', { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' }, CRMAuthenticationError],
		[403, 'GET', { status: 'error', message: 'This app hasn\'t been granted all required scopes', category: 'MISSING_SCOPES' }, CRMAuthenticationError],
		[404, 'GET', { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' }, CRMNotFoundError],
		[409, 'POST', { status: 'error', message: 'Contact already exists. Existing ID: 123', category: 'CONFLICT' }, CRMConflictError],
		[422, 'PATCH', { status: 'error', message: 'unprocessable', category: 'VALIDATION_ERROR' }, CRMValidationError],
	] as const)('%i → %s', async (status, method, body, type) => {
		const { client, transport, clock } = setup();
		transport.enqueue(json(status, { ...body, correlationId: 'corr-4xx' }), json(200, {}));

		const error = await rejectionOf(client.request({ method, path: `${CONTACTS}/42`, idempotent: true }));

		expect(error).toBeInstanceOf(type);
		expect(error.constructor).toBe(type);
		expect(error.name).toBe(type.name);
		expect(error.httpStatus).toBe(status);
		expect(error.platform).toBe('hubspot');
		expect(error.correlationId).toBe('corr-4xx');
		expect(error.code).toBe(body.category);
		expect(error.retryable).toBe(false);
		expect(transport.calls).toBe(1);
		expect(transport.remaining).toBe(1);
		expect(clock.sleeps).toEqual([]);
		expect(client.stats.retries).toBe(0);
	});

	it('409 carries the existing record id parsed from the message', async () => {
		const { client, transport } = setup();
		transport.enqueue(
			json(409, { status: 'error', message: 'Contact already exists. Existing ID: 123', correlationId: 'corr-409', category: 'CONFLICT' }),
		);

		const error = await rejectionOf(
			client.request({ method: 'POST', path: CONTACTS, body: { properties: { email: 'ada@example.com' } } }),
		);

		expect(error).toBeInstanceOf(CRMConflictError);
		expect((error as CRMConflictError).existingId).toBe('123');
		expect(error.message).toBe('Contact already exists in HubSpot (existing ID: 123)');
	});

	it('409 without an id in the message leaves existingId unset', async () => {
		const { client, transport } = setup();
		transport.enqueue(json(409, { status: 'error', message: 'Version conflict', category: 'CONFLICT' }));
		const error = (await rejectionOf(client.request({ method: 'POST', path: CONTACTS }))) as CRMConflictError;
		expect(error.existingId).toBeUndefined();
		expect(error.message).toBe('HubSpot reported a conflict: Version conflict');
	});

	it('400 "Property values were not valid" yields field errors naming the field', async () => {
		const { client, transport } = setup();
		const invalid = [
			{ isValid: false, message: 'Email address ada@@example is invalid', error: 'INVALID_EMAIL', name: 'email' },
			{ isValid: false, message: '"soon" is not a valid date', error: 'INVALID_DATE', name: 'birthdate' },
		];
		transport.enqueue(
			json(400, {
				status: 'error',
				message: `Property values were not valid: ${JSON.stringify(invalid)}`,
				correlationId: 'corr-400',
				category: 'VALIDATION_ERROR',
			}),
		);

		const error = await rejectionOf(
			client.request({ method: 'POST', path: CONTACTS, body: { properties: { email: 'ada@@example', birthdate: 'soon' } } }),
		);

		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields).toEqual([
			{ field: 'email', message: 'Email address ada@@example is invalid', code: 'INVALID_EMAIL' },
			{ field: 'birthdate', message: '"soon" is not a valid date', code: 'INVALID_DATE' },
		]);
		expect(error.message).toBe(
			'HubSpot rejected the input: email: Email address ada@@example is invalid; birthdate: "soon" is not a valid date',
		);
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(transport.calls).toBe(1);
	});

	it('401 with an expired token says to reconnect', async () => {
		const { client, transport } = setup();
		transport.enqueue(json(401, { status: 'error', message: 'The OAuth token used to make this call expired', category: 'EXPIRED_AUTHENTICATION' }));
		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/1` }));
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.message).toBe('HubSpot access token expired; reconnect the credential');
	});
});

describe('HttpClient: 429', () => {
	it('TEN_SECONDLY_ROLLING is retried after one equal-jitter backoff step', async () => {
		const { client, transport, clock } = setup({ random: 0.5 });
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING'), json(200, CONTACT));

		const response = await client.request({ method: 'GET', path: `${CONTACTS}/501` });

		expect(response.body).toEqual(CONTACT);
		// step 500 ms: 250 fixed + 0.5 × 250 jitter
		expect(clock.sleeps).toEqual([375]);
		expect(transport.sent.map((s) => s.at - clock.start)).toEqual([0, 375]);
		expect(client.stats).toEqual({ requests: 2, retries: 1, waitedMs: 375 });
	});

	it('waits at least a Retry-After given in seconds', async () => {
		const { client, transport, clock } = setup({ random: 1 });
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '3' }), json(200, CONTACT));

		await client.request({ method: 'GET', path: `${CONTACTS}/501` });

		expect(clock.sleeps).toEqual([3000]);
		expect(transport.sent[1].at - transport.sent[0].at).toBe(3000);
	});

	it('waits at least a Retry-After given as an HTTP date', async () => {
		const { client, transport, clock } = setup({ random: 1 });
		const at = new Date(clock.now() + 7000).toUTCString();
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': at }), json(200, CONTACT));

		await client.request({ method: 'GET', path: `${CONTACTS}/501` });

		expect(clock.sleeps).toEqual([7000]);
		expect(transport.sent[1].at - transport.sent[0].at).toBe(7000);
	});

	it('a Retry-After shorter than the backoff step still waits the backoff', async () => {
		const { client, transport, clock } = setup({ random: 1 });
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '0' }), json(200, CONTACT));
		await client.request({ method: 'GET', path: `${CONTACTS}/501` });
		expect(clock.sleeps).toEqual([500]);
	});

	it('SECONDLY waits the one-second window', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		transport.enqueue(rateLimited('SECONDLY'), json(200, {}));
		await client.request({ method: 'POST', path: `${CONTACTS}/search`, bucket: 'search' });
		expect(clock.sleeps).toEqual([1000]);
	});

	it('SECONDLY with a longer Retry-After still honours the header', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		transport.enqueue(rateLimited('SECONDLY', { 'retry-after': '4' }), json(200, {}));
		await client.request({ method: 'POST', path: `${CONTACTS}/search`, bucket: 'search' });
		expect(clock.sleeps).toEqual([4000]);
	});

	it('a Retry-After above maxRetryAfterMs is reported at once, with retryAfterMs set', async () => {
		const { client, transport, clock } = setup({ retry: { maxRetryAfterMs: 30_000 } });
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '45' }), json(200, CONTACT));

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).retryAfterMs).toBe(45_000);
		expect((error as CRMRateLimitError).policy).toBe('ten-secondly');
		expect(error.httpStatus).toBe(429);
		expect(error.retryable).toBe(true);
		expect(transport.calls).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('a Retry-After exactly at maxRetryAfterMs is still slept through', async () => {
		const { client, transport, clock } = setup({ retry: { maxRetryAfterMs: 30_000 } });
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '30' }), json(200, CONTACT));
		await client.request({ method: 'GET', path: `${CONTACTS}/501` });
		expect(clock.sleeps).toEqual([30_000]);
	});

	it('DAILY is thrown at once, never retried', async () => {
		const { client, transport, clock } = setup();
		transport.enqueue(rateLimited('DAILY'), json(200, CONTACT));

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('daily');
		expect(error.message).toBe('HubSpot daily API limit reached; it resets at midnight in the account time zone');
		expect(error.code).toBe('RATE_LIMIT');
		expect(transport.calls).toBe(1);
		expect(transport.remaining).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('exhausted retries end in CRMRateLimitError after maxRetries + 1 sends', async () => {
		const { client, transport, clock } = setup({ random: 0, retry: { maxRetries: 3 } });
		transport.enqueue(...Array.from({ length: 4 }, () => rateLimited('TEN_SECONDLY_ROLLING')), json(200, CONTACT));

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMRateLimitError);
		expect((error as CRMRateLimitError).policy).toBe('ten-secondly');
		expect(error.message).toBe('HubSpot rate limit reached (TEN_SECONDLY_ROLLING)');
		expect(transport.calls).toBe(4);
		expect(clock.sleeps).toEqual([250, 500, 1000]);
		expect(client.stats).toEqual({ requests: 4, retries: 3, waitedMs: 1750 });
	});

	it('a 429 on a non-idempotent POST is retried: it was refused before any work was done', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		const body = { properties: { email: 'ada@example.com' } };
		transport.enqueue(rateLimited('TEN_SECONDLY_ROLLING'), json(201, CONTACT));
		const recover = jest.fn(async () => 'resend' as const);

		const response = await client.request({ method: 'POST', path: CONTACTS, body, recover });

		expect(response.status).toBe(201);
		expect(transport.calls).toBe(2);
		expect(transport.sent[1].request.body).toEqual(body);
		expect(recover).not.toHaveBeenCalled();
		expect(clock.sleeps).toEqual([250]);
	});
});

describe('HttpClient: 5xx', () => {
	it.each([
		[0, [250, 500, 1000, 2000, 4000]],
		[1, [500, 1000, 2000, 4000, 8000]],
	])('random=%d gives the %s end of each doubling step', async (random, waits) => {
		const { client, transport, clock } = setup({ random });
		transport.enqueue(...Array.from({ length: 5 }, () => serverError(503)), json(200, CONTACT));

		const response = await client.request({ method: 'GET', path: `${CONTACTS}/501` });

		expect(response.status).toBe(200);
		expect(clock.sleeps).toEqual(waits);
		expect(transport.calls).toBe(6);
		const gaps = transport.sent.slice(1).map((s, i) => s.at - transport.sent[i].at);
		expect(gaps).toEqual(waits);
	});

	it('every wait lies within its step whatever the jitter', async () => {
		const values = [0.13, 0.99, 0.5, 0.01, 0.77];
		const { client, transport, clock } = setup({ random: () => values.shift() ?? 0 });
		transport.enqueue(...Array.from({ length: 5 }, () => serverError(502)), json(200, {}));
		await client.request({ method: 'DELETE', path: `${CONTACTS}/501` });
		expect(clock.sleeps).toEqual([283, 995, 1500, 2020, 7080]);
	});

	it('steps stop growing at maxDelayMs', async () => {
		const { client, transport, clock } = setup({ random: 1, retry: { baseDelayMs: 1000, maxDelayMs: 3000 } });
		transport.enqueue(...Array.from({ length: 5 }, () => serverError(500)), json(200, {}));
		await client.request({ method: 'PUT', path: `${CONTACTS}/501` });
		expect(clock.sleeps).toEqual([1000, 2000, 3000, 3000, 3000]);
	});

	it.each([500, 502, 503, 504])('%i on an idempotent request is retried', async (status) => {
		const { client, transport } = setup({ random: 0 });
		transport.enqueue(serverError(status), json(200, CONTACT));
		const response = await client.request({ method: 'GET', path: `${CONTACTS}/501` });
		expect(response.status).toBe(200);
		expect(transport.calls).toBe(2);
	});

	it('honours a Retry-After on a 503', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		transport.enqueue(serverError(503, { 'retry-after': '5' }), json(200, CONTACT));
		await client.request({ method: 'GET', path: `${CONTACTS}/501` });
		expect(clock.sleeps).toEqual([5000]);
	});

	it('exhausted retries throw CRMNetworkError carrying the last status', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		transport.enqueue(...Array.from({ length: 6 }, () => serverError(503)), json(200, CONTACT));

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.httpStatus).toBe(503);
		expect(error.retryable).toBe(true);
		expect(error.message).toBe('HubSpot failed with HTTP 503: internal error');
		expect(transport.calls).toBe(6);
		expect(transport.remaining).toBe(1);
		expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 4000]);
	});

	it('a 5xx on a non-idempotent POST is not resent without recover', async () => {
		const { client, transport, clock } = setup();
		transport.enqueue(serverError(502), json(201, CONTACT));
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.httpStatus).toBe(502);
		expect(transport.calls).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('a 5xx on a non-idempotent POST uses what recover found', async () => {
		const { client, transport } = setup();
		transport.enqueue(serverError(504));
		const found = json(200, CONTACT);
		const recover = jest.fn(async () => found);
		const response = await client.request({ method: 'POST', path: CONTACTS, body: {}, recover });
		expect(response).toBe(found);
		expect(recover).toHaveBeenCalledTimes(1);
		expect(transport.calls).toBe(1);
	});
});

describe('HttpClient: network errors', () => {
	it('an idempotent request is retried after a lost connection', async () => {
		const { client, transport, clock } = setup({ random: 0 });
		transport.enqueue(connectionReset(), connectionReset(), json(200, CONTACT));

		const response = await client.request({ method: 'GET', path: `${CONTACTS}/501` });

		expect(response.body).toEqual(CONTACT);
		expect(transport.calls).toBe(3);
		expect(clock.sleeps).toEqual([250, 500]);
	});

	it('a POST marked idempotent is retried too', async () => {
		const { client, transport } = setup({ random: 0 });
		transport.enqueue(connectionReset(), json(200, { results: [] }));
		const response = await client.request({ method: 'POST', path: `${CONTACTS}/batch/read`, idempotent: true });
		expect(response.status).toBe(200);
		expect(transport.calls).toBe(2);
	});

	it('exhausted retries throw CRMNetworkError naming the cause', async () => {
		const { client, transport, clock } = setup({ random: 1, retry: { maxRetries: 2 } });
		transport.enqueue(connectionReset(), connectionReset(), connectionReset(), json(200, CONTACT));

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.message).toBe('HubSpot could not be reached: ECONNRESET');
		expect(error.httpStatus).toBeUndefined();
		expect(transport.calls).toBe(3);
		expect(clock.sleeps).toEqual([500, 1000]);
	});

	it.each(['POST', 'PATCH'] as const)('a non-idempotent %s without recover is thrown after exactly one send', async (method) => {
		const { client, transport, clock } = setup();
		transport.enqueue(connectionReset(), json(201, CONTACT));

		const error = await rejectionOf(client.request({ method, path: CONTACTS, body: { properties: {} } }));

		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(transport.calls).toBe(1);
		expect(transport.remaining).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('recover answering "resend" sends the request once more', async () => {
		const { client, transport } = setup();
		const body = { properties: { email: 'ada@example.com' } };
		transport.enqueue(connectionReset(), json(201, CONTACT), json(201, { id: 'duplicate' }));
		const recover = jest.fn(async () => 'resend' as const);

		const response = await client.request({ method: 'POST', path: CONTACTS, body, recover });

		expect(response).toEqual(json(201, CONTACT));
		expect(recover).toHaveBeenCalledTimes(1);
		expect(transport.calls).toBe(2);
		expect(transport.sent[1].request).toEqual(transport.sent[0].request);
	});

	it('a resend that fails again is not resent a third time', async () => {
		const { client, transport } = setup();
		transport.enqueue(connectionReset(), connectionReset(), json(201, CONTACT));
		const recover = jest.fn(async () => 'resend' as const);

		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {}, recover }));

		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(recover).toHaveBeenCalledTimes(1);
		expect(transport.calls).toBe(2);
	});

	it('recover returning a response uses it and sends nothing more', async () => {
		const { client, transport } = setup();
		transport.enqueue(connectionReset(), json(201, { id: 'duplicate' }));
		const found = json(200, CONTACT);
		const recover = jest.fn(async () => found);

		const response = await client.request({ method: 'POST', path: CONTACTS, body: {}, recover });

		expect(response).toBe(found);
		expect(recover).toHaveBeenCalledTimes(1);
		expect(transport.calls).toBe(1);
		expect(transport.remaining).toBe(1);
	});
});

describe('HttpClient: errors never carry secrets', () => {
	const URL_WITH_KEY = 'https://api.hubapi.com/crm/v3/objects/contacts?hapikey=SECRET123&limit=10';

	function leakyError(message: string): Error {
		return Object.assign(new Error(message), {
			config: { url: URL_WITH_KEY, headers: { Authorization: 'Bearer SECRET-TOKEN' } },
			request: { _header: 'GET /crm/v3/objects/contacts?hapikey=SECRET123 HTTP/1.1\r\nAuthorization: Bearer SECRET-TOKEN\r\n' },
		});
	}

	function expectClean(error: unknown): void {
		for (const text of [(error as Error).message, JSON.stringify(error), String(error), inspect(error, { depth: 10 })]) {
			expect(text).not.toContain('SECRET123');
			expect(text).not.toContain('SECRET-TOKEN');
		}
	}

	const messages = [
		`request to ${URL_WITH_KEY} failed, reason: socket hang up; headers: {"Authorization":"Bearer SECRET-TOKEN"}`,
		`GET ${URL_WITH_KEY} failed (Authorization: Bearer SECRET-TOKEN)`,
		`connect ECONNREFUSED for ${URL_WITH_KEY}\nheaders: Authorization: Bearer SECRET-TOKEN`,
		`${'x'.repeat(150)} ${URL_WITH_KEY} Authorization: Bearer SECRET-TOKEN`,
	];

	it.each(messages)('idempotent request, retries exhausted: %s', async (message) => {
		const { client, transport } = setup({ retry: { maxRetries: 1 } });
		transport.enqueue(leakyError(message), leakyError(message));
		const error = await rejectionOf(client.request({ method: 'GET', path: CONTACTS }));
		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.message.startsWith('HubSpot could not be reached: ')).toBe(true);
		expectClean(error);
	});

	it.each(messages)('non-idempotent request: %s', async (message) => {
		const { client, transport } = setup();
		transport.enqueue(leakyError(message));
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error).toBeInstanceOf(CRMNetworkError);
		expectClean(error);
	});

	it('replaces a quoted Authorization header value, scheme included', async () => {
		const { client, transport } = setup();
		transport.enqueue(leakyError('POST https://api.hubapi.com/crm/v3/objects/contacts failed (Authorization: Bearer SECRET-TOKEN)'));
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error.message).toBe('HubSpot could not be reached: POST https://api.hubapi.com/crm/v3/objects/contacts failed (Authorization: ***)');
	});

	it('a transport error code is reported instead of its message', async () => {
		const { client, transport } = setup();
		transport.enqueue(Object.assign(leakyError(`connect ETIMEDOUT ${URL_WITH_KEY}`), { code: 'ETIMEDOUT' }));
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error.message).toBe('HubSpot could not be reached: ETIMEDOUT');
		expectClean(error);
	});

	it('keeps the harmless part of the message', async () => {
		const { client, transport } = setup();
		transport.enqueue(leakyError(`request to ${URL_WITH_KEY} failed, reason: socket hang up`));
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error.message).toBe(
			'HubSpot could not be reached: request to https://api.hubapi.com/crm/v3/objects/contacts?hapikey=***&limit=10 failed, reason: socket hang up',
		);
	});
});

describe('parseRetryAfter', () => {
	const now = FakeClock.START;
	it.each([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		[' 10 ', 10_000],
		[new Date(now + 12_000).toUTCString(), 12_000],
		[new Date(now - 5000).toUTCString(), 0],
	])('%j → %d ms', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	it.each([undefined, '', 'soon'])('%j → undefined', (value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});
});

describe('HubSpot 404 wording', () => {
	it('names the app, not a record, when a webhooks path is missing', () => {
		const error = hubspotDialect.toError(
			{ status: 404, headers: {}, body: { status: 'error', message: 'Not found', category: 'OBJECT_NOT_FOUND' } },
			{ method: 'PUT', path: '/webhooks/v3/999/settings' },
		);
		expect(error.message).toBe('HubSpot has no app 999 for this developer API key: check the app ID (PUT /webhooks/v3/999/settings)');
		const contact = hubspotDialect.toError({ status: 404, headers: {}, body: {} }, { method: 'GET', path: '/crm/v3/objects/contacts/5?x=1' });
		expect(contact.message).toBe('HubSpot found no such record: GET /crm/v3/objects/contacts/5');
	});
});

describe('HttpClient: a 2xx body that is not what the call reads is an error', () => {
	const PAGE = '<!DOCTYPE html><html><body><h1>Welcome to the corporate proxy</h1><p>Please sign in.</p></body></html>';

	function expectNoBody(error: CRMException, body: string): void {
		for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
			expect(text).not.toContain('Welcome');
			expect(text).not.toContain(body.slice(0, 12));
		}
	}

	it('an HTML page answered with 200 is not a contact with an undefined id', async () => {
		const { client, transport, clock } = setup();
		transport.enqueue({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE });

		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));

		expect(error).toBeInstanceOf(CRMUnexpectedResponseError);
		expect(error.message).toBe(
			'HubSpot answered HTTP 200 with text/html (a text body) where a JSON object was expected',
		);
		expect(error.httpStatus).toBe(200);
		expect(error.code).toBe('UNEXPECTED_RESPONSE');
		expect((error as CRMUnexpectedResponseError).contentType).toBe('text/html');
		expect(error.retryable).toBe(false);
		expectNoBody(error, PAGE);
		expect(transport.calls).toBe(1);
		expect(clock.sleeps).toEqual([]);
	});

	it.each([
		['a JSON string', json(200, 'ok'), 'HubSpot answered HTTP 200 with application/json (a text body) where a JSON object was expected'],
		['JSON null', json(200, null), 'HubSpot answered HTTP 200 with application/json (null) where a JSON object was expected'],
		['a JSON array', json(201, [{ id: '1' }]), 'HubSpot answered HTTP 201 with application/json (a JSON array) where a JSON object was expected'],
		['a JSON number', json(200, 42), 'HubSpot answered HTTP 200 with application/json (a JSON number) where a JSON object was expected'],
		['no body on a 200', { status: 200, headers: {}, body: undefined }, 'HubSpot answered HTTP 200 with no content type (no body) where a JSON object was expected'],
		['an empty text body', { status: 200, headers: { 'content-type': 'text/plain' }, body: '' }, 'HubSpot answered HTTP 200 with text/plain (no body) where a JSON object was expected'],
		['a 207 proxy page', { status: 207, headers: { 'content-type': 'text/html' }, body: PAGE }, 'HubSpot answered HTTP 207 with text/html (a text body) where a JSON object was expected'],
		['a junk content type', { status: 200, headers: { 'content-type': 'x'.repeat(300) }, body: 'x' }, 'HubSpot answered HTTP 200 with no content type (a text body) where a JSON object was expected'],
	])('%s is refused', async (_, response, message) => {
		const { client, transport } = setup();
		transport.enqueue(response);
		const error = await rejectionOf(
			client.request({ method: 'POST', path: `${CONTACTS}/batch/read`, idempotent: true, accept: [207] }),
		);
		expect(error).toBeInstanceOf(CRMUnexpectedResponseError);
		expect(error.message).toBe(message);
		expect(transport.calls).toBe(1);
	});

	it('a 204 without a body is fine for calls that read nothing, and 204 with expect "array" is not', async () => {
		const { client, transport } = setup();
		transport.enqueue({ status: 204, headers: {}, body: undefined }, { status: 204, headers: {}, body: '' }, { status: 204, headers: {}, body: undefined });
		expect((await client.request({ method: 'DELETE', path: `${CONTACTS}/1` })).status).toBe(204);
		expect((await client.request({ method: 'POST', path: `${CONTACTS}/batch/archive`, idempotent: true })).status).toBe(204);
		const error = await rejectionOf(client.request({ method: 'GET', path: CONTACTS, expect: 'array' }));
		expect(error.message).toBe('HubSpot answered HTTP 204 with no content type (no body) where a JSON array was expected');
	});

	it('expect "none" takes any 2xx body, expect "array" wants an array', async () => {
		const { client, transport } = setup();
		transport.enqueue(
			{ status: 200, headers: { 'content-type': 'text/html' }, body: PAGE },
			json(200, [1, 2]),
			json(200, { results: [] }),
		);
		expect((await client.request({ method: 'PUT', path: '/webhooks/v3/1/settings', expect: 'none' })).body).toBe(PAGE);
		expect((await client.request({ method: 'GET', path: '/x', expect: 'array' })).body).toEqual([1, 2]);
		const error = await rejectionOf(client.request({ method: 'GET', path: '/x', expect: 'array' }));
		expect(error.message).toBe('HubSpot answered HTTP 200 with application/json (a JSON object) where a JSON array was expected');
	});

	it('an accepted non-2xx status is an answer whatever its body', async () => {
		const { client, transport } = setup();
		transport.enqueue({ status: 404, headers: { 'content-type': 'text/html' }, body: PAGE });
		expect((await client.request({ method: 'GET', path: `${CONTACTS}/9`, accept: [404] })).status).toBe(404);
	});

	it('what recover found is checked the same way', async () => {
		const { client, transport } = setup();
		transport.enqueue(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const recover = async () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: PAGE });
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {}, recover }));
		expect(error).toBeInstanceOf(CRMUnexpectedResponseError);
	});
});

describe('HttpClient: error bodies that are not JSON go through the same redaction', () => {
	const SECRETS = ['HAPIKEY-SECRET-1', 'ACCESS-TOKEN-SECRET-2', 'BEARER-SECRET-3', 'XAPIKEY-SECRET-4', 'APIKEY-SECRET-5', 'REFRESH-SECRET-6'];
	// A proxy's error page echoing the request: URL, headers and all.
	const PROXY_PAGE = `<html><title>502 Bad Gateway</title><body><a href="https://api.hubapi.com/crm/v3/objects/contacts?hapikey=${SECRETS[0]}&amp;access_token=${SECRETS[1]}">URL</a>
<pre>Authorization: Bearer ${SECRETS[2]}
x-api-key: ${SECRETS[3]}
api_key=${SECRETS[4]} refresh_token="${SECRETS[5]}"</pre><style>body{color:red}</style></body></html>`;
	const TEXT_PAGE = `Forbidden: GET /crm/v3/objects/contacts?hapikey=${SECRETS[0]}&access_token=${SECRETS[1]} (Authorization: Bearer ${SECRETS[2]}; x-api-key: ${SECRETS[3]}; api_key=${SECRETS[4]}; {"refresh_token": "${SECRETS[5]}"})`;

	function expectClean(error: CRMException): void {
		const texts = [error.message, error.description ?? '', JSON.stringify(error), String(error), inspect(error, { depth: 10 })];
		if (error instanceof CRMValidationError) texts.push(JSON.stringify(error.fields));
		for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
	}

	it('a 502 HTML page from a proxy: redacted, and read as text rather than markup', async () => {
		const { client, transport } = setup({ retry: { maxRetries: 0 } });
		transport.enqueue({ status: 502, headers: { 'content-type': 'text/html' }, body: PROXY_PAGE });
		const error = await rejectionOf(client.request({ method: 'GET', path: CONTACTS }));
		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.httpStatus).toBe(502);
		expect(error.message).toMatch(/^HubSpot failed with HTTP 502: 502 Bad Gateway URL Authorization: \*\*\* x-api-key: \*\*\* api_key=\*\*\*/);
		expect(error.message).not.toMatch(/<|color:red/);
		expectClean(error);
	});

	it.each([400, 401, 403, 404, 409, 418, 422, 500, 503])('HTTP %i with a text body', async (status) => {
		const { client, transport } = setup({ retry: { maxRetries: 0 } });
		transport.enqueue({ status, headers: { 'content-type': 'text/plain' }, body: TEXT_PAGE });
		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/1?hapikey=${SECRETS[0]}` }));
		expectClean(error);
	});

	it.each([403, 502])('HTTP %i with an HTML body and no content type', async (status) => {
		const { client, transport } = setup({ retry: { maxRetries: 0 } });
		transport.enqueue({ status, headers: {}, body: PROXY_PAGE });
		expectClean(await rejectionOf(client.request({ method: 'GET', path: CONTACTS })));
	});

	it('a JSON error body quoting a key or token', async () => {
		const { client, transport } = setup();
		transport.enqueue(
			json(403, { status: 'error', message: TEXT_PAGE, category: 'MISSING_SCOPES', context: { access_token: [SECRETS[1]] } }),
		);
		const error = await rejectionOf(client.request({ method: 'GET', path: CONTACTS }));
		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.code).toBe('MISSING_SCOPES');
		expectClean(error);
	});

	it('a validation error whose field messages quote a token', async () => {
		const { client, transport } = setup();
		transport.enqueue(
			json(400, {
				status: 'error',
				message: 'Invalid input',
				category: 'VALIDATION_ERROR',
				errors: [{ message: `bad value, see ?access_token=${SECRETS[1]}`, context: { propertyName: ['email'] } }],
			}),
		);
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields[0].field).toBe('email');
		expectClean(error);
	});

	it('a 429 with an HTML body', async () => {
		const { client, transport } = setup({ retry: { maxRetries: 0 } });
		transport.enqueue({ status: 429, headers: { 'content-type': 'text/html' }, body: PROXY_PAGE });
		const error = await rejectionOf(client.request({ method: 'GET', path: CONTACTS }));
		expect(error).toBeInstanceOf(CRMRateLimitError);
		expectClean(error);
	});

	it('keeps what is harmless: the status, the words of the page, the platform error fields', async () => {
		const { client, transport } = setup();
		transport.enqueue(
			json(409, { status: 'error', message: 'Contact already exists. Existing ID: 123', category: 'CONFLICT', correlationId: 'abc-123' }),
		);
		const error = await rejectionOf(client.request({ method: 'POST', path: CONTACTS, body: {} }));
		expect(error).toBeInstanceOf(CRMConflictError);
		expect(error.message).toBe('Contact already exists in HubSpot (existing ID: 123)');
		expect(error.correlationId).toBe('abc-123');
	});
});

describe('HttpClient: cancellation', () => {
	const flush = async () => {
		for (let i = 0; i < 20; i++) await Promise.resolve();
	};

	it('a signal aborted before the call sends nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const { client, transport } = setup({ signal: controller.signal });
		transport.enqueue(json(200, CONTACT));
		const error = await rejectionOf(client.request({ method: 'GET', path: `${CONTACTS}/501` }));
		expect(error).toBeInstanceOf(CRMCancelledError);
		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.message).toBe('HubSpot request cancelled');
		expect(error.code).toBe('CANCELLED');
		expect(transport.calls).toBe(0);
	});

	it('passes the signal to the transport with the request', async () => {
		const controller = new AbortController();
		const { client, transport } = setup({ signal: controller.signal });
		transport.enqueue(json(200, CONTACT));
		await client.request({ method: 'GET', path: `${CONTACTS}/501` });
		expect(transport.sent[0].request.signal).toBe(controller.signal);
	});

	it('an abort during a backoff ends the call at once, and no retry runs afterwards however long the clock runs', async () => {
		const controller = new AbortController();
		const { client, transport, clock } = setup({ signal: controller.signal, manualClock: true, random: 1 });
		transport.enqueue(serverError(503), serverError(503), json(200, CONTACT));

		const pending = client.request({ method: 'GET', path: `${CONTACTS}/501` });
		const settled = jest.fn();
		pending.then(settled, settled);
		await flush();
		expect(transport.calls).toBe(1);
		expect(clock.pendingSleeps).toBe(1);
		expect(clock.sleeps).toEqual([500]);

		// The budget runs out 300 ms into the 500 ms backoff.
		clock.advance(300);
		controller.abort();
		const error = await rejectionOf(pending);
		expect(error).toBeInstanceOf(CRMCancelledError);
		expect(clock.elapsed).toBe(300);

		// Ten minutes later nothing has been sent, slept or retried in the background.
		clock.advance(10 * 60_000);
		await flush();
		expect(transport.calls).toBe(1);
		expect(clock.sleeps).toEqual([500]);
		expect(client.stats.retries).toBe(0);
	});

	it('the budget of a caller that aborts after 3 s: every attempt it allowed, none after it', async () => {
		// A server that keeps failing: without cancellation the retries would go on for about a minute.
		const controller = new AbortController();
		const { client, transport, clock } = setup({ signal: controller.signal, manualClock: true, random: 1 });
		transport.enqueue(...Array.from({ length: 10 }, () => serverError(503)));
		const pending = client.request({ method: 'GET', path: `${CONTACTS}/501` });
		void pending.catch(() => undefined);
		for (let t = 0; t < 3000; t += 100) {
			await flush();
			clock.advance(100);
		}
		controller.abort();
		await expect(pending).rejects.toBeInstanceOf(CRMCancelledError);
		const sentByDeadline = transport.calls;
		expect(sentByDeadline).toBe(3); // at 0, 500 and 1500 ms; the next was due at 3500 ms
		for (let t = 0; t < 120_000; t += 1000) {
			clock.advance(1000);
			await flush();
		}
		expect(transport.calls).toBe(sentByDeadline);
		expect(clock.pendingSleeps).toBe(0);
	});

	it('an abort while the request is in flight aborts it through the transport and rejects at once', async () => {
		const controller = new AbortController();
		const { client, transport } = setup({ signal: controller.signal });
		transport.enqueue(hang(true), json(200, CONTACT));
		const pending = client.request({ method: 'GET', path: `${CONTACTS}/501` });
		await flush();
		expect(transport.calls).toBe(1);
		controller.abort();
		await expect(pending).rejects.toBeInstanceOf(CRMCancelledError);
		expect(transport.sent[0].request.signal?.aborted).toBe(true);
		await flush();
		expect(transport.calls).toBe(1);
	});

	it('rejects at once even when the transport ignores the signal', async () => {
		const controller = new AbortController();
		const { client, transport } = setup({ signal: controller.signal });
		transport.enqueue(hang(false));
		const pending = client.request({ method: 'GET', path: `${CONTACTS}/501` });
		await flush();
		controller.abort();
		await expect(pending).rejects.toThrow('HubSpot request cancelled');
	});

	it('a per-request signal cancels that request only; the client signal still applies beside it', async () => {
		const client = new AbortController();
		const one = new AbortController();
		const { client: http, transport } = setup({ signal: client.signal });
		transport.enqueue(hang(true), json(200, CONTACT), hang(true));
		const first = http.request({ method: 'GET', path: `${CONTACTS}/1`, signal: one.signal });
		const second = http.request({ method: 'GET', path: `${CONTACTS}/2` });
		await flush();
		one.abort();
		await expect(first).rejects.toBeInstanceOf(CRMCancelledError);
		expect((await second).body).toEqual(CONTACT);

		const third = http.request({ method: 'GET', path: `${CONTACTS}/3`, signal: new AbortController().signal });
		await flush();
		client.abort();
		await expect(third).rejects.toBeInstanceOf(CRMCancelledError);
		expect(transport.calls).toBe(3);
	});

	it('a write cancelled in flight is not recovered: finding out would cost more requests', async () => {
		const controller = new AbortController();
		const { client, transport } = setup({ signal: controller.signal });
		transport.enqueue(hang(true));
		const recover = jest.fn(async () => 'resend' as const);
		const pending = client.request({ method: 'POST', path: CONTACTS, body: {}, recover });
		await flush();
		controller.abort();
		await expect(pending).rejects.toBeInstanceOf(CRMCancelledError);
		expect(recover).not.toHaveBeenCalled();
		expect(transport.calls).toBe(1);
	});

	it('marks each request answered when its answer (or its failure) arrives, for governors counting by arrival', async () => {
		const settled: Array<[string, number]> = [];
		const governor: RateGovernor = {
			delayBefore: () => 0,
			onSend: (_bucket, sentAt) => (at) => settled.push([`sent ${sentAt - FakeClock.START}`, at - FakeClock.START]),
			observe: jest.fn(),
		};
		const { client, transport, clock } = setup({ governor, retry: { maxRetries: 1 } });
		const slow = (answer: HttpResponse | Error) => async () => {
			await clock.sleep(400);
			return answer;
		};
		transport.enqueue(slow(connectionReset()), slow(json(200, CONTACT)));
		await client.request({ method: 'GET', path: CONTACTS });
		// The failed attempt is settled when it failed, the retry when it was answered: both 400 ms after sending.
		expect(settled).toHaveLength(2);
		expect(settled[0][1]).toBe(400);
		const retrySent = Number(settled[1][0].split(' ')[1]);
		expect(settled[1][1]).toBe(retrySent + 400);
	});

	it('a pacing wait is cut short too, before anything is sent', async () => {
		const controller = new AbortController();
		const governor: RateGovernor = { delayBefore: () => 5000, onSend: jest.fn(), observe: jest.fn() };
		const { client, transport, clock } = setup({ signal: controller.signal, manualClock: true, governor });
		const pending = client.request({ method: 'GET', path: CONTACTS });
		await flush();
		expect(clock.pendingSleeps).toBe(1);
		controller.abort();
		await expect(pending).rejects.toBeInstanceOf(CRMCancelledError);
		clock.advance(60_000);
		await flush();
		expect(transport.calls).toBe(0);
		expect(governor.onSend).not.toHaveBeenCalled();
	});

	it('says when the abort was a timeout', async () => {
		const controller = new AbortController();
		controller.abort(new DOMException('The operation timed out', 'TimeoutError'));
		const { client } = setup({ signal: controller.signal });
		await expect(client.request({ method: 'GET', path: CONTACTS })).rejects.toThrow('HubSpot request cancelled (timed out)');
	});
});

describe('transports pass the signal on', () => {
	let server: Server;
	let base: string;
	const arrived: IncomingMessage[] = [];
	const closed = jest.fn();

	beforeAll(async () => {
		// Never answers: only an abort ends a request to it.
		server = createServer((request) => {
			arrived.push(request);
			request.socket.on('close', closed);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('fetch: an abort closes the connection of the request in flight', async () => {
		const transport = createFetchTransport({ timeoutMs: 30_000 });
		const controller = new AbortController();
		const pending = transport({ method: 'GET', url: `${base}/slow`, signal: controller.signal });
		void pending.catch(() => undefined);
		for (let i = 0; i < 200 && arrived.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
		expect(arrived).toHaveLength(1);
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		for (let i = 0; i < 200 && closed.mock.calls.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
		expect(closed).toHaveBeenCalled();
	});

	it("n8n: the signal becomes the request's abortSignal option", async () => {
		const seen: IHttpRequestOptions[] = [];
		const ctx = {
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					seen.push(options);
					return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: CONTACT };
				},
			},
			getNode: () => ({ name: 'HubSpot' }),
		} as unknown as IWebhookFunctions;
		const transport = n8nTransport(ctx, 'crmHubSpotAppTokenApi');
		const controller = new AbortController();
		await transport({ method: 'GET', url: `${BASE}${CONTACTS}/1`, signal: controller.signal });
		await transport({ method: 'GET', url: `${BASE}${CONTACTS}/1` });
		expect(seen[0].abortSignal).toBe(controller.signal);
		expect(seen[1]).not.toHaveProperty('abortSignal');
	});
});
