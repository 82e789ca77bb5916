/** Apollo's 500-page cap on one search, told in the output pane instead of failing the run. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { SearchCapNotice } from '../../../src/providers/apollo/search';

export function capReachedHint(ctx: IExecuteFunctions): (notice: SearchCapNotice) => void {
	return (notice) =>
		ctx.addExecutionHints({ type: 'warning', location: 'outputPane', message: notice.message });
}
