/**
 * The terminal: fetched text cleaned of control characters before it is drawn, OSC 8 hyperlinks,
 * which URLs may be opened, and what NO_COLOR and the terminal's kind allow.
 */

/** Removes terminal control characters (fetched text is hostile); tabs become spaces. */
export function clean(text: string): string {
	return text.replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029]/g, '');
}

/** One line of text: control characters removed, all whitespace runs collapsed. */
export function oneLine(text: string): string {
	return clean(text).replace(/\s+/g, ' ').trim();
}

/** Wraps visible text in an OSC 8 hyperlink when enabled; the URL must be http(s). */
export function hyperlink(url: string, text: string, enabled: boolean): string {
	if (!enabled || !isHttpUrl(url)) return text;
	return `\u001b]8;;${url.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')}\u0007${text}\u001b]8;;\u0007`;
}

/** The longest text `y`/`Y` put on the clipboard: terminals cap OSC 52 payloads, and no sane link is longer. */
export const MAX_COPY_CHARS = 8192;

/**
 * OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`): the terminal puts the text on the system clipboard. It goes
 * through SSH as any output does, and through tmux when its `set-clipboard` option is on.
 */
export function osc52(text: string): string {
	return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export function isHttpUrl(url: string): boolean {
	try {
		const {protocol} = new URL(url);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/** `NO_COLOR` (any non-empty value) turns off all colour and text styling. */
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
	return env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
}

/**
 * Whether the terminal is known to render OSC 8 hyperlinks (the heuristics of supports-hyperlinks,
 * trimmed); `FORCE_HYPERLINK=1`/`0` overrides. Unknown terminals get plain text, never garbage.
 */
export function hyperlinksSupported(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
	const force = env['FORCE_HYPERLINK'];
	if (force !== undefined && force !== '') return force !== '0';
	if (!isTTY || env['CI'] !== undefined || env['TERM'] === 'dumb') return false;
	if (env['TMUX'] !== undefined || (env['TERM'] ?? '').startsWith('screen')) return false;
	const program = env['TERM_PROGRAM'];
	if (program === 'iTerm.app' || program === 'WezTerm' || program === 'vscode' || program === 'ghostty') return true;
	if (env['KITTY_WINDOW_ID'] !== undefined || env['WT_SESSION'] !== undefined) return true;
	if (env['TERM'] === 'xterm-kitty' || env['TERM'] === 'alacritty' || env['TERM'] === 'foot') return true;
	const vte = Number(env['VTE_VERSION'] ?? '0');
	return vte >= 5000;
}
