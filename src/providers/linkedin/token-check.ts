/**
 * How long the access token has left, from LinkedIn's token introspection (`POST /oauth/v2/introspectToken`,
 * form-encoded, with the app's client id and secret). Standard apps get no refresh token, so the days left
 * are the days until someone must reconnect the credential; saying so ahead of time beats a failed run.
 */
import type { HttpClient } from '../../core/http';
import { LINKEDIN_CREDENTIAL_NAME, LINKEDIN_PATHS } from './endpoints';
import { requireText } from './validate';

export interface TokenCheckInput {
	clientId: string;
	clientSecret: string;
	accessToken: string;
}

export interface TokenStatus {
	active: boolean;
	/** LinkedIn's word: active, expired or revoked (unknown when it does not know the token at all). */
	status: string;
	expiresAt?: string;
	/** Whole days until expiry (0 on the last day), when LinkedIn gives an expiry. */
	daysLeft?: number;
	scopes: string[];
	/** One line for people: how long is left, or what to do. */
	message: string;
}

interface Introspection {
	active?: boolean;
	status?: string;
	expires_at?: number;
	scope?: string;
}

const DAY_MS = 86_400_000;

export async function checkToken(
	oauth: HttpClient,
	input: TokenCheckInput,
	now: number,
): Promise<TokenStatus> {
	const form = new URLSearchParams({
		client_id: requireText(input.clientId, 'clientId'),
		client_secret: requireText(input.clientSecret, 'clientSecret'),
		token: requireText(input.accessToken, 'accessToken'),
	});
	// Asking about a token changes nothing: safe to send again after a lost answer.
	const response = await oauth.request({
		method: 'POST',
		path: LINKEDIN_PATHS.introspect,
		body: form,
		idempotent: true,
	});
	return tokenStatus(response.body as Introspection, now);
}

export function tokenStatus(answer: Introspection, now: number): TokenStatus {
	const status = answer.status ?? (answer.active ? 'active' : 'unknown');
	const scopes = (answer.scope ?? '').split(/[\s,]+/).filter(Boolean);
	const expires =
		typeof answer.expires_at === 'number' && answer.expires_at > 0 ? answer.expires_at * 1000 : undefined;
	const expiresAt = expires === undefined ? undefined : new Date(expires).toISOString();
	if (answer.active !== true) {
		const why = status === 'revoked' ? 'was revoked' : status === 'expired' ? 'has expired' : 'is not active';
		return {
			active: false,
			status,
			expiresAt,
			scopes,
			message: `The LinkedIn access token ${why}: reconnect this credential (${LINKEDIN_CREDENTIAL_NAME})`,
		};
	}
	if (expires === undefined)
		return { active: true, status, scopes, message: 'The LinkedIn access token is active' };
	const daysLeft = Math.max(0, Math.floor((expires - now) / DAY_MS));
	const days = daysLeft === 1 ? '1 day' : `${daysLeft} days`;
	return {
		active: true,
		status,
		expiresAt,
		daysLeft,
		scopes,
		message: `The LinkedIn access token is active and expires on ${new Date(expires).toISOString().slice(0, 10)} (${days} left); then reconnect this credential`,
	};
}
