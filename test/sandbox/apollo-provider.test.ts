/**
 * ApolloProvider against the in-process Apollo sandbox: bulk enrichment of 95 people, a 429 storm, a
 * spent daily budget, the credit cap, and a phone reveal whose callback the trigger's parser reads.
 */
import { inspect } from 'node:util';
import { CRMRateLimitError } from '../../src/core/errors';
import type { Contact, ContactInput } from '../../src/core/models';
import { parseApolloEnrichmentCallback } from '../../src/providers/apollo/callbacks';
import type { EnrichmentResult } from '../../src/providers/apollo/enrichment-types';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apolloCalls, SANDBOX_APOLLO_KEY, sandboxProvider } from '../helpers/apollo-sandbox';
import { startReceiver } from './apollo-client';

// Paid-plan enrichment: bulk_match gets a tenth (100/min, 200/h, 600/day).
const LIMITS = { enrichmentLimits: { minute: 1000, hourly: 2000, daily: 6000 } };

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ apollo: { ...LIMITS, callbackDelayMs: 50 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	produced = [];
});
// Every result and error a test produced, checked for the key afterwards.
let produced: unknown[] = [];
afterEach(() => {
	for (const value of produced) expect(inspect(value, { depth: 12 })).not.toContain(SANDBOX_APOLLO_KEY);
});

function keep<T>(value: T): T {
	produced.push(value);
	return value;
}

/** The first `n` seeded people, by email. */
function seeded(n: number): ContactInput[] {
	return sandbox.apollo
		.allPeople()
		.filter((person) => person.email)
		.slice(0, n)
		.map((person) => ({ email: person.email }));
}

/** The error of a result that must have failed. */
function errorOf(result: EnrichmentResult<Contact>): CRMRateLimitError {
	if (result.status !== 'failed') throw new Error(`expected a failure, got ${result.status}`);
	return result.error as CRMRateLimitError;
}

function statuses(results: EnrichmentResult<Contact>[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
	return counts;
}

describe('ApolloProvider on the sandbox: bulk people enrichment', () => {
	it('95 people → exactly 10 bulk_match calls, every result paired to its input, 3 unknown as no-match', async () => {
		const unknown = [20, 50, 80];
		const known = seeded(92);
		const inputs: ContactInput[] = [];
		for (let i = 0, k = 0; i < 95; i++)
			inputs.push(unknown.includes(i) ? { email: `nobody${i}@nowhere.example` } : known[k++]);
		const provider = sandboxProvider(sandbox);

		const results = keep(await provider.enrichPeople(inputs));

		const calls = apolloCalls(sandbox, 'bulk_match');
		expect(calls).toHaveLength(10);
		expect(calls.every((call) => call.status === 200)).toBe(true);
		expect(calls.map((call) => call.inputs).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
			5, 10, 10, 10, 10, 10, 10, 10, 10, 10,
		]);
		expect(apolloCalls(sandbox, '/people/match$')).toHaveLength(0);
		results.forEach((result, i) => {
			expect(result.index).toBe(i);
			if (unknown.includes(i)) expect(result.status).toBe('noMatch');
			else
				expect(result).toMatchObject({
					status: 'matched',
					value: { email: inputs[i].email, ids: { apollo: expect.any(String) } },
				});
		});
		expect(statuses(results)).toEqual({ matched: 92, noMatch: 3 });
		expect(sandbox.apollo.creditSnapshot().consumed).toBe(92);
		expect(provider.credits.spent).toBe(92);
	});

	it('a 429 storm on bulk_match is waited out: every input still enriched', async () => {
		sandbox.faults.add({ platform: 'apollo', path: 'bulk_match', kind: 'rate-limit', times: 4 });
		const provider = sandboxProvider(sandbox);
		const results = keep(await provider.enrichPeople(seeded(30)));
		const calls = apolloCalls(sandbox, 'bulk_match');
		expect(calls.filter((call) => call.status === 429)).toHaveLength(4);
		expect(calls.filter((call) => call.status === 200)).toHaveLength(3);
		expect(statuses(results)).toEqual({ matched: 30 });
		expect(provider.checkRateLimit().http?.waitedMs).toBeGreaterThanOrEqual(60_000);
	});

	it('a spent daily budget stops with the reset time, without sending again', async () => {
		// bulk_match gets a tenth of enrichment: 1 call a day.
		sandbox.configure({ apollo: { enrichmentLimits: { minute: 1000, hourly: 2000, daily: 10 } } });
		const provider = sandboxProvider(sandbox, { batchConcurrency: 1 });
		const results = keep(await provider.enrichPeople(seeded(25)));
		expect(apolloCalls(sandbox, 'bulk_match')).toHaveLength(1);
		expect(results.slice(0, 10).every((r) => r.status === 'matched')).toBe(true);
		for (const result of results.slice(10)) {
			expect(result.status).toBe('failed');
			const error = errorOf(result);
			expect(error).toBeInstanceOf(CRMRateLimitError);
			expect(error.policy).toBe('daily');
			expect(error.message).toMatch(
				/^Apollo daily API limit for bulk people enrichment is spent \(1 per day\); it resets by \d{4}-\d\d-\d\dT/,
			);
		}
	});

	it('a daily 429 from Apollo is not retried and names when the day resets', async () => {
		sandbox.faults.add({
			platform: 'apollo',
			path: 'bulk_match',
			kind: 'rate-limit',
			policyName: 'daily',
			times: 0,
		});
		const provider = sandboxProvider(sandbox, { batchConcurrency: 1 });
		const results = keep(await provider.enrichPeople(seeded(20)));
		// The first call hears the 429; the second is refused before it is sent.
		expect(apolloCalls(sandbox, 'bulk_match')).toHaveLength(1);
		const first = errorOf(results[0]);
		expect(first.policy).toBe('daily');
		expect(first.message).toMatch(/it resets at \d{4}-\d\d-\d\dT.* \(in 24 h\)/);
		expect(errorOf(results[10]).message).toMatch(/it resets at .* \(in 24 h\)/);
	});

	it('the credit cap stops before spending past it; the rest are skipped with the reason', async () => {
		const provider = sandboxProvider(sandbox, { creditCap: 15 });
		const results = keep(await provider.enrichPeople(seeded(30)));
		expect(apolloCalls(sandbox, 'bulk_match')).toHaveLength(1);
		expect(sandbox.apollo.creditSnapshot().consumed).toBe(10);
		expect(statuses(results)).toEqual({ matched: 10, skipped: 20 });
		expect(results[29]).toMatchObject({
			status: 'skipped',
			reason: 'creditCap',
			message: expect.stringMatching(/Credit cap of 15 reached \(10 spent\)/),
		});
	});

	it('a phone reveal: the callback reaches the webhook URL and parses into events naming the request and person', async () => {
		const receiver = await startReceiver();
		try {
			const provider = sandboxProvider(sandbox);
			const people = sandbox.apollo
				.allPeople()
				.filter((person) => person.mobile_phone)
				.slice(0, 2);
			const results = keep(
				await provider.enrichPeople(
					people.map((person) => ({ email: person.email })),
					{ revealPhone: true, webhookUrl: `${receiver.url}/webhook/apollo?token=not-a-real-token` },
				),
			);
			const requestId = (results[0] as { requestId?: string }).requestId;
			expect(requestId).toEqual(expect.any(String));
			expect(results[0]).toMatchObject({ credits: { estimated: 9, callConsumed: 18, callInputs: 2 } });
			const [delivery] = await receiver.waitFor(1);
			expect(delivery.path).toBe('/webhook/apollo?token=not-a-real-token');
			const events = parseApolloEnrichmentCallback(delivery.body, { verified: true, receivedAt: Date.now() });
			expect(events.map((e) => [e.eventId, e.objectId])).toEqual(
				people.map((p) => [`${requestId}#${p.id}`, p.id]),
			);
			expect(events[0].payload).toMatchObject({ requestId, phones: [{ raw: people[0].mobile_phone }] });
		} finally {
			await receiver.close();
		}
	});
});

describe('ApolloProvider on the sandbox: organizations, search, contacts', () => {
	it('enriches organizations 10 per call, mapped back by domain', async () => {
		const domains = sandbox.apollo
			.allOrganizations()
			.slice(0, 12)
			.map((o) => o.primary_domain);
		const results = await sandboxProvider(sandbox).enrichOrganizations([...domains, 'unknown.example']);
		expect(apolloCalls(sandbox, 'organizations/bulk_enrich').map((c) => c.inputs)).toEqual([10, 3]);
		results
			.slice(0, 12)
			.forEach((result, i) =>
				expect(result).toMatchObject({ status: 'matched', value: { domain: domains[i] } }),
			);
		expect(results[12].status).toBe('noMatch');
	});

	it('searches people with Return All across pages, without credits', async () => {
		const provider = sandboxProvider(sandbox);
		const pages: number[] = [];
		for await (const page of provider.searchContacts({ target: 'people' })) pages.push(page.length);
		expect(pages).toEqual([100, 100, 100]);
		expect(sandbox.apollo.creditSnapshot().consumed).toBe(0);
	});

	it('creates with dedupe, then upserts: existing contacts updated, new ones created', async () => {
		const provider = sandboxProvider(sandbox);
		const first = await provider.createContact({ email: 'ann@acme.example', firstName: 'Ann', title: 'VP' });
		const again = await provider.createContact({ email: 'ANN@acme.example', title: 'CEO' });
		expect(again.id).toBe(first.id);
		expect(sandbox.apollo.allContacts()).toHaveLength(1);

		const outcomes = await provider.upsertContacts([
			{ email: 'ann@acme.example', title: 'Chair' },
			{ email: 'bob@acme.example', firstName: 'Bob' },
		]);
		expect(outcomes.map((o) => o.ok && o.created)).toEqual([false, true]);
		expect((await provider.getContact(first.id as string)).title).toBe('Chair');
		expect((await provider.getContactByEmail('bob@acme.example'))?.firstName).toBe('Bob');
		expect(await provider.updateContact(first.id as string, { lastName: 'Lee' })).toMatchObject({
			lastName: 'Lee',
			title: 'Chair',
		});
	});
});
