/**
 * Resident memory of a process and all its descendants, read from /proc (Linux only): n8n runs its task
 * runner as a child process, so the main process alone would miss memory n8n moved there. Sampling
 * reads /proc/<pid>/status (VmRSS) for every process of the tree; the tree is re-read on each sample
 * from /proc/<pid>/task/<tid>/children, so a runner started mid-run is counted from its first sample.
 */
import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
	const found: number[] = [];
	let tasks: string[];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return found;
	}
	for (const tid of tasks) {
		try {
			for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) {
				if (child) found.push(Number(child));
			}
		} catch {
			// The thread ended between the listing and the read.
		}
	}
	return found;
}

/** The process and its descendants. */
export function processTree(pid: number): number[] {
	const all = [pid];
	for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
	return all;
}

/** VmRSS in bytes, 0 when the process is gone. */
export function rssBytes(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export interface MemorySample {
	at: number;
	/** The root process alone. */
	main: number;
	/** The root and every descendant. */
	tree: number;
	processes: number;
}

export function sample(pid: number): MemorySample {
	const tree = processTree(pid);
	const sizes = tree.map(rssBytes);
	return { at: Date.now(), main: sizes[0], tree: sizes.reduce((a, b) => a + b, 0), processes: tree.length };
}

export interface Sampler {
	stop(): MemorySample[];
}

/** Samples every `intervalMs` until stopped; returns every sample taken. */
export function startSampler(pid: number, intervalMs = 50): Sampler {
	const samples: MemorySample[] = [sample(pid)];
	const timer = setInterval(() => samples.push(sample(pid)), intervalMs);
	return {
		stop() {
			clearInterval(timer);
			samples.push(sample(pid));
			return samples;
		},
	};
}

export function peakOf(samples: MemorySample[], key: 'main' | 'tree'): number {
	return samples.reduce((most, s) => Math.max(most, s[key]), 0);
}

export function medianOf(samples: MemorySample[], key: 'main' | 'tree'): number {
	const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
