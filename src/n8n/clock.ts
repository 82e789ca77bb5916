/** The real clock inside n8n: n8n's own `sleep`, because community nodes may not touch timers directly. */
import { sleep } from 'n8n-workflow';
import type { Clock } from '../core/http';

export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: (ms: number) => sleep(ms),
};
