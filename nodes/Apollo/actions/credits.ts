/**
 * The per-run credit cap (read once, when the provider is built, since the provider keeps the count) and
 * the execution hint that tells what a run spent.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ApolloProvider } from '../../../src/providers/apollo/provider';

export const creditCapOption: INodeProperties = {
	displayName: 'Credit Cap',
	name: 'creditCap',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 100,
	description:
		'Most credits this run may spend (1 per person or company found, +8 per mobile number). A batch whose worst case would pass the cap is not sent: its items come out as skipped.',
};

/** The cap the user set on an enrich operation, or undefined (no cap) anywhere else. */
export function creditCapOf(ctx: IExecuteFunctions): number | undefined {
	if (ctx.getNodeParameter('operation', 0) !== 'enrich') return undefined;
	const cap = (ctx.getNodeParameter('options', 0, {}) as { creditCap?: unknown }).creditCap;
	return typeof cap === 'number' && Number.isFinite(cap) ? cap : undefined;
}

/** Shown in the output pane: the run's credits, and a warning when the cap held items back. */
export function reportCredits(ctx: IExecuteFunctions, provider: ApolloProvider, cappedItems: number): void {
	const { spent, cap } = provider.credits;
	const capText = cap === undefined ? '' : ` (cap ${cap})`;
	if (cappedItems > 0) {
		ctx.addExecutionHints({
			type: 'warning',
			location: 'outputPane',
			message: `Credit cap reached: ${cappedItems} item(s) not enriched; ${spent} credit(s) spent${capText}. Raise Credit Cap to enrich them.`,
		});
	} else {
		ctx.addExecutionHints({
			type: 'info',
			location: 'outputPane',
			message: `Apollo credits spent by this run: ${spent}${capText}`,
		});
	}
}
