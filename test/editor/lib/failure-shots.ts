/** A screenshot of the page for each failed check, under `.e2e/editor/` (or EDITOR_ARTIFACTS_DIR). */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { artifactsDir, repoRoot } from '../../e2e/lib/paths';

export function editorArtifactsDir(): string {
	const dir = process.env.EDITOR_ARTIFACTS_DIR
		? resolve(process.env.EDITOR_ARTIFACTS_DIR)
		: join(artifactsDir(), 'editor');
	mkdirSync(dir, { recursive: true });
	return dir;
}

const slug = (text: string): string =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 80);

/** Saves what the page shows now; returns a line naming the file (never throws: it explains a failure). */
export async function failureShot(page: Page, name: string): Promise<string> {
	const file = join(editorArtifactsDir(), `${slug(name)}.png`);
	try {
		await page.screenshot({ path: file, type: 'png' });
		return `screenshot: ${relative(repoRoot(), file)} (page ${page.url()})`;
	} catch (error) {
		return `(no screenshot: ${(error as Error).message})`;
	}
}
