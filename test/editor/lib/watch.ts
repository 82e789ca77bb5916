/**
 * What the editor shows or logs that a user would call an error: console errors, uncaught exceptions,
 * error toasts, and failed answers of n8n's REST calls. Collected for the whole page and read per check
 * through marks, so each check sees only what happened while it ran.
 */
import type { HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';

export interface Problem {
	kind: 'console' | 'pageerror' | 'toast' | 'response';
	text: string;
}

interface Toast {
	type: string;
	text: string;
}

/**
 * Runs in the page before n8n's scripts: records every toast (Element Plus notifications) as it appears,
 * since n8n removes them after a few seconds. A string, not a function: the TypeScript loader would add
 * helpers to a function's source that do not exist in the page.
 */
const RECORD_TOASTS = `(() => {
	window.__editorToasts = [];
	const seen = new WeakSet();
	const scan = () => {
		for (const el of document.querySelectorAll('.el-notification')) {
			if (seen.has(el)) continue;
			seen.add(el);
			const typed = el.querySelector('[class*="el-notification--"]');
			const match = /el-notification--(\\w+)/.exec(el.className + ' ' + (typed ? typed.className : ''));
			window.__editorToasts.push({
				type: match ? match[1] : 'info',
				text: el.innerText.replace(/\\s+/g, ' ').trim(),
			});
		}
	};
	new MutationObserver(scan).observe(document, { childList: true, subtree: true });
})()`;

/** Errors the editor logs about the world outside loopback (CI has no internet), not about the package. */
function isOffline(url: string): boolean {
	try {
		const { hostname } = new URL(url);
		return hostname !== '127.0.0.1' && hostname !== 'localhost';
	} catch {
		return false;
	}
}

// Options (loadOptions, resource mapper, list search), credential tests and node types.
const LOADS = /\/rest\/(dynamic-node-parameters|credentials|node-types)/;

export class PageWatch {
	private problems: Problem[] = [];
	/** n8n's calls that load a panel's options and credentials, still unanswered. */
	private loading = new Map<HTTPRequest, number>();

	private constructor(private readonly page: Page) {}

	static async attach(page: Page): Promise<PageWatch> {
		const watch = new PageWatch(page);
		await page.evaluateOnNewDocument(RECORD_TOASTS);
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const where = message.location()?.url ?? '';
			if (isOffline(where)) return;
			watch.problems.push({ kind: 'console', text: `${message.text()}${where ? ` (${where})` : ''}` });
		});
		page.on('pageerror', (error) => {
			watch.problems.push({
				kind: 'pageerror',
				text: error instanceof Error ? (error.stack ?? error.message) : String(error),
			});
		});
		page.on('request', (request) => {
			if (LOADS.test(request.url())) watch.loading.set(request, Date.now());
		});
		page.on('requestfinished', (request) => watch.loading.delete(request));
		page.on('requestfailed', (request) => watch.loading.delete(request));
		page.on('requestservedfromcache', (request) => watch.loading.delete(request));
		page.on('response', (response) => {
			watch.loading.delete(response.request());
			watch.onResponse(response);
		});
		return watch;
	}

	private onResponse(response: HTTPResponse): void {
		const url = response.url();
		// The signed-out probe of the login page answers 401 by design.
		if (response.status() < 400 || isOffline(url) || !url.includes('/rest/') || /\/rest\/login$/.test(url))
			return;
		this.problems.push({
			kind: 'response',
			text: `${response.request().method()} ${url} answered ${response.status()}`,
		});
	}

	/**
	 * Resolves once no options/credential call has been in flight for `quietMs`. A call older than
	 * `timeoutMs` no longer holds it up (CDP does not report the end of every request, e.g. one cut by a
	 * route change); a load that truly never ends shows as the field's own error or spinner instead.
	 */
	async settled(quietMs = 500, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let quietSince = Date.now();
		for (;;) {
			for (const [request, started] of this.loading)
				if (Date.now() - started > timeoutMs) this.loading.delete(request);
			if (this.loading.size > 0) quietSince = Date.now();
			else if (Date.now() - quietSince >= quietMs) return;
			if (Date.now() > deadline)
				throw new Error(
					`the editor still waits for ${[...this.loading.keys()].map((r) => `${r.method()} ${r.url()}`).join(', ')} after ${timeoutMs / 1000} s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** A position to read problems from. */
	mark(): number {
		return this.problems.length;
	}

	/** Console and page errors since `mark`, plus the toasts the page has recorded (read and cleared). */
	async since(mark: number): Promise<Problem[]> {
		const toasts = await this.page
			.evaluate(() => {
				const recorded = (globalThis as unknown as { __editorToasts?: Toast[] }).__editorToasts;
				return recorded ? recorded.splice(0) : null;
			})
			.catch(() => [] as Toast[]);
		// Without the recorder an error toast would go unseen: that is a failure of the check itself.
		if (toasts === null)
			return [
				...this.problems.slice(mark),
				{ kind: 'toast', text: 'the toast recorder is not running in this page' },
			];
		return [
			...this.problems.slice(mark),
			...toasts
				.filter((t) => t.type === 'error' || t.type === 'warning')
				.map((t): Problem => ({ kind: 'toast', text: `${t.type}: ${t.text}` })),
		];
	}
}
