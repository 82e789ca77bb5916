/**
 * LinkedIn's 3-legged OAuth 2.0 (authorization code, no PKCE needed) on the `www.linkedin.com` paths:
 * `/oauth/v2/authorization`, `/oauth/v2/accessToken` and `/oauth/v2/introspectToken`. A standard app gets
 * a 60-day access token and NO refresh token; an app approved for programmatic refresh also gets a
 * 365-day refresh token whose lifetime does not restart when it is used. Errors are RFC 6749's
 * `{error, error_description}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { json, type Reply } from '../http';
import type { LinkedInConfig } from './config';

interface PendingCode {
	redirectUri: string;
	scopes: string[];
	member: string;
	expiresAt: number;
}

export interface Grant {
	clientId: string;
	member: string;
	scopes: string[];
	createdAt: number;
	expiresAt: number;
	revoked: boolean;
	static?: boolean;
}

export type TokenCheck =
	| { ok: true; grant: Grant }
	| { ok: false; problem: 'invalid' | 'expired' | 'revoked' };

const CODE_TTL_MS = 30 * 60_000;
// Static tokens never expire; introspection still reports a date, as LinkedIn always does.
const STATIC_TOKEN_TTL_MS = 10 * 365 * 86_400_000;

export class LinkedInOAuth {
	private codes = new Map<string, PendingCode>();
	private access = new Map<string, Grant>();
	private refresh = new Map<string, Grant>();
	private revokedStatic = new Set<string>();
	private startedAt = Date.now();

	constructor(
		private readonly config: () => LinkedInConfig,
		/** The member who "signs in" at the authorization page (there is no user to ask). */
		private readonly signedInMember: () => string,
	) {}

	/** `GET /oauth/v2/authorization`: approves at once and redirects with a code, or with LinkedIn's error. */
	authorize(query: URLSearchParams): Reply {
		const { clientId, scopes: granted } = this.config().oauth;
		const redirectUri = query.get('redirect_uri') ?? '';
		if (query.get('client_id') !== clientId)
			return oauthError(400, 'invalid_client_id', 'The passed in client_id is invalid');
		if (!URL.canParse(redirectUri))
			return oauthError(400, 'invalid_redirect_uri', 'The redirect_uri is missing or invalid');
		const target = new URL(redirectUri);
		const state = query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		const redirect = () => ({ status: 302, headers: { Location: target.toString() } });
		if (query.get('response_type') !== 'code') {
			target.searchParams.set('error', 'invalid_request');
			target.searchParams.set('error_description', 'response_type must be code');
			return redirect();
		}
		const scopes = (query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
		const unauthorized = scopes.find((scope) => !granted.includes(scope));
		if (scopes.length === 0 || unauthorized !== undefined) {
			target.searchParams.set('error', 'unauthorized_scope_error');
			target.searchParams.set(
				'error_description',
				unauthorized === undefined
					? 'No scope requested'
					: `Scope "${unauthorized}" is not authorized for your application`,
			);
			return redirect();
		}
		const code = `sbx-li-code-${randomUUID()}`;
		this.codes.set(code, {
			redirectUri,
			scopes,
			member: this.signedInMember(),
			expiresAt: Date.now() + CODE_TTL_MS,
		});
		target.searchParams.set('code', code);
		return redirect();
	}

	/** `POST /oauth/v2/accessToken`, form-encoded, client credentials in the body. */
	accessToken(rawBody: Buffer, contentType: string | undefined): Reply {
		const form = this.clientForm(rawBody, contentType);
		if ('status' in form) return form;
		switch (form.get('grant_type')) {
			case 'authorization_code': {
				const code = form.get('code') ?? '';
				const pending = this.codes.get(code);
				this.codes.delete(code);
				if (!pending || pending.expiresAt <= Date.now() || pending.redirectUri !== form.get('redirect_uri')) {
					return oauthError(
						400,
						'invalid_request',
						'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
					);
				}
				return this.issue(pending.member, pending.scopes);
			}
			case 'refresh_token':
				return this.useRefreshToken(form.get('refresh_token') ?? '');
			default:
				return oauthError(
					400,
					'unsupported_grant_type',
					'grant_type must be authorization_code or refresh_token',
				);
		}
	}

	/** `POST /oauth/v2/introspectToken`: whether a token is active and when it expires (epoch seconds). */
	introspect(rawBody: Buffer, contentType: string | undefined): Reply {
		const form = this.clientForm(rawBody, contentType);
		if ('status' in form) return form;
		const token = form.get('token') ?? '';
		const grant = this.grantOf(token);
		if (!grant) return json(200, { active: false });
		const status = grant.revoked ? 'revoked' : grant.expiresAt <= Date.now() ? 'expired' : 'active';
		return json(200, {
			active: status === 'active',
			client_id: grant.clientId,
			authorized_at: Math.floor(grant.createdAt / 1000),
			created_at: Math.floor(grant.createdAt / 1000),
			status,
			expires_at: Math.floor(grant.expiresAt / 1000),
			scope: grant.scopes.join(','),
			auth_type: '3L',
		});
	}

	check(token: string): TokenCheck {
		const grant = this.grantOf(token);
		if (!grant) return { ok: false, problem: 'invalid' };
		if (grant.revoked) return { ok: false, problem: 'revoked' };
		if (grant.expiresAt <= Date.now()) return { ok: false, problem: 'expired' };
		return { ok: true, grant };
	}

	/** Issues a token directly (control API), as if the member had gone through the consent screen. */
	issue(member: string, scopes: string[], ttlMs?: number): Reply {
		const { clientId, accessTokenTtlMs, refreshTokenTtlMs, programmaticRefresh } = this.config().oauth;
		const now = Date.now();
		const accessToken = `sbx-li-at-${randomBytes(24).toString('hex')}`;
		const lifetime = ttlMs ?? accessTokenTtlMs;
		this.access.set(accessToken, {
			clientId,
			member,
			scopes,
			createdAt: now,
			expiresAt: now + lifetime,
			revoked: false,
		});
		const body: Record<string, unknown> = {
			access_token: accessToken,
			expires_in: Math.floor(lifetime / 1000),
			scope: scopes.join(','),
			token_type: 'Bearer',
		};
		if (programmaticRefresh) {
			const refreshToken = `sbx-li-rt-${randomBytes(24).toString('hex')}`;
			this.refresh.set(refreshToken, {
				clientId,
				member,
				scopes,
				createdAt: now,
				expiresAt: now + refreshTokenTtlMs,
				revoked: false,
			});
			body.refresh_token = refreshToken;
			body.refresh_token_expires_in = Math.floor(refreshTokenTtlMs / 1000);
		}
		return json(200, body);
	}

	/** Makes every issued access token (not static ones) expire now. */
	expireAll(): number {
		const now = Date.now();
		for (const grant of this.access.values()) grant.expiresAt = Math.min(grant.expiresAt, now - 1);
		return this.access.size;
	}

	/** Revokes one token (access, refresh or static), or every issued token; returns how many. */
	revoke(token?: string): number {
		if (token !== undefined) {
			const grant = this.grantOf(token);
			if (!grant) return 0;
			if (grant.static) this.revokedStatic.add(token);
			grant.revoked = true;
			return 1;
		}
		for (const grant of [...this.access.values(), ...this.refresh.values()]) grant.revoked = true;
		return this.access.size + this.refresh.size;
	}

	reset(): void {
		this.codes.clear();
		this.access.clear();
		this.refresh.clear();
		this.revokedStatic.clear();
		this.startedAt = Date.now();
	}

	private useRefreshToken(token: string): Reply {
		const grant = this.refresh.get(token);
		if (!grant || grant.revoked || grant.expiresAt <= Date.now()) {
			return oauthError(
				400,
				'invalid_request',
				'The provided authorization grant or refresh token is invalid, expired or revoked.',
			);
		}
		const issued = this.issue(grant.member, grant.scopes);
		const body = issued.body as Record<string, unknown>;
		// LinkedIn keeps the refresh token and its original expiry; only the access token is new.
		this.refresh.delete(body.refresh_token as string);
		body.refresh_token = token;
		body.refresh_token_expires_in = Math.max(0, Math.floor((grant.expiresAt - Date.now()) / 1000));
		return issued;
	}

	private grantOf(token: string): Grant | undefined {
		const issued = this.access.get(token) ?? this.refresh.get(token);
		if (issued) return issued;
		const configured = this.config().tokens.find((entry) => entry.token === token);
		if (!configured) return undefined;
		return {
			clientId: this.config().oauth.clientId,
			member: configured.member,
			scopes: configured.scopes,
			createdAt: this.startedAt,
			expiresAt: this.startedAt + STATIC_TOKEN_TTL_MS,
			revoked: this.revokedStatic.has(token),
			static: true,
		};
	}

	private clientForm(rawBody: Buffer, contentType: string | undefined): URLSearchParams | Reply {
		if (!contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) {
			return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(rawBody.toString('utf8'));
		const { clientId, clientSecret } = this.config().oauth;
		if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
			return oauthError(401, 'invalid_client', 'Client authentication failed');
		}
		return form;
	}
}

function oauthError(status: number, error: string, description: string): Reply {
	return json(status, { error, error_description: description });
}
