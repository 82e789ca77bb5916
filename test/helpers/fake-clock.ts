import type { Clock } from '../../src/core/http';

/**
 * Virtual time for tests: `sleep` resolves at once after moving the clock forward, and remembers every
 * wait so a test can assert exact backoffs. Starts at a real-looking epoch so HTTP dates parse sensibly.
 */
export class FakeClock implements Clock {
	static readonly START = Date.UTC(2026, 10, 2, 12, 0, 0);

	readonly sleeps: number[] = [];
	private current: number;

	constructor(readonly start = FakeClock.START) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		this.current += Math.max(0, ms);
	}

	/** Moves time without recording a sleep (time spent elsewhere, e.g. in flight). */
	advance(ms: number): void {
		this.current += ms;
	}

	/** Virtual milliseconds since construction. */
	get elapsed(): number {
		return this.current - this.start;
	}

	get totalSlept(): number {
		return this.sleeps.reduce((sum, ms) => sum + ms, 0);
	}
}
