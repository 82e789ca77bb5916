/**
 * OAuth 2.0 authorization-code flow with PKCE (S256) and refresh, as HubSpot runs it: one refresh token per
 * installation that never changes, short-lived access tokens. Two token endpoints: the legacy
 * `/oauth/v1/token` (errors `{status:'BAD_...', message}`, gone after its sunset date) and the dated
 * `/oauth/2026-03/token`, which takes every parameter in the form body only (none in the query string, where
 * they would end up in logs) and answers errors the RFC 6749 way (`error`, `error_description`) beside the
 * old fields.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { json, type Reply } from '../http';
import type { HubSpotConfig } from './config';

interface PendingCode {
	clientId: string;
	redirectUri: string;
	scope: string;
	codeChallenge?: string;
	expiresAt: number;
}

interface AccessToken {
	refreshToken: string;
	expiresAt: number;
}

export interface TokenLookup {
	/** Rate limits are per installation, so refreshing does not buy a fresh quota. */
	installation: string;
	expiredMsAgo?: number;
}

const CODE_TTL_MS = 10 * 60_000;
// Expired tokens are kept a while so they answer EXPIRED_AUTHENTICATION rather than "not found".
const EXPIRED_TOKEN_MEMORY_MS = 24 * 60 * 60_000;

export class OAuthServer {
	private codes = new Map<string, PendingCode>();
	private accessTokens = new Map<string, AccessToken>();
	private refreshTokens = new Map<string, { clientId: string; scope: string }>();

	constructor(private readonly config: () => HubSpotConfig) {}

	/** `GET /oauth/authorize`: approves at once (there is no user to ask) and redirects with a code. */
	authorize(query: URLSearchParams): Reply {
		const clientId = query.get('client_id');
		const redirectUri = query.get('redirect_uri');
		const challenge = query.get('code_challenge') ?? undefined;
		const method = query.get('code_challenge_method');
		if (clientId !== this.config().oauth.clientId)
			return tokenError('BAD_CLIENT_ID', 'missing or unknown client_id');
		if (!redirectUri || !URL.canParse(redirectUri)) {
			return tokenError('BAD_REDIRECT_URI', 'missing or invalid redirect_uri');
		}
		if (challenge !== undefined && method !== 'S256') {
			return tokenError('BAD_CODE_CHALLENGE_METHOD', 'code_challenge_method must be S256');
		}
		const code = randomUUID();
		this.codes.set(code, {
			clientId,
			redirectUri,
			scope: query.get('scope') ?? '',
			codeChallenge: challenge,
			expiresAt: Date.now() + CODE_TTL_MS,
		});
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		const state = query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		return { status: 302, headers: { Location: target.toString() } };
	}

	/** `POST /oauth/v1/token`, form-encoded; 404 once the configured sunset date has passed. */
	tokenV1(rawBody: Buffer, contentType: string | undefined): Reply {
		if (Date.now() >= Date.parse(this.config().oauth.v1Sunset)) {
			return json(404, {
				status: 'error',
				message: 'The v1 OAuth API was retired: use POST /oauth/2026-03/token',
				correlationId: randomUUID(),
			});
		}
		return this.token(rawBody, contentType, tokenError);
	}

	/** `POST /oauth/2026-03/token`: form body only, RFC 6749 error answers. */
	tokenDated(rawBody: Buffer, contentType: string | undefined, query: URLSearchParams): Reply {
		if ([...query.keys()].length > 0) {
			return datedTokenError('BAD_REQUEST', 'parameters belong in the form body, not the query string');
		}
		return this.token(rawBody, contentType, datedTokenError);
	}

	private token(rawBody: Buffer, contentType: string | undefined, fail: ErrorReply): Reply {
		if (!contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) {
			return fail('BAD_REQUEST', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(rawBody.toString('utf8'));
		const { clientId, clientSecret } = this.config().oauth;
		if (form.get('client_id') !== clientId)
			return fail('BAD_CLIENT_ID', 'missing or unknown client_id');
		if (form.get('client_secret') !== clientSecret) {
			return fail('BAD_CLIENT_SECRET', 'missing or invalid client_secret');
		}
		switch (form.get('grant_type')) {
			case 'authorization_code':
				return this.exchangeCode(form, fail);
			case 'refresh_token':
				return this.refresh(form, fail);
			default:
				return fail('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
		}
	}

	lookup(accessToken: string, now = Date.now()): TokenLookup | undefined {
		const token = this.accessTokens.get(accessToken);
		if (!token) return undefined;
		return token.expiresAt > now
			? { installation: token.refreshToken }
			: { installation: token.refreshToken, expiredMsAgo: now - token.expiresAt };
	}

	/** Makes every issued access token expired now, to test reactive refresh. */
	expireAccessTokens(): number {
		const now = Date.now();
		for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now - 1);
		return this.accessTokens.size;
	}

	reset(): void {
		this.codes.clear();
		this.accessTokens.clear();
		this.refreshTokens.clear();
	}

	private exchangeCode(form: URLSearchParams, fail: ErrorReply): Reply {
		const code = form.get('code') ?? '';
		const pending = this.codes.get(code);
		// Single use, even when the exchange fails, so a leaked code cannot be retried.
		this.codes.delete(code);
		if (!pending || pending.expiresAt <= Date.now())
			return fail('BAD_AUTH_CODE', 'missing or unknown auth code');
		if (form.get('redirect_uri') !== pending.redirectUri) {
			return fail('BAD_REDIRECT_URI', 'redirect_uri does not match the one used to authorize');
		}
		if (pending.codeChallenge !== undefined) {
			const verifier = form.get('code_verifier') ?? '';
			const computed = createHash('sha256').update(verifier).digest('base64url');
			if (verifier === '' || computed !== pending.codeChallenge) {
				return fail('BAD_AUTH_CODE', 'code_verifier does not match the code_challenge');
			}
		}
		const refreshToken = `sbx-hs-rt-${randomUUID()}`;
		this.refreshTokens.set(refreshToken, { clientId: pending.clientId, scope: pending.scope });
		return this.issue(refreshToken);
	}

	private refresh(form: URLSearchParams, fail: ErrorReply): Reply {
		const refreshToken = form.get('refresh_token') ?? '';
		if (!this.refreshTokens.has(refreshToken)) {
			return fail('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
		}
		return this.issue(refreshToken);
	}

	private issue(refreshToken: string): Reply {
		const now = Date.now();
		for (const [token, entry] of this.accessTokens) {
			if (entry.expiresAt < now - EXPIRED_TOKEN_MEMORY_MS) this.accessTokens.delete(token);
		}
		const ttlMs = this.config().oauth.accessTokenTtlMs;
		const accessToken = `sbx-hs-at-${randomBytes(24).toString('hex')}`;
		this.accessTokens.set(accessToken, { refreshToken, expiresAt: now + ttlMs });
		return json(200, {
			token_type: 'bearer',
			refresh_token: refreshToken,
			access_token: accessToken,
			expires_in: Math.ceil(ttlMs / 1000),
		});
	}
}

type ErrorReply = (status: string, message: string) => Reply;

function tokenError(status: string, message: string): Reply {
	return json(400, { status, message, correlationId: randomUUID() });
}

/** RFC 6749 §5.2 codes for HubSpot's statuses; the old fields stay for clients that read them. */
const RFC6749: Record<string, string> = {
	BAD_CLIENT_ID: 'invalid_client',
	BAD_CLIENT_SECRET: 'invalid_client',
	BAD_AUTH_CODE: 'invalid_grant',
	BAD_REFRESH_TOKEN: 'invalid_grant',
	BAD_REDIRECT_URI: 'invalid_grant',
	BAD_GRANT_TYPE: 'unsupported_grant_type',
};

function datedTokenError(status: string, message: string): Reply {
	return json(400, {
		error: RFC6749[status] ?? 'invalid_request',
		error_description: message,
		status,
		message,
		correlationId: randomUUID(),
	});
}
