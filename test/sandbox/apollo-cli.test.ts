import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

describe('sandbox CLI: Apollo flags', () => {
	it('applies the Apollo key, limits, credits and seed flags', async () => {
		const child = spawn(
			join(ROOT, 'node_modules', '.bin', 'tsx'),
			[
				'sandbox/cli.ts',
				'--port',
				'0',
				'--apollo-key',
				'cli-apollo-key',
				'--apollo-enrichment-limits',
				'1000,5000,20000',
				'--apollo-credits',
				'42',
				'--apollo-no-default-seed',
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
			const { url } = JSON.parse(line) as { url: string };
			const match = await fetch(`${url}/apollo/api/v1/people/match`, {
				method: 'POST',
				headers: { 'x-api-key': 'cli-apollo-key', 'content-type': 'application/json' },
				body: JSON.stringify({ email: 'ava.anderson@northwind-analytics.com' }),
			});
			expect(match.status).toBe(200);
			expect(match.headers.get('x-rate-limit-minute')).toBe('1000');
			expect(match.headers.get('x-rate-limit-daily')).toBe('20000');
			expect(await match.json()).toEqual({ person: null });
			const credits = await (await fetch(`${url}/__sandbox/apollo/credits`)).json();
			expect(credits).toMatchObject({ starting: 42, balance: 42 });
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			expect(((await exited) as [number | null])[0]).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	}, 15_000);

	it('rejects malformed window limits with exit code 2', async () => {
		const child = spawn(
			join(ROOT, 'node_modules', '.bin', 'tsx'),
			['sandbox/cli.ts', '--apollo-other-limits', '5,5'],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(2);
		expect(stderr).toContain('--apollo-other-limits needs three positive integers');
	}, 15_000);
});
