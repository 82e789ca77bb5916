/**
 * Phase 1: n8n itself (cached after the first install) and the package, from its tarball, into the fresh
 * user folder the way n8n's community-package installer does.
 */
import { basename, join } from 'node:path';
import { ensureN8n, type N8nInstall } from '../n8n-install';
import { seconds } from '../options';
import {
	installCommunityPackage,
	introspectPackage,
	packPackage,
	type PackageContents,
} from '../package-install';
import type { Workspace } from './workspace';

export interface Installed {
	install: N8nInstall;
	packageName: string;
	packageDir: string;
	contents: PackageContents;
}

export async function installPhase(
	packageDir: string,
	workspace: Workspace,
	say: (line: string) => void,
): Promise<Installed> {
	let t = Date.now();
	const install = await ensureN8n((line) => say(line.trim()));
	say(`n8n ${install.version} ready in ${install.dir} (${seconds(Date.now() - t)})`);

	t = Date.now();
	const tarball = await packPackage(packageDir, join(workspace.tmp, 'pack'));
	const installed = await installCommunityPackage(workspace.userFolder, tarball);
	const contents = await introspectPackage(install, installed.dir);
	say(
		`installed ${basename(tarball)} into ${installed.dir} (${seconds(Date.now() - t)}): ` +
			`${contents.nodes.length} node(s), ${contents.credentials.length} credential(s)`,
	);
	if (contents.nodes.length === 0) say('warning: the package lists no nodes in package.json n8n.nodes');
	return { install, packageName: installed.name, packageDir: installed.dir, contents };
}
