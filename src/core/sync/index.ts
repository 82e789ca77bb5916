/** The sync engine's public surface: run, check, state, fields. */
export { checkSync, runSync } from './engine';
export { emptyState, openState, sealState, type StoredState, type SyncState } from './state';
export { UNIFIED_SYNC_FIELDS, type PropertyPair, type UnifiedSyncField } from './fields';
export type { ConflictPolicy, RecordOutcome, SyncEndpoint, SyncMode, SyncOptions, SyncReport } from './types';
