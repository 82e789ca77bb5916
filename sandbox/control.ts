/**
 * The control API under `/__sandbox`: reset, config, faults, the request log, and each platform's own
 * routes under `/__sandbox/<platform>/...`. Never rate-limited and never recorded as platform traffic.
 */
import { FaultSpecError, type FaultRegistry } from './faults';
import { isRecord, json, parseJsonBody, type Reply, type SandboxRequest } from './http';
import { ConfigError, type Platform } from './platform';
import type { RequestLog } from './request-log';

export interface ControlTarget {
	platforms: ReadonlyMap<string, Platform>;
	faults: FaultRegistry;
	requests: RequestLog;
	reset(): void;
	/** Applies `{<platform>: partialConfig}`; throws ConfigError. */
	configure(input: unknown): Record<string, unknown>;
	config(): Record<string, unknown>;
}

export async function handleControl(request: SandboxRequest, target: ControlTarget): Promise<Reply> {
	const body = () =>
		parseJsonBody(request.rawBody, (detail) => json(400, { error: `invalid JSON: ${detail}` }));
	const { method, path, query } = request;
	switch (`${method} ${path}`) {
		case 'GET /health':
			return json(200, { ok: true, platforms: [...target.platforms.keys()] });
		case 'POST /reset':
			target.reset();
			return json(200, { ok: true });
		case 'GET /config':
			return json(200, target.config());
		case 'POST /config':
			return guard(() => json(200, target.configure(body() ?? {})));
		case 'GET /faults':
			return json(200, { faults: target.faults.list() });
		case 'POST /faults':
			return guard(() => json(201, target.faults.add(body())));
		case 'DELETE /faults':
			return json(200, { cleared: target.faults.clear() });
		case 'GET /requests': {
			const filter = {
				platform: query.get('platform') ?? undefined,
				method: query.get('method') ?? undefined,
				path: query.get('path') ?? undefined,
			};
			return guard(() => {
				const requests = target.requests.list(filter);
				return json(200, { count: requests.length, requests });
			});
		}
		case 'DELETE /requests':
			target.requests.clear();
			return json(200, { ok: true });
		default:
			break;
	}
	const faultId = /^\/faults\/([^/]+)$/.exec(path)?.[1];
	if (faultId !== undefined && method === 'DELETE')
		return json(200, { cleared: target.faults.clear(faultId) });
	const [, platformName, ...rest] = path.split('/');
	const platform = target.platforms.get(platformName);
	const reply = platform ? await platform.control({ ...request, path: `/${rest.join('/')}` }) : undefined;
	return reply ?? json(404, { error: `no control route ${method} /__sandbox${path}` });
}

/** Turns the caller's mistakes (bad config, bad fault, bad regex) into a 400 instead of a 500. */
function guard(run: () => Reply): Reply {
	try {
		return run();
	} catch (error) {
		if (error instanceof ConfigError || error instanceof FaultSpecError || error instanceof SyntaxError) {
			return json(400, { error: error.message });
		}
		throw error;
	}
}

export function configureAll(platforms: ReadonlyMap<string, Platform>, input: unknown): void {
	if (!isRecord(input)) throw new ConfigError('config must be an object keyed by platform');
	for (const key of Object.keys(input)) {
		if (!platforms.has(key)) throw new ConfigError(`unknown platform in config: ${key}`);
	}
	for (const [key, value] of Object.entries(input)) platforms.get(key)?.configure(value);
}
