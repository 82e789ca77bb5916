/** What a sync run is given and what it reports. */
import type { CRMException } from '../errors';
import type { Contact, ContactInput, RecordError, SyncResult } from '../models';
import type { CRMProvider } from '../provider';
import type { PropertyPair, UnifiedSyncField } from './fields';

/** One end of a sync: a platform, or the caller's items (source) / returned records (target). */
export type SyncEndpoint =
	| { kind: 'provider'; provider: CRMProvider }
	| { kind: 'items'; contacts: ContactInput[] }
	| { kind: 'output' };

export type SyncMode = 'one-way' | 'two-way';
export type ConflictPolicy = 'newest' | 'source' | 'target';

export interface SyncOptions {
	source: SyncEndpoint;
	target: SyncEndpoint;
	mode?: SyncMode;
	/** Two-way only: who wins when both sides changed the same record since the last run. */
	conflictPolicy?: ConflictPolicy;
	/** Custom properties to copy, beyond the unified fields. */
	pairs?: PropertyPair[];
	/** Limit the unified fields synced (email is always kept: it is the match key). */
	fields?: UnifiedSyncField[];
	/** Ignore the cursors and fingerprints: read everything, still write only real differences. */
	fullResync?: boolean;
	/** Read changes since this time instead of the saved cursor. */
	changedSince?: Date;
	/** Compute the same report, write nothing, keep the state as it was. */
	dryRun?: boolean;
	/** Attempts before a failing record is given up (default 5). */
	maxAttempts?: number;
	/** Most failed records kept for retry (default 1,000); past it the cursor waits for them instead. */
	maxRetained?: number;
	/**
	 * Re-read this much before the cursor, because change feeds backed by search (HubSpot) show a change a
	 * few seconds after it happened (default 60 s). Re-reads are cheap: unchanged fingerprints skip them.
	 */
	overlapMs?: number;
	/** Records compared and written per step (default 500). */
	chunkSize?: number;
	/**
	 * Targets without batch reads by email (Apollo): up to this many lookups (default 100) are searched one
	 * by one; above it, one-way runs write without reading first (idempotent upserts), and two-way or full
	 * resync runs list the target whole once (a page of 100 per call).
	 */
	snapshotAbove?: number;
	signal?: AbortSignal;
	now?: () => number;
	/** Called after each step with the records done so far (progress, or a chaos test's kill switch). */
	onStep?: (done: number) => void;
}

export type RecordAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'givenUp' | 'pending';

/** One record's outcome in a run. */
export interface RecordOutcome {
	key: string;
	action: RecordAction;
	/** The side that was (or would have been) written. */
	to?: 'source' | 'target';
	/** Both sides changed since the last run: resolved by the conflict policy. */
	conflict?: { winner: 'source' | 'target'; policy: ConflictPolicy };
	/** Field → [before, after] for writes. */
	changes?: Record<string, [string | undefined, string]>;
	/** The written record as the platform returned it (or, for output targets, the record). */
	contact?: Contact | ContactInput;
	error?: { message: string; code?: string; attempts?: number };
}

export interface SyncReport extends SyncResult {
	givenUp: number;
	/** Records read from each side in this run. */
	read: { source: number; target: number };
	/** Writes that failed and were retried from the state's retry list in this run. */
	retried: number;
	/** Why the run stopped early: a spent daily budget, or an unreadable source. */
	stoppedBy?: 'dailyLimit' | 'sourceError';
	durationMs: number;
	cursors: { source?: string; target?: string };
	records: RecordOutcome[];
}

export type { CRMException, RecordError };
