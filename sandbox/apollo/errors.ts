/**
 * Apollo's error bodies: a flat `{error, error_code?}` object (its API is Rails; there is no correlation id).
 * The 429 body is not documented; the sandbox names the exhausted window and the limit so clients can be
 * tested for telling a short wait (minute) from an exhausted budget (hourly, daily).
 */
import { json, type Reply } from '../http';

export function apolloError(status: number, error: string, errorCode?: string): Reply {
	return json(status, { error, ...(errorCode === undefined ? {} : { error_code: errorCode }) });
}

export const unprocessable = (error: string): Reply => apolloError(422, error, 'UNPROCESSABLE_ENTITY');

export const badRequest = (error: string): Reply => apolloError(400, error, 'BAD_REQUEST');

export const notFound = (what = 'Record'): Reply => apolloError(404, `${what} not found`, 'NOT_FOUND');

export type RateWindow = 'minute' | 'hourly' | 'daily';

const WINDOW_WORDS: Record<RateWindow, string> = { minute: 'minute', hourly: 'hour', daily: 'day' };

export function rateLimitBody(window: RateWindow, path: string, limit: number, retryAfterSeconds: number) {
	return {
		error: `The maximum number of api calls allowed for api/v1${path} is ${limit} times per ${WINDOW_WORDS[window]}. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.`,
		error_code: 'RATE_LIMITED',
		rate_limit_window: window,
		limit,
		retry_after_seconds: retryAfterSeconds,
	};
}
