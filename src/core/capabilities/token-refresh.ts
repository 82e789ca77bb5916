/**
 * Renewing an expired OAuth2 access token. Inside n8n the host does this for its OAuth2 credentials, so
 * no n8n node needs it; a standalone runner (the coming sync) holding its own tokens does.
 */
import type { CRMCredentials } from '../models';

export interface TokenRefresh {
	/** Credentials with a fresh access token (and a new refresh token when the platform rotates it). */
	refreshAccessToken(credentials: CRMCredentials): Promise<CRMCredentials>;
}
