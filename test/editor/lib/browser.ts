/**
 * Debian's Chromium (scripts/install-browser.sh), driven by puppeteer-core over CDP: puppeteer-core never
 * downloads a browser, so the one the machine's package manager installed is the one tested.
 * CHROMIUM_PATH points at another binary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Flags for a container without a display, a GPU, a big /dev/shm or user namespaces (root in CI). */
const FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-default-apps',
	'--disable-extensions',
	'--disable-sync',
	'--no-first-run',
	'--no-default-browser-check',
	'--metrics-recording-only',
	'--mute-audio',
	'--hide-scrollbars',
	// Only loopback: the editor must not need the internet, and CI has none.
	'--proxy-server=direct://',
	'--proxy-bypass-list=*',
];

export const WINDOW = { width: 1400, height: 800 };

export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
	throw new Error(
		'no Chromium found: run scripts/install-browser.sh (Debian package chromium) or set CHROMIUM_PATH',
	);
}

export function chromiumVersion(path = chromiumPath()): string {
	try {
		// Debian's launcher script complains on stderr about settings it cannot read in a container.
		return execFileSync(path, ['--version'], {
			encoding: 'utf8',
			timeout: 15_000,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return `${path} (version unknown)`;
	}
}

export async function launchBrowser(): Promise<Browser> {
	return puppeteer.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [...FLAGS, `--window-size=${WINDOW.width},${WINDOW.height}`],
		defaultViewport: WINDOW,
		protocolTimeout: 120_000,
	});
}

/** A fresh page with the editor's window size and sensible default waits. */
export async function newPage(browser: Browser): Promise<Page> {
	const page = await browser.newPage();
	await page.setViewport(WINDOW);
	page.setDefaultTimeout(30_000);
	page.setDefaultNavigationTimeout(60_000);
	return page;
}
