/**
 * The headers every `/rest/*` call needs: `LinkedIn-Version: YYYYMM` (optionally `.RR`) inside the active
 * window and `X-Restli-Protocol-Version: 2.0.0` (without it LinkedIn parses Rest.li query values the 1.0
 * way, which the sandbox treats as an error so clients find out).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http';
import type { LinkedInConfig } from './config';
import { linkedInError } from './errors';

export function checkVersion(
	headers: IncomingHttpHeaders,
	versions: LinkedInConfig['versions'],
): Reply | undefined {
	const raw = headers['linkedin-version'];
	const version = (Array.isArray(raw) ? raw[0] : raw)?.trim();
	if (!version) {
		return linkedInError(
			400,
			'VERSION_MISSING',
			'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
		);
	}
	const month = /^(\d{4}(?:0[1-9]|1[0-2]))(?:\.\d{2})?$/.exec(version)?.[1];
	if (month === undefined) {
		return linkedInError(400, 'INVALID_VERSION', `Requested version ${version} is not in the YYYYMM format`);
	}
	if (month < versions.oldestActive) {
		return linkedInError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
	}
	if (month > versions.latest) {
		return linkedInError(
			400,
			'NONEXISTENT_VERSION',
			`Requested version ${version} does not exist; the latest is ${versions.latest}`,
		);
	}
	if (headers['x-restli-protocol-version'] !== '2.0.0') {
		return linkedInError(400, 'INVALID_PROTOCOL_VERSION', 'X-Restli-Protocol-Version: 2.0.0 is required');
	}
	return undefined;
}
