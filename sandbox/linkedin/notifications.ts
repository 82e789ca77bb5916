/**
 * Lead notification subscriptions and their deliveries. Before the first delivery (and again once a
 * validation is older than `revalidateMs`) the sandbox sends LinkedIn's `GET <url>?challengeCode=<uuid>`
 * and checks the answer's HMAC; three failures in a row block the endpoint. Deliveries are signed like
 * LinkedIn documents: `X-LI-Signature: hmacsha256=` + hex(HMAC-SHA256(client secret, "hmacsha256=" + body)).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LinkedInConfig } from './config';
import { sameOwner, type LeadType, type Owner } from './world';

export interface Subscription {
	id: number;
	app: string;
	webhook: string;
	owner: Owner;
	leadType: LeadType;
	associatedEntity?: unknown;
	versionedForm?: string;
	createdAt: number;
	validatedAt?: number;
	failures: number;
	blocked: boolean;
}

export interface LeadAction {
	type: 'LEAD_ACTION';
	leadGenFormResponse: string;
	leadGenForm: string;
	owner: Owner;
	associatedEntity: unknown;
	leadType: LeadType;
	leadAction: 'CREATED' | 'DELETED';
	occurredAt: number;
}

export interface Delivery {
	subscriptionId: number;
	webhook: string;
	/** `delivered` (any 2xx), `rejected` (other status), `failed` (network/timeout), `unvalidated`, `blocked`. */
	outcome: 'delivered' | 'rejected' | 'failed' | 'unvalidated' | 'blocked';
	status?: number;
	error?: string;
	notification: LeadAction;
	at: number;
}

const MAX_FAILURES = 3;
const PREFIX = 'hmacsha256=';

export function hmacHex(secret: string, ...parts: string[]): string {
	const mac = createHmac('sha256', secret);
	for (const part of parts) mac.update(part);
	return mac.digest('hex');
}

export class LeadNotifications {
	private subscriptions = new Map<number, Subscription>();
	private nextId = 1;
	readonly deliveries: Delivery[] = [];

	constructor(private readonly config: () => LinkedInConfig) {}

	create(input: Omit<Subscription, 'id' | 'createdAt' | 'failures' | 'blocked'>): Subscription {
		const subscription: Subscription = {
			...input,
			id: this.nextId++,
			createdAt: Date.now(),
			failures: 0,
			blocked: false,
		};
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	get(app: string, id: number): Subscription | undefined {
		const subscription = this.subscriptions.get(id);
		return subscription?.app === app ? subscription : undefined;
	}

	find(app: string, owner: Owner, leadType?: LeadType): Subscription[] {
		return this.all().filter(
			(sub) =>
				sub.app === app &&
				sameOwner(sub.owner, owner) &&
				(leadType === undefined || sub.leadType === leadType),
		);
	}

	delete(app: string, id: number): boolean {
		return this.get(app, id) !== undefined && this.subscriptions.delete(id);
	}

	all(): Subscription[] {
		return [...this.subscriptions.values()];
	}

	reset(): void {
		this.subscriptions.clear();
		this.nextId = 1;
		this.deliveries.length = 0;
	}

	/**
	 * Sends `notification` to every subscription of the owner and lead type (form-filtered ones only for
	 * their form), then `duplicates` more times, one after another, as LinkedIn may repeat a notification.
	 */
	async notify(notification: LeadAction, duplicates = 0): Promise<Delivery[]> {
		const targets = this.all().filter(
			(sub) =>
				sameOwner(sub.owner, notification.owner) &&
				sub.leadType === notification.leadType &&
				(sub.versionedForm === undefined || sub.versionedForm === notification.leadGenForm),
		);
		const results: Delivery[] = [];
		for (let round = 0; round <= duplicates; round += 1) {
			const sent = await Promise.all(targets.map((sub) => this.deliver(sub, notification)));
			this.deliveries.push(...sent);
			results.push(...sent);
		}
		return results;
	}

	private async deliver(sub: Subscription, notification: LeadAction): Promise<Delivery> {
		const base = { subscriptionId: sub.id, webhook: sub.webhook, notification, at: Date.now() };
		if (sub.blocked)
			return { ...base, outcome: 'blocked', error: 'endpoint blocked after 3 failed validations' };
		const { revalidateMs } = this.config().webhooks;
		if (sub.validatedAt === undefined || Date.now() - sub.validatedAt >= revalidateMs) {
			const problem = await this.validate(sub);
			if (problem !== undefined) return { ...base, outcome: 'unvalidated', error: problem };
		}
		const body = JSON.stringify(notification);
		const secret = this.config().oauth.clientSecret;
		try {
			const response = await fetch(sub.webhook, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'X-LI-Signature': `${PREFIX}${hmacHex(secret, PREFIX, body)}`,
				},
				body,
				signal: AbortSignal.timeout(this.config().webhooks.timeoutMs),
			});
			await response.arrayBuffer();
			return { ...base, outcome: response.ok ? 'delivered' : 'rejected', status: response.status };
		} catch (error) {
			return { ...base, outcome: 'failed', error: (error as Error).message };
		}
	}

	/** The challenge handshake; returns why it failed, or undefined when the endpoint proved it knows the secret. */
	private async validate(sub: Subscription): Promise<string | undefined> {
		const challengeCode = randomUUID();
		const url = new URL(sub.webhook);
		url.searchParams.set('challengeCode', challengeCode);
		url.searchParams.set('applicationId', sub.app);
		let problem: string | undefined;
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(this.config().webhooks.timeoutMs) });
			const text = await response.text();
			problem =
				response.status === 200
					? checkAnswer(text, challengeCode, this.config().oauth.clientSecret)
					: `challenge answered ${response.status}`;
		} catch (error) {
			problem = `challenge failed: ${(error as Error).message}`;
		}
		if (problem === undefined) {
			sub.validatedAt = Date.now();
			sub.failures = 0;
			return undefined;
		}
		sub.validatedAt = undefined;
		sub.failures += 1;
		if (sub.failures >= MAX_FAILURES) sub.blocked = true;
		return problem;
	}
}

function checkAnswer(text: string, challengeCode: string, secret: string): string | undefined {
	let answer: unknown;
	try {
		answer = JSON.parse(text);
	} catch {
		return 'challenge answer is not JSON';
	}
	const { challengeCode: echoed, challengeResponse } = (answer ?? {}) as Record<string, unknown>;
	if (echoed !== challengeCode) return 'challenge answer does not echo the challengeCode';
	const expected = Buffer.from(hmacHex(secret, challengeCode), 'hex');
	const given =
		typeof challengeResponse === 'string' && /^[0-9a-f]{64}$/i.test(challengeResponse)
			? Buffer.from(challengeResponse, 'hex')
			: undefined;
	if (!given || !timingSafeEqual(given, expected))
		return 'challengeResponse is not the HMAC of the challengeCode';
	return undefined;
}
