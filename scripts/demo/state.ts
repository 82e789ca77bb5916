/**
 * What the demo remembers between starts, in `<user folder>/demo-state.json`: which sandbox URL the
 * credentials point at (so they are re-pointed only when it changed), which examples were imported once
 * (later starts keep the user's edits and deletions) and the pid of the running demo (two demos on one
 * user folder would share, and corrupt, one SQLite database).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoStateData {
	pid?: number;
	/** The launcher's command line, so a pid reused by another program is not taken for a demo. */
	pidCommand?: string;
	/** Sandbox root URL the imported credentials point at. */
	sandboxUrl?: string;
	/** Written by the first demo: the HubSpot credential's Base URL (`<sandbox>/hubspot`). */
	credentialBaseUrl?: string;
	/** Ids of the example workflows imported so far (`true`: written by the first demo, before ids were kept). */
	examplesImported?: string[] | boolean;
}

function commandOf(pid: number): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return undefined;
	}
}

export class DemoState {
	readonly file: string;
	data: DemoStateData;

	constructor(userFolder: string) {
		this.file = join(userFolder, 'demo-state.json');
		this.data = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as DemoStateData) : {};
	}

	/** The sandbox URL the credentials were last pointed at, also from a first-demo state file. */
	previousSandboxUrl(): string | undefined {
		return this.data.sandboxUrl ?? this.data.credentialBaseUrl?.replace(/\/hubspot$/, '');
	}

	save(): void {
		writeFileSync(this.file, JSON.stringify(this.data, null, 2));
	}

	/** Claims the user folder for this process; throws when a live demo holds it. */
	lock(): void {
		const { pid, pidCommand } = this.data;
		if (pid && pid !== process.pid) {
			const command = commandOf(pid);
			// Older state files have no command: any live process under that pid running a start script counts.
			const alive =
				command !== undefined && (pidCommand ? command === pidCommand : command.includes('start'));
			if (alive) throw new Error(`another demo (pid ${pid}) is running on ${this.file}: stop it first`);
		}
		this.data.pid = process.pid;
		this.data.pidCommand = commandOf(process.pid);
		this.save();
	}

	unlock(): void {
		if (this.data.pid !== process.pid) return;
		delete this.data.pid;
		delete this.data.pidCommand;
		this.save();
	}
}
