import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Contact } from '../../../../src/core/models';
import { collect } from '../../../../src/core/provider';

/** Return All + Limit, as every n8n list operation has them. */
export function returnAllFields(operation: string): INodeProperties[] {
	const show = { resource: ['contact'], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

export function limitOf(ctx: IExecuteFunctions, i: number): number {
	return (ctx.getNodeParameter('returnAll', i, false) as boolean) ? Infinity : (ctx.getNodeParameter('limit', i, 50) as number);
}

/** Drains a page stream into output objects; the raw pages are dropped as soon as each is mapped. */
export async function drain(pages: AsyncIterable<Contact[]>, limit: number): Promise<IDataObject[]> {
	return (await collect(pages, limit)) as IDataObject[];
}
