/**
 * Apollo's three fixed rate windows and the headers that describe them, read in one place by the dialect
 * (which window a 429 is about) and the governor (what is left in each).
 */
import type { HttpResponse } from '../../core/http';

export type RateWindow = 'minute' | 'hourly' | 'daily';

/** Longest first: when several windows are spent, the longest decides when work can resume. */
export const RATE_WINDOWS: readonly RateWindow[] = ['daily', 'hourly', 'minute'];

export const WINDOW_MS: Readonly<Record<RateWindow, number>> = {
	minute: 60_000,
	hourly: 3_600_000,
	daily: 86_400_000,
};

/** Limit and remaining headers per window; the daily window's older `24-hour` names are read too. */
const HEADERS: Record<RateWindow, { limit: string[]; left: string[] }> = {
	minute: { limit: ['x-rate-limit-minute'], left: ['x-minute-requests-left'] },
	hourly: { limit: ['x-rate-limit-hourly'], left: ['x-hourly-requests-left'] },
	daily: {
		limit: ['x-rate-limit-daily', 'x-rate-limit-24-hour'],
		left: ['x-daily-requests-left', 'x-24-hour-requests-left'],
	},
};

export interface WindowReading {
	limit?: number;
	left?: number;
}

export function readWindow(headers: Record<string, string>, window: RateWindow): WindowReading {
	return { limit: firstInt(headers, HEADERS[window].limit), left: firstInt(headers, HEADERS[window].left) };
}

/**
 * Which window a 429 is about: the body's own word when present (Apollo documents no 429 body, so it may
 * be absent), else the longest window the headers show as spent, else the wording of the message.
 */
export function windowOf(
	body: { rate_limit_window?: string; error?: string },
	headers: Record<string, string>,
): RateWindow | undefined {
	const named = RATE_WINDOWS.find((window) => window === body.rate_limit_window);
	if (named) return named;
	const spent = RATE_WINDOWS.find((window) => readWindow(headers, window).left === 0);
	if (spent) return spent;
	const unit = body.error?.match(/\bper (minute|hour|day)\b/i)?.[1]?.toLowerCase();
	return unit === 'hour' ? 'hourly' : unit === 'day' ? 'daily' : unit === 'minute' ? 'minute' : undefined;
}

/**
 * "it resets at 2026-11-29T23:00:00.000Z (in 42 min)" from the answer's own Date and Retry-After, or an
 * upper bound from the window's length when Apollo did not say.
 */
export function describeReset(
	response: HttpResponse,
	retryAfterMs: number | undefined,
	window: RateWindow,
): string {
	const wait = retryAfterMs ?? secondsHeader(response.headers['retry-after']);
	const sent = Date.parse(response.headers.date ?? '');
	if (wait !== undefined && !Number.isNaN(sent))
		return `it resets at ${new Date(sent + wait).toISOString()} (${inWords(wait)})`;
	if (wait !== undefined) return `it resets ${inWords(wait)}`;
	return `it resets within ${window === 'daily' ? '24 hours' : 'the hour'}`;
}

/** "in 42 min", "in 3 h 5 min", "in 20 s". */
export function inWords(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 60) return `in ${seconds} s`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) return `in ${minutes} min`;
	const hours = Math.floor(minutes / 60);
	return `in ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

function secondsHeader(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function firstInt(headers: Record<string, string>, names: string[]): number | undefined {
	for (const name of names) {
		const n = Number.parseInt(headers[name] ?? '', 10);
		if (Number.isFinite(n)) return n;
	}
	return undefined;
}
