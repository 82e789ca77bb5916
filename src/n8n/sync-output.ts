/**
 * The CRM Sync node's output: a summary item (the SyncResult counts, API calls, duration, cursor), then
 * one item per changed, conflicting, failed or given-up record unless "summary only" is on.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { SyncReport } from '../core/sync/types';

export function syncItems(report: SyncReport, summaryOnly: boolean): INodeExecutionData[] {
	const { records, ...summary } = report;
	const items: INodeExecutionData[] = [{ json: { type: 'summary', ...summary } as unknown as IDataObject }];
	if (summaryOnly) return items;
	for (const record of records) {
		items.push({ json: { type: 'record', ...record } as unknown as IDataObject });
	}
	return items;
}
