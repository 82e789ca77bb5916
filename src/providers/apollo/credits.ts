/**
 * The per-run credit cap. Apollo charges after the fact (1 credit per person or company found, +8 per
 * mobile revealed, nothing for no match), so a call's cost is only known once it is answered. Before each
 * call its worst case is reserved; a call whose worst case would pass the cap is not sent. Afterwards the
 * reservation is replaced by what Apollo reported (or, where it reports nothing, by our estimate for the
 * records actually found).
 */
export const CREDITS_PER_RECORD = 1;
export const CREDITS_PER_MOBILE = 8;

/** Worst case for enriching `people` people: every one found, and a mobile for each when phones are asked. */
export function personEstimate(people: number, revealPhone: boolean): number {
	return people * (CREDITS_PER_RECORD + (revealPhone ? CREDITS_PER_MOBILE : 0));
}

export class CreditBudget {
	private spentCredits = 0;
	private reserved = 0;

	/** `cap` undefined or not finite: no cap, only counting. */
	constructor(readonly cap?: number) {}

	get spent(): number {
		return this.spentCredits;
	}

	get remaining(): number | undefined {
		return this.cap === undefined || !Number.isFinite(this.cap)
			? undefined
			: Math.max(0, this.cap - this.spentCredits);
	}

	/** Reserves `estimate` if it fits under the cap with everything already spent or in flight. */
	tryReserve(estimate: number): boolean {
		if (
			this.cap !== undefined &&
			Number.isFinite(this.cap) &&
			this.spentCredits + this.reserved + estimate > this.cap
		) {
			return false;
		}
		this.reserved += estimate;
		return true;
	}

	/** Replaces a reservation with what the call actually cost. */
	settle(estimate: number, actual: number): void {
		this.reserved = Math.max(0, this.reserved - estimate);
		this.spentCredits += Math.max(0, actual);
	}
}
