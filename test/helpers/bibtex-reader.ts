/**
 * A strict BibTeX reader for tests, written independently of src/parse/bibtex.ts: it parses
 * `@type{key, name = {value} | "value" | 123, …}` entries, rejects anything malformed
 * (unbalanced braces, missing `=` or `,`, junk between entries other than whitespace and
 * `%` comments), and turns LaTeX escapes back into text.
 */
export interface BibEntry {
	type: string;
	key: string;
	/** Field name (lower-case) → raw value between its delimiters. */
	fields: Record<string, string>;
}

export class BibSyntaxError extends Error {}

export function readBibtex(src: string): BibEntry[] {
	let i = 0;
	const entries: BibEntry[] = [];
	const fail = (what: string): never => {
		const line = src.slice(0, i).split('\n').length;
		throw new BibSyntaxError(`${what} at line ${line}: ${JSON.stringify(src.slice(i, i + 30))}`);
	};
	const ws = () => {
		for (;;) {
			while (i < src.length && /\s/.test(src[i]!)) i++;
			if (src[i] === '%') while (i < src.length && src[i] !== '\n') i++;
			else return;
		}
	};
	const ident = (re: RegExp): string => {
		const start = i;
		while (i < src.length && re.test(src[i]!)) i++;
		if (i === start) fail('expected a name');
		return src.slice(start, i);
	};
	const expect = (c: string) => {
		ws();
		if (src[i] !== c) fail(`expected "${c}"`);
		i++;
	};
	const braced = (): string => {
		// src[i] === '{'
		let depth = 0;
		const start = i + 1;
		for (; i < src.length; i++) {
			const c = src[i]!;
			if (c === '\\') {
				i++; // an escaped character never opens or closes a group
				continue;
			}
			if (c === '{') depth++;
			else if (c === '}') {
				depth--;
				if (depth === 0) return src.slice(start, i++);
			}
		}
		return fail('unbalanced braces');
	};
	const quoted = (): string => {
		const start = ++i;
		let depth = 0;
		for (; i < src.length; i++) {
			const c = src[i]!;
			if (c === '\\') {
				i++;
				continue;
			}
			if (c === '{') depth++;
			else if (c === '}') depth--;
			else if (c === '"' && depth === 0) return src.slice(start, i++);
			if (depth < 0) fail('unbalanced braces in a quoted value');
		}
		return fail('unterminated quoted value');
	};
	for (;;) {
		ws();
		if (i >= src.length) return entries;
		if (src[i] !== '@') fail('text outside an entry');
		i++;
		const type = ident(/[A-Za-z]/).toLowerCase();
		expect('{');
		ws();
		const key = ident(/[^\s,{}()"=#%']/);
		const fields: Record<string, string> = {};
		expect(',');
		for (;;) {
			ws();
			if (src[i] === '}') {
				i++;
				break;
			}
			const name = ident(/[A-Za-z0-9_-]/).toLowerCase();
			if (name in fields) fail(`duplicate field ${name}`);
			expect('=');
			ws();
			if (src[i] === '{') fields[name] = braced();
			else if (src[i] === '"') fields[name] = quoted();
			else fields[name] = ident(/[0-9]/);
			ws();
			if (src[i] === ',') i++;
			else if (src[i] !== '}') fail('expected "," or "}"');
		}
		entries.push({type, key, fields});
	}
}

const COMMANDS: Record<string, string> = {'\\textbackslash{}': '\\', '\\textasciitilde{}': '~', '\\textasciicircum{}': '^'};

/** A LaTeX text value back to plain text; throws if it holds a special character left unescaped. */
export function latexText(raw: string): string {
	let out = '';
	for (let i = 0; i < raw.length; ) {
		const command = Object.keys(COMMANDS).find(c => raw.startsWith(c, i));
		if (command) {
			out += COMMANDS[command];
			i += command.length;
			continue;
		}
		const c = raw[i]!;
		if (c === '\\') {
			const next = raw[i + 1] ?? '';
			if (!'{}$&%#_'.includes(next) || next === '') throw new BibSyntaxError(`unknown escape "\\${next}" in ${JSON.stringify(raw)}`);
			out += next;
			i += 2;
			continue;
		}
		if ('$&%#_~^'.includes(c)) throw new BibSyntaxError(`unescaped "${c}" in ${JSON.stringify(raw)}`);
		// Group braces (protecting capitals) are not text.
		if (c !== '{' && c !== '}') out += c;
		i++;
	}
	return out;
}
