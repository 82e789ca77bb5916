/**
 * Everything the HubSpot emulation remembers, and the handle tests get from `startSandbox().hubspot`. The
 * control API calls the same methods, so in-process tests and external ones (n8n e2e, benchmarks) agree.
 */
import { cloneConfig, mergeConfig, type HubSpotConfig } from './config';
import { OAuthServer } from './oauth';
import { PropertyRegistry, type PropertyDefinition } from './properties';
import { RateLimiter } from './rate-limit';
import { seedContacts } from './seed';
import { toApiWritten, type ApiContact } from './serialize';
import { ContactStore } from './store';
import { WebhookRegistry, type WebhooksSnapshot } from './webhooks-state';

export class HubSpotState {
	readonly registry = new PropertyRegistry();
	readonly store = new ContactStore(() => this.current.searchLagMs);
	readonly oauth = new OAuthServer(() => this.current);
	readonly limiter = new RateLimiter(() => this.current);
	readonly webhooks = new WebhookRegistry();
	private current: HubSpotConfig;

	/** `initial` is what `reset()` restores: the defaults merged with the options the sandbox started with. */
	constructor(private readonly initial: HubSpotConfig) {
		this.current = cloneConfig(initial);
	}

	get config(): HubSpotConfig {
		return cloneConfig(this.current);
	}

	/** Merges a partial config (validated; throws ConfigError). Counters and data are kept. */
	configure(input: unknown): HubSpotConfig {
		this.current = mergeConfig(this.current, input);
		return this.config;
	}

	/** Empties contacts, custom properties, OAuth grants, app webhooks and rate-limit counters; restores the start config. */
	reset(): void {
		this.current = cloneConfig(this.initial);
		this.registry.reset();
		this.store.reset();
		this.oauth.reset();
		this.limiter.reset();
		this.webhooks.reset();
	}

	/** See seed.ts for the accepted shapes; throws SeedError. Returns the new ids in input order. */
	seedContacts(input: unknown): string[] {
		return seedContacts(this.store, this.registry, input).map((record) => record.id);
	}

	/** Every contact with all its properties, archived ones included. */
	contacts(): ApiContact[] {
		return this.store.all().map(toApiWritten);
	}

	/** Names or `{name, type?: 'string'|'number'|'datetime'|'enumeration', options?}`; returns an error message. */
	registerProperties(input: unknown): string | undefined {
		return this.registry.register(input);
	}

	properties(): PropertyDefinition[] {
		return this.registry.all();
	}

	/** Every app's webhook settings and subscriptions, keyed by app id. */
	webhookState(): WebhooksSnapshot {
		return this.webhooks.snapshot();
	}

	expireAccessTokens(): number {
		return this.oauth.expireAccessTokens();
	}
}
