/**
 * Which offered tool plays which part of the script, read from the tool's name and description (n8n names a
 * node-as-tool after its node, and its description is the node's Tool Description), and how the stand-in fills
 * a tool's arguments from its JSON schema: a parameter is recognised by its key (email, jobTitle, company...).
 */
import type { ChatTool } from './chat-types';

export type Role = 'find' | 'enrich' | 'update';

/** Checked in this order: the update tool may mention Apollo ("what Apollo found"), never "enrich". */
const ROLE_RULES: Array<{ role: Role; test: (text: string) => boolean }> = [
	{ role: 'enrich', test: (text) => /apollo/.test(text) && /enrich/.test(text) },
	{ role: 'update', test: (text) => /hubspot/.test(text) && /update/.test(text) },
	{ role: 'find', test: (text) => /hubspot/.test(text) && /(search|find)/.test(text) },
];

export function roleOf(tool: ChatTool): Role | undefined {
	const text = `${tool.function.name} ${tool.function.description ?? ''}`.toLowerCase().replace(/_/g, ' ');
	return ROLE_RULES.find((rule) => rule.test(text))?.role;
}

/** The first offered tool for each role. */
export function toolsByRole(tools: readonly ChatTool[]): Partial<Record<Role, ChatTool>> {
	const byRole: Partial<Record<Role, ChatTool>> = {};
	for (const tool of tools) {
		const role = roleOf(tool);
		if (role && !byRole[role]) byRole[role] = tool;
	}
	return byRole;
}

/** The values the script knows, by the unified field names the nodes use. */
export type Known = Partial<
	Record<
		'name' | 'email' | 'title' | 'company' | 'phone' | 'linkedinUrl' | 'city' | 'state' | 'country',
		string
	>
>;

/** Parameter key patterns, most specific first (`companyName` is a company, not a name). */
const KEY_RULES: Array<{ field: keyof Known; pattern: RegExp }> = [
	{ field: 'email', pattern: /e-?mail/i },
	{ field: 'linkedinUrl', pattern: /linkedin/i },
	{ field: 'title', pattern: /title|job|position/i },
	{ field: 'company', pattern: /company|organi[sz]ation|employer/i },
	{ field: 'phone', pattern: /phone|mobile/i },
	{ field: 'city', pattern: /city/i },
	{ field: 'state', pattern: /state|region/i },
	{ field: 'country', pattern: /country/i },
	{ field: 'name', pattern: /name|query|search|term/i },
];

/**
 * Every parameter of the tool gets a value (n8n marks all `$fromAI` keys required): the known value its key
 * stands for, else an empty string, which the package's nodes treat as "leave this field alone".
 */
export function argumentsFor(tool: ChatTool, known: Known): Record<string, string> {
	const keys = Object.keys(tool.function.parameters?.properties ?? {});
	const args: Record<string, string> = {};
	for (const key of keys) {
		const field = KEY_RULES.find((rule) => rule.pattern.test(key))?.field;
		args[key] = (field && known[field]) ?? (keys.length === 1 ? (known.name ?? '') : '');
	}
	return args;
}
