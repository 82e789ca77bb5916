/** Return All + Limit, as every n8n list operation has them, and reading them into a result cap. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { collect } from '../core/provider';

/** The two parameters; the caller places them with `updateDisplayOptions`. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function limitOf(ctx: IExecuteFunctions, i: number): number {
	return (ctx.getNodeParameter('returnAll', i, false) as boolean) ? Infinity : (ctx.getNodeParameter('limit', i, 50) as number);
}

/** Drains a page stream into output objects; the raw pages are dropped as soon as each is mapped. */
export async function drain<T extends object>(pages: AsyncIterable<T[]>, limit: number): Promise<IDataObject[]> {
	return (await collect(pages, limit)) as IDataObject[];
}
