import { createServer } from 'node:net';

/** Asks the kernel for a free port on 127.0.0.1 (bind to 0, read it back, release it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('could not read the bound port'))));
		});
	});
}

/** True when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/** `preferred` when it is free, otherwise any free port; distinct from the ports in `avoid`. */
export async function preferredOrFreePort(preferred: number, avoid: number[] = []): Promise<number> {
	if (!avoid.includes(preferred) && (await isPortFree(preferred))) return preferred;
	for (;;) {
		const port = await freePort();
		if (!avoid.includes(port)) return port;
	}
}

/** `count` distinct free ports: asking one at a time could hand back the same port twice. */
export async function freePorts(count: number): Promise<number[]> {
	const ports: number[] = [];
	while (ports.length < count) {
		const port = await freePort();
		if (!ports.includes(port)) ports.push(port);
	}
	return ports;
}
