/**
 * What a manual test of the polling trigger shows: a few of the most recently changed contacts, found
 * through the change feed alone (every platform with one can answer it), touching no cursor.
 *
 * The feed reads oldest first from a time, so the sample widens its look-back (an hour, a day, a week...)
 * until the window holds enough contacts, and reads at most `readCap` per window, so an account with
 * thousands of changes a day costs a few requests, not a full read.
 */
import type { ChangeFeed } from '../core/capabilities/change-feed';
import type { Contact } from '../core/models';
import { collect } from '../core/provider';

const HOUR = 3_600_000;
export const SAMPLE_WINDOWS_MS = [HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR, 365 * 24 * HOUR];

export interface SampleOptions {
	size: number;
	properties?: string[];
	/** Most contacts read per window. */
	readCap?: number;
}

/** Newest last, as the trigger emits them. */
export async function sampleRecent(feed: ChangeFeed, now: number, options: SampleOptions): Promise<Contact[]> {
	const readCap = Math.max(options.size, options.readCap ?? 200);
	let found: Contact[] = [];
	for (const window of [...SAMPLE_WINDOWS_MS, now]) {
		found = await collect(
			feed.getUpdatedContacts(new Date(Math.max(0, now - window)), {
				properties: options.properties,
				limit: readCap,
			}),
			readCap,
		);
		// A window cut at readCap holds its oldest contacts only; still the most recent this look-back reaches.
		if (found.length >= options.size) break;
	}
	return found.slice(-options.size);
}
