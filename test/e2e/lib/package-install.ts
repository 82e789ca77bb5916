/**
 * Puts this package into an n8n user folder the way n8n 2.41's community-package installer does
 * (CommunityPackagesService.downloadPackage): `npm pack`, unpack into `.n8n/nodes/node_modules/<name>`,
 * drop dev/peer/optional dependencies from its package.json, `npm install` inside it with n8n's flags,
 * and record it in `.n8n/nodes/package.json`. What is tested is the published tarball, not the work tree.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { N8nInstall } from './n8n-install';
import { cleanEnv, runCommand, tail } from './processes';

export interface PackageJson {
	name: string;
	version: string;
	n8n?: { n8nNodesApiVersion?: number; nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

export function readPackageJson(dir: string): PackageJson {
	return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * The build is the caller's job (`npm run build`); this only refuses to test a missing or partial one,
 * since a tarball without dist/ installs fine and then fails far away with "Unrecognized node type".
 */
export function assertBuilt(packageDir: string): PackageJson {
	const pkg = readPackageJson(packageDir);
	const dist = join(packageDir, 'dist');
	if (!existsSync(dist) || !statSync(dist).isDirectory()) {
		throw new Error(
			`${dist} does not exist: build the package first: npm run build (tsup, then gulp build:assets).`,
		);
	}
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = listed.filter((file) => !existsSync(join(packageDir, file)));
	if (missing.length > 0) {
		throw new Error(
			`the build is incomplete: package.json lists files that are not in dist/:\n  ${missing.join('\n  ')}\n` +
				'Rebuild with npm run build.',
		);
	}
	return pkg;
}

/** `npm pack` into `destDir`; returns the tarball's path. Scripts are skipped: the caller built already. */
export async function packPackage(packageDir: string, destDir: string): Promise<string> {
	mkdirSync(destDir, { recursive: true });
	const result = await runCommand(
		'npm pack',
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{
			cwd: packageDir,
			env: cleanEnv(),
			timeoutMs: 120_000,
		},
	);
	if (result.code !== 0)
		throw new Error(`npm pack failed (${result.code}):\n${tail(result.stderr + result.stdout, 20)}`);
	// npm may print warnings before the JSON: take from the first '['.
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = join(destDir, basename(info.filename.replace(/^@/, '').replace(/\//, '-')));
	if (!existsSync(tarball))
		throw new Error(`npm pack reported ${info.filename} but ${tarball} does not exist`);
	return tarball;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	packageJson: PackageJson;
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's installer would; replaces an older copy. */
export async function installCommunityPackage(
	userFolder: string,
	tarball: string,
): Promise<InstalledPackage> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });

	// Read the name from the tarball itself: the install directory is named after the published package.
	const listing = await runCommand('tar', 'tar', ['-xzOf', tarball, 'package/package.json'], {
		timeoutMs: 60_000,
	});
	if (listing.code !== 0) throw new Error(`cannot read package.json from ${tarball}: ${listing.stderr}`);
	const published = JSON.parse(listing.stdout) as PackageJson;
	const packageDir = join(nodesDir, 'node_modules', published.name);

	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	const untar = await runCommand('tar', 'tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		timeoutMs: 60_000,
	});
	if (untar.code !== 0) throw new Error(`unpacking ${tarball} failed:\n${untar.stderr}`);

	// Dropped exactly as n8n's installer does; npm 11 would otherwise install the n8n-workflow peer.
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } =
		readPackageJson(packageDir);
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(packageJson, null, 2), 'utf8');

	const install = await runCommand(
		'npm install',
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env: cleanEnv(), timeoutMs: 300_000 },
	);
	if (install.code !== 0) {
		throw new Error(
			`npm install inside ${packageDir} failed (${install.code}):\n${tail(install.stderr + install.stdout, 30)}`,
		);
	}

	// n8n's ledger of installed packages (it rebuilds it from its database when missing or unusable).
	const ledgerFile = join(nodesDir, 'package.json');
	let ledger: { name: string; private: boolean; dependencies: Record<string, string> } = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	if (existsSync(ledgerFile)) {
		try {
			const existing = JSON.parse(readFileSync(ledgerFile, 'utf8')) as typeof ledger;
			if (existing?.dependencies) ledger = existing;
		} catch {
			// An unreadable ledger is replaced, as n8n itself would.
		}
	}
	ledger.dependencies[published.name] = published.version;
	writeFileSync(ledgerFile, JSON.stringify(ledger, null, 2), 'utf8');

	return {
		name: published.name,
		version: published.version,
		dir: packageDir,
		packageJson: packageJson as PackageJson,
	};
}

export interface PackageContents {
	nodes: Array<{ file: string; className: string; type: string; displayName: string; credentials: string[] }>;
	credentials: Array<{ file: string; className: string; name: string; displayName: string }>;
}

// Runs in Node 24 with n8n's node_modules on NODE_PATH, as n8n loads community packages: proves every
// listed file can be required and exports the class its file name promises, and reads the type names.
const INTROSPECT_SCRIPT = `
const path = require('path');
const [dir] = process.argv.slice(1);
const pkg = require(path.join(dir, 'package.json'));
const out = { nodes: [], credentials: [], errors: [] };
const load = (file) => {
	const className = path.basename(file).split('.')[0];
	const mod = require(path.join(dir, file));
	if (typeof mod[className] !== 'function') throw new Error(file + ' does not export class ' + className);
	return { className, instance: new mod[className]() };
};
for (const file of (pkg.n8n && pkg.n8n.nodes) || []) {
	try {
		const { className, instance } = load(file);
		const description = instance.description || (instance.nodeVersions && Object.values(instance.nodeVersions)[0].description) || {};
		const versions = instance.nodeVersions ? Object.values(instance.nodeVersions) : [instance];
		const credentials = [...new Set(versions.flatMap((v) => ((v.description && v.description.credentials) || []).map((c) => c.name)))];
		out.nodes.push({ file, className, type: pkg.name + '.' + description.name, displayName: description.displayName, credentials });
	} catch (e) { out.errors.push(file + ': ' + e.message); }
}
for (const file of (pkg.n8n && pkg.n8n.credentials) || []) {
	try {
		const { className, instance } = load(file);
		out.credentials.push({ file, className, name: instance.name, displayName: instance.displayName });
	} catch (e) { out.errors.push(file + ': ' + e.message); }
}
console.log(JSON.stringify(out));
`;

/** Lists the node types and credential types the installed package provides, loading it like n8n does. */
export async function introspectPackage(install: N8nInstall, packageDir: string): Promise<PackageContents> {
	const result = await runCommand(
		'introspect package',
		install.nodeBin,
		['-e', INTROSPECT_SCRIPT, packageDir],
		{
			cwd: packageDir,
			env: { PATH: process.env.PATH ?? '', NODE_PATH: install.nodeModules },
			timeoutMs: 60_000,
		},
	);
	const line = result.stdout.trim().split('\n').pop() ?? '';
	let parsed: PackageContents & { errors: string[] };
	try {
		parsed = JSON.parse(line) as typeof parsed;
	} catch {
		throw new Error(
			`loading the installed package failed (${result.code}):\n${tail(result.stderr + result.stdout, 30)}`,
		);
	}
	if (parsed.errors.length > 0) {
		throw new Error(
			`the installed package does not load the way n8n loads it:\n  ${parsed.errors.join('\n  ')}`,
		);
	}
	return { nodes: parsed.nodes, credentials: parsed.credentials };
}
