/**
 * Everything the Apollo emulation remembers, and the handle tests get from `startSandbox().apollo`. The
 * control API calls the same methods, so in-process tests and external ones (n8n e2e, benchmarks) agree.
 */
import { CallbackSender, type CallbackDelivery } from './callback-sender';
import type { ApolloCallbackPayload } from './callback-payloads';
import { cloneConfig, mergeConfig, type ApolloConfig } from './config';
import { contactJson, ContactStore } from './contacts';
import { CreditLedger, type CreditSnapshot } from './credits';
import { OrganizationDirectory, type OrganizationRecord } from './organizations';
import { PeopleDirectory, type PersonRecord } from './people';
import { RateLimiter } from './rate-limit';
import { seedContacts, seedOrganizations, seedPeople } from './seed';
import { defaultOrganizations, defaultPeople } from './seed-data';

export class ApolloState {
	readonly organizations = new OrganizationDirectory();
	readonly people = new PeopleDirectory(this.organizations);
	readonly contacts = new ContactStore();
	readonly callbacks = new CallbackSender();
	readonly limiter: RateLimiter;
	readonly credits: CreditLedger;
	private current: ApolloConfig;
	/** Added to the wall clock, so tests can jump past an hourly or daily window without waiting. */
	private clockOffsetMs = 0;

	/** `initial` is what `reset()` restores: the defaults merged with the options the sandbox started with. */
	constructor(private readonly initial: ApolloConfig) {
		this.current = cloneConfig(initial);
		this.limiter = new RateLimiter(
			() => this.current,
			() => this.now(),
		);
		this.credits = new CreditLedger(initial.credits);
		this.loadDefaultSeed();
	}

	get config(): ApolloConfig {
		return cloneConfig(this.current);
	}

	/** Merges a partial config (validated; throws ConfigError). Data, counters and the balance are kept. */
	configure(input: unknown): ApolloConfig {
		this.current = mergeConfig(this.current, input);
		return this.config;
	}

	now(): number {
		return Date.now() + this.clockOffsetMs;
	}

	/** Moves the sandbox's clock forward (rate-limit windows, contact timestamps). */
	advanceClock(ms: number): void {
		this.clockOffsetMs += ms;
	}

	/** Empties contacts, counters, credits history and pending callbacks; reloads the default seed. */
	reset(): void {
		this.current = cloneConfig(this.initial);
		this.clockOffsetMs = 0;
		this.people.reset();
		this.organizations.reset();
		this.contacts.reset();
		this.callbacks.reset();
		this.limiter.reset();
		this.credits.reset(this.current.credits);
		this.loadDefaultSeed();
	}

	/** See seed.ts; throws SeedError. Returns the people's ids in input order. */
	seedPeople(input: unknown): string[] {
		return seedPeople(this.people, this.organizations, input).map((person) => person.id);
	}

	seedOrganizations(input: unknown): string[] {
		return seedOrganizations(this.organizations, input).map((organization) => organization.id);
	}

	seedContacts(input: unknown): string[] {
		return seedContacts(this.contacts, input, this.now());
	}

	/** Removes every person and organization, the built-in seed included. */
	clearDirectory(): void {
		this.people.reset();
		this.organizations.reset();
	}

	allPeople(): PersonRecord[] {
		return this.people.all().map((person) => ({ ...person, personal_emails: [...person.personal_emails] }));
	}

	allOrganizations(): OrganizationRecord[] {
		return this.organizations.all().map((organization) => ({ ...organization }));
	}

	allContacts(): ReturnType<typeof contactJson>[] {
		return this.contacts.all().map(contactJson);
	}

	creditSnapshot(): CreditSnapshot {
		return this.credits.snapshot();
	}

	setCreditBalance(balance: number): void {
		this.credits.setBalance(balance);
	}

	/** Every delivery attempt of an asynchronous callback, oldest first. */
	callbackLog(): CallbackDelivery[] {
		return this.callbacks.log();
	}

	callbackResult(requestId: string): ApolloCallbackPayload | undefined {
		return this.callbacks.result(requestId);
	}

	private loadDefaultSeed(): void {
		if (!this.current.defaultSeed) return;
		seedOrganizations(this.organizations, defaultOrganizations());
		seedPeople(this.people, this.organizations, defaultPeople());
	}
}
