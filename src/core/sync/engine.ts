/**
 * The sync engine: source → match by normalized email → field mapping → diff against the target's
 * current values → only real changes written, with each platform's batch upsert → per-record outcomes →
 * the next state. One-way, or two-way between two writable platforms with a conflict policy.
 *
 * Why the state is safe where n8n keeps it (static data: saved only when an execution ends, overwritten
 * whole, last writer wins, and in queue mode two executions of one workflow can interleave):
 *
 * - The state is a value: `runSync` takes it in and returns the next one; nothing is written to it while
 *   the run goes on. A run that dies (n8n killed, worker lost) leaves the previous state in place.
 * - A cursor only ever moves past records that were committed: written (the platform said so), found equal
 *   (nothing to write), deliberately skipped (no email, given up) or kept in the retry list. It stops at
 *   the first record of its side that is none of these, so an older or lost state can only hold an older
 *   cursor, which re-reads records: work is redone, never a record skipped.
 * - Redone work changes nothing: writes are upserts keyed by email (HubSpot batch upsert, Apollo
 *   bulk_create with dedupe then bulk_update), and only values that differ from the target's current
 *   values are sent. A record written twice is one record with the same values.
 * - Fingerprints (a digest of each side's mapped values after the sync last read or wrote them) only save
 *   work: a change that equals our own last write is recognised as our echo and not sent back (no
 *   ping-pong). If they are lost, the diff against current values still finds nothing to write.
 * - Overlapping runs of one sync: a lease in the state cannot help, because a run's state becomes visible
 *   to others only when it ends. Overlap is instead made harmless: both runs start from a committed state,
 *   each writes idempotently, and whichever state is saved last covers only what its own run committed, so
 *   the next run redoes what the other did (finding it equal, writing nothing). The worst case is wasted
 *   calls, never a lost or duplicated contact. In two-way, a conflict decided differently by two
 *   overlapping runs is decided again on the next run from the values then current.
 *
 * Errors: a failed record never stops the run; it is kept in a bounded retry list and retried on later
 * runs until `maxAttempts`, then given up and reported. A spent daily budget (CRMRateLimitError with
 * policy `daily`) ends the run cleanly with the state covering what was done.
 */
import { CRMAuthenticationError, CRMCancelledError, CRMException, CRMRateLimitError } from '../errors';
import type { BatchOutcome, Contact, ContactInput, RecordError } from '../models';
import {
	canonicalOf,
	diffValues,
	fingerprint,
	keepable,
	normalEmail,
	pairProperties,
	planFields,
	toWrite,
	type CanonicalValues,
	type FieldPlan,
	type Role,
} from './fields';
import { bindSides, readChanges, SideReader, type Side } from './sides';
import type { FailureState, SyncState } from './state';
import type { ConflictPolicy, RecordOutcome, SyncOptions, SyncReport } from './types';

const DEFAULTS = { maxAttempts: 5, maxRetained: 1000, overlapMs: 60_000, chunkSize: 500, snapshotAbove: 100 };
const MAX_GIVEN_UP_KEPT = 100;
const MAX_ERRORS_REPORTED = 100;

interface Seen {
	key: string;
	updatedAt?: string;
}

interface Work {
	key: string;
	source?: Contact | ContactInput;
	target?: Contact | ContactInput;
	/** Present when the record came from the retry list and not from this run's reads. */
	retry?: FailureState;
	/**
	 * The e-mail this record was synced under before, when its platform id says it is a record we know
	 * whose e-mail changed: the other side is then found and written by its stored id, not by the new
	 * e-mail (which would create a second contact).
	 */
	renamedFrom?: string;
}

interface PendingWrite {
	work: Work;
	to: Role;
	input: ContactInput;
	/** Written by this platform id instead of upserted by e-mail (a record whose e-mail changed). */
	id?: string;
	after: CanonicalValues;
	other: CanonicalValues;
	before: CanonicalValues;
	conflict?: RecordOutcome['conflict'];
	winner: ContactInput;
}

const other = (role: Role): Role => (role === 'source' ? 'target' : 'source');

function isDailyLimit(error: unknown): boolean {
	return error instanceof CRMRateLimitError && error.policy === 'daily';
}

/**
 * Failures that are about the run, not a record: a cancelled run, or a credential the platform refuses
 * (every record would fail alike, and counting attempts would give them all up). They end the run with
 * an error and the state is not returned, so nothing is recorded against the records.
 */
function isFatal(error: unknown): boolean {
	return error instanceof CRMCancelledError || error instanceof CRMAuthenticationError;
}

function messageOf(error: unknown): { message: string; code?: string } {
	if (error instanceof CRMException) return { message: error.message, code: error.code ?? error.name };
	return { message: error instanceof Error ? error.message : String(error) };
}

/** Refuses an impossible combination before anything is read (for editors and nodes to call early). */
export function checkSync(options: Pick<SyncOptions, 'source' | 'target' | 'mode'>): void {
	bindSides(options.source, options.target, options.mode ?? 'one-way');
}

export async function runSync(options: SyncOptions, previous: SyncState): Promise<{ report: SyncReport; state: SyncState }> {
	const mode = options.mode ?? 'one-way';
	const sides = bindSides(options.source, options.target, mode);
	const now = options.now ?? Date.now;
	const started = now();
	const settings = { ...DEFAULTS, ...definedOnly(options) };
	const policy: ConflictPolicy = options.conflictPolicy ?? 'newest';
	const plan = planFields(sides.source.platform, sides.target.platform, options.pairs, options.fields);
	// A deep copy through JSON: n8n hands static data out as an observed proxy, which structuredClone refuses.
	const state: SyncState = JSON.parse(JSON.stringify(previous)) as SyncState;
	const dryRun = options.dryRun === true;
	const providers = [...new Set([sides.source.provider, sides.target.provider].filter((p) => p !== undefined))];
	const callsBefore = providers.map((p) => p.checkRateLimit().http?.requests ?? 0);

	const report: SyncReport = {
		direction: mode === 'two-way' ? 'two-way' : 'export',
		dryRun,
		created: 0,
		updated: 0,
		unchanged: 0,
		skipped: 0,
		failed: 0,
		conflicts: 0,
		givenUp: 0,
		retried: 0,
		errors: [],
		apiCalls: 0,
		startedAt: new Date(started).toISOString(),
		read: { source: 0, target: 0 },
		durationMs: 0,
		cursors: {},
		records: [],
	};
	const committed = new Set<string>();
	const reportError = (error: RecordError) => {
		if (report.errors.length < MAX_ERRORS_REPORTED) report.errors.push(error);
	};

	// 1. Read the changes of each side that is a source of changes (two-way: both).
	const reads: Partial<Record<Role, { seen: Seen[]; cursorable: boolean }>> = {};
	const work = new Map<string, Work>();
	// Platform id → the e-mail the record was synced under, per side: how a changed e-mail is recognised.
	const keyById: Record<Role, Map<string, string>> = { source: new Map(), target: new Map() };
	for (const [key, record] of Object.entries(state.records)) {
		if (record.ids?.source) keyById.source.set(record.ids.source, key);
		if (record.ids?.target) keyById.target.set(record.ids.target, key);
	}
	const readRoles: Role[] = mode === 'two-way' ? ['source', 'target'] : ['source'];
	for (const role of readRoles) {
		const side = sides[role];
		const since = sinceFor(state, role, options, settings.overlapMs);
		const seen: Seen[] = [];
		const { pages, cursorable } = readChanges(side, since, pairProperties(plan, role));
		reads[role] = { seen, cursorable };
		let readError: unknown;
		try {
			for await (const page of pages) {
				for (const contact of page) {
					report.read[role]++;
					const key = normalEmail(contact.email);
					if (!key) {
						// No email, nothing to match on: skipped on purpose (counted, never retried).
						const invalid = contact.properties?.__invalid;
						const skipKey = `${role}:${contact.id ?? seen.length}`;
						seen.push({ key: skipKey, updatedAt: contact.updatedAt });
						committed.add(skipKey);
						if (typeof invalid === 'string') {
							report.failed++;
							reportError({ key: skipKey, message: invalid, code: 'INVALID_ITEM' });
							report.records.push({ key: skipKey, action: 'failed', error: { message: invalid, code: 'INVALID_ITEM' } });
						} else report.skipped++;
						continue;
					}
					seen.push({ key, updatedAt: contact.updatedAt });
					const entry = work.get(key) ?? { key };
					entry[role] = contact;
					const known = contact.id ? keyById[role].get(contact.id) : undefined;
					if (known && known !== key && !state.records[key]) entry.renamedFrom = known;
					work.set(key, entry);
				}
			}
		} catch (error) {
			readError = error;
		}
		if (readError !== undefined) {
			if (isFatal(readError) || options.signal?.aborted) throw readError;
			// What was read is still synced; the cursor stops where reading did.
			report.stoppedBy = isDailyLimit(readError) ? 'dailyLimit' : 'sourceError';
			reportError({ key: `read:${role}`, ...messageOf(readError) });
		}
	}

	// 2. Records that failed before come back from the retry list (unless read afresh above).
	for (const [key, failure] of Object.entries(state.failures)) {
		const entry = work.get(key);
		if (entry) {
			entry.retry = failure;
			continue;
		}
		work.set(key, { key, [other(failure.to)]: failure.contact, retry: failure });
	}

	// 3. Compare and write, a chunk at a time.
	const changed = (entry: Work, role: Role): boolean => {
		const record = entry[role];
		if (!record) return false;
		if (options.fullResync || entry.retry?.to === other(role)) return true;
		return state.records[entry.key]?.fp?.[role] !== fingerprint(canonicalOf(record, plan, role));
	};
	/**
	 * One-way into a target without batch reads (Apollo: one search per e-mail, or the whole account
	 * listed), a record is written without reading the target first when it was synced before (its source
	 * changed), or when so many would need a lookup that the target would have to be listed whole: the
	 * upsert by e-mail is idempotent (Apollo's bulk_create matches existing contacts, which are then
	 * updated) and carries every mapped field, so the result is the same, at 1 call per 100 records. It
	 * also keeps a small daily budget from being spent on listing before anything is written, which would
	 * stall every run. A handful of new records, full resyncs and two-way still compare with the target.
	 */
	const blindable = mode === 'one-way' && !options.fullResync && sides.target.endpoint.kind === 'provider' && !sides.target.batches;
	const needsWork = (entry: Work) => changed(entry, 'source') || changed(entry, 'target');
	let unknownChanged = 0;
	for (const entry of work.values()) if (needsWork(entry) && state.records[entry.key]?.fp?.target === undefined) unknownChanged++;
	const writeBlind = (entry: Work): boolean =>
		blindable && (state.records[entry.key]?.fp?.target !== undefined || unknownChanged > settings.snapshotAbove);
	let expectedLookups = 0;
	for (const entry of work.values()) if (needsWork(entry) && !writeBlind(entry)) expectedLookups++;
	const readers: Record<Role, SideReader> = {
		source: new SideReader(sides.source, pairProperties(plan, 'source'), settings.snapshotAbove, expectedLookups),
		target: new SideReader(sides.target, pairProperties(plan, 'target'), settings.snapshotAbove, expectedLookups),
	};
	const keys = [...work.keys()];
	// A budget spent while reading still lets what was read be written (the other platform's budget is its own).
	for (let start = 0, stop = false; start < keys.length && !stop; start += settings.chunkSize) {
		if (options.signal?.aborted) throw new CRMCancelledError('The sync was cancelled');
		const chunk = keys.slice(start, start + settings.chunkSize).map((key) => work.get(key) as Work);
		stop = await step(chunk);
		options.onStep?.(Math.min(keys.length, start + settings.chunkSize));
		if (stop) report.stoppedBy = 'dailyLimit';
	}

	// 4. Cursors: past the committed prefix of each side's changes, never backwards.
	for (const role of readRoles) {
		const read = reads[role];
		if (!read?.cursorable) continue;
		let cursor = state.cursors[role];
		for (const { key, updatedAt } of read.seen) {
			if (!committed.has(key)) break;
			if (updatedAt && (!cursor || Date.parse(updatedAt) > Date.parse(cursor))) cursor = new Date(Date.parse(updatedAt)).toISOString();
		}
		if (cursor) state.cursors[role] = cursor;
	}

	const finished = now();
	report.finishedAt = new Date(finished).toISOString();
	report.durationMs = finished - started;
	report.apiCalls = providers.reduce((sum, p, i) => sum + (p.checkRateLimit().http?.requests ?? 0) - callsBefore[i], 0);
	report.cursors = { ...state.cursors };
	report.checkpoint = state.cursors.source;
	state.lastRun = { finishedAt: report.finishedAt, stoppedBy: report.stoppedBy };
	if (dryRun) return { report: { ...report, cursors: { ...previous.cursors }, checkpoint: previous.cursors.source }, state: previous };
	return { report, state };

	/** One chunk: look up what is needed, decide each record, write, update the state. True on a daily stop. */
	async function step(chunk: Work[]): Promise<boolean> {
		const decided: Array<{ entry: Work; s: boolean; t: boolean }> = [];
		const need: Record<Role, string[]> = { source: [], target: [] };
		for (const entry of chunk) {
			const s = changed(entry, 'source');
			const t = mode === 'two-way' && changed(entry, 'target');
			if (!s && !t) {
				unchanged(entry);
				continue;
			}
			decided.push({ entry, s, t });
			// A renamed record is still under its old e-mail on the other side.
			const lookupKey = entry.renamedFrom ?? entry.key;
			if (!entry.target && sides.target.endpoint.kind === 'provider' && (entry.renamedFrom || !writeBlind(entry))) need.target.push(lookupKey);
			if (mode === 'two-way' && !entry.source) need.source.push(lookupKey);
		}
		const found = await settle(async () => ({ source: await readers.source.find(need.source), target: await readers.target.find(need.target) }));
		if (!found.ok) {
			if (isDailyLimit(found.error)) return true;
			if (isFatal(found.error)) throw found.error;
			for (const { entry } of decided) fail(entry, entry.retry?.to ?? 'target', entry.source ?? entry.target ?? {}, found.error);
			return false;
		}
		const current = found.value;

		const writes: PendingWrite[] = [];
		for (const { entry, s, t } of decided) {
			const lookupKey = entry.renamedFrom ?? entry.key;
			const sourceRecord = entry.source ?? current.source.get(lookupKey);
			const targetRecord = entry.target ?? current.target.get(lookupKey);
			const canon = {
				source: sourceRecord ? canonicalOf(sourceRecord, plan, 'source') : {},
				target: targetRecord ? canonicalOf(targetRecord, plan, 'target') : {},
			};
			let from: Role = s ? 'source' : 'target';
			let conflict: RecordOutcome['conflict'];
			if (s && t) {
				const same = Object.keys(diffValues(canon.source, canon.target)).length === 0 && Object.keys(diffValues(canon.target, canon.source)).length === 0;
				if (!same) {
					from = winner(policy, sourceRecord, targetRecord);
					conflict = { winner: from, policy };
				}
			}
			const to = other(from);
			const winnerRecord = from === 'source' ? sourceRecord : targetRecord;
			if (!winnerRecord) {
				unchanged(entry);
				continue;
			}
			if (sides[to].endpoint.kind === 'output') {
				writes.push({ work: entry, to, input: winnerRecord, after: canon[from], other: canon[from], before: {}, winner: winnerRecord });
				continue;
			}
			const changes = diffValues(canon[from], canon[to]);
			if (Object.keys(changes).length === 0) {
				remember(entry.key, canon, sourceRecord, targetRecord);
				if (conflict) report.conflicts++;
				unchanged(entry);
				continue;
			}
			const renamedId = entry.renamedFrom ? state.records[entry.renamedFrom]?.ids?.[to] : undefined;
			writes.push({
				work: entry,
				to,
				id: renamedId && (from === 'source' ? targetRecord : sourceRecord)?.id === renamedId ? renamedId : undefined,
				input: toWrite(changes, winnerRecord, from, plan, to),
				after: { ...canon[to], ...changes },
				other: canon[from],
				before: canon[to],
				conflict,
				winner: winnerRecord,
			});
		}

		let stop = false;
		for (const to of ['target', 'source'] as Role[]) {
			const batch = writes.filter((w) => w.to === to);
			if (batch.length === 0) continue;
			const side = sides[to];
			if (side.endpoint.kind === 'output' || dryRun) {
				for (const w of batch) {
					// Output items: "created" the first time a record is emitted; a platform: whether it exists there.
					const exists = side.endpoint.kind === 'output' ? previous.records[w.work.key]?.fp?.[to] !== undefined : (w.work[to] ?? current[to].get(w.work.key)) !== undefined;
					done(w, exists ? 'updated' : 'created', w.input);
				}
				continue;
			}
			const written = await settle(() => writeBatch(side, batch));
			if (!written.ok) {
				if (isDailyLimit(written.error)) return true;
				if (isFatal(written.error)) throw written.error;
				for (const w of batch) fail(w.work, to, w.winner, written.error);
				continue;
			}
			const outcomes = written.value;
			let fatal: unknown;
			batch.forEach((w, i) => {
				const outcome = outcomes[i];
				if (outcome?.ok) {
					done(w, outcome.created ? 'created' : 'updated', outcome.value);
					readers[to].remember(w.work.key, outcome.value);
				} else if (outcome && isFatal(outcome.error)) fatal = outcome.error;
				else if (outcome && isDailyLimit(outcome.error)) stop = true;
				else fail(w.work, to, w.winner, outcome?.error ?? new CRMException('No outcome for this record'));
			});
			if (fatal !== undefined) throw fatal;
		}
		return stop;
	}

	function remember(key: string, canon: Record<Role, CanonicalValues>, source?: ContactInput, target?: ContactInput): void {
		if (dryRun) return;
		const record = (state.records[key] ??= {});
		record.fp = { ...record.fp, source: fingerprint(canon.source) };
		if (mode === 'two-way' || sides.target.endpoint.kind === 'provider') record.fp.target = fingerprint(canon.target);
		const ids = { ...record.ids };
		if (source?.id) ids.source = source.id;
		if (target?.id) ids.target = target.id;
		if (Object.keys(ids).length > 0) record.ids = ids;
	}

	function unchanged(entry: Work): void {
		report.unchanged++;
		committed.add(entry.key);
		if (!dryRun) delete state.failures[entry.key];
	}

	function done(w: PendingWrite, action: 'created' | 'updated', written: Contact | ContactInput): void {
		report[action]++;
		if (w.conflict) report.conflicts++;
		if (w.work.retry) report.retried++;
		committed.add(w.work.key);
		const from = other(w.to);
		const changes: Record<string, [string | undefined, string]> = {};
		for (const [field, value] of Object.entries(diffValues(w.after, w.before))) changes[field] = [w.before[field], value];
		report.records.push({ key: w.work.key, action, to: w.to, conflict: w.conflict, changes, contact: written });
		if (dryRun) return;
		delete state.failures[w.work.key];
		if (w.work.renamedFrom && state.records[w.work.renamedFrom]) {
			// The record now lives under its new e-mail; the old key would match nobody.
			state.records[w.work.key] = state.records[w.work.renamedFrom];
			delete state.records[w.work.renamedFrom];
		}
		const record = (state.records[w.work.key] ??= {});
		record.fp = { ...record.fp, [w.to]: fingerprint(w.after), [from]: fingerprint(w.other) };
		const ids = { ...record.ids };
		if (written.id && sides[w.to].endpoint.kind === 'provider') ids[w.to] = written.id;
		if (w.winner.id) ids[from] = w.winner.id;
		if (Object.keys(ids).length > 0) record.ids = ids;
	}

	function fail(entry: Work, to: Role, winnerRecord: ContactInput, error: unknown): void {
		const { message, code } = messageOf(error);
		const attempts = (entry.retry?.attempts ?? state.failures[entry.key]?.attempts ?? 0) + 1;
		if (entry.retry) report.retried++;
		reportError({ key: entry.key, message, code });
		if (attempts >= settings.maxAttempts) {
			report.givenUp++;
			committed.add(entry.key);
			report.records.push({ key: entry.key, action: 'givenUp', to, error: { message, code, attempts } });
			if (dryRun) return;
			delete state.failures[entry.key];
			state.givenUp = [...state.givenUp, { key: entry.key, to, attempts, reason: message, at: new Date(now()).toISOString() }].slice(-MAX_GIVEN_UP_KEPT);
			return;
		}
		report.failed++;
		report.records.push({ key: entry.key, action: 'failed', to, error: { message, code, attempts } });
		if (dryRun) return;
		const kept = state.failures[entry.key] !== undefined || Object.keys(state.failures).length < settings.maxRetained;
		if (!kept) return; // not committed: the cursor waits here, so the record is read again
		const at = new Date(now()).toISOString();
		state.failures[entry.key] = {
			to,
			attempts,
			reason: message,
			code,
			firstFailedAt: state.failures[entry.key]?.firstFailedAt ?? at,
			lastFailedAt: at,
			contact: keepable(winnerRecord, plan, other(to)),
		};
		committed.add(entry.key);
	}
}

/**
 * One side's writes: upserts by e-mail in one batch call set, and records whose e-mail changed by their
 * id (HubSpot: batch update by id; a platform without it: one update each). One outcome per write, in order.
 */
async function writeBatch(side: Side, batch: PendingWrite[]): Promise<BatchOutcome<Contact>[]> {
	const store = side.store as NonNullable<Side['store']>;
	const outcomes: BatchOutcome<Contact>[] = new Array(batch.length);
	const upserts = batch.map((w, i) => ({ w, i })).filter(({ w }) => !w.id);
	const byId = batch.map((w, i) => ({ w, i })).filter(({ w }) => w.id);
	if (upserts.length > 0) {
		const done = await store.upsertContacts(upserts.map(({ w }) => w.input));
		done.forEach((outcome, n) => (outcomes[upserts[n].i] = { ...outcome, index: upserts[n].i }));
	}
	if (byId.length > 0) {
		const done = side.batches
			? await side.batches.updateContacts(byId.map(({ w }) => ({ id: w.id as string, contact: w.input })))
			: await Promise.all(
					byId.map(async ({ w }, n): Promise<BatchOutcome<Contact>> => {
						const result = await settle(() => store.updateContact(w.id as string, w.input));
						if (result.ok) return { index: n, ok: true, value: result.value, created: false };
						return { index: n, ok: false, error: result.error instanceof CRMException ? result.error : new CRMException(messageOf(result.error).message) };
					}),
				);
		done.forEach((outcome, n) => (outcomes[byId[n].i] = { ...outcome, index: byId[n].i }));
	}
	return outcomes;
}

/** A promise's value or its error, so callers decide outside a catch block what to rethrow. */
async function settle<T>(task: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await task() };
	} catch (error) {
		return { ok: false, error };
	}
}

function winner(policy: ConflictPolicy, source?: ContactInput, target?: ContactInput): Role {
	if (policy === 'source') return 'source';
	if (policy === 'target') return 'target';
	const time = (c?: ContactInput) => (c?.updatedAt ? Date.parse(c.updatedAt) : -Infinity);
	return time(target) > time(source) ? 'target' : 'source';
}

function sinceFor(state: SyncState, role: Role, options: SyncOptions, overlapMs: number): Date | undefined {
	if (options.changedSince) return options.changedSince;
	if (options.fullResync) return undefined;
	const cursor = state.cursors[role];
	return cursor ? new Date(Date.parse(cursor) - overlapMs) : undefined;
}

function definedOnly(options: SyncOptions): Partial<typeof DEFAULTS> {
	const out: Partial<typeof DEFAULTS> = {};
	for (const key of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) {
		const value = options[key];
		if (typeof value === 'number' && value > 0) out[key] = value;
	}
	return out;
}

export type { FieldPlan };
