/**
 * The sync's memory between runs, as one JSON value the caller stores (n8n: the node's static data).
 * Kept small: per record only the ids and fingerprints, a bounded retry list, one cursor per side.
 */
import type { CredentialEncryption } from '../encryption';
import { CRMEncryptionError, CRMValidationError } from '../errors';
import type { ContactInput } from '../models';
import type { Role } from './fields';

export const STATE_VERSION = 1;

/** What the sync last knew of one record (keyed by normalized email). */
export interface RecordState {
	/** Platform ids on each side, once known. */
	ids?: Partial<Record<Role, string>>;
	/** Fingerprint of the canonical values on each side after the sync last read or wrote them. */
	fp?: Partial<Record<Role, string>>;
}

/** A record whose write failed: retried on later runs until it succeeds or is given up. */
export interface FailureState {
	/** Which side the write goes to. */
	to: Role;
	attempts: number;
	reason: string;
	code?: string;
	firstFailedAt: string;
	lastFailedAt: string;
	/** The winning side's values as read (canonical fields only), to write again without re-reading. */
	contact: ContactInput;
}

export interface GivenUpState {
	key: string;
	to: Role;
	attempts: number;
	reason: string;
	at: string;
}

export interface SyncState {
	version: typeof STATE_VERSION;
	/** Per side: the change time up to which every record read was committed (ISO). */
	cursors: Partial<Record<Role, string>>;
	records: Record<string, RecordState>;
	failures: Record<string, FailureState>;
	/** The most recent records given up (bounded), for the user to see in the state. */
	givenUp: GivenUpState[];
	/** When a run last finished and how it ended. */
	lastRun?: { finishedAt: string; stoppedBy?: string };
}

export function emptyState(): SyncState {
	return { version: STATE_VERSION, cursors: {}, records: {}, failures: {}, givenUp: [] };
}

/** What is stored: the state itself, or with the encryption key, a Fernet token of it. */
export type StoredState = SyncState | { sealed: string };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checked(value: unknown): SyncState {
	if (!isObject(value) || value.version !== STATE_VERSION || !isObject(value.records)) {
		throw new CRMValidationError('The saved sync state is not one this version can read', {
			description: 'Run once with "Full Resync" on to start the state afresh (only redoes reads; writes stay idempotent).',
		});
	}
	const state = value as unknown as SyncState;
	return {
		version: STATE_VERSION,
		cursors: isObject(state.cursors) ? state.cursors : {},
		records: state.records,
		failures: isObject(state.failures) ? state.failures : {},
		givenUp: Array.isArray(state.givenUp) ? state.givenUp : [],
		lastRun: state.lastRun,
	};
}

/**
 * Reads what was stored. Nothing stored is a fresh state. A sealed state needs the key; a plain state
 * read with a key is accepted (it is sealed on the next save), so turning encryption on needs no reset.
 */
export function openState(stored: unknown, encryption?: CredentialEncryption): SyncState {
	if (stored === undefined || stored === null || (isObject(stored) && Object.keys(stored).length === 0)) return emptyState();
	if (isObject(stored) && typeof stored.sealed === 'string') {
		if (!encryption) {
			throw new CRMEncryptionError('The saved sync state is encrypted, but no encryption key credential is set', {
				description: 'Select the "CRM Bridge Encryption Key" credential the state was saved with.',
			});
		}
		const text = tryDecrypt(encryption, stored.sealed);
		if (text === undefined) {
			throw new CRMEncryptionError('The saved sync state cannot be decrypted with this encryption key', {
				description: 'Select the key the state was saved with, or run with "Full Resync" to start the state afresh.',
			});
		}
		return checked(JSON.parse(text));
	}
	return checked(stored);
}

export function sealState(state: SyncState, encryption?: CredentialEncryption): StoredState {
	return encryption ? { sealed: encryption.encryptCredential(JSON.stringify(state)) } : state;
}

function tryDecrypt(encryption: CredentialEncryption, token: string): string | undefined {
	try {
		return encryption.decryptCredential(token);
	} catch {
		return undefined;
	}
}
