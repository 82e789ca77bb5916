/**
 * What the emulated HubSpot apps remember about their webhooks (the v3 API of legacy public apps): one
 * settings record and a list of event subscriptions per app id. The routes validate; this only stores,
 * and answers in the shapes HubSpot's API returns (string ids, ISO timestamps).
 */

export interface Throttling {
	maxConcurrentRequests: number;
	period?: string;
}

export interface WebhookSettings {
	targetUrl: string;
	throttling: Throttling;
	createdAt: string;
	updatedAt: string;
}

export interface Subscription {
	id: string;
	eventType: string;
	propertyName?: string;
	active: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface WebhooksSnapshot {
	settings: Record<string, WebhookSettings>;
	subscriptions: Record<string, Subscription[]>;
}

export class WebhookRegistry {
	private settingsByApp = new Map<string, WebhookSettings>();
	private subscriptionsByApp = new Map<string, Subscription[]>();
	// Ids are unique across apps, as HubSpot's are, so an id from one app never works on another.
	private nextId = 1;

	settings(appId: string): WebhookSettings | undefined {
		const found = this.settingsByApp.get(appId);
		return found && copySettings(found);
	}

	putSettings(appId: string, input: { targetUrl: string; throttling: Throttling }): WebhookSettings {
		const now = new Date().toISOString();
		const record: WebhookSettings = {
			targetUrl: input.targetUrl,
			throttling: { ...input.throttling },
			createdAt: this.settingsByApp.get(appId)?.createdAt ?? now,
			updatedAt: now,
		};
		this.settingsByApp.set(appId, record);
		return copySettings(record);
	}

	/**
	 * HubSpot: "Event subscriptions will not be deleted, but will be paused until another webhook is
	 * created." Whether a new target URL resumes them is not documented, so they stay paused here: the
	 * stricter case, which a client has to handle anyway.
	 */
	deleteSettings(appId: string): boolean {
		if (!this.settingsByApp.delete(appId)) return false;
		const now = new Date().toISOString();
		for (const sub of this.list(appId)) {
			if (sub.active) Object.assign(sub, { active: false, updatedAt: now });
		}
		return true;
	}

	subscriptions(appId: string): Subscription[] {
		return this.list(appId).map(copySubscription);
	}

	subscription(appId: string, id: string): Subscription | undefined {
		const found = this.list(appId).find((sub) => sub.id === id);
		return found && copySubscription(found);
	}

	/** The existing subscription with the same event type and property, if any. */
	sameAs(appId: string, eventType: string, propertyName?: string): Subscription | undefined {
		const found = this.list(appId).find(
			(sub) => sub.eventType === eventType && (sub.propertyName ?? '') === (propertyName ?? ''),
		);
		return found && copySubscription(found);
	}

	addSubscription(
		appId: string,
		input: { eventType: string; propertyName?: string; active: boolean },
	): Subscription {
		const now = new Date().toISOString();
		const record: Subscription = {
			id: String(this.nextId++),
			eventType: input.eventType,
			...(input.propertyName === undefined ? {} : { propertyName: input.propertyName }),
			active: input.active,
			createdAt: now,
			updatedAt: now,
		};
		this.subscriptionsByApp.set(appId, [...this.list(appId), record]);
		return copySubscription(record);
	}

	setActive(appId: string, id: string, active: boolean): Subscription | undefined {
		const found = this.list(appId).find((sub) => sub.id === id);
		if (!found) return undefined;
		if (found.active !== active) Object.assign(found, { active, updatedAt: new Date().toISOString() });
		return copySubscription(found);
	}

	removeSubscription(appId: string, id: string): boolean {
		const before = this.list(appId);
		const after = before.filter((sub) => sub.id !== id);
		if (after.length === before.length) return false;
		this.subscriptionsByApp.set(appId, after);
		return true;
	}

	/** Every app that has settings or subscriptions, for the control API and test assertions. */
	snapshot(): WebhooksSnapshot {
		return {
			settings: Object.fromEntries([...this.settingsByApp].map(([app, s]) => [app, copySettings(s)])),
			subscriptions: Object.fromEntries(
				[...this.subscriptionsByApp]
					.filter(([, subs]) => subs.length > 0)
					.map(([app, subs]) => [app, subs.map(copySubscription)]),
			),
		};
	}

	reset(): void {
		this.settingsByApp.clear();
		this.subscriptionsByApp.clear();
		this.nextId = 1;
	}

	private list(appId: string): Subscription[] {
		return this.subscriptionsByApp.get(appId) ?? [];
	}
}

const copySettings = (s: WebhookSettings): WebhookSettings => ({ ...s, throttling: { ...s.throttling } });
const copySubscription = (s: Subscription): Subscription => ({ ...s });
