import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { HubSpotProvider } from '../../../src/providers/hubspot/provider';

/** Runs once per input item; returns the item's output objects. */
export type ItemOperation = (this: IExecuteFunctions, provider: HubSpotProvider, itemIndex: number) => Promise<IDataObject[]>;

/** Runs once for all input items (batched writes); returns one outcome per input item, in order. */
export type BatchOperation = (
	this: IExecuteFunctions,
	provider: HubSpotProvider,
	itemCount: number,
) => Promise<Array<{ ok: true; json: IDataObject } | { ok: false; error: unknown }>>;
