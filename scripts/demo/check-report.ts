import { writeFileSync } from 'node:fs';

/** The `N passed, N failed` tally of start:check, one line per check as it runs. */
export class CheckReport {
	passed = 0;
	failed = 0;
	readonly failures: string[] = [];

	/** Records `name` as passed when `ok`, failed otherwise, with `detail` explaining a failure. */
	check(name: string, ok: boolean, detail = ''): boolean {
		if (ok) {
			this.passed += 1;
			console.log(`  ok    ${name}`);
		} else {
			this.failed += 1;
			this.failures.push(name);
			console.log(`  FAIL  ${name}${detail ? `: ${detail}` : ''}`);
		}
		return ok;
	}

	/** Runs `fn`; a throw is a failed check with the error as its detail. */
	async attempt(name: string, fn: () => Promise<string | undefined | void>): Promise<boolean> {
		try {
			const problem = await fn();
			return this.check(name, !problem, problem || '');
		} catch (error) {
			return this.check(name, false, (error as Error).message);
		}
	}

	/** Runs checks that may throw before recording their own result: a throw is one failed check. */
	async guard<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
		try {
			return await fn();
		} catch (error) {
			this.check(what, false, (error as Error).message);
			return undefined;
		}
	}

	summary(): string {
		return `${this.passed} passed, ${this.failed} failed`;
	}

	/** For CI's sum over every run (scripts/test-summary.cjs), when START_CHECK_SUMMARY_FILE names a file. */
	writeSummary(file = process.env.START_CHECK_SUMMARY_FILE): void {
		if (file) writeFileSync(file, JSON.stringify({ passed: this.passed, failed: this.failed, failures: this.failures }));
	}
}
