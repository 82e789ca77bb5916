/**
 * One editor session: the demo (scripts/demo/run-demo.ts) in a temp user folder on free ports, so a run
 * never touches a user's `.n8n-demo/`, and Chromium signed in as the demo's owner. Used by the editor
 * checks and by the example screenshots.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type RunningDemo } from '../../../scripts/demo/run-demo';
import { trackTempDir } from '../../e2e/lib/processes';
import { chromiumVersion, launchBrowser, newPage } from './browser';
import { signIn } from './editor';
import { PageWatch } from './watch';

export interface EditorSession {
	demo: RunningDemo;
	userFolder: string;
	browser: Browser;
	page: Page;
	watch: PageWatch;
	close(): Promise<void>;
}

export async function startDemoInTemp(
	say: (line: string) => void,
): Promise<{ demo: RunningDemo; userFolder: string }> {
	const userFolder = mkdtempSync(join(tmpdir(), 'crm-bridge-editor-'));
	trackTempDir(userFolder);
	say('starting the demo (package, sandbox, credentials, examples) in a temp user folder...');
	const started = Date.now();
	const demo = await startDemo({ userFolder, importExamples: true, log: (line) => say(`  ${line}`) });
	say(
		`demo up in ${((Date.now() - started) / 1000).toFixed(1)} s: n8n ${demo.install.version} at ${demo.editorUrl}`,
	);
	return { demo, userFolder };
}

/** Chromium with one page, signed in to `demo`. */
export async function openBrowser(
	demo: RunningDemo,
	say: (line: string) => void,
): Promise<{ browser: Browser; page: Page; watch: PageWatch }> {
	say(`browser: ${chromiumVersion()}`);
	const browser = await launchBrowser();
	try {
		const page = await newPage(browser);
		// Leaving an unsaved workflow asks "leave the page?": the checks never save, so leave.
		page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
		const watch = await PageWatch.attach(page);
		await signIn(page, demo.editorUrl, demo.login);
		return { browser, page, watch };
	} catch (error) {
		await browser.close().catch(() => undefined);
		throw error;
	}
}

export async function startEditorSession(say: (line: string) => void): Promise<EditorSession> {
	const { demo, userFolder } = await startDemoInTemp(say);
	try {
		const { browser, page, watch } = await openBrowser(demo, say);
		return {
			demo,
			userFolder,
			browser,
			page,
			watch,
			async close() {
				await browser.close().catch(() => undefined);
				await demo.stop();
			},
		};
	} catch (error) {
		await demo.stop();
		throw error;
	}
}
