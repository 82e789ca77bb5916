import type { Clock } from '../../src/core/http';

/**
 * Virtual time for tests: `sleep` resolves at once after moving the clock forward, and remembers every
 * wait so a test can assert exact backoffs. Starts at a real-looking epoch so HTTP dates parse sensibly.
 *
 * With `{ manual: true }` a sleep instead stays pending until `advance` moves time past its end, so a
 * test can act (e.g. abort) while something is asleep, then let minutes pass and see what still runs.
 */
export class FakeClock implements Clock {
	static readonly START = Date.UTC(2026, 10, 2, 12, 0, 0);

	readonly sleeps: number[] = [];
	private current: number;
	private readonly manual: boolean;
	private readonly waiting: Array<{ until: number; wake: () => void }> = [];

	constructor(
		readonly start = FakeClock.START,
		options: { manual?: boolean } = {},
	) {
		this.current = start;
		this.manual = options.manual ?? false;
	}

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		if (!this.manual) {
			this.current += Math.max(0, ms);
			return;
		}
		await new Promise<void>((wake) => this.waiting.push({ until: this.current + Math.max(0, ms), wake }));
	}

	/** Moves time without recording a sleep (time spent elsewhere, e.g. in flight); wakes manual sleeps that are due. */
	advance(ms: number): void {
		this.current += ms;
		for (const sleeper of [...this.waiting]) {
			if (sleeper.until > this.current) continue;
			this.waiting.splice(this.waiting.indexOf(sleeper), 1);
			sleeper.wake();
		}
	}

	/** Manual sleeps not yet due. */
	get pendingSleeps(): number {
		return this.waiting.length;
	}

	/** Virtual milliseconds since construction. */
	get elapsed(): number {
		return this.current - this.start;
	}

	get totalSlept(): number {
		return this.sleeps.reduce((sum, ms) => sum + ms, 0);
	}
}
