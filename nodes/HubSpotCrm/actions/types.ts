import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { HubSpotProvider } from '../../../src/providers/hubspot/provider';

/** Runs once per input item; returns the item's output objects. */
export type ItemOperation = (this: IExecuteFunctions, provider: HubSpotProvider, itemIndex: number) => Promise<IDataObject[]>;

export type BatchResult = { ok: true; json: IDataObject } | { ok: false; error: unknown };

/** Runs once for all input items (batch endpoints); returns one result per input item, in order. */
export type BatchOperation = (this: IExecuteFunctions, provider: HubSpotProvider, itemCount: number) => Promise<BatchResult[]>;
