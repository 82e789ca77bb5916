/** Bearer authentication and the scope/product check, answered in LinkedIn's error shape. */
import type { Reply } from '../http';
import type { LinkedInConfig } from './config';
import { linkedInError } from './errors';
import type { LinkedInOAuth } from './oauth';
import { PRODUCTS } from './scopes';

export interface Caller {
	/** The app the token belongs to: its daily quota and its webhook subscriptions. */
	app: string;
	member: string;
	scopes: string[];
}

const PROBLEMS = {
	invalid: { code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' },
	expired: { code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' },
	revoked: {
		code: 'REVOKED_ACCESS_TOKEN',
		message: 'The token used in the request has been revoked by the user',
	},
} as const;

export function authenticate(header: string | undefined, oauth: LinkedInOAuth): Caller | Reply {
	const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
	const checked = token === undefined ? ({ ok: false, problem: 'invalid' } as const) : oauth.check(token);
	if (!checked.ok) {
		const { code, message } = PROBLEMS[checked.problem];
		return linkedInError(401, code, message);
	}
	const { clientId, member, scopes } = checked.grant;
	return { app: clientId, member, scopes };
}

export function isCaller(value: Caller | Reply): value is Caller {
	return 'member' in value;
}

/**
 * 403 naming the scope and the product that grants it, when the token lacks the scope or the app no
 * longer has the product (LinkedIn withdraws products; old tokens then stop working for those calls).
 */
export function requireScope(
	caller: Caller,
	scope: string,
	config: LinkedInConfig,
	resource: string,
): Reply | undefined {
	const product = PRODUCTS[scope] ?? 'an approved LinkedIn product';
	if (!config.oauth.scopes.includes(scope)) {
		return linkedInError(
			403,
			'ACCESS_DENIED',
			`Not enough permissions to access: ${resource}. The application does not have the product "${product}" (scope ${scope}).`,
		);
	}
	if (!caller.scopes.includes(scope)) {
		return linkedInError(
			403,
			'ACCESS_DENIED',
			`Not enough permissions to access: ${resource}. The token was not granted the scope ${scope} (product "${product}").`,
		);
	}
	return undefined;
}
