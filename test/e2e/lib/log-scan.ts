/**
 * Reads n8n's console log for the signs of a package that did not load (n8n keeps running and only
 * unpublishes the workflows that use it, so a test that just waits would time out far from the cause),
 * and for secrets that must never be written there.
 */

export interface LogEntry {
	/** 1-based line number of the entry's first line. */
	line: number;
	level: string;
	text: string;
}

const ENTRY_START = /^\d{2}:\d{2}:\d{2}\.\d{3}\s+(\w+)\s/;

/** Splits the log into entries (n8n's multi-line messages continue on lines without a timestamp). */
export function parseLog(text: string): LogEntry[] {
	const entries: LogEntry[] = [];
	text.split('\n').forEach((raw, index) => {
		const match = ENTRY_START.exec(raw);
		if (match || entries.length === 0) {
			entries.push({ line: index + 1, level: match?.[1]?.toLowerCase() ?? 'unknown', text: raw });
		} else {
			entries[entries.length - 1].text += `\n${raw}`;
		}
	});
	return entries.filter((e) => e.text.trim() !== '');
}

/** Any of these anywhere in the log means something did not load. */
export const LOAD_FAILURE_PATTERNS: RegExp[] = [
	/Unrecognized node type/i,
	/Unrecognized credential type/i,
	/Error loading package/i,
	/Failed to load/i,
	/cannot find module/i,
	/Skipping package/i,
	/failed to load package metadata/i,
	/is already registered/i,
];

export interface LogProblem {
	line: number;
	reason: string;
	text: string;
}

/**
 * Problems in the log: load failures, and any error-level entry that names the package. `allowed` lets a
 * scenario excuse entries it provokes on purpose (e.g. a node error it tests for).
 */
export function scanLog(text: string, packageName: string, allowed: RegExp[] = []): LogProblem[] {
	const problems: LogProblem[] = [];
	for (const entry of parseLog(text)) {
		if (allowed.some((re) => re.test(entry.text))) continue;
		const pattern = LOAD_FAILURE_PATTERNS.find((re) => re.test(entry.text));
		if (pattern) {
			problems.push({ line: entry.line, reason: `matches ${pattern}`, text: entry.text });
		} else if (entry.level === 'error' && entry.text.includes(packageName)) {
			problems.push({ line: entry.line, reason: `error entry naming ${packageName}`, text: entry.text });
		}
	}
	return problems;
}

export function formatProblems(problems: LogProblem[], max = 10): string {
	const shown = problems
		.slice(0, max)
		.map((p) => `  line ${p.line} (${p.reason}):\n    ${p.text.split('\n').slice(0, 6).join('\n    ')}`);
	if (problems.length > max) shown.push(`  ... and ${problems.length - max} more`);
	return shown.join('\n');
}

/** Where each secret appears in `text` (secret shown masked, with a little context). */
export function findSecrets(text: string, secrets: string[]): string[] {
	const hits: string[] = [];
	for (const secret of secrets) {
		if (secret.length < 6) continue;
		let index = text.indexOf(secret);
		while (index !== -1 && hits.length < 20) {
			const before = text.slice(Math.max(0, index - 60), index).replace(/\s+/g, ' ');
			hits.push(`"${secret.slice(0, 3)}…" at offset ${index}, after: ${before}`);
			index = text.indexOf(secret, index + secret.length);
		}
	}
	return hits;
}
