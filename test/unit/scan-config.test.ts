import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// `npm run scan` passing means something only if its rules do find what n8n's scanner refuses. These run
// ESLint the way scripts/scan.sh does (same config, --no-inline-config) on code that breaks the rules, as
// TypeScript source and as the compiled CommonJS a tarball holds.
const root = path.join(__dirname, '../..');

interface Finding {
	ruleId: string | null;
}

function scan(fileName: string, code: string): string[] {
	const result = spawnSync(
		path.join(root, 'node_modules/.bin/eslint'),
		[
			'--no-inline-config',
			'-c',
			'eslint.scan.config.mjs',
			'--format',
			'json',
			'--stdin',
			'--stdin-filename',
			fileName,
		],
		{ cwd: root, input: code, encoding: 'utf8' },
	);
	if (!result.stdout) throw new Error(`eslint printed nothing: ${result.stderr}`);
	const [file] = JSON.parse(result.stdout) as Array<{ messages: Finding[] }>;
	return file.messages.map((m) => String(m.ruleId)).sort();
}

describe('scanner rules (eslint.scan.config.mjs)', () => {
	it('flags console, restricted globals and imports in node source, eslint-disable comments notwithstanding', () => {
		const findings = scan(
			'nodes/Example/Example.node.ts',
			[
				'/* eslint-disable */',
				"import axios from 'axios';",
				'console.log(axios);',
				'setTimeout(() => undefined, 5); // eslint-disable-line',
			].join('\n'),
		);
		expect(findings).toEqual([
			'@n8n/community-nodes/no-restricted-globals',
			'@n8n/community-nodes/no-restricted-imports',
			'no-console',
		]);
	});

	it('flags the same in compiled JavaScript, as in the packed tarball', () => {
		const findings = scan(
			'dist/nodes/Example/Example.node.js',
			[
				'"use strict";',
				'var axios = require("axios");',
				'console.error(axios);',
				'setInterval(function () {}, 5);',
			].join('\n'),
		);
		expect(findings).toEqual([
			'@n8n/community-nodes/no-restricted-globals',
			'@n8n/community-nodes/no-restricted-imports',
			'no-console',
		]);
	});

	it('flags runtime dependencies in a package.json', () => {
		const findings = scan(
			'package.json',
			JSON.stringify({
				name: 'n8n-nodes-example',
				version: '1.0.0',
				dependencies: { axios: '^1.0.0' },
			}),
		);
		expect(findings).toContain('@n8n/community-nodes/no-runtime-dependencies');
	});

	it('finds nothing in code that keeps the rules', () => {
		const findings = scan(
			'src/core/example.ts',
			"import { sleep } from 'n8n-workflow';\nexport const wait = async () => await sleep(5);\n",
		);
		expect(findings).toEqual([]);
	});
});
