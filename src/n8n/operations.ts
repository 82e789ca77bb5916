/**
 * What an action node's operation is, generic over the provider it runs against, and the one map that
 * names a node's resources and operations: a node declares `{ contact: 'create' | 'get' }` once, and an
 * operation table that misses or misspells one fails to compile.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { CapabilityName } from '../core/provider';

/** Runs once per input item; returns the item's output objects. */
export type ItemExecute<P> = (this: IExecuteFunctions, provider: P, itemIndex: number) => Promise<IDataObject[]>;

export type BatchResult = { ok: true; json: IDataObject } | { ok: false; error: unknown };

/** Runs once for all input items (batch endpoints); returns one result per input item, in order. */
export type BatchExecute<P> = (this: IExecuteFunctions, provider: P, items: INodeExecutionData[]) => Promise<BatchResult[]>;

export type Operation<P> = {
	description: INodeProperties[];
	/** The provider capabilities the operation needs; checked once, before any item is read. */
	requires: readonly CapabilityName[];
	/** How the refusal names the operation, e.g. "create contacts". */
	action: string;
} & ({ kind: 'item'; execute: ItemExecute<P> } | { kind: 'batch'; execute: BatchExecute<P> });

/** Resource name → the union of its operation names. */
export type ResourceMap = Record<string, string>;

/** Every operation of every resource in the map, and nothing else. */
export type OperationTable<P, M extends ResourceMap> = { [R in keyof M]: { [O in M[R]]: Operation<P> } };
