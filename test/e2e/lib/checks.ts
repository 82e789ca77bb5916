/**
 * Per-check reporting and the assertions scenarios use. One check = one line and one count in the final
 * `N passed, N failed` line, which CI reads; a failed check does not stop the scenario, so one run shows
 * every broken behaviour at once.
 */
import { deepStrictEqual, AssertionError } from 'node:assert/strict';

export class CheckFailure extends Error {}

function preview(value: unknown, max = 400): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		text = String(value);
	}
	if (text === undefined) text = String(value);
	return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function fail(message: string, context?: string): never {
	throw new CheckFailure(context ? `${context}: ${message}` : message);
}

/**
 * Assertions that throw CheckFailure with a readable message (the value seen, shortened). No `asserts`
 * signatures: TypeScript only honours those through explicitly annotated names, which `ctx.assert` is not.
 */
export const assert = {
	fail(message: string): never {
		fail(message);
	},
	ok(value: unknown, message = 'expected a truthy value'): void {
		if (!value) fail(`${message} (got ${preview(value)})`);
	},
	equal(actual: unknown, expected: unknown, context?: string): void {
		if (!Object.is(actual, expected)) fail(`expected ${preview(expected)}, got ${preview(actual)}`, context);
	},
	notEqual(actual: unknown, unexpected: unknown, context?: string): void {
		if (Object.is(actual, unexpected)) fail(`expected anything but ${preview(unexpected)}`, context);
	},
	deepEqual(actual: unknown, expected: unknown, context?: string): void {
		try {
			deepStrictEqual(actual, expected);
		} catch (error) {
			if (error instanceof AssertionError) fail(`not deep-equal:\n${error.message}`, context);
			throw error;
		}
	},
	match(text: string, pattern: RegExp, context?: string): void {
		if (!pattern.test(text)) fail(`expected to match ${pattern}, got ${preview(text)}`, context);
	},
	includes(haystack: string | readonly unknown[], needle: unknown, context?: string): void {
		const found =
			typeof haystack === 'string' ? haystack.includes(String(needle)) : haystack.includes(needle);
		if (!found) fail(`expected ${preview(haystack, 200)} to include ${preview(needle)}`, context);
	},
	notIncludes(haystack: string | readonly unknown[], needle: unknown, context?: string): void {
		const found =
			typeof haystack === 'string' ? haystack.includes(String(needle)) : haystack.includes(needle);
		if (found) fail(`expected not to include ${preview(needle)}`, context);
	},
	atLeast(actual: number, minimum: number, context?: string): void {
		if (!(actual >= minimum)) fail(`expected at least ${minimum}, got ${actual}`, context);
	},
	atMost(actual: number, maximum: number, context?: string): void {
		if (!(actual <= maximum)) fail(`expected at most ${maximum}, got ${actual}`, context);
	},
	/** A webhook answer's status, with its body in the message when it differs. */
	status(response: { status: number; text: string }, expected: number, context?: string): void {
		if (response.status !== expected)
			fail(`expected HTTP ${expected}, got ${response.status}: ${preview(response.text, 800)}`, context);
	},
	/** An array value (e.g. a webhook's JSON answer), with its length checked when given. */
	array(value: unknown, length?: number, context?: string): unknown[] {
		if (!Array.isArray(value)) fail(`expected an array, got ${preview(value)}`, context);
		if (length !== undefined && value.length !== length)
			fail(`expected ${length} entries, got ${value.length}`, context);
		return value;
	},
};

export type Assert = typeof assert;

export interface CheckResult {
	section: string;
	name: string;
	status: 'passed' | 'failed' | 'skipped';
	message?: string;
	durationMs: number;
}

export class Reporter {
	readonly results: CheckResult[] = [];
	private section = '';

	constructor(private readonly out: (line: string) => void = (line) => console.log(line)) {}

	startSection(title: string): void {
		this.section = title;
		this.out(`\n── ${title}`);
	}

	/**
	 * Runs `fn` as one named check; never throws. Returns whether it passed. `explain` adds context to a
	 * failure (e.g. what n8n logged meanwhile); its own errors are swallowed so they cannot hide the failure.
	 */
	async check(name: string, fn: () => unknown, explain?: () => Promise<string>): Promise<boolean> {
		const started = Date.now();
		try {
			await fn();
			this.record({ name, status: 'passed', durationMs: Date.now() - started });
			return true;
		} catch (error) {
			let message =
				error instanceof CheckFailure ? error.message : ((error as Error)?.stack ?? String(error));
			if (explain) {
				try {
					const extra = await explain();
					if (extra) message += `\n${extra}`;
				} catch (explainError) {
					message += `\n(no further context: ${(explainError as Error).message})`;
				}
			}
			this.record({ name, status: 'failed', message, durationMs: Date.now() - started });
			return false;
		}
	}

	pass(name: string, durationMs = 0): void {
		this.record({ name, status: 'passed', durationMs });
	}

	fail(name: string, message: string, durationMs = 0): void {
		this.record({ name, status: 'failed', message, durationMs });
	}

	skip(name: string, reason: string): void {
		this.record({ name, status: 'skipped', message: reason, durationMs: 0 });
	}

	info(line: string): void {
		this.out(`    ${line}`);
	}

	private record(result: Omit<CheckResult, 'section'>): void {
		this.results.push({ ...result, section: this.section });
		const seconds = result.durationMs >= 100 ? ` (${(result.durationMs / 1000).toFixed(1)} s)` : '';
		const mark = result.status === 'passed' ? 'PASS' : result.status === 'failed' ? 'FAIL' : 'SKIP';
		this.out(`  ${mark} ${result.name}${seconds}`);
		if (result.message)
			this.out(
				result.message
					.split('\n')
					.map((l) => `       ${l}`)
					.join('\n'),
			);
	}

	count(status: CheckResult['status']): number {
		return this.results.filter((r) => r.status === status).length;
	}

	/** The line CI reads: `N passed, N failed` (", N skipped" only when some were). */
	summaryLine(): string {
		const skipped = this.count('skipped');
		return `${this.count('passed')} passed, ${this.count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`;
	}
}
