/**
 * What n8n actually ran, read from its execution tables. Webhook-trigger tests use the counts to prove
 * that a rejected (forged) request started nothing; the harness uses the per-node run data to prove each
 * node of the package really executed inside n8n.
 */
import type { N8nDb } from './n8n-db';
import { sleep } from './processes';

export interface ExecutionSummary {
	id: number;
	workflowId: string;
	/** new | running | success | error | crashed | canceled | waiting */
	status: string;
	/** webhook | trigger | manual | internal | ... */
	mode: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface ExecutionDetails extends ExecutionSummary {
	/** Names of the nodes that have run data (they ran, successfully or not). */
	nodesRun: string[];
	/** Errors per node name, when a node failed. */
	nodeErrors: Record<string, string[]>;
	/** The execution's top-level error message, if it failed. */
	error?: string;
	lastNodeExecuted?: string;
	/** Items of each node's first run, main output 0 (their json). */
	outputs: Record<string, unknown[]>;
}

interface Row {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	finished: number;
	startedAt: string | null;
	stoppedAt: string | null;
	nodesRun?: string[];
	nodeErrors?: Record<string, string[]>;
	outputs?: Record<string, unknown[]>;
	error?: string;
	lastNodeExecuted?: string;
}

const COLUMNS = 'e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt';

function summary(row: Row): ExecutionSummary {
	return {
		id: row.id,
		workflowId: row.workflowId,
		status: row.status,
		mode: row.mode,
		finished: Boolean(row.finished),
		startedAt: row.startedAt,
		stoppedAt: row.stoppedAt,
	};
}

export class Executions {
	constructor(private readonly db: N8nDb) {}

	/** Every execution n8n recorded (soft-deleted ones excluded), oldest first. */
	async listExecutions(workflowId?: string): Promise<ExecutionSummary[]> {
		const where = workflowId ? 'WHERE e.deletedAt IS NULL AND e.workflowId = ?' : 'WHERE e.deletedAt IS NULL';
		const rows = await this.db.all<Row>(
			`SELECT ${COLUMNS} FROM execution_entity e ${where} ORDER BY e.id`,
			workflowId ? [workflowId] : [],
		);
		return rows.map(summary);
	}

	async countExecutions(workflowId?: string): Promise<number> {
		const where = workflowId ? 'WHERE deletedAt IS NULL AND workflowId = ?' : 'WHERE deletedAt IS NULL';
		const [row] = await this.db.all<{ n: number }>(
			`SELECT COUNT(*) AS n FROM execution_entity ${where}`,
			workflowId ? [workflowId] : [],
		);
		return row?.n ?? 0;
	}

	/** Executions with their run data decoded (which nodes ran, errors). `afterId` limits to newer ones. */
	async executionDetails(
		filter: { workflowId?: string; afterId?: number; ids?: number[] } = {},
	): Promise<ExecutionDetails[]> {
		const clauses = ['e.deletedAt IS NULL'];
		const params: unknown[] = [];
		if (filter.workflowId) {
			clauses.push('e.workflowId = ?');
			params.push(filter.workflowId);
		}
		if (filter.afterId !== undefined) {
			clauses.push('e.id > ?');
			params.push(filter.afterId);
		}
		if (filter.ids) {
			if (filter.ids.length === 0) return [];
			clauses.push(`e.id IN (${filter.ids.map(() => '?').join(',')})`);
			params.push(...filter.ids);
		}
		const [rows] = await this.db.query<Row>(
			[
				{
					sql: `SELECT ${COLUMNS}, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE ${clauses.join(' AND ')} ORDER BY e.id`,
					params,
				},
			],
			true,
		);
		return rows.map((row) => ({
			...summary(row),
			nodesRun: row.nodesRun ?? [],
			nodeErrors: row.nodeErrors ?? {},
			outputs: row.outputs ?? {},
			error: row.error,
			lastNodeExecuted: row.lastNodeExecuted,
		}));
	}

	/** A workflow's static data as n8n saved it (JSON text; '' when none): what active nodes keep between executions. */
	async workflowStaticData(workflowId: string): Promise<string> {
		const [row] = await this.db.all<{ staticData: string | null }>('SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId]);
		return row?.staticData ?? '';
	}

	/** Highest execution id so far (0 when none): a bookmark for "executions started after this point". */
	async lastExecutionId(): Promise<number> {
		const [row] = await this.db.all<{ id: number | null }>('SELECT MAX(id) AS id FROM execution_entity');
		return row?.id ?? 0;
	}

	/**
	 * Waits until every execution of the workflow (or all) has left the new/running states: a webhook
	 * answers before n8n has finished writing the execution's final status.
	 */
	async waitForSettled(workflowId?: string, timeoutMs = 15_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId);
			if (list.every((e) => !['new', 'running'].includes(e.status)) || Date.now() > deadline) return list;
			await sleep(250);
		}
	}

	/** Waits until the workflow has at least `count` executions; returns them. */
	async waitForCount(workflowId: string, count: number, timeoutMs = 15_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId);
			if (list.length >= count || Date.now() > deadline) return list;
			await sleep(250);
		}
	}
}
