/**
 * Where the CRM Sync node keeps its state: the node's static data, which n8n saves when an execution of
 * an active workflow ends (manual runs do not save it). The engine's doc comment says why a lost or
 * stale save is harmless. The state lives under one key, sealed with the encryption key when one is set.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CredentialEncryption } from '../core/encryption';
import { openState, sealState, type SyncState } from '../core/sync/state';

const KEY = 'crmSync';

/** The scope the state belongs to: a sync between other ends starts afresh. */
export function stateScope(source: string, target: string, mode: string): string {
	return `${source}>${target}:${mode}`;
}

export function loadState(ctx: IExecuteFunctions, scope: string, encryption: CredentialEncryption | undefined, fresh: boolean): SyncState {
	const data = ctx.getWorkflowStaticData('node');
	const stored = data[KEY] as IDataObject | undefined;
	if (fresh || !stored || stored.scope !== scope) return openState(undefined);
	return openState(stored.state, encryption);
}

export function saveState(ctx: IExecuteFunctions, scope: string, state: SyncState, encryption: CredentialEncryption | undefined): void {
	const data = ctx.getWorkflowStaticData('node');
	// Replaced whole: n8n notices the change and saves it when the execution ends.
	data[KEY] = { scope, state: sealState(state, encryption) as unknown as IDataObject };
}
