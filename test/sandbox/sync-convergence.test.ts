/**
 * The sync engine against the sandbox with fault injection (5% 5xx, 5% 429, 5% dropped connections, 5% of
 * write batches cut short): 10,000 HubSpot contacts reach Apollo exactly, a two-way sync with edits on both
 * sides settles by its policy, a run killed halfway is redone without duplicates, and 15,000 changes cross
 * HubSpot's 10,000-result search cap. Figures (runs, requests, retried records) are printed for the notes.
 */
import { runSync } from '../../src/core/sync/engine';
import { emptyState, type SyncState } from '../../src/core/sync/state';
import type { SyncOptions, SyncReport } from '../../src/core/sync/types';
import type { Sandbox } from '../../sandbox/server';
import { chaos, hubspotPeople, providers, seeded, startSyncSandbox, type Chaos } from './sync-sandbox';

jest.setTimeout(120_000);

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSyncSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

interface Figures {
	runs: number;
	requests: number;
	retried: number;
	failedAttempts: number;
	written: number;
}

/** Runs until a run writes nothing and nothing is left to retry; returns the state and the figures. */
async function converge(options: SyncOptions, start: SyncState, maxRuns = 10): Promise<{ state: SyncState; figures: Figures; last: SyncReport }> {
	let state = start;
	const figures: Figures = { runs: 0, requests: 0, retried: 0, failedAttempts: 0, written: 0 };
	const before = sandbox.requests.list({}).length;
	for (;;) {
		const { report, state: next } = await runSync(options, state);
		state = next;
		figures.runs++;
		figures.retried += report.retried;
		figures.failedAttempts += report.failed;
		figures.written += report.created + report.updated;
		if (report.created + report.updated + report.failed === 0 && Object.keys(state.failures).length === 0 && !report.stoppedBy) {
			figures.requests = sandbox.requests.list({}).length - before;
			return { state, figures, last: report };
		}
		if (figures.runs >= maxRuns) throw new Error(`no convergence after ${maxRuns} runs: ${JSON.stringify({ ...report, records: report.records.slice(0, 3) })}`);
	}
}

function apolloByEmail() {
	const all = sandbox.apollo.allContacts() as Array<Record<string, unknown>>;
	const byEmail = new Map<string, Record<string, unknown>>();
	for (const contact of all) byEmail.set(String(contact.email), contact);
	return { all, byEmail };
}

function expectExactCopy(count: number, edited: (i: number) => Partial<Record<string, string>> = () => ({})) {
	const { all, byEmail } = apolloByEmail();
	expect(all).toHaveLength(count);
	expect(byEmail.size).toBe(count);
	const wrong: string[] = [];
	hubspotPeople(count).forEach((p, i) => {
		const expected = { ...p, ...edited(i) };
		const got = byEmail.get(expected.email);
		const same =
			got &&
			got.first_name === expected.firstname &&
			got.last_name === expected.lastname &&
			got.organization_name === expected.company &&
			got.title === expected.jobtitle &&
			got.direct_phone === expected.phone &&
			got.linkedin_url === expected.hs_linkedin_url &&
			got.website_url === expected.website;
		if (!same) wrong.push(expected.email);
	});
	expect(wrong).toEqual([]);
}

function report(name: string, figures: Figures, c: Chaos) {
	// The figures quoted in the README's "CRM Sync" section.
	console.log(`${name}: ${JSON.stringify({ ...figures, injected: c.injected })}`);
}

describe('sync on the sandbox with faults', () => {
	it('10,000 contacts HubSpot → Apollo converge to exactly the source: none missing, none duplicated, every field right', async () => {
		sandbox.hubspot.seedContacts(hubspotPeople(10_000));
		const c = chaos(0.05, 11);
		const p = providers(sandbox, c);
		const options: SyncOptions = { source: { kind: 'provider', provider: p.hubspot }, target: { kind: 'provider', provider: p.apollo } };
		const { state, figures } = await converge(options, emptyState());
		report('10k one-way', figures, c);
		expectExactCopy(10_000);
		expect(c.injected.status + c.injected.rateLimit + c.injected.drop).toBeGreaterThan(10);
		expect(c.injected.partial).toBeGreaterThan(0);
		expect(Object.keys(state.records)).toHaveLength(10_000);

		// 1% edited in HubSpot: the next runs write exactly those.
		const edits = Array.from({ length: 100 }, (_, n) => n * 97);
		const hubspotIds = new Map(sandbox.hubspot.contacts().map((contact) => [contact.properties.email, contact.id]));
		for (const i of edits) {
			await p.hubspot.updateContact(hubspotIds.get(`person${i}@example.com`) as string, { title: `Edited ${i}` });
		}
		const clean = providers(sandbox);
		const incremental = await runSync({ ...options, source: { kind: 'provider', provider: clean.hubspot }, target: { kind: 'provider', provider: clean.apollo } }, state);
		expect(incremental.report).toMatchObject({ updated: 100, created: 0, failed: 0 });
		expectExactCopy(10_000, (i) => (edits.includes(i) ? { jobtitle: `Edited ${i}` } : {}));
	});

	it('a run killed at a random point (state not saved) and run again converges with no duplicates', async () => {
		sandbox.hubspot.seedContacts(hubspotPeople(3_000));
		const c = chaos(0.05, 23);
		const p = providers(sandbox, c);
		const base: SyncOptions = { source: { kind: 'provider', provider: p.hubspot }, target: { kind: 'provider', provider: p.apollo }, chunkSize: 200 };
		const random = seeded(5);
		const saved = emptyState();
		let kills = 0;
		// Three runs killed mid-way (their state lost, as when n8n is killed), each after a random number of steps.
		for (let attempt = 0; attempt < 3; attempt++) {
			const killAt = 1 + Math.floor(random() * 10);
			const killed = runSync({ ...base, onStep: (done) => {
				if (done >= killAt * 200) throw new Error('killed');
			} }, saved);
			await expect(killed).rejects.toThrow('killed');
			kills++;
		}
		const before = sandbox.apollo.allContacts().length;
		expect(before).toBeGreaterThan(0);
		expect(before).toBeLessThan(3_000);
		const { figures } = await converge(base, saved);
		report(`killed ${kills} times then resumed`, figures, c);
		expectExactCopy(3_000);
	});

	it.each(['newest', 'source', 'target'] as const)('two-way with edits on both sides resolves by %s, and the next run writes nothing', async (policy) => {
		sandbox.hubspot.seedContacts(hubspotPeople(1_000));
		const c = chaos(0.05, 31);
		const p = providers(sandbox, c);
		const options: SyncOptions = { source: { kind: 'provider', provider: p.hubspot }, target: { kind: 'provider', provider: p.apollo }, mode: 'two-way', conflictPolicy: policy };
		const first = await converge(options, emptyState());
		expectExactCopy(1_000);

		// Both sides edit 50 of the same people, Apollo after HubSpot; each side also edits 20 of its own.
		const clean = providers(sandbox);
		const hubspotIds = new Map(sandbox.hubspot.contacts().map((contact) => [contact.properties.email, contact.id]));
		const apolloIds = new Map((sandbox.apollo.allContacts() as Array<Record<string, unknown>>).map((contact) => [contact.email, contact.id as string]));
		for (let i = 0; i < 50; i++) await clean.hubspot.updateContact(hubspotIds.get(`person${i}@example.com`) as string, { title: `HubSpot ${i}` });
		await new Promise((resolve) => setTimeout(resolve, 5));
		for (let i = 0; i < 50; i++) await clean.apollo.updateContact(apolloIds.get(`person${i}@example.com`) as string, { title: `Apollo ${i}` });
		for (let i = 100; i < 120; i++) await clean.hubspot.updateContact(hubspotIds.get(`person${i}@example.com`) as string, { company: `HubSpot Co ${i}` });
		for (let i = 200; i < 220; i++) await clean.apollo.updateContact(apolloIds.get(`person${i}@example.com`) as string, { company: `Apollo Co ${i}` });

		const settle = await converge(options, first.state);
		report(`two-way ${policy}`, settle.figures, c);
		const winner = policy === 'source' ? 'HubSpot' : 'Apollo';
		const hubspot = new Map(sandbox.hubspot.contacts().map((contact) => [contact.properties.email, contact.properties]));
		const { byEmail } = apolloByEmail();
		for (let i = 0; i < 50; i++) {
			expect([hubspot.get(`person${i}@example.com`)?.jobtitle, byEmail.get(`person${i}@example.com`)?.title]).toEqual([`${winner} ${i}`, `${winner} ${i}`]);
		}
		for (let i = 100; i < 120; i++) expect(byEmail.get(`person${i}@example.com`)?.organization_name).toBe(`HubSpot Co ${i}`);
		for (let i = 200; i < 220; i++) expect(hubspot.get(`person${i}@example.com`)?.company).toBe(`Apollo Co ${i}`);
		expect(settle.last).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
		const quiet = await runSync({ ...options, source: { kind: 'provider', provider: clean.hubspot }, target: { kind: 'provider', provider: clean.apollo } }, settle.state);
		expect(quiet.report).toMatchObject({ created: 0, updated: 0, conflicts: 0, failed: 0 });
		expect(sandbox.hubspot.contacts()).toHaveLength(1_000);
		expect(sandbox.apollo.allContacts()).toHaveLength(1_000);
	});

	it('15,000 changed contacts exceed the 10,000 search cap and still all sync', async () => {
		sandbox.hubspot.seedContacts(hubspotPeople(15_000));
		const p = providers(sandbox);
		const { report: result } = await runSync({ source: { kind: 'provider', provider: p.hubspot }, target: { kind: 'provider', provider: p.apollo } }, emptyState());
		expect(result).toMatchObject({ created: 15_000, failed: 0 });
		expect(result.read.source).toBe(15_000);
		const { all, byEmail } = apolloByEmail();
		expect(all).toHaveLength(15_000);
		expect(byEmail.size).toBe(15_000);
	});
});
