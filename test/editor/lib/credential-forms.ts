/** The credential modal of the n8n 2.41 editor: an existing credential opened by id, or a new one by type. */
import type { Page } from 'puppeteer-core';
import { findByText, sel, textOf, type DomElement } from './editor';

export type ConnectionState = 'tested' | 'test failed' | 'account connected' | 'not tested';

export interface CredentialForm {
	/** The `name` of each field the form shows (`credential-connection-parameter`). */
	fields: string[];
	text: string;
}

async function readForm(page: Page): Promise<CredentialForm> {
	const modal = await page.waitForSelector(sel.id('editCredential-modal'), { visible: true });
	if (!modal) throw new Error('no credential modal');
	await page.waitForSelector(
		`${sel.id('editCredential-modal')} ${sel.id('credential-connection-parameter')}`,
		{
			visible: true,
		},
	);
	const fields = await page.$$eval(
		`${sel.id('editCredential-modal')} ${sel.id('credential-connection-parameter')}`,
		(els) =>
			els
				.map(
					(el) =>
						el
							.querySelector('[data-test-id^="parameter-input-"]')
							?.getAttribute('data-test-id')
							?.replace('parameter-input-', '') ?? '',
				)
				.filter(Boolean),
	);
	return { fields, text: await textOf(modal) };
}

/**
 * Opens a saved credential. n8n tests a credential that has a test when its form opens (the request goes to
 * the service the credential points at) and shows the outcome; an OAuth2 credential shows its connection.
 */
export async function openSavedCredential(
	page: Page,
	editorUrl: string,
	credentialId: string,
	expect: { tested: boolean; oauth: boolean },
): Promise<CredentialForm & { connection: ConnectionState }> {
	await page.goto(`${editorUrl}/home/credentials/${encodeURIComponent(credentialId)}`, {
		waitUntil: 'domcontentloaded',
	});
	const form = await readForm(page);
	let connection: ConnectionState = 'not tested';
	if (expect.oauth) {
		await page.waitForSelector(sel.id('oauth-connect-success-banner'), { visible: true });
		connection = 'account connected';
	} else if (expect.tested) {
		const banner = await page.waitForSelector(
			`${sel.id('credentials-config-container-test-success')}, [data-test-id^="credentials-config-container-test-"]`,
			{ visible: true, timeout: 30_000 },
		);
		const testId = await banner?.evaluate((el) => el.getAttribute('data-test-id'));
		connection = testId === 'credentials-config-container-test-success' ? 'tested' : 'test failed';
		if (connection === 'test failed' && banner) form.text = `${await textOf(banner)} | ${form.text}`;
	}
	return { ...form, connection };
}

/** Opens the form of a new credential of the type shown as `displayName`, as "Add credential" does. */
export async function openNewCredential(
	page: Page,
	editorUrl: string,
	displayName: string,
): Promise<CredentialForm> {
	await page.goto(`${editorUrl}/home/credentials`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(sel.id('add-resource-credential'), { visible: true });
	await page.click(sel.id('add-resource-credential'));
	const input = `${sel.id('new-credential-type-select')} input`;
	await page.waitForSelector(input, { visible: true });
	await page.type(input, displayName);
	// The list re-renders while it filters: click only once it stopped changing with the type first.
	const deadline = Date.now() + 20_000;
	let previous = '';
	for (;;) {
		const shown = await findByText(page, sel.id('new-credential-type-select-option'), () => true);
		const texts = await Promise.all(shown.map((o) => textOf(o)));
		const current = texts.join('|');
		if (texts[0] === displayName && current === previous) {
			// A DOM click: the dropdown still moves, so a click at the option's coordinates can land on another.
			await shown[0].evaluate((el) => (el as unknown as DomElement).click());
			break;
		}
		if (Date.now() > deadline)
			throw new Error(
				`"Add credential" does not narrow to "${displayName}" (shows: ${texts.slice(0, 10).join(' | ')})`,
			);
		previous = current;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await page.$eval(sel.id('new-credential-type-button'), (el) => (el as unknown as DomElement).click());
	const form = await readForm(page);
	if (!form.text.includes(displayName))
		throw new Error(`the new credential form is not a "${displayName}": ${form.text.slice(0, 200)}`);
	return form;
}

/** Closes the credential modal without saving. */
export async function closeCredential(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	// A new credential with typed values asks whether to discard them: it has none here.
	const discard = await findByText(page, 'button', (text) =>
		/^(Close|Discard|Leave without saving)$/.test(text),
	);
	if (discard[0]) await discard[0].click();
	await page
		.waitForSelector(sel.id('editCredential-modal'), { hidden: true, timeout: 10_000 })
		.catch(() => undefined);
}
