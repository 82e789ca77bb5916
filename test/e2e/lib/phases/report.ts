/**
 * The end of a run: the `N passed, N failed` line CI reads, the total time, and (for scripts/test.sh)
 * the same counts as JSON in E2E_SUMMARY_FILE.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter } from '../checks';
import { seconds } from '../options';

export function report(
	reporter: Reporter,
	durationMs: number,
	summaryFile = process.env.E2E_SUMMARY_FILE,
): void {
	if (summaryFile) {
		writeFileSync(
			summaryFile,
			JSON.stringify(
				{
					passed: reporter.count('passed'),
					failed: reporter.count('failed'),
					skipped: reporter.count('skipped'),
					durationMs,
					results: reporter.results,
				},
				null,
				2,
			),
		);
	}
	console.log('');
	console.log(reporter.summaryLine());
	console.log(`total time ${seconds(durationMs)}`);
}
