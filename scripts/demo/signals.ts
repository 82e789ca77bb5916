/**
 * Ctrl-C for `npm start`: one press reaches the demo more than once (the terminal signals the whole
 * foreground group, and npm relays it too), and the harness's handler (installSignalHandlers) takes a
 * second signal for "kill everything now", which SIGKILLed n8n mid-shutdown. Here the copies that arrive
 * within a short window count as one press; a later press still forces the exit. (`npm start` runs
 * `node --import tsx` rather than the `tsx` command: that one adds a parent that SIGKILLs its child when the
 * child does not acknowledge a signal within 30 ms, which on a loaded machine left the sandbox running.)
 */
import { cleanupAll, installSignalHandlers } from '../../test/e2e/lib/processes';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SAME_PRESS_MS = 2_000;

export function stopOnSignals(label: string): void {
	const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
	// Kept for its exit hook, which kills every child group should the process end any other way.
	installSignalHandlers({ label, exitCode: 0 });
	for (const signal of SIGNALS) {
		for (const listener of process.listeners(signal)) {
			if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
		}
	}
	let first = 0;
	const handler = (signal: NodeJS.Signals) => {
		const now = Date.now();
		if (first === 0) {
			first = now;
			console.error(`\n${label} ${signal}: stopping n8n and the sandbox...`);
			void cleanupAll().finally(() => process.exit(0));
			return;
		}
		if (now - first < SAME_PRESS_MS) return;
		console.error(`${label} stopping now`);
		// The exit hook SIGKILLs whatever is still running.
		process.exit(130);
	};
	for (const signal of SIGNALS) process.on(signal, handler);
}
