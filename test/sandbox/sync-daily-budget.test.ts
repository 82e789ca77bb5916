/**
 * A spent daily budget against the sandbox: Apollo's daily allowance for contact calls runs out halfway
 * through a HubSpot → Apollo sync. The run ends cleanly (no error, nothing charged to the records), its
 * state covers what was written, and the runs of the following days (4 calls a day) finish the rest
 * without a duplicate.
 */
import { runSync } from '../../src/core/sync/engine';
import { emptyState } from '../../src/core/sync/state';
import type { Sandbox } from '../../sandbox/server';
import { hubspotPeople, providers, startSyncSandbox } from './sync-sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSyncSandbox();
});
afterAll(() => sandbox.close());

it('Apollo\'s daily budget running out ends the run cleanly; the next day\'s run finishes without duplicates', async () => {
	sandbox.hubspot.seedContacts(hubspotPeople(1_000));
	// 1,000 contacts need 10 bulk_create calls (Apollo is empty): the day allows 4.
	sandbox.configure({ apollo: { otherLimits: { minute: 1_000, hourly: 1_000, daily: 4 } } });
	const p = providers(sandbox);
	const options = { source: { kind: 'provider' as const, provider: p.hubspot }, target: { kind: 'provider' as const, provider: p.apollo }, chunkSize: 200 };

	const first = await runSync(options, emptyState());
	expect(first.report.stoppedBy).toBe('dailyLimit');
	expect(first.report.failed).toBe(0);
	expect(first.state.failures).toEqual({});
	const written = sandbox.apollo.allContacts().length;
	expect(written).toBeGreaterThan(0);
	expect(written).toBeLessThan(1_000);
	expect(first.report.created).toBe(written);
	expect(Object.keys(first.state.records)).toHaveLength(written);

	// Each following day allows 4 calls again; the runs carry on from the saved state until done.
	let state = first.state;
	let created = first.report.created;
	let days = 1;
	for (let stopped = true; stopped && days < 20; days++) {
		sandbox.apollo.advanceClock(86_400_000);
		const next = providers(sandbox);
		const run = await runSync({ ...options, source: { kind: 'provider', provider: next.hubspot }, target: { kind: 'provider', provider: next.apollo } }, state);
		expect(run.report.failed).toBe(0);
		state = run.state;
		created += run.report.created;
		stopped = run.report.stoppedBy === 'dailyLimit';
	}
	expect(created).toBe(1_000);
	expect(days).toBeLessThan(20);
	const emails = (sandbox.apollo.allContacts() as Array<{ email: string }>).map((c) => c.email);
	expect(emails).toHaveLength(1_000);
	expect(new Set(emails).size).toBe(1_000);
});
