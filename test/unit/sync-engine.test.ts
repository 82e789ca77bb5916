/** The sync engine's rules, on in-memory platforms (test/helpers/sync-fake-provider.ts). */
import { CredentialEncryption } from '../../src/core/encryption';
import { CRMEncryptionError, CRMNotSupportedError } from '../../src/core/errors';
import { checkSync, runSync } from '../../src/core/sync/engine';
import { emptyState, openState, sealState, type SyncState } from '../../src/core/sync/state';
import type { SyncOptions } from '../../src/core/sync/types';
import { FakeCrm, person } from '../helpers/sync-fake-provider';

const p = (provider: FakeCrm) => ({ kind: 'provider' as const, provider });

function oneWay(source: FakeCrm, target: FakeCrm, extra: Partial<SyncOptions> = {}): SyncOptions {
	return { source: p(source), target: p(target), overlapMs: 1, ...extra };
}

function seed(crm: FakeCrm, count: number, from = 0) {
	for (let i = from; i < from + count; i++) crm.edit(`p${i}@example.com`, person(i));
}

describe('one-way sync', () => {
	it('creates what the target lacks, then a second run with no changes writes nothing', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 30);
		const first = await runSync(oneWay(hubspot, apollo), emptyState());
		expect(first.report).toMatchObject({ created: 30, updated: 0, failed: 0 });
		expect(apollo.records.size).toBe(30);
		expect(apollo.records.get('p7@example.com')).toMatchObject(person(7));
		const writes = apollo.writes.length;

		const second = await runSync(oneWay(hubspot, apollo), first.state);
		expect(second.report).toMatchObject({ created: 0, updated: 0 });
		expect(apollo.writes.length).toBe(writes);
	});

	it('writes only the fields that differ, matching emails whatever their case', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		hubspot.edit('Ann@Example.com ', person(1, { title: 'CEO' }));
		apollo.edit('ann@example.com', person(1, { title: 'Intern' }));
		const { report } = await runSync(oneWay(hubspot, apollo), emptyState());
		expect(report).toMatchObject({ created: 0, updated: 1 });
		expect(apollo.writes).toEqual([[{ email: 'ann@example.com', title: 'CEO', properties: {} }]]);
		expect(report.records[0]).toMatchObject({ key: 'ann@example.com', action: 'updated', changes: { title: ['Intern', 'CEO'] } });
		expect(apollo.records.size).toBe(1);
	});

	it('a target without batch reads (Apollo) gets a known record\'s change without a lookup; one with batch reads is diffed', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 3);
		const first = await runSync(oneWay(hubspot, apollo), emptyState());
		hubspot.edit('p1@example.com', { title: 'CEO' });
		const lookups = jest.spyOn(apollo.capabilities.contactStore!, 'findContactsByEmail');
		const listing = jest.spyOn(apollo.capabilities.contactStore!, 'listContacts');
		const second = await runSync(oneWay(hubspot, apollo), first.state);
		expect(second.report).toMatchObject({ updated: 1, created: 0 });
		expect(lookups).not.toHaveBeenCalled();
		expect(listing).not.toHaveBeenCalled();
		expect(apollo.writes.at(-1)).toEqual([{ ...person(1, { title: 'CEO' }), email: 'p1@example.com', properties: {} }]);

		const back = new FakeCrm('hubspot');
		const third = await runSync(oneWay(apollo, back), emptyState());
		expect(third.report.created).toBe(3);
		apollo.edit('p2@example.com', { company: 'NewCo' });
		const batchLookups = jest.spyOn(back.capabilities.contactStore!, 'findContactsByEmail');
		await runSync(oneWay(apollo, back, { overlapMs: 3_600_000 }), third.state);
		expect(batchLookups).toHaveBeenCalledWith(['p2@example.com'], []);
		expect(back.writes.at(-1)).toEqual([{ email: 'p2@example.com', company: 'NewCo', properties: {} }]);
	});

	it.each([
		['without batch updates (one update by id)', false],
		['with batch updates by id', true],
	])('a contact whose e-mail changed at the source is found by its stored id and updated there, not duplicated: target %s', async (_name, batches) => {
		const hubspot = new FakeCrm('hubspot');
		const target = new FakeCrm('apollo', { feed: false, batches });
		seed(hubspot, 3);
		const first = await runSync(oneWay(hubspot, target), emptyState());
		const targetId = target.records.get('p1@example.com')?.id;
		const old = hubspot.records.get('p1@example.com') as NonNullable<ReturnType<typeof hubspot.records.get>>;
		hubspot.records.delete('p1@example.com');
		hubspot.edit('p1.new@example.com', { ...old, email: 'p1.new@example.com', title: 'VP' });
		const second = await runSync(oneWay(hubspot, target, { overlapMs: 1 }), first.state);
		expect(second.report).toMatchObject({ created: 0, updated: 1, failed: 0 });
		expect(target.updates).toEqual([{ id: targetId, contact: { email: 'p1.new@example.com', title: 'VP', properties: {} } }]);
		expect([...target.records.keys()].sort()).toEqual(['p0@example.com', 'p1.new@example.com', 'p2@example.com']);
		expect(target.records.get('p1.new@example.com')?.id).toBe(targetId);
		expect(second.state.records['p1@example.com']).toBeUndefined();
		expect(second.state.records['p1.new@example.com']?.ids).toEqual({ source: old.id, target: targetId });
		const third = await runSync(oneWay(hubspot, target, { overlapMs: 60_000 }), second.state);
		expect(third.report).toMatchObject({ created: 0, updated: 0 });
	});

	it('copies the custom property pairs and leaves out unified fields not asked for', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		hubspot.edit('a@example.com', person(1, { properties: { lead_score: '42' } }));
		await runSync(oneWay(hubspot, apollo, { pairs: [{ source: 'lead_score', target: 'score_field' }], fields: ['firstName'] }), emptyState());
		expect(apollo.writes[0]).toEqual([{ email: 'a@example.com', firstName: 'First1', properties: { score_field: '42' } }]);
	});

	it('output items: each changed record once, then nothing until it changes (full resync: all again)', async () => {
		const hubspot = new FakeCrm('hubspot');
		seed(hubspot, 3);
		const first = await runSync({ source: p(hubspot), target: { kind: 'output' }, overlapMs: 1 }, emptyState());
		expect(first.report.records.map((r) => r.action)).toEqual(['created', 'created', 'created']);
		// Re-read through the overlap, but unchanged: not emitted again.
		const second = await runSync({ source: p(hubspot), target: { kind: 'output' }, overlapMs: 3_600_000 }, first.state);
		expect(second.report.read.source).toBe(3);
		expect(second.report.records).toEqual([]);
		const resync = await runSync({ source: p(hubspot), target: { kind: 'output' }, fullResync: true }, first.state);
		expect(resync.report.records.map((r) => r.action)).toEqual(['updated', 'updated', 'updated']);
		hubspot.edit('p1@example.com', { title: 'CFO' });
		const third = await runSync({ source: p(hubspot), target: { kind: 'output' }, overlapMs: 1 }, second.state);
		expect(third.report.records).toMatchObject([{ key: 'p1@example.com', action: 'updated', contact: { title: 'CFO' } }]);
	});

	it('input items: a bad item fails alone, one without an email is skipped', async () => {
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		const { report } = await runSync(
			{ source: { kind: 'items', contacts: [{ email: 'ok@example.com', firstName: 'Ok' }, { email: 'not an email' }, { firstName: 'NoEmail' }] }, target: p(apollo) },
			emptyState(),
		);
		expect(report).toMatchObject({ created: 1, failed: 1, skipped: 1 });
		expect(report.errors[0]).toMatchObject({ code: 'INVALID_ITEM', message: expect.stringContaining('email') });
		expect([...apollo.records.keys()]).toEqual(['ok@example.com']);
	});

	it('dry run: the same report, nothing written, state unchanged', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 5);
		apollo.edit('p0@example.com', person(0, { title: 'Old' }));
		const state = emptyState();
		const dry = await runSync(oneWay(hubspot, apollo, { dryRun: true }), state);
		expect(dry.report).toMatchObject({ dryRun: true, created: 4, updated: 1 });
		expect(apollo.writes).toEqual([]);
		expect(dry.state).toEqual(emptyState());
		const real = await runSync(oneWay(hubspot, apollo), state);
		expect(real.report).toMatchObject({ created: 4, updated: 1 });
	});
});

describe('cursor', () => {
	it('moves past committed records only: a record that cannot be kept for retry holds it back', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 10);
		apollo.failing.add('p3@example.com');
		apollo.failing.add('p6@example.com');
		const { state, report } = await runSync(oneWay(hubspot, apollo, { maxRetained: 1 }), emptyState());
		expect(report).toMatchObject({ created: 8, failed: 2 });
		expect(Object.keys(state.failures)).toEqual(['p3@example.com']);
		// p6 is neither written nor kept: the cursor stops just before it.
		expect(state.cursors.source).toBe(hubspot.records.get('p5@example.com')?.updatedAt);
	});

	it('overlaps the cursor, and a re-read unchanged record costs no write', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 4);
		const first = await runSync(oneWay(hubspot, apollo, { overlapMs: 60_000 }), emptyState());
		const writes = apollo.writes.length;
		const second = await runSync(oneWay(hubspot, apollo, { overlapMs: 60_000 }), first.state);
		expect(second.report.read.source).toBe(4);
		expect(second.report.unchanged).toBe(4);
		expect(apollo.writes.length).toBe(writes);
	});

	it('changed since overrides the cursor; full resync re-reads everything and still writes only differences', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 6);
		const first = await runSync(oneWay(hubspot, apollo), emptyState());
		const since = new Date(Date.parse(hubspot.records.get('p3@example.com')?.updatedAt as string));
		const partial = await runSync(oneWay(hubspot, apollo, { changedSince: since }), first.state);
		expect(partial.report.read.source).toBe(3);
		apollo.edit('p0@example.com', { title: 'Drifted' });
		const full = await runSync(oneWay(hubspot, apollo, { fullResync: true }), partial.state);
		expect(full.report).toMatchObject({ updated: 1, unchanged: 5 });
		expect(apollo.records.get('p0@example.com')?.title).toBe('CTO');
	});

	it('an older (lost) state redoes work and duplicates nothing', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 20);
		const stale = emptyState();
		await runSync(oneWay(hubspot, apollo), stale);
		seed(hubspot, 5, 20);
		const again = await runSync(oneWay(hubspot, apollo), stale);
		expect(again.report).toMatchObject({ created: 5, updated: 0, unchanged: 20 });
		expect(apollo.records.size).toBe(25);
	});
});

describe('failures', () => {
	it('are retried on later runs and given up after max attempts', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 3);
		apollo.failing.add('p1@example.com');
		let state: SyncState = emptyState();
		const attempts: Array<[string, number]> = [];
		for (let run = 0; run < 3; run++) {
			const result = await runSync(oneWay(hubspot, apollo, { maxAttempts: 3 }), state);
			state = result.state;
			attempts.push([result.report.records.find((r) => r.key === 'p1@example.com')?.action as string, result.report.records.find((r) => r.key === 'p1@example.com')?.error?.attempts as number]);
		}
		expect(attempts).toEqual([
			['failed', 1],
			['failed', 2],
			['givenUp', 3],
		]);
		expect(state.failures).toEqual({});
		expect(state.givenUp).toMatchObject([{ key: 'p1@example.com', attempts: 3, reason: 'Rejected p1@example.com' }]);
	});

	it('a retried record that now succeeds is written and leaves the list', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 3);
		apollo.failing.add('p2@example.com');
		const first = await runSync(oneWay(hubspot, apollo), emptyState());
		expect(first.state.failures['p2@example.com']).toMatchObject({ attempts: 1, to: 'target', contact: { email: 'p2@example.com' } });
		apollo.failing.clear();
		const second = await runSync(oneWay(hubspot, apollo, { overlapMs: 1 }), first.state);
		expect(second.report).toMatchObject({ created: 1, retried: 1 });
		expect(second.state.failures).toEqual({});
		expect(apollo.records.get('p2@example.com')).toMatchObject(person(2));
	});

	it('a daily budget spent while reading the source: what was read is still written, the cursor stops there', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 250);
		hubspot.feedPagesBeforeDailyLimit = 1;
		const first = await runSync(oneWay(hubspot, apollo), emptyState());
		expect(first.report).toMatchObject({ stoppedBy: 'dailyLimit', created: 100, failed: 0 });
		expect(first.report.errors).toMatchObject([{ key: 'read:source', message: 'Daily limit reached' }]);
		expect(first.state.cursors.source).toBe(hubspot.records.get('p99@example.com')?.updatedAt);
		hubspot.feedPagesBeforeDailyLimit = Infinity;
		const second = await runSync(oneWay(hubspot, apollo), first.state);
		expect(second.report).toMatchObject({ created: 150, failed: 0 });
		expect(apollo.records.size).toBe(250);
	});

	it('a spent daily budget ends the run cleanly, the cursor covering only what was written', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 10);
		apollo.dailyBudget = 4;
		const first = await runSync(oneWay(hubspot, apollo, { chunkSize: 2 }), emptyState());
		expect(first.report).toMatchObject({ stoppedBy: 'dailyLimit', created: 4, failed: 0 });
		expect(first.state.failures).toEqual({});
		expect(first.state.cursors.source).toBe(hubspot.records.get('p3@example.com')?.updatedAt);
		apollo.dailyBudget = Infinity;
		const second = await runSync(oneWay(hubspot, apollo), first.state);
		expect(second.report).toMatchObject({ created: 6 });
		expect(apollo.records.size).toBe(10);
	});
});

describe('two-way', () => {
	async function synced(policy?: SyncOptions['conflictPolicy']) {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 3);
		apollo.edit('only-apollo@example.com', person(9));
		const options = { ...oneWay(hubspot, apollo), mode: 'two-way' as const, conflictPolicy: policy };
		const first = await runSync(options, emptyState());
		return { hubspot, apollo, options, state: first.state, first };
	}

	it('creates on both sides, then writes nothing: our own writes do not come back (no ping-pong)', async () => {
		const { hubspot, apollo, options, state, first } = await synced();
		expect(first.report).toMatchObject({ created: 4 });
		expect(hubspot.records.has('only-apollo@example.com')).toBe(true);
		const writes = [hubspot.writes.length, apollo.writes.length];
		let current = state;
		for (let run = 0; run < 3; run++) {
			const next = await runSync(options, current);
			expect(next.report).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
			current = next.state;
		}
		expect([hubspot.writes.length, apollo.writes.length]).toEqual(writes);
	});

	it.each([
		['newest', 'apollo'],
		['source', 'hubspot'],
		['target', 'apollo'],
	] as const)('edits on both sides: policy %s lets %s win, and the next run writes nothing', async (policy, winner) => {
		const { hubspot, apollo, options, state } = await synced(policy);
		hubspot.edit('p1@example.com', { title: 'From HubSpot' });
		apollo.edit('p1@example.com', { title: 'From Apollo' });
		const { report, state: next } = await runSync(options, state);
		expect(report).toMatchObject({ conflicts: 1, updated: 1 });
		const expected = winner === 'hubspot' ? 'From HubSpot' : 'From Apollo';
		expect(hubspot.records.get('p1@example.com')?.title).toBe(expected);
		expect(apollo.records.get('p1@example.com')?.title).toBe(expected);
		const quiet = await runSync(options, next);
		expect(quiet.report).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
	});

	it('newest wins goes by change time, whichever side is older', async () => {
		const { hubspot, apollo, options, state } = await synced('newest');
		apollo.edit('p2@example.com', { title: 'Apollo first' });
		hubspot.edit('p2@example.com', { title: 'HubSpot later' });
		await runSync(options, state);
		expect(apollo.records.get('p2@example.com')?.title).toBe('HubSpot later');
	});
});

describe('what is possible', () => {
	it('a read-only platform cannot be a target, nor either side of a two-way sync', () => {
		const linkedin = new FakeCrm('linkedin', { store: false, batches: false });
		const hubspot = new FakeCrm('hubspot');
		expect(() => checkSync({ source: p(hubspot), target: p(linkedin) })).toThrow(CRMNotSupportedError);
		expect(() => checkSync({ source: p(hubspot), target: p(linkedin) })).toThrow('LinkedIn cannot be a sync target (write contacts): it has no contact store');
		expect(() => checkSync({ source: p(linkedin), target: p(hubspot), mode: 'two-way' })).toThrow('LinkedIn cannot be written by a two-way sync');
		expect(() => checkSync({ source: p(linkedin), target: p(hubspot) })).not.toThrow();
	});

	it('LinkedIn leads (a change feed, no contact store) sync one-way into a platform', async () => {
		const linkedin = new FakeCrm('linkedin', { store: false, batches: false });
		const hubspot = new FakeCrm('hubspot');
		linkedin.edit('lead@example.com', { firstName: 'Lea', company: 'Acme', location: { city: 'Paris' } });
		const first = await runSync(oneWay(linkedin, hubspot), emptyState());
		expect(first.report).toMatchObject({ created: 1 });
		expect(hubspot.records.get('lead@example.com')).toMatchObject({ firstName: 'Lea', company: 'Acme', location: { city: 'Paris' } });
		const again = await runSync(oneWay(linkedin, hubspot), first.state);
		expect(again.report).toMatchObject({ created: 0, updated: 0 });
	});

	it('items cannot be part of a two-way sync', () => {
		const hubspot = new FakeCrm('hubspot');
		expect(() => checkSync({ source: { kind: 'items', contacts: [] }, target: p(hubspot), mode: 'two-way' })).toThrow('Two-way sync needs two platforms');
		expect(() => checkSync({ source: p(hubspot), target: { kind: 'output' }, mode: 'two-way' })).toThrow('Two-way sync needs two platforms');
	});
});

describe('state encryption', () => {
	const key = CredentialEncryption.generateKey();

	it('with a key the stored state is a Fernet token that holds no email in the clear', async () => {
		const hubspot = new FakeCrm('hubspot');
		const apollo = new FakeCrm('apollo', { feed: false, batches: false });
		seed(hubspot, 2);
		apollo.failing.add('p1@example.com');
		const { state } = await runSync(oneWay(hubspot, apollo), emptyState());
		const stored = sealState(state, new CredentialEncryption(key));
		expect(Object.keys(stored)).toEqual(['sealed']);
		expect(JSON.stringify(stored)).not.toContain('@example.com');
		expect(openState(JSON.parse(JSON.stringify(stored)), new CredentialEncryption(key))).toEqual(state);
		expect(JSON.stringify(sealState(state))).toContain('p1@example.com');
	});

	it('a sealed state without its key, or with another key, is refused with a clear error', () => {
		const stored = sealState(emptyState(), new CredentialEncryption(key));
		expect(() => openState(stored)).toThrow(CRMEncryptionError);
		expect(() => openState(stored)).toThrow('encrypted, but no encryption key');
		expect(() => openState(stored, new CredentialEncryption(CredentialEncryption.generateKey()))).toThrow('cannot be decrypted with this encryption key');
	});

	it('a plain state is still read once a key is set (sealed on the next save)', () => {
		const plain = { ...emptyState(), cursors: { source: '2026-01-01T00:00:00.000Z' } };
		expect(openState(plain, new CredentialEncryption(key)).cursors.source).toBe('2026-01-01T00:00:00.000Z');
		expect(openState(undefined)).toEqual(emptyState());
		expect(openState({})).toEqual(emptyState());
	});
});
