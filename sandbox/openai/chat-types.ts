/** The parts of a Chat Completions request the stand-in reads (OpenAI's API reference, `POST /v1/chat/completions`). */

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | string;
	/** A string, or content parts (`{type: 'text', text}`) for user and system messages. */
	content?: string | Array<{ type?: string; text?: string }> | null;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ToolParameter {
	type?: string | string[];
	description?: string;
}

export interface ChatTool {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: { type?: string; properties?: Record<string, ToolParameter>; required?: string[] };
	};
}

/** What the scripted model decides for one request: call one tool, or answer. */
export type Turn =
	| { kind: 'tool'; tool: string; arguments: Record<string, string> }
	| { kind: 'answer'; content: string };

export function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
	return '';
}
