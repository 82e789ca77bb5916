/** LinkedIn's command-line flags for sandbox/cli.ts, kept here so the CLI only wires them in. */
import type { LinkedInConfigInput } from './config';
import { ALL_SCOPES } from './scopes';
import { DEFAULT_MEMBER } from './seed';

export const LINKEDIN_USAGE = `  --linkedin-token T            accepted LinkedIn token with every scope (repeatable; default sandbox-linkedin-token)
  --linkedin-client-id ID       LinkedIn app client id (default sandbox-linkedin-client-id)
  --linkedin-client-secret S    LinkedIn app client secret, also signs notifications (default sandbox-linkedin-client-secret)
  --linkedin-programmatic-refresh  issue refresh tokens (approved partners only; standard apps get none)
  --linkedin-access-token-ttl-ms N  LinkedIn access token lifetime (default 60 days)
  --linkedin-oldest-version YYYYMM  oldest active LinkedIn-Version, older ones 426 (default 12 months back)
  --linkedin-latest-version YYYYMM  newest LinkedIn-Version (default this month)
  --linkedin-app-daily N        LinkedIn calls per endpoint per app per day (default 1000)
  --linkedin-member-daily N     LinkedIn calls per endpoint per member per day (default 250)
  --linkedin-day-ms N           length of a quota day, aligned to midnight UTC (default 86400000)
  --linkedin-require-https      refuse http:// lead notification webhooks, as LinkedIn does`;

export const LINKEDIN_OPTIONS = {
	'linkedin-token': { type: 'string', multiple: true },
	'linkedin-client-id': { type: 'string' },
	'linkedin-client-secret': { type: 'string' },
	'linkedin-programmatic-refresh': { type: 'boolean' },
	'linkedin-access-token-ttl-ms': { type: 'string' },
	'linkedin-oldest-version': { type: 'string' },
	'linkedin-latest-version': { type: 'string' },
	'linkedin-app-daily': { type: 'string' },
	'linkedin-member-daily': { type: 'string' },
	'linkedin-day-ms': { type: 'string' },
	'linkedin-require-https': { type: 'boolean' },
} as const;

/** Only the flags given override the defaults; values are validated by the config merge at start. */
export function linkedinConfigFromFlags(
	values: Record<string, unknown>,
	fail: (message: string) => never,
): LinkedInConfigInput {
	const number = (name: string): number | undefined => {
		const raw = values[name];
		if (raw === undefined) return undefined;
		const parsed = Number(raw);
		if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
			fail(`--${name} needs a non-negative number, got ${String(raw)}`);
		}
		return parsed;
	};
	const string = (name: string) => values[name] as string | undefined;
	const pick = <T extends object>(input: T): T | undefined => {
		const entries = Object.entries(input).filter(([, value]) => value !== undefined);
		return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
	};
	const tokens = values['linkedin-token'] as string[] | undefined;
	return (
		pick({
			tokens: tokens?.map((token) => ({ token, scopes: [...ALL_SCOPES], member: DEFAULT_MEMBER })),
			oauth: pick({
				clientId: string('linkedin-client-id'),
				clientSecret: string('linkedin-client-secret'),
				programmaticRefresh: values['linkedin-programmatic-refresh'] === true ? true : undefined,
				accessTokenTtlMs: number('linkedin-access-token-ttl-ms'),
			}),
			versions: pick({
				oldestActive: string('linkedin-oldest-version'),
				latest: string('linkedin-latest-version'),
			}),
			rateLimit: pick({
				appDaily: number('linkedin-app-daily'),
				memberDaily: number('linkedin-member-daily'),
				dayMs: number('linkedin-day-ms'),
			}),
			webhooks: pick({ requireHttps: values['linkedin-require-https'] === true ? true : undefined }),
		}) ?? {}
	);
}
