/**
 * Everything the LinkedIn emulation remembers, and the handle tests get from `startSandbox().linkedin`.
 * The control API calls the same methods, so in-process tests and external ones (n8n e2e) agree.
 */
import { randomInt } from 'node:crypto';
import { cloneConfig, mergeConfig, type LinkedInConfig } from './config';
import { LeadNotifications, type Delivery } from './notifications';
import { LinkedInOAuth } from './oauth';
import { DailyQuota } from './rate-limit';
import { DEFAULT_MEMBER, seedDefault } from './seed';
import { submitLead, type LeadInput, type Submitted } from './submit';
import { responseUrn, versionedFormUrn, World, type Post } from './world';

export class LinkedInState {
	readonly world = new World();
	readonly oauth = new LinkedInOAuth(
		() => this.current,
		() => this.signedInMember,
	);
	readonly quota = new DailyQuota(() => this.current);
	readonly notifications = new LeadNotifications(() => this.current);
	/** The member who approves at `/oauth/v2/authorization`. */
	signedInMember = DEFAULT_MEMBER;
	private current: LinkedInConfig;
	private leadSequence = 0;

	/** `initial` is what `reset()` restores: the defaults merged with the options the sandbox started with. */
	constructor(private readonly initial: LinkedInConfig) {
		this.current = cloneConfig(initial);
		seedDefault(this.world, Date.now());
	}

	get config(): LinkedInConfig {
		return cloneConfig(this.current);
	}

	/** Merges a partial config (validated; throws ConfigError). Data and counters are kept. */
	configure(input: unknown): LinkedInConfig {
		this.current = mergeConfig(this.current, input);
		return this.config;
	}

	/** Restores the start config and the default seed; forgets tokens, posts, subscriptions, quotas. */
	reset(): void {
		this.current = cloneConfig(this.initial);
		this.oauth.reset();
		this.quota.reset();
		this.notifications.reset();
		this.signedInMember = DEFAULT_MEMBER;
		this.leadSequence = 0;
		seedDefault(this.world, Date.now());
	}

	/** Replaces the data with the default seed holding `responses` lead responses (0 for none). */
	reseed(responses?: number): void {
		seedDefault(this.world, Date.now(), responses);
	}

	/** A lead submitted on LinkedIn now: stored, then notified to the matching subscriptions (awaited). */
	async submitLead(input: LeadInput = {}): Promise<Submitted> {
		this.leadSequence += 1;
		const response = submitLead(this.world, input, this.leadSequence);
		const deliveries =
			input.notify === false ? [] : await this.notify(response.id, 'CREATED', input.duplicates);
		return { id: response.id, urn: responseUrn(response.id), testLead: response.testLead, deliveries };
	}

	/** Deletes a lead (as a member's data deletion does) and sends a DELETED action; undefined if unknown. */
	async deleteLead(id: string): Promise<Delivery[] | undefined> {
		if (!this.world.responses.has(id)) return undefined;
		const deliveries = await this.notify(id, 'DELETED');
		this.world.responses.delete(id);
		return deliveries;
	}

	recordPost(author: string, member: string, body: Record<string, unknown>): string {
		const urn = `urn:li:share:${7_200_000_000_000_000_000n + BigInt(randomInt(1, 2 ** 47))}`;
		this.world.posts.push({ urn, author, createdBy: member, body, createdAt: Date.now() });
		return urn;
	}

	posts(): Post[] {
		return [...this.world.posts];
	}

	private notify(id: string, action: 'CREATED' | 'DELETED', duplicates = 0): Promise<Delivery[]> {
		const response = this.world.responses.get(id);
		if (!response) return Promise.resolve([]);
		const form = this.world.forms.get(response.formId);
		return this.notifications.notify(
			{
				type: 'LEAD_ACTION',
				leadGenFormResponse: responseUrn(response.id),
				leadGenForm: versionedFormUrn(form ?? { id: response.formId, versionId: 1 }),
				owner: response.owner,
				associatedEntity: response.creative === undefined ? {} : { associatedCreative: response.creative },
				leadType: response.leadType,
				leadAction: action,
				occurredAt: Date.now(),
			},
			duplicates,
		);
	}
}
