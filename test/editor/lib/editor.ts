/**
 * The n8n 2.41 editor as the checks drive it, by its `data-test-id` attributes (the ones n8n's own
 * Playwright tests use). Every step waits for an element, never for a fixed time.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

const id = (testId: string): string => `[data-test-id="${testId}"]`;

/** What the page callbacks read of an element (this project compiles without the DOM library). */
export interface DomElement {
	innerText: string;
	offsetParent: unknown;
	value?: string;
	click(): void;
	getAttribute(name: string): string | null;
}
export const dom = (el: unknown): DomElement => el as DomElement;
export const sel = { id };

export interface Login {
	email: string;
	password: string;
}

export async function signIn(page: Page, editorUrl: string, login: Login): Promise<void> {
	await page.goto(`${editorUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('input[name="emailOrLdapLoginId"]', { visible: true });
	await page.type('input[name="emailOrLdapLoginId"]', login.email);
	await page.type('input[name="password"]', login.password);
	await page.click(id('form-submit-button'));
	await page.waitForFunction(
		() =>
			!(globalThis as unknown as { location: { pathname: string } }).location.pathname.startsWith('/signin'),
		{ timeout: 30_000 },
	);
}

/** Text of an element, whitespace folded. */
export async function textOf(handle: ElementHandle): Promise<string> {
	return handle.evaluate((el) => (el as unknown as DomElement).innerText.replace(/\s+/g, ' ').trim());
}

/** The visible elements matching `selector` whose text satisfies `match`. */
export async function findByText(
	page: Page,
	selector: string,
	match: (text: string) => boolean,
): Promise<ElementHandle[]> {
	const found: ElementHandle[] = [];
	for (const handle of await page.$$(selector)) {
		const visible = await handle.evaluate((el) => (el as unknown as DomElement).offsetParent !== null);
		if (visible && match(await textOf(handle))) found.push(handle);
	}
	return found;
}

/** Waits until an element matching `selector` with matching text is visible; returns the first. */
export async function waitForText(
	page: Page,
	selector: string,
	match: (text: string) => boolean,
	what: string,
	timeoutMs = 20_000,
): Promise<ElementHandle> {
	const deadline = Date.now() + timeoutMs;
	let last: string[] = [];
	for (;;) {
		const handles = await page.$$(selector);
		last = [];
		for (const handle of handles) {
			const visible = await handle.evaluate((el) => (el as unknown as DomElement).offsetParent !== null);
			if (!visible) continue;
			const text = await textOf(handle);
			last.push(text);
			if (match(text)) return handle;
		}
		if (Date.now() > deadline)
			throw new Error(
				`${what}: not shown within ${timeoutMs / 1000} s (shown: ${last.slice(0, 25).join(' | ') || 'nothing'})`,
			);
		// Polls the DOM, as waitForSelector does; what is waited for is the text, not the time.
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** A new, empty workflow canvas. */
export async function openNewWorkflow(page: Page, editorUrl: string): Promise<void> {
	await page.goto(`${editorUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(id('canvas-wrapper'), { visible: true });
	// The panel's button shows once the canvas has mounted its controls.
	await page.waitForSelector(id('node-creator-plus-button'), { visible: true });
}

/** Opens the node panel and types `query` into its search. */
export async function searchNodePanel(page: Page, query: string): Promise<void> {
	await page.click(id('node-creator-plus-button'));
	const input = `${id('node-creator-search-bar')} input, input${id('node-creator-search-bar')}`;
	await page.waitForSelector(input, { visible: true });
	// Focused, not clicked: the panel slides in, and a click while it moves finds no clickable point (a
	// flaky failure seen in a run); the input takes the typing either way.
	await page.focus(input);
	await page.type(input, query);
}

/** How the node panel names a node: n8n drops " Trigger" from trigger nodes' names there. */
export function panelName(displayName: string): string {
	return displayName.replace(/ Trigger$/, '');
}

/**
 * The node panel's entry for node type `type` (`<package>.<name>`), by the id n8n gives it: a built-in node
 * may have the same name (n8n's own LinkedIn node is also "LinkedIn").
 */
export async function nodePanelItem(page: Page, type: string, displayName: string): Promise<ElementHandle> {
	const selector = `${id('item-iterator-item')}[data-keyboard-nav-id^="${type}-"]`;
	const item = await page.waitForSelector(selector, { visible: true });
	if (!item) throw new Error(`${type} is not in the node panel`);
	const name = await item.$(id('node-creator-item-name'));
	const shown = name ? await textOf(name) : '';
	if (shown !== panelName(displayName))
		throw new Error(`the node panel lists ${type} as "${shown}", not "${panelName(displayName)}"`);
	return item;
}

/**
 * Adds node type `type` from the panel: a node with operations shows its actions first and `action` picks
 * one ("Create or update a contact"); a node without shows its details with "Add to workflow".
 */
export async function addNodeFromPanel(
	page: Page,
	type: string,
	displayName: string,
	action?: string,
): Promise<void> {
	const item = await nodePanelItem(page, type, displayName);
	await item.click();
	if (action) {
		const entry = await waitForText(
			page,
			`${id('node-creator')} ${id('item-iterator-item')}`,
			(text) => text === action,
			`action "${action}" of ${displayName}`,
		);
		await entry.click();
	} else {
		// A node this run has no action for: "Add to workflow" when it offers one, else its first entry.
		const first = await Promise.race([
			page.waitForSelector(id('ndv'), { visible: true }).then(() => undefined),
			waitForText(
				page,
				`${id('node-creator')} button, ${id('node-creator')} ${id('item-iterator-item')}`,
				(t) => t !== '',
				`an entry of ${displayName}`,
			),
		]);
		const add =
			(await findByText(page, `${id('node-creator')} button`, (t) => t === 'Add to workflow'))[0] ?? first;
		if (add) await add.click();
	}
	await page.waitForSelector(id('ndv'), { visible: true });
	await page.waitForSelector(`${id('node-parameters')} ${id('parameter-item')}`, { visible: true });
}

/** Text of the open node's parameter panel. */
export async function parameterPanelText(page: Page): Promise<string> {
	const panel = await page.waitForSelector(id('node-parameters'), { visible: true });
	if (!panel) throw new Error('no parameter panel');
	return textOf(panel);
}

/** The labels of the parameters the open node's panel shows. */
export async function shownParameters(page: Page): Promise<string[]> {
	return page.$$eval(`${id('node-parameters')} ${id('input-label')}`, (labels) =>
		labels
			.map((label) => label as unknown as DomElement)
			.filter((label) => label.offsetParent !== null)
			.map((label) => label.innerText.split('\n')[0].replace(/\*$/, '').trim())
			.filter(Boolean),
	);
}

/** The options of the resource mapper's "Add field" menu. */
export async function resourceMapperFieldOptions(page: Page): Promise<string[]> {
	await page.waitForSelector(`${id('add-fields-select')} button`, { visible: true });
	await page.click(`${id('add-fields-select')} button`);
	await page.waitForSelector('[role="menuitem"]', { visible: true });
	const items = await findByText(page, '[role="menuitem"]', (text) => text !== '');
	const texts: string[] = [];
	for (const item of items) texts.push(await textOf(item));
	await page.keyboard.press('Escape');
	return texts;
}

/** The credential the open node selected (n8n picks the only one of its type). */
export async function selectedCredential(page: Page): Promise<string | undefined> {
	const slot = await page.$(`${id('node-credentials-select')} input`);
	if (slot)
		return slot.evaluate((el) => (el as unknown as DomElement).value || el.getAttribute('placeholder') || '');
	const box = await page.$(id('node-credentials-select'));
	return box ? textOf(box) : undefined;
}

export async function closeNodeView(page: Page): Promise<void> {
	const close = await page.$(id('ndv-close-button'));
	if (close) {
		await close.click();
		await page.waitForSelector(id('ndv'), { hidden: true });
	}
}
