/**
 * What each chat completion request carried and what the stand-in answered, for tests to check that the
 * tool results really reached the model. Headers are never kept, so no key can be read back from here.
 */
import { textOf, type ChatMessage, type Turn } from './chat-types';

export interface LoggedMessage {
	role: string;
	content: string;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; name: string; arguments: string }>;
}

export interface LoggedCompletion {
	at: number;
	model: string;
	stream: boolean;
	/** The tool names offered. */
	tools: string[];
	messages: LoggedMessage[];
	reply: Turn;
}

const MAX_ENTRIES = 500;

export class ConversationLog {
	private entries: LoggedCompletion[] = [];

	record(entry: Omit<LoggedCompletion, 'messages'> & { messages: readonly ChatMessage[] }): void {
		const messages = entry.messages.map(
			(m): LoggedMessage => ({
				role: m.role,
				content: textOf(m.content),
				...(m.tool_call_id ? { tool_call_id: m.tool_call_id } : {}),
				...(m.tool_calls?.length
					? {
							tool_calls: m.tool_calls.map((c) => ({
								id: c.id,
								name: c.function?.name,
								arguments: c.function?.arguments,
							})),
						}
					: {}),
			}),
		);
		this.entries.push({ ...entry, messages });
		if (this.entries.length > MAX_ENTRIES) this.entries.shift();
	}

	list(): LoggedCompletion[] {
		return [...this.entries];
	}

	clear(): void {
		this.entries = [];
	}
}
