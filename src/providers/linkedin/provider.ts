/**
 * LinkedIn adapter on the shared core. LinkedIn keeps no contacts an app may write, so there is no contact
 * store: `requireCapability(provider, 'contactStore')` refuses create, update and delete up front. What it
 * offers is read-only: the signed-in member (userinfo), Lead Gen form responses (a change feed of leads),
 * forms, lead notification subscriptions, and posts. Auth is the transport's business (n8n signs requests
 * with the credential), so this class never holds a token.
 */
import type { ChangeFeed } from '../../core/capabilities/change-feed';
import type { ListOptions } from '../../core/capabilities/contact-store';
import { HttpClient, type HttpClientOptions } from '../../core/http';
import type { Contact } from '../../core/models';
import {
	collect,
	CRMProvider,
	type AuthenticationResult,
	type ProviderLimits,
	type RateLimitStatus,
} from '../../core/provider';
import { LinkedInApi } from './api';
import { linkedinDialect } from './dialect';
import {
	DEFAULT_LINKEDIN_VERSION,
	LINKEDIN_API_BASE_URL,
	LINKEDIN_OAUTH_BASE_URL,
	LINKEDIN_PATHS,
} from './endpoints';
import { LinkedInGovernor } from './governor';
import { LeadReader, type LeadForm, type LeadQuery } from './leads';
import { fromUserInfo, type UserInfo } from './mapping';
import {
	createNotification,
	deleteNotification,
	listNotifications,
	type LeadNotification,
	type LeadNotificationInput,
} from './notifications';
import type { LeadOwner, LeadType } from './owner';
import { MAX_PAGE, type PageOptions } from './paging';
import { createPost, type CreatedPost, type PostInput } from './posts';
import { checkToken, type TokenCheckInput, type TokenStatus } from './token-check';
import { invalid } from './validate';

/** Whose leads the change feed reads: LinkedIn has no "all leads", only leads of an owner and lead type. */
export interface LeadFeed {
	owner: LeadOwner;
	leadType?: LeadType;
	testLeads?: boolean;
}

export interface LinkedInProviderOptions extends Omit<HttpClientOptions, 'baseUrl' | 'dialect' | 'governor'> {
	/** API host (`https://api.linkedin.com`). */
	baseUrl?: string;
	/** OAuth host (`https://www.linkedin.com`), for token introspection. */
	oauthBaseUrl?: string;
	/** `LinkedIn-Version`, YYYYMM (optionally `.RR`). */
	version?: string;
	/** What getUpdatedContacts reads; without it the change feed refuses with the missing setting named. */
	leadFeed?: LeadFeed;
}

/** What LinkedIn offers here: new leads as a change feed. No contact store, search, enrichment or batches. */
export interface LinkedInCapabilities {
	changeFeed: ChangeFeed;
}

export class LinkedInProvider extends CRMProvider<LinkedInCapabilities> implements ChangeFeed {
	readonly platform = 'linkedin';
	readonly capabilities: LinkedInCapabilities = { changeFeed: this };
	readonly limits: ProviderLimits = { maxBatchSize: 1, maxPageSize: MAX_PAGE };
	readonly version: string;

	private readonly http: HttpClient;
	private readonly oauth: HttpClient;
	private readonly api: LinkedInApi;
	private readonly governor = new LinkedInGovernor();
	private readonly leads: LeadReader;
	private readonly feed?: LeadFeed;
	private readonly clock: HttpClientOptions['clock'];
	private me?: Promise<Contact>;

	constructor(options: LinkedInProviderOptions) {
		super();
		const { baseUrl, oauthBaseUrl, version, leadFeed, ...httpOptions } = options;
		this.version = checkVersion(version);
		this.clock = httpOptions.clock;
		this.http = new HttpClient({
			...httpOptions,
			baseUrl: baseUrl || LINKEDIN_API_BASE_URL,
			dialect: linkedinDialect,
			governor: this.governor,
		});
		this.oauth = new HttpClient({
			...httpOptions,
			baseUrl: oauthBaseUrl || LINKEDIN_OAUTH_BASE_URL,
			dialect: linkedinDialect,
		});
		this.api = new LinkedInApi(this.http, this.version);
		this.leads = new LeadReader(this.api);
		this.feed = leadFeed;
	}

	async authenticate(): Promise<AuthenticationResult> {
		const me = await this.getMe();
		return { ok: true, account: me.email ?? me.id };
	}

	/** The signed-in member (scopes openid profile email) as a Contact; read once per provider. */
	getMe(): Promise<Contact> {
		if (!this.me) {
			this.me = this.api
				.request({ method: 'GET', path: LINKEDIN_PATHS.userinfo })
				.then((response) => fromUserInfo(response.body as UserInfo));
			// A failure is not remembered: the next call asks again.
			this.me.catch(() => (this.me = undefined));
		}
		return this.me;
	}

	/** Lead form responses of an owner, newest first, in pages (Lead Sync API). */
	getLeads(query: LeadQuery): AsyncIterable<Contact[]> {
		return this.leads.responses(query);
	}

	/**
	 * One lead form response by id or `urn:li:leadGenFormResponse:<id>`. `signal` cancels it (and the form
	 * read it may need), e.g. when a webhook's answer budget runs out.
	 */
	getLead(id: string, options: { signal?: AbortSignal } = {}): Promise<Contact> {
		return this.leads.response(id, options.signal);
	}

	/** Several leads by id or URN; unknown ones are absent from the map (keyed as asked). */
	getLeadsById(ids: string[], options: { signal?: AbortSignal } = {}): Promise<Map<string, Contact>> {
		return this.leads.responsesById(ids, options.signal);
	}

	getForms(owner: LeadOwner, options: PageOptions = {}): AsyncIterable<LeadForm[]> {
		return this.leads.forms(owner, options);
	}

	/**
	 * New leads since a time, oldest first as the change feed promises. LinkedIn serves them newest first,
	 * so every page is read before the first is handed out.
	 */
	getUpdatedContacts(since: Date, options: ListOptions = {}): AsyncIterable<Contact[]> {
		const feed = this.feed;
		if (!feed) throw invalid('leadFeed', 'set the ad account or organization whose leads to read');
		if (!(since instanceof Date) || Number.isNaN(since.getTime())) throw invalid('since', 'not a valid date');
		const pageSize = Math.max(1, Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE));
		const reader = this.leads;
		return (async function* () {
			const all = await collect(reader.responses({ ...feed, submittedAfter: since }));
			const oldestFirst = all.reverse().slice(0, options.limit ?? Infinity);
			for (let start = 0; start < oldestFirst.length; start += pageSize)
				yield oldestFirst.slice(start, start + pageSize);
		})();
	}

	/** Posts as the member (the member id is read from userinfo when not given) or as an organization. */
	async createPost(input: PostInput & { memberId?: string }): Promise<CreatedPost> {
		const memberId = input.as === 'member' ? input.memberId?.trim() || (await this.getMe()).id : undefined;
		return createPost(this.api, input, memberId);
	}

	createLeadNotification(input: LeadNotificationInput): Promise<LeadNotification> {
		return createNotification(this.api, input);
	}

	getLeadNotifications(
		owner: LeadOwner,
		leadType?: LeadType,
		options: PageOptions = {},
	): AsyncIterable<LeadNotification[]> {
		return listNotifications(this.api, owner, leadType, options);
	}

	deleteLeadNotification(id: string): Promise<void> {
		return deleteNotification(this.api, id);
	}

	/**
	 * Whether the access token is active and how many days it has left. The caller hands over the token
	 * and the app's client secret because introspection needs them in its form body; neither is kept.
	 */
	checkToken(input: TokenCheckInput): Promise<TokenStatus> {
		return checkToken(this.oauth, input, this.clock.now());
	}

	checkRateLimit(): RateLimitStatus {
		const spent = this.governor.exhausted.length > 0;
		return { platform: 'linkedin', ...(spent ? { dailyRemaining: 0 } : {}), http: { ...this.http.stats } };
	}
}

/** An empty version means the default; anything else must look like one, or every call would fail with 400. */
function checkVersion(version: string | undefined): string {
	const value = (version ?? '').trim();
	if (!value) return DEFAULT_LINKEDIN_VERSION;
	if (!/^\d{4}(0[1-9]|1[0-2])(\.\d{2})?$/.test(value)) {
		throw invalid(
			'apiVersion',
			`"${value}" is not a LinkedIn version (YYYYMM, e.g. ${DEFAULT_LINKEDIN_VERSION})`,
		);
	}
	return value;
}
