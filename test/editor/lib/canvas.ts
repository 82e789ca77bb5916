/** A saved workflow on the editor's canvas, drawn completely, for a screenshot. */
import type { Page } from 'puppeteer-core';
import { sel, type DomElement } from './editor';

interface ImageLike {
	complete: boolean;
	naturalWidth: number;
}

/**
 * Opens workflow `id`, waits until each of its `nodeCount` nodes is on the canvas with its icon loaded,
 * then zooms to fit (and one step out) and waits for the canvas to stop moving (the zoom is animated).
 */
export async function openWorkflowCanvas(
	page: Page,
	editorUrl: string,
	id: string,
	nodeCount: number,
): Promise<void> {
	await page.goto(`${editorUrl}/workflow/${encodeURIComponent(id)}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(sel.id('canvas-wrapper'), { visible: true });
	const deadline = Date.now() + 60_000;
	for (;;) {
		const icons = await page.$$eval(`${sel.id('canvas-node')} img`, (imgs) =>
			imgs.map(
				(img) => (img as unknown as ImageLike).complete && (img as unknown as ImageLike).naturalWidth > 0,
			),
		);
		const nodes = (await page.$$(sel.id('canvas-node'))).length;
		if (nodes >= nodeCount && icons.every(Boolean)) break;
		if (Date.now() > deadline)
			throw new Error(
				`workflow ${id}: ${nodes} of ${nodeCount} nodes drawn, ${icons.filter((i) => !i).length} icons not loaded`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await page.click(sel.id('zoom-to-fit'));
	await canvasAtRest(page);
	// One step back from the fit: the buttons floating at the canvas' bottom (Execute workflow, Open chat)
	// would otherwise cover the lowest nodes' names.
	await page.click(sel.id('zoom-out-button'));
	// Leave the controls unfocused and the pointer over the header: the picture is of the workflow, and a
	// hovered node or note shows its toolbar.
	await page.evaluate(() =>
		(
			globalThis as unknown as { document: { activeElement?: { blur?: () => void } } }
		).document.activeElement?.blur?.(),
	);
	await page.mouse.move(1000, 30);
	await canvasAtRest(page);
}

/** Resolves once the canvas viewport's transform has stayed the same for a few frames. */
async function canvasAtRest(page: Page): Promise<void> {
	let last = '';
	let same = 0;
	const deadline = Date.now() + 10_000;
	while (same < 4 && Date.now() < deadline) {
		const transform = await page
			.$eval(
				'.vue-flow__viewport, .vue-flow__transformationpane',
				(el) => (el as unknown as DomElement).getAttribute('style') ?? '',
			)
			.catch(() => '');
		same = transform === last ? same + 1 : 0;
		last = transform;
		// One animation frame between reads: the zoom animates over a few hundred milliseconds.
		await page.evaluate(
			() =>
				new Promise((resolve) =>
					(globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(
						() => resolve(undefined),
					),
				),
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
