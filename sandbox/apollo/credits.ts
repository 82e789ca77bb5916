/**
 * The account's credit balance and what each request spent, so tests and the benchmark can prove "credits
 * only when asked": 1 per person or company found, +8 per mobile number revealed, 0 for no match.
 */
export const CREDITS_PER_RECORD = 1;
export const CREDITS_PER_MOBILE = 8;

export interface CreditEntry {
	path: string;
	credits: number;
	at: number;
}

export interface CreditSnapshot {
	starting: number;
	consumed: number;
	balance: number;
	/** Credits per endpoint path, e.g. `{'/people/bulk_match': 95}`. */
	byEndpoint: Record<string, number>;
	/** Requests that spent credits, oldest first. */
	entries: CreditEntry[];
}

export class CreditLedger {
	private starting = 0;
	private balance = 0;
	private entries: CreditEntry[] = [];

	constructor(starting: number) {
		this.reset(starting);
	}

	canSpend(credits: number): boolean {
		return credits <= this.balance;
	}

	spend(path: string, credits: number, at: number): void {
		if (credits === 0) return;
		this.balance -= credits;
		this.entries.push({ path, credits, at });
	}

	/** Sets the balance without touching the history, e.g. to test a client's reaction to an empty account. */
	setBalance(balance: number): void {
		this.balance = balance;
	}

	snapshot(): CreditSnapshot {
		const byEndpoint: Record<string, number> = {};
		for (const entry of this.entries) byEndpoint[entry.path] = (byEndpoint[entry.path] ?? 0) + entry.credits;
		return {
			starting: this.starting,
			consumed: this.entries.reduce((sum, entry) => sum + entry.credits, 0),
			balance: this.balance,
			byEndpoint,
			entries: this.entries.map((entry) => ({ ...entry })),
		};
	}

	reset(starting: number): void {
		this.starting = starting;
		this.balance = starting;
		this.entries = [];
	}
}
