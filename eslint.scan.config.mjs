// The rules n8n's community-package scanner (`@n8n/scan-community-package`) gates a package on, for
// `npm run scan` (scripts/scan.sh). The scanner itself cannot run here: it looks the package up on the npm
// registry by name (provenance, then the published tarball or the attested source commit), and this
// package is unpublished until a release. So its lint configuration is rebuilt from the same parts:
// the community-nodes plugin's recommended config plus `no-console`, and for the TypeScript source the
// `eslint-plugin-n8n-nodes-base` rulesets with the scanner's own exceptions. scripts/scan.sh runs ESLint
// with --no-inline-config, as the scanner does (eslint-disable comments count for nothing there).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{ ignores: ['eslint.config.mjs', 'eslint.scan.config.mjs'] },
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The scanner turns these two off: not valid for community nodes, and the community-nodes
			// plugin's credential-password-field rule covers the second more accurately.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// The scanner's exceptions: inputs/outputs may use the NodeConnectionTypes enum, and a real
			// API maximum is a valid maxValue.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// package.json and the TypeScript source need the TypeScript parser (the rules walk its AST);
	// the tarball's compiled JavaScript is read by ESLint's own parser, as CommonJS.
	{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' } },
];
