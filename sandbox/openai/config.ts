/** The stand-in's accounts: the keys it accepts and the models it lists (and answers as). */
import { isRecord } from '../http';
import { ConfigError } from '../platform';

export interface OpenAiConfig {
	apiKeys: string[];
	models: string[];
}

export type OpenAiConfigInput = Partial<OpenAiConfig>;

export const DEFAULT_OPENAI_CONFIG: OpenAiConfig = {
	apiKeys: ['sandbox-openai-key'],
	// The OpenAI Chat Model node's default and two common ones, so a workflow saved against the real API loads.
	models: ['gpt-5-mini', 'gpt-4.1-mini', 'gpt-4o-mini'],
};

export function mergeConfig(base: OpenAiConfig, input: unknown): OpenAiConfig {
	if (input === undefined) return { ...base };
	if (!isRecord(input)) throw new ConfigError('openai config must be an object');
	const next = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (key !== 'apiKeys' && key !== 'models') throw new ConfigError(`unknown openai config key: ${key}`);
		if (
			!Array.isArray(value) ||
			value.length === 0 ||
			!value.every((v) => typeof v === 'string' && v !== '')
		) {
			throw new ConfigError(`openai.${key} must be a non-empty array of non-empty strings`);
		}
		next[key] = [...value];
	}
	return next;
}
