/**
 * HubSpotProvider over CRM v3 against nock: a standalone fetch transport (test/helpers) signs every
 * request with a fake bearer token, the clock is fake (sleep records and moves time, never waits), and
 * no request may leave the process.
 */
import { inspect } from 'node:util';
import nock from 'nock';

import {
	CRMAuthenticationError,
	CRMCancelledError,
	CRMConflictError,
	CRMException,
	CRMNetworkError,
	CRMValidationError,
} from '../../src/core/errors';
import type { HttpRequest, Transport } from '../../src/core/http';
import type { BatchOutcome, Contact, ContactInput } from '../../src/core/models';
import { collect } from '../../src/core/provider';
import { fromHubSpot, HUBSPOT_CONTACT_FIELDS, toProperties } from '../../src/providers/hubspot/mapping';
import { HubSpotProvider } from '../../src/providers/hubspot/provider';
import { fakeClock, fetchTransport, type FakeClock, type FetchTransport } from '../helpers/hubspot-fetch-transport';
import { CONTACTS, DEFAULT_PROPERTIES as DEFAULTS, HUBSPOT_BASE as BASE, hsContact, hsError, parse, type Json } from '../helpers/hubspot-fixtures';

const STAMP = '2026-01-02T03:04:05.000Z';

const TOKEN = 'pat-na1-00000000-fake-test-token-provider';
const UPSERT = `${CONTACTS}/batch/upsert`;
const BATCH_READ = `${CONTACTS}/batch/read`;
const SEARCH = `${CONTACTS}/search`;

interface Setup {
	provider: HubSpotProvider;
	transport: FetchTransport;
	clock: FakeClock;
}

/** Every error a test caught, checked for the token after each test. */
let caughtErrors: unknown[] = [];

function setup(transport: Transport = fetchTransport(TOKEN)): Setup {
	const clock = fakeClock();
	// random 0: backoff is exactly half the exponential step, so the recorded sleeps are exact.
	const provider = new HubSpotProvider({ transport, clock, random: () => 0 });
	return { provider, transport: transport as FetchTransport, clock };
}

/** A nock scope that only matches requests carrying the credential's bearer token. */
function api(): nock.Scope {
	return nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

async function failure(promise: Promise<unknown>): Promise<CRMException> {
	try {
		await promise;
	} catch (error) {
		caughtErrors.push(error);
		return error as CRMException;
	}
	throw new Error('expected a rejection');
}

/** The whole-request 400 HubSpot sends for one invalid value: a JSON list embedded in the message. */
function invalidValues(problems: Array<{ name: string; error: string; message: string }>, withErrorsArray = false): Json {
	const list = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name, localizedErrorMessage: p.message }));
	return hsError('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(list)}`, {
		...(withErrorsArray
			? { errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })) }
			: {}),
	});
}

function urlOf(request: { url: string }): URL {
	return new URL(request.url);
}

beforeAll(() => {
	nock.disableNetConnect();
});

afterAll(() => {
	nock.enableNetConnect();
});

beforeEach(() => {
	caughtErrors = [];
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
	for (const error of caughtErrors) {
		expect(String((error as Error).message)).not.toContain(TOKEN);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
	}
});

describe('createContact', () => {
	it('POSTs the mapped properties and returns a unified Contact with ids.hubspot on 201', async () => {
		const { provider } = setup();
		let sent: Json | undefined;
		api()
			.post(CONTACTS, (body) => {
				sent = body;
				return true;
			})
			.reply(201, hsContact(501, 'ada@example.com', { firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Analyst', city: 'London' }));

		const contact = await provider.createContact({
			email: ' Ada@Example.COM ',
			firstName: 'Ada',
			lastName: 'Lovelace',
			title: 'Analyst',
			location: { city: 'London' },
			properties: { lifecyclestage: 'lead' },
		});

		expect(sent).toEqual({
			properties: {
				email: 'ada@example.com',
				firstname: 'Ada',
				lastname: 'Lovelace',
				jobtitle: 'Analyst',
				city: 'London',
				lifecyclestage: 'lead',
			},
		});
		expect(contact).toEqual({
			id: '501',
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			title: 'Analyst',
			location: { city: 'London' },
			properties: {
				email: 'ada@example.com',
				hs_object_id: '501',
				createdate: STAMP,
				lastmodifieddate: STAMP,
				firstname: 'Ada',
				lastname: 'Lovelace',
				jobtitle: 'Analyst',
				city: 'London',
			},
			ids: { hubspot: '501' },
			createdAt: STAMP,
			updatedAt: STAMP,
		});
	});

	it('sends trimmed values and gives a scheme-less LinkedIn link https://', async () => {
		const { provider } = setup();
		let sent: Json | undefined;
		api()
			.post(CONTACTS, (body) => {
				sent = body;
				return true;
			})
			.reply(201, hsContact(502, 'grace@example.com'));

		await provider.createContact({ email: ' Grace@Example.com ', firstName: ' Grace ', linkedinUrl: 'www.linkedin.com/in/grace' });

		expect(sent).toEqual({
			properties: { email: 'grace@example.com', firstname: 'Grace', hs_linkedin_url: 'https://www.linkedin.com/in/grace' },
		});
	});

	it('turns a 409 into CRMConflictError carrying the existing id from the message', async () => {
		const { provider, transport } = setup();
		api().post(CONTACTS).reply(409, hsError('CONFLICT', 'Contact already exists. Existing ID: 123456'));

		const error = await failure(provider.createContact({ email: 'ada@example.com' }));

		expect(error).toBeInstanceOf(CRMConflictError);
		expect((error as CRMConflictError).existingId).toBe('123456');
		expect(error.httpStatus).toBe(409);
		expect(error.code).toBe('CONFLICT');
		expect(error.message).toBe('Contact already exists in HubSpot (existing ID: 123456)');
		// A conflict is an answer, not a failure to retry.
		expect(transport.sent).toHaveLength(1);
	});

	it('turns a validation 400 into CRMValidationError naming the field', async () => {
		const { provider } = setup();
		api()
			.post(CONTACTS)
			.reply(
				400,
				invalidValues([{ name: 'lifecyclestage', error: 'INVALID_OPTION', message: 'fish was not one of the allowed options' }]),
			);

		const error = await failure(provider.createContact({ email: 'ada@example.com', properties: { lifecyclestage: 'fish' } }));

		expect(error).toBeInstanceOf(CRMValidationError);
		expect(error.httpStatus).toBe(400);
		expect((error as CRMValidationError).fields).toEqual([
			{ field: 'lifecyclestage', message: 'fish was not one of the allowed options', code: 'INVALID_OPTION' },
		]);
		expect(error.message).toBe('HubSpot rejected the input: lifecyclestage: fish was not one of the allowed options');
		expect(error.correlationId).toBe('aaaabbbb-cccc-dddd-eeee-ffff00001111');
	});

	it('reports a field once when HubSpot lists it both in the message and in errors[]', async () => {
		const { provider } = setup();
		api()
			.post(CONTACTS)
			.reply(400, invalidValues([{ name: 'phone', error: 'INVALID_VALUE', message: 'abc is not a phone number' }], true));

		const error = (await failure(provider.createContact({ email: 'ada@example.com', phone: 'abc' }))) as CRMValidationError;

		expect(error.fields).toEqual([{ field: 'phone', message: 'abc is not a phone number', code: 'INVALID_VALUE' }]);
		expect(error.message).toBe('HubSpot rejected the input: phone: abc is not a phone number');
	});

	it('rejects a locally invalid email before any request, naming the field', async () => {
		const { provider, transport } = setup();

		const error = (await failure(provider.createContact({ email: 'ada(at)example.com', firstName: 'Ada' }))) as CRMValidationError;

		expect(error).toBeInstanceOf(CRMValidationError);
		expect(error.fields.map((f) => f.field)).toEqual(['email']);
		expect(error.message).toMatch(/^email: /);
		expect(error.httpStatus).toBeUndefined();
		expect(transport.sent).toHaveLength(0);
	});

	describe('when the connection drops after the POST', () => {
		it('looks the email up and returns the contact that was created, without a second POST', async () => {
			const { provider, transport } = setup();
			api().post(CONTACTS).replyWithError({ message: 'socket hang up', code: 'ECONNRESET' });
			api()
				.get(`${CONTACTS}/ada%40example.com`)
				.query(true)
				.reply(200, hsContact(777, 'ada@example.com', { firstname: 'Ada' }));

			const contact = await provider.createContact({ email: 'Ada@example.com', firstName: 'Ada' });

			expect(contact.id).toBe('777');
			expect(contact.ids).toEqual({ hubspot: '777' });
			expect(contact.firstName).toBe('Ada');
			expect(transport.sent.map((r) => `${r.method} ${urlOf(r).pathname}`)).toEqual([
				`POST ${CONTACTS}`,
				`GET ${CONTACTS}/ada%40example.com`,
			]);
			const lookup = urlOf(transport.sent[1]);
			expect(lookup.searchParams.get('idProperty')).toBe('email');
			expect(lookup.searchParams.get('properties')).toBe(DEFAULTS.join(','));
		});

		it('POSTs exactly once more when the lookup finds nothing', async () => {
			const { provider, transport } = setup();
			const posted: Json[] = [];
			api().post(CONTACTS).replyWithError({ message: 'socket hang up', code: 'ECONNRESET' });
			api()
				.get(`${CONTACTS}/ada%40example.com`)
				.query(true)
				.reply(404, hsError('OBJECT_NOT_FOUND', 'resource not found'));
			api()
				.post(CONTACTS, (body) => {
					posted.push(body);
					return true;
				})
				.reply(201, hsContact(778, 'ada@example.com', { firstname: 'Ada' }));

			const contact = await provider.createContact({ email: 'ada@example.com', firstName: 'Ada' });

			expect(contact.id).toBe('778');
			expect(transport.sent.map((r) => `${r.method} ${urlOf(r).pathname}`)).toEqual([
				`POST ${CONTACTS}`,
				`GET ${CONTACTS}/ada%40example.com`,
				`POST ${CONTACTS}`,
			]);
			expect(posted).toEqual([{ properties: { email: 'ada@example.com', firstname: 'Ada' } }]);
		});
	});
});

describe('reading, updating and deleting one contact', () => {
	it('gets by id asking for the default properties plus the requested ones', async () => {
		const { provider, transport } = setup();
		api()
			.get(`${CONTACTS}/501`)
			.query(true)
			.reply(200, hsContact(501, 'ada@example.com', { lifecyclestage: 'customer', hs_lead_status: null }));

		const contact = await provider.getContact(' 501 ', ['lifecyclestage', ' hs_lead_status ', 'email']);

		const url = urlOf(transport.sent[0]);
		expect(url.pathname).toBe(`${CONTACTS}/501`);
		expect(url.searchParams.get('properties')?.split(',')).toEqual([...DEFAULTS, 'lifecyclestage', 'hs_lead_status']);
		expect(url.searchParams.get('archived')).toBe('false');
		expect(url.searchParams.has('idProperty')).toBe(false);
		expect(contact.id).toBe('501');
		expect(contact.properties).toMatchObject({ lifecyclestage: 'customer', hs_lead_status: null });
	});

	it('gets by email with idProperty=email, lowercasing the address', async () => {
		const { provider, transport } = setup();
		api()
			.get(`${CONTACTS}/jane%40example.com`)
			.query(true)
			.reply(200, hsContact(42, 'jane@example.com', { firstname: 'Jane' }));

		const contact = await provider.getContactByEmail('Jane@Example.com', ['lifecyclestage']);

		const url = urlOf(transport.sent[0]);
		expect(url.searchParams.get('idProperty')).toBe('email');
		expect(url.searchParams.get('properties')?.split(',')).toEqual([...DEFAULTS, 'lifecyclestage']);
		expect(contact?.id).toBe('42');
		expect(contact?.firstName).toBe('Jane');
	});

	it('gets by email: a 404 is undefined, not an error', async () => {
		const { provider, transport } = setup();
		api()
			.get(`${CONTACTS}/nobody%40example.com`)
			.query(true)
			.reply(404, hsError('OBJECT_NOT_FOUND', 'resource not found'));

		await expect(provider.getContactByEmail('nobody@example.com')).resolves.toBeUndefined();
		expect(transport.sent).toHaveLength(1);
	});

	it('updates by id with PATCH, keeping an empty string to clear a property', async () => {
		const { provider, transport } = setup();
		let sent: Json | undefined;
		api()
			.patch(`${CONTACTS}/501`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, hsContact(501, 'ada@example.com', { firstname: 'Augusta' }));

		const contact = await provider.updateContact('501', { firstName: 'Augusta', properties: { hs_lead_status: '' } });

		expect(sent).toEqual({ properties: { firstname: 'Augusta', hs_lead_status: '' } });
		expect(urlOf(transport.sent[0]).search).toBe('');
		expect(contact.firstName).toBe('Augusta');
	});

	it('updates by email with idProperty=email', async () => {
		const { provider, transport } = setup();
		let sent: Json | undefined;
		api()
			.patch(`${CONTACTS}/jane%40example.com`, (body) => {
				sent = body;
				return true;
			})
			.query({ idProperty: 'email' })
			.reply(200, hsContact(42, 'jane@example.com', { company: 'Acme' }));

		const contact = await provider.updateContact('JANE@example.com', { company: 'Acme' }, 'email');

		expect(sent).toEqual({ properties: { company: 'Acme' } });
		expect(transport.sent[0].method).toBe('PATCH');
		expect(contact.company).toBe('Acme');
		expect(contact.id).toBe('42');
	});

	it('deletes (archives) with DELETE and accepts the 204', async () => {
		const { provider, transport } = setup();
		api().delete(`${CONTACTS}/501`).reply(204);

		await expect(provider.deleteContact('501')).resolves.toBeUndefined();
		expect(transport.sent.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE ${BASE}${CONTACTS}/501`]);
	});
});

describe('findContactsByEmail', () => {
	it('reads 150 emails in 2 batch calls; misses in the 207 are absent from the map', async () => {
		const { provider } = setup();
		const emails = Array.from({ length: 150 }, (_, i) => `Person${i}@Example.com`);
		const bodies: Json[] = [];
		api()
			.post(BATCH_READ)
			.times(2)
			.reply((_uri, raw) => {
				const body = parse(raw);
				bodies.push(body);
				const ids: string[] = body.inputs.map((input: { id: string }) => input.id);
				// Only even-numbered people exist.
				const found = ids.filter((id) => Number(/\d+/.exec(id)![0]) % 2 === 0);
				const missing = ids.filter((id) => !found.includes(id));
				return [
					207,
					{
						status: 'COMPLETE',
						results: found.map((id) => hsContact(1000 + Number(/\d+/.exec(id)![0]), id)),
						numErrors: 1,
						errors: [hsError('OBJECT_NOT_FOUND', 'Could not get some CONTACT objects', { context: { ids: missing } })],
					},
				];
			});

		const found = await provider.findContactsByEmail(emails, ['lifecyclestage']);

		expect(bodies.map((b) => b.inputs.length)).toEqual([100, 50]);
		expect(bodies[0].idProperty).toBe('email');
		expect(bodies[0].inputs[0]).toEqual({ id: 'person0@example.com' });
		expect(bodies[1].inputs[49]).toEqual({ id: 'person149@example.com' });
		expect(bodies[0].properties).toEqual([...DEFAULTS, 'lifecyclestage']);
		expect(found.size).toBe(75);
		expect(found.get('person4@example.com')?.id).toBe('1004');
		expect(found.get('person148@example.com')?.id).toBe('1148');
		expect(found.has('person5@example.com')).toBe(false);
		expect(found.has('person149@example.com')).toBe(false);
	});
});

describe('getContacts', () => {
	it('reads 120 ids in 2 batch calls without idProperty; unknown ids are absent', async () => {
		const { provider } = setup();
		const bodies: Json[] = [];
		api()
			.post(BATCH_READ)
			.times(2)
			.reply((_uri, raw) => {
				const body = parse(raw);
				bodies.push(body);
				const ids: string[] = body.inputs.map((input: { id: string }) => input.id).filter((id: string) => id !== '1007');
				return [200, { status: 'COMPLETE', results: ids.map((id) => hsContact(Number(id), `p${id}@example.com`)) }];
			});

		const found = await provider.getContacts(Array.from({ length: 120 }, (_, i) => String(1000 + i)).concat('1000'));

		expect(bodies.map((b) => b.inputs.length)).toEqual([100, 20]);
		expect(bodies[0].idProperty).toBeUndefined();
		expect(found.size).toBe(119);
		expect(found.get('1119')?.email).toBe('p1119@example.com');
		expect(found.has('1007')).toBe(false);
	});
});

describe('upsertContacts', () => {
	interface UpsertCall {
		inputs: Array<{ id: string; idProperty: string; properties: Record<string, string> }>;
	}

	/** A batch/upsert endpoint: `decide` may answer a call itself; otherwise every input is written. */
	function upsertEndpoint(
		times: number,
		decide: (call: UpsertCall, n: number) => [number, unknown] | undefined = () => undefined,
	): UpsertCall[] {
		const calls: UpsertCall[] = [];
		api()
			.post(UPSERT)
			.times(times)
			.reply((_uri, raw) => {
				const call = parse(raw) as UpsertCall;
				calls.push(call);
				const answer = decide(call, calls.length);
				if (answer) return answer;
				return [
					200,
					{
						status: 'COMPLETE',
						results: call.inputs.map((input) => ({
							...hsContact(idFor(input.id), input.id, input.properties),
							new: idFor(input.id) % 2 === 0,
						})),
					},
				];
			});
		return calls;
	}

	function idFor(email: string): number {
		return 5000 + Number(/\d+/.exec(email)?.[0] ?? 0);
	}

	function people(n: number): ContactInput[] {
		return Array.from({ length: n }, (_, i) => ({ email: `User${i}@Example.COM`, firstName: `User ${i}` }));
	}

	function okValue(outcome: BatchOutcome<Contact>): Contact & { created?: boolean } {
		if (!outcome.ok) throw new Error(`outcome ${outcome.index} failed: ${outcome.error.message}`);
		return { ...outcome.value, created: outcome.created };
	}

	it('sends 250 inputs as exactly 3 calls of 100/100/50 by lowercased email', async () => {
		const { provider } = setup();
		const calls = upsertEndpoint(3);

		const outcomes = await provider.upsertContacts(people(250));

		expect(calls.map((c) => c.inputs.length)).toEqual([100, 100, 50]);
		expect(calls[0].inputs[0]).toEqual({
			id: 'user0@example.com',
			idProperty: 'email',
			properties: { email: 'user0@example.com', firstname: 'User 0' },
		});
		expect(calls[2].inputs[49].id).toBe('user249@example.com');
		const sentIds = calls.flatMap((c) => c.inputs.map((i) => i.id));
		expect(sentIds).toEqual(Array.from({ length: 250 }, (_, i) => `user${i}@example.com`));
		expect(calls.every((c) => c.inputs.every((i) => i.idProperty === 'email'))).toBe(true);

		expect(outcomes).toHaveLength(250);
		outcomes.forEach((outcome, i) => {
			expect(outcome.index).toBe(i);
			const value = okValue(outcome);
			expect(value.id).toBe(String(5000 + i));
			expect(value.email).toBe(`user${i}@example.com`);
			// The `new` flag is the created flag.
			expect(value.created).toBe(i % 2 === 0);
		});
	});

	it('keeps up to 3 batch calls in flight at once, and every input still gets its own outcome', async () => {
		const { provider } = setup();
		let inFlight = 0;
		let peak = 0;
		api()
			.post(UPSERT)
			.times(5)
			.reply(async (_uri, raw) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				// Real time on purpose: the calls must overlap for the peak to show.
				await new Promise((resolve) => setTimeout(resolve, 30));
				inFlight--;
				const inputs: Array<{ id: string; properties: Record<string, string> }> = parse(raw).inputs;
				return [200, { status: 'COMPLETE', results: inputs.map((input) => ({ ...hsContact(idFor(input.id), input.id, input.properties), new: true })) }];
			});

		const outcomes = await provider.upsertContacts(people(450));

		expect(peak).toBe(3);
		expect(outcomes.map((o) => okValue(o).email)).toEqual(Array.from({ length: 450 }, (_, i) => `user${i}@example.com`));
	});

	it('merges repeated emails into one input (last value wins) and gives every repeat the outcome', async () => {
		const { provider } = setup();
		const calls = upsertEndpoint(1);

		const outcomes = await provider.upsertContacts([
			{ email: 'dup1@example.com', firstName: 'First', company: 'Old Co' },
			{ email: 'other2@example.com' },
			{ email: 'DUP1@Example.com', firstName: 'Last' },
		]);

		expect(calls).toHaveLength(1);
		expect(calls[0].inputs).toEqual([
			{ id: 'dup1@example.com', idProperty: 'email', properties: { email: 'dup1@example.com', firstname: 'Last', company: 'Old Co' } },
			{ id: 'other2@example.com', idProperty: 'email', properties: { email: 'other2@example.com' } },
		]);
		expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2]);
		expect(okValue(outcomes[0]).id).toBe('5001');
		expect(okValue(outcomes[2]).id).toBe('5001');
		expect(okValue(outcomes[2]).firstName).toBe('Last');
		expect(okValue(outcomes[1]).id).toBe('5002');
	});

	it('reports new:true as created and new:false as updated', async () => {
		const { provider } = setup();
		upsertEndpoint(1, (call) => [
			200,
			{
				status: 'COMPLETE',
				results: [
					{ ...hsContact(1, call.inputs[0].id), new: true },
					{ ...hsContact(2, call.inputs[1].id), new: false },
				],
			},
		]);

		const outcomes = await provider.upsertContacts([{ email: 'fresh@example.com' }, { email: 'known@example.com' }]);

		expect(outcomes.map((o) => (o.ok ? o.created : 'failed'))).toEqual([true, false]);
	});

	it('fails only the inputs a 207 names, with the matching error; the others succeed', async () => {
		const { provider } = setup();
		upsertEndpoint(1, (call) => {
			const [a, b, c, d] = call.inputs.map((i) => i.id);
			return [
				207,
				{
					status: 'COMPLETE',
					results: [
						{ ...hsContact(11, a), new: true },
						{ ...hsContact(14, d), new: false },
					],
					numErrors: 2,
					errors: [
						hsError('CONFLICT', 'Contact already exists. Existing ID: 9090', { context: { ids: [b], emails: [b] } }),
						hsError('VALIDATION_ERROR', 'Property values were not valid', { context: { ids: [c] } }),
					],
				},
			];
		});

		const outcomes = await provider.upsertContacts([
			{ email: 'a1@example.com' },
			{ email: 'b2@example.com' },
			{ email: 'c3@example.com' },
			{ email: 'd4@example.com' },
		]);

		expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
		expect(okValue(outcomes[0]).id).toBe('11');
		expect(okValue(outcomes[3]).id).toBe('14');
		const conflict = outcomes[1].ok ? undefined : outcomes[1].error;
		expect(conflict).toBeInstanceOf(CRMConflictError);
		expect((conflict as CRMConflictError).existingId).toBe('9090');
		expect(conflict?.httpStatus).toBe(409);
		const invalid = outcomes[2].ok ? undefined : outcomes[2].error;
		expect(invalid).toBeInstanceOf(CRMValidationError);
		expect(invalid?.httpStatus).toBe(400);
		caughtErrors.push(conflict, invalid);
	});

	it('redacts a secret echoed in a 207 per-input error, like every other error body', async () => {
		const { provider } = setup();
		upsertEndpoint(1, (call) => [
			207,
			{
				status: 'COMPLETE',
				results: [],
				numErrors: 1,
				errors: [
					hsError('VALIDATION_ERROR', 'Bad value from https://proxy.invalid/x?hapikey=fake-leaked-key-207 (Bearer pat-na1-fake-207)', {
						context: { ids: [call.inputs[0].id] },
					}),
				],
			},
		]);

		const [outcome] = await provider.upsertContacts([{ email: 'leak@example.com' }]);

		const error = outcome.ok ? undefined : outcome.error;
		expect(error).toBeInstanceOf(CRMValidationError);
		const text = `${error?.message} ${(error as CRMValidationError).description ?? ''} ${JSON.stringify(error)}`;
		expect(text).not.toContain('fake-leaked-key-207');
		expect(text).not.toContain('pat-na1-fake-207');
	});

	it('fails an input HubSpot neither wrote nor named instead of dropping it', async () => {
		const { provider } = setup();
		upsertEndpoint(1, (call) => [207, { status: 'COMPLETE', results: [{ ...hsContact(1, call.inputs[0].id), new: true }], errors: [] }]);

		const outcomes = await provider.upsertContacts([{ email: 'a1@example.com' }, { email: 'b2@example.com' }]);

		expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
		expect(outcomes[1].ok ? '' : outcomes[1].error.message).toBe('HubSpot returned no result for b2@example.com');
	});

	it('splits a batch HubSpot refuses whole (400 INVALID_EMAIL) until the bad input stands alone', async () => {
		const { provider } = setup();
		const BAD = 'user37@example.com';
		// Locally valid, but this mock (like HubSpot for some addresses) refuses it, failing the whole batch.
		const calls = upsertEndpoint(13, (call) =>
			call.inputs.some((i) => i.id === BAD)
				? [400, invalidValues([{ name: 'email', error: 'INVALID_EMAIL', message: `Email address ${BAD} is invalid` }])]
				: undefined,
		);

		const outcomes = await provider.upsertContacts(people(100));

		// 100 -> 50 -> 25 -> 13 -> 6 -> 3 -> 1: one failed call per level plus its good sibling.
		expect(calls.map((c) => c.inputs.length)).toEqual([100, 50, 25, 25, 13, 7, 6, 3, 3, 2, 1, 12, 50]);
		expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
		// Every good input was written exactly once.
		const written = calls.filter((c) => !c.inputs.some((i) => i.id === BAD)).flatMap((c) => c.inputs.map((i) => i.id));
		expect(written).toHaveLength(99);
		expect(new Set(written).size).toBe(99);

		outcomes.forEach((outcome, i) => {
			if (i === 37) return;
			expect(okValue(outcome).email).toBe(`user${i}@example.com`);
		});
		const bad = outcomes[37];
		expect(bad.ok).toBe(false);
		const error = bad.ok ? undefined : (bad.error as CRMValidationError);
		caughtErrors.push(error);
		expect(error).toBeInstanceOf(CRMValidationError);
		expect(error?.fields).toEqual([{ field: 'email', message: `Email address ${BAD} is invalid`, code: 'INVALID_EMAIL' }]);
	});

	it('does not split a batch refused whole for a reason that names no property value', async () => {
		const { provider } = setup();
		const calls = upsertEndpoint(1, () => [400, hsError('VALIDATION_ERROR', 'Invalid input JSON on line 1')]);

		const outcomes = await provider.upsertContacts(people(100));

		// Splitting could not isolate anything here, so it would only cost ~2n calls.
		expect(calls.map((c) => c.inputs.length)).toEqual([100]);
		expect(outcomes.every((o) => !o.ok && o.error instanceof CRMValidationError)).toBe(true);
		caughtErrors.push(...outcomes.map((o) => (o.ok ? undefined : o.error)));
	});

	it('after retries on a 5xx, fails batch 2 of 3 only; batches 1 and 3 are written', async () => {
		const { provider, clock } = setup();
		const calls = upsertEndpoint(8, (call) =>
			call.inputs[0].id === 'user100@example.com' ? [503, hsError('INTERNAL_ERROR', 'Service Unavailable')] : undefined,
		);

		const outcomes = await provider.upsertContacts(people(250));

		// Batches go out concurrently, so only the count per batch is fixed: batch 2 is tried 6 times.
		const tries = new Map<string, number>();
		for (const c of calls) tries.set(c.inputs[0].id, (tries.get(c.inputs[0].id) ?? 0) + 1);
		expect(Object.fromEntries(tries)).toEqual({
			'user0@example.com': 1,
			'user100@example.com': 6,
			'user200@example.com': 1,
		});
		// Five retries with exponential backoff (random 0 = half of each step).
		expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 4000]);
		expect(outcomes).toHaveLength(250);
		outcomes.forEach((outcome, i) => {
			expect(outcome.index).toBe(i);
			if (i >= 100 && i < 200) {
				expect(outcome.ok).toBe(false);
				const error = outcome.ok ? undefined : outcome.error;
				expect(error).toBeInstanceOf(CRMNetworkError);
				expect(error?.httpStatus).toBe(503);
			} else {
				expect(okValue(outcome).id).toBe(String(5000 + i));
			}
		});
		caughtErrors.push(...outcomes.filter((o) => !o.ok).map((o) => (o.ok ? undefined : o.error)));
	});

	it('fails locally invalid inputs without sending them; the rest are written', async () => {
		const { provider } = setup();
		const calls = upsertEndpoint(1);

		const outcomes = await provider.upsertContacts([{ email: 'a1@example.com' }, { email: 'not an email' }, { firstName: 'No Email' }]);

		expect(calls[0].inputs.map((i) => i.id)).toEqual(['a1@example.com']);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
		const [, second, third] = outcomes.map((o) => (o.ok ? undefined : (o.error as CRMValidationError)));
		expect(second?.fields).toEqual([{ field: 'email', message: 'Invalid email', itemIndex: 1 }]);
		expect(third?.fields).toEqual([{ field: 'email', message: 'An email is required to upsert a contact', itemIndex: 2 }]);
	});
});

describe('searchContacts', () => {
	interface SearchCall {
		filterGroups: Array<{ filters: Json[] }>;
		sorts: Json[];
		query?: string;
		properties: string[];
		limit: number;
		after?: string;
	}

	/** A search endpoint answering `times` calls from `answer`. */
	function searchEndpoint(times: number, answer: (call: SearchCall, n: number) => [number, unknown]): SearchCall[] {
		const calls: SearchCall[] = [];
		api()
			.post(SEARCH)
			.times(times)
			.reply((_uri, raw) => {
				const call = parse(raw) as SearchCall;
				calls.push(call);
				return answer(call, calls.length);
			});
		return calls;
	}

	/** Pages of a fixed list by numeric offset in `after`, as HubSpot does. */
	function pagedOver(all: Json[]): (call: SearchCall) => [number, unknown] {
		return (call) => {
			const offset = Number(call.after ?? 0);
			const results = all.slice(offset, offset + call.limit);
			const next = offset + call.limit < all.length ? { next: { after: String(offset + call.limit), link: 'x' } } : undefined;
			return [200, { total: all.length, results, ...(next ? { paging: next } : {}) }];
		};
	}

	const people = (from: number, to: number) =>
		Array.from({ length: to - from + 1 }, (_, k) => hsContact(from + k, `p${from + k}@example.com`));

	it('pages with after, caps the page size at 200 and returns all pages', async () => {
		const { provider } = setup();
		const calls = searchEndpoint(3, pagedOver(people(1, 450)));

		const contacts = await collect(provider.searchContacts({ pageSize: 500, properties: ['lifecyclestage'] }));

		expect(calls.map((c) => [c.limit, c.after])).toEqual([
			[200, undefined],
			[200, '200'],
			[200, '400'],
		]);
		expect(calls[0].properties).toEqual([...DEFAULTS, 'lifecyclestage', 'hs_object_id']);
		expect(calls[0].sorts).toEqual([{ propertyName: 'hs_object_id', direction: 'ASCENDING' }]);
		expect(contacts.map((c) => c.id)).toEqual(Array.from({ length: 450 }, (_, k) => String(k + 1)));
	});

	it('respects a limit without fetching an extra page', async () => {
		const { provider } = setup();
		const calls = searchEndpoint(2, pagedOver(people(1, 1000)));

		const contacts = await collect(provider.searchContacts({ limit: 250 }), 250);

		expect(calls.map((c) => [c.limit, c.after])).toEqual([
			[200, undefined],
			[50, '200'],
		]);
		expect(contacts).toHaveLength(250);
		expect(contacts[249].id).toBe('250');
	});

	it('serializes filter groups, operators, dates and the sort', async () => {
		const { provider } = setup();
		const calls = searchEndpoint(1, () => [200, { total: 0, results: [] }]);

		const contacts = await collect(
			provider.searchContacts({
				filterGroups: [
					[
						{ property: 'email', operator: 'IN', values: ['a@example.com', 'b@example.com'] },
						{ property: 'createdate', operator: 'BETWEEN', value: '2024-01-01T00:00:00Z', highValue: '2024-02-01T00:00:00.000Z' },
					],
					[
						{ property: 'lastmodifieddate', operator: 'GTE', value: '2025-06-01T00:00:00.000Z' },
						{ property: 'hs_createdate', operator: 'LT', value: '1748736000000' },
						{ property: 'lifecyclestage', operator: 'NEQ', value: 'customer' },
						{ property: 'phone', operator: 'HAS_PROPERTY' },
					],
				],
				query: 'ada',
				sort: { property: 'lastname', direction: 'DESCENDING' },
			}),
		);

		expect(contacts).toEqual([]);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toEqual({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'email', operator: 'IN', values: ['a@example.com', 'b@example.com'] },
						{ propertyName: 'createdate', operator: 'BETWEEN', value: '1704067200000', highValue: '1706745600000' },
					],
				},
				{
					filters: [
						{ propertyName: 'lastmodifieddate', operator: 'GTE', value: '1748736000000' },
						{ propertyName: 'hs_createdate', operator: 'LT', value: '1748736000000' },
						{ propertyName: 'lifecyclestage', operator: 'NEQ', value: 'customer' },
						{ propertyName: 'phone', operator: 'HAS_PROPERTY' },
					],
				},
			],
			sorts: [{ propertyName: 'lastname', direction: 'DESCENDING' }],
			query: 'ada',
			properties: DEFAULTS,
			limit: 200,
		});
	});

	it('goes past 10,000 results: a new window with hs_object_id GT <last id> in every group and after reset', async () => {
		const { provider } = setup();
		const all = people(1, 10_350);
		const groups = [
			[{ property: 'lifecyclestage', operator: 'EQ' as const, value: 'lead' }],
			[{ property: 'hs_lead_status', operator: 'HAS_PROPERTY' as const }],
		];
		const calls = searchEndpoint(52, (call) => {
			const bounds = call.filterGroups.map((g) => g.filters.find((f) => f.propertyName === 'hs_object_id'));
			const floor = bounds[0] ? Number(bounds[0].value) : 0;
			const window = all.filter((c) => Number(c.id) > floor);
			const offset = Number(call.after ?? 0);
			// HubSpot refuses to page past 10,000 results in one query.
			if (offset + call.limit > 10_000) return [400, hsError('VALIDATION_ERROR', 'paging past 10000 is not allowed')];
			const results = window.slice(offset, offset + call.limit);
			const more = offset + call.limit < window.length;
			return [200, { total: window.length, results, ...(more ? { paging: { next: { after: String(offset + call.limit) } } } : {}) }];
		});

		const contacts = await collect(provider.searchContacts({ filterGroups: groups }));

		expect(calls).toHaveLength(52);
		expect(calls.slice(0, 50).map((c) => c.after)).toEqual([undefined, ...Array.from({ length: 49 }, (_, k) => String((k + 1) * 200))]);
		for (const call of calls.slice(0, 50)) {
			expect(call.filterGroups).toEqual([
				{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] },
				{ filters: [{ propertyName: 'hs_lead_status', operator: 'HAS_PROPERTY' }] },
			]);
		}
		expect(calls[50].after).toBeUndefined();
		expect(calls[50].filterGroups).toEqual([
			{
				filters: [
					{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' },
					{ propertyName: 'hs_object_id', operator: 'GT', value: '10000' },
				],
			},
			{
				filters: [
					{ propertyName: 'hs_lead_status', operator: 'HAS_PROPERTY' },
					{ propertyName: 'hs_object_id', operator: 'GT', value: '10000' },
				],
			},
		]);
		expect(calls[51].after).toBe('200');
		expect(calls[51].filterGroups).toEqual(calls[50].filterGroups);
		const ids = contacts.map((c) => c.id);
		expect(ids).toHaveLength(10_350);
		expect(new Set(ids).size).toBe(10_350);
		expect(ids).toEqual(all.map((c) => c.id));
	});

	it('getUpdatedContacts: lastmodifieddate GTE since, ascending, windows on GTE and skips ids already emitted', async () => {
		const { provider } = setup();
		const since = new Date('2026-10-01T00:00:00.000Z');
		const sinceMs = since.getTime();
		// Seven contacts share each modification second; the 10,000th result lands inside such a run.
		const stampOf = (n: number) => sinceMs + Math.floor((n - 1) / 7) * 1000;
		const all = Array.from({ length: 10_100 }, (_, k) =>
			hsContact(k + 1, `c${k + 1}@example.com`, { lastmodifieddate: new Date(stampOf(k + 1)).toISOString() }),
		);
		const calls = searchEndpoint(51, (call) => {
			const group = call.filterGroups[0].filters;
			const matching = all.filter((c) =>
				group.every((f) => f.propertyName === 'lastmodifieddate' && f.operator === 'GTE' && Date.parse(c.properties.lastmodifieddate) >= Number(f.value)),
			);
			const offset = Number(call.after ?? 0);
			if (offset + call.limit > 10_000) return [400, hsError('VALIDATION_ERROR', 'paging past 10000 is not allowed')];
			const results = matching.slice(offset, offset + call.limit);
			const more = offset + call.limit < matching.length;
			return [200, { total: matching.length, results, ...(more ? { paging: { next: { after: String(offset + call.limit) } } } : {}) }];
		});

		const contacts = await collect(provider.getUpdatedContacts(since));

		expect(calls[0].filterGroups).toEqual([{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(sinceMs) }] }]);
		expect(calls[0].sorts).toEqual([{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }]);
		// Results 9997..10003 share one second; the first window ended at 10000 inside that run.
		const boundary = stampOf(10_000);
		expect(stampOf(9_997)).toBe(boundary);
		expect(stampOf(9_996)).not.toBe(boundary);
		expect(calls[50].after).toBeUndefined();
		expect(calls[50].filterGroups).toEqual([
			{
				filters: [
					{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(sinceMs) },
					{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(boundary) },
				],
			},
		]);
		const ids = contacts.map((c) => c.id);
		expect(ids).toHaveLength(10_100);
		expect(new Set(ids).size).toBe(10_100);
		expect(ids).toEqual(all.map((c) => c.id));
	});

	it('getUpdatedContacts refuses an invalid date before any request', () => {
		const { provider, transport } = setup();
		let error: unknown;
		try {
			provider.getUpdatedContacts(new Date('not a date'));
		} catch (e) {
			error = e;
		}
		caughtErrors.push(error);
		expect(error).toBeInstanceOf(CRMValidationError);
		expect((error as CRMValidationError).fields[0].field).toBe('since');
		expect(transport.sent).toHaveLength(0);
	});
});

describe('listContacts', () => {
	it('pages with after and stops at the limit', async () => {
		const { provider, transport } = setup();
		api()
			.get(CONTACTS)
			.query((q) => q.limit === '100' && q.after === undefined)
			.reply(200, {
				results: Array.from({ length: 100 }, (_, k) => hsContact(k + 1, `l${k + 1}@example.com`)),
				paging: { next: { after: '101', link: 'x' } },
			});
		api()
			.get(CONTACTS)
			.query((q) => q.limit === '50' && q.after === '101')
			.reply(200, {
				results: Array.from({ length: 50 }, (_, k) => hsContact(k + 101, `l${k + 101}@example.com`)),
				paging: { next: { after: '151', link: 'x' } },
			});

		const contacts = await collect(provider.listContacts({ limit: 150, properties: ['lifecyclestage'] }), 150);

		expect(contacts.map((c) => c.id)).toEqual(Array.from({ length: 150 }, (_, k) => String(k + 1)));
		expect(transport.sent).toHaveLength(2);
		const first = urlOf(transport.sent[0]);
		expect(first.searchParams.get('properties')?.split(',')).toEqual([...DEFAULTS, 'lifecyclestage']);
		expect(first.searchParams.get('archived')).toBe('false');
	});

	it('ends when HubSpot sends no next page', async () => {
		const { provider, transport } = setup();
		api()
			.get(CONTACTS)
			.query((q) => q.after === undefined)
			.reply(200, { results: [hsContact(1, 'a@example.com')], paging: { next: { after: '2' } } });
		api()
			.get(CONTACTS)
			.query((q) => q.after === '2')
			.reply(200, { results: [hsContact(2, 'b@example.com')] });

		const contacts = await collect(provider.listContacts());

		expect(contacts.map((c) => c.id)).toEqual(['1', '2']);
		expect(transport.sent).toHaveLength(2);
	});
});

describe('options for the HTTP layer', () => {
	it('hands the HTTP options through: a cancelled signal stops the provider before anything is sent', async () => {
		const transport = fetchTransport(TOKEN);
		const controller = new AbortController();
		controller.abort();
		const provider = new HubSpotProvider({ transport, clock: fakeClock(), signal: controller.signal });

		const error = await failure(provider.getContact('501'));

		expect(error).toBeInstanceOf(CRMCancelledError);
		expect(transport.sent).toHaveLength(0);
	});

	it('reads from the base URL it is given, without a trailing slash doubling the path', async () => {
		const provider = new HubSpotProvider({ transport: fetchTransport(TOKEN), clock: fakeClock(), baseUrl: 'http://127.0.0.1:9/hubspot/' });
		nock('http://127.0.0.1:9').get(`/hubspot${CONTACTS}/7`).query(true).reply(200, hsContact(7, 'g@example.com'));

		expect((await provider.getContact('7')).id).toBe('7');
	});
});

describe('the field table, read both ways', () => {
	const VALUES: Record<string, string> = {
		email: 'ada@example.com',
		firstName: 'Ada',
		lastName: 'Lovelace',
		company: 'Analytical Engines',
		title: 'Mathematician',
		phone: '+44 20 0000 0000',
		linkedinUrl: 'https://www.linkedin.com/in/ada',
		domain: 'example.com',
		'location.city': 'London',
		'location.state': 'England',
		'location.country': 'UK',
		createdAt: STAMP,
		updatedAt: STAMP,
	};
	const nested = (field: string, value: string): Json =>
		field.startsWith('location.') ? { location: { [field.slice('location.'.length)]: value } } : { [field]: value };

	it.each(HUBSPOT_CONTACT_FIELDS.map((f) => [f.field, f.property, f.readOnly === true] as const))(
		'%s <-> %s',
		(field, property, readOnly) => {
			const value = VALUES[field];
			expect(toProperties(nested(field, value))).toEqual(readOnly ? {} : { [property]: value });
			const read = fromHubSpot({ id: '7', properties: { [property]: value } });
			expect(read).toMatchObject(nested(field, value));
		},
	);

	it('writes a custom property over the field it shadows, and lower-cases the email whichever one wins', () => {
		expect(toProperties({ email: 'ada@example.com', properties: { email: ' ADA@Example.COM ', jobtitle: 'Countess' }, title: 'Mathematician' })).toEqual({
			email: 'ada@example.com',
			jobtitle: 'Countess',
		});
	});

	it('reads the record timestamps before the properties, and an empty property as no value', () => {
		const read = fromHubSpot({ id: '7', properties: { createdate: '2020-01-01T00:00:00Z', firstname: '', lastname: null }, createdAt: STAMP });
		expect(read).toMatchObject({ createdAt: STAMP, updatedAt: undefined, firstName: undefined, lastName: undefined, location: undefined });
	});
});

describe('authentication and secrets', () => {
	it('turns 401 EXPIRED_AUTHENTICATION into CRMAuthenticationError asking to reconnect, without retrying', async () => {
		const { provider, transport } = setup();
		api()
			.get(`${CONTACTS}/501`)
			.query(true)
			.reply(401, hsError('EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 2 hour(s) ago.'));

		const error = await failure(provider.getContact('501'));

		expect(error).toBeInstanceOf(CRMAuthenticationError);
		expect(error.httpStatus).toBe(401);
		expect(error.message).toBe('HubSpot access token expired; reconnect the credential');
		expect(transport.sent).toHaveLength(1);
	});

	it('keeps the token out of a network error even when the transport error carries the request', async () => {
		const leaky: Transport = async (request: HttpRequest) => {
			// Like an axios error: the failed request's config, Authorization header included.
			throw Object.assign(new Error('socket hang up'), {
				config: { url: request.url, headers: { Authorization: `Bearer ${TOKEN}` } },
			});
		};
		const { provider, clock } = setup(leaky);

		const error = await failure(provider.getContact('501'));

		expect(error).toBeInstanceOf(CRMNetworkError);
		expect(error.message).toBe('HubSpot could not be reached: socket hang up');
		expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 4000]);
	});

	it('puts the credential on the wire for every request, while the core never holds or sends it', async () => {
		const { provider, transport } = setup();
		// What reached the server, read from the intercepted request rather than from our own bookkeeping.
		const wire: Array<{ authorization?: string; path: string }> = [];
		const record = function (this: nock.ReplyFnContext) {
			wire.push({ authorization: this.req.headers.authorization, path: this.req.path });
		};
		nock(BASE)
			.get(`${CONTACTS}/1`)
			.query(true)
			.reply(function (this: nock.ReplyFnContext) {
				record.call(this);
				return [200, hsContact(1, 'a@example.com')];
			});
		nock(BASE)
			.delete(`${CONTACTS}/1`)
			.reply(function (this: nock.ReplyFnContext) {
				record.call(this);
				return [204];
			});

		await provider.getContact('1');
		await provider.deleteContact('1');

		expect(wire.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
		expect(wire.some((r) => r.path.includes(TOKEN))).toBe(false);
		// The provider's requests carry no credential of their own: signing is the transport's job alone.
		expect(transport.sent).toHaveLength(2);
		expect(transport.sent.some((r) => 'authorization' in r.headers || JSON.stringify(r).includes(TOKEN))).toBe(false);
	});
});
