/**
 * The environment every n8n process of a run gets (CLI imports and the server alike: they must agree on the
 * user folder, or imports land in a database the server never reads). Quiet and offline: without these
 * flags n8n reaches out to its own servers at start (telemetry, version checks, templates, MCP registry).
 */
import { dirname } from 'node:path';
import type { N8nInstall } from './n8n-install';
import { cleanEnv } from './processes';

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	extra?: Record<string, string | undefined>;
}

export function n8nEnv(install: N8nInstall, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const base = `http://127.0.0.1:${options.port}/`;
	return cleanEnv({
		// n8n's task runner and any `node` it spawns must be Node 24 too.
		PATH: `${dirname(install.nodeBin)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		WEBHOOK_URL: base,
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: options.logLevel ?? 'debug',
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Plain log lines: the scanner matches text, and colour codes would split words.
		NO_COLOR: '1',
		FORCE_COLOR: '0',
		...options.extra,
	});
}
