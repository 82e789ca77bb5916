/** The runner's command line and environment switches (test/e2e/README.md lists them). */
export interface Options {
	only: string[];
	list: boolean;
	keep: boolean;
	coverage: 'fail' | 'warn';
	logLevel: 'info' | 'debug';
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): Options {
	const options: Options = {
		only: (env.E2E_ONLY ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		list: false,
		keep: env.E2E_KEEP === '1',
		coverage: env.E2E_COVERAGE === 'warn' ? 'warn' : 'fail',
		logLevel: env.E2E_N8N_LOG_LEVEL === 'info' ? 'info' : 'debug',
	};
	for (const arg of argv) {
		if (arg === '--list') options.list = true;
		else if (arg === '--keep') options.keep = true;
		else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').filter(Boolean));
		else if (arg.startsWith('--coverage=')) options.coverage = arg.endsWith('warn') ? 'warn' : 'fail';
		else if (arg.startsWith('--log-level=')) options.logLevel = arg.endsWith('info') ? 'info' : 'debug';
		else if (!arg.startsWith('-')) options.only.push(arg);
		else throw new Error(`unknown option ${arg}`);
	}
	return options;
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
