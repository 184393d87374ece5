/**
 * RowOutput (the Output the bundle gives Ink) against Ink's own Output: the same operations must
 * put the same characters with the same styles in every cell of a real terminal emulator. The
 * frames are random but of the kinds the app draws: styled segments side by side, CJK and emoji,
 * OSC 8 hyperlinks, a rule drawn as one multi-line write, colour transformers.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import xtermHeadless from '@xterm/headless';
import stringWidth from 'string-width';
import InkOutput from '../../../node_modules/ink/build/output.js';
import RowOutput from '../../../src/ui/ink/row-output.js';
// Seeded, so a failure names a seed that reproduces it.
import {rng} from '../../../bench/lib/random.js';

const {Terminal} = xtermHeadless;

type Transformer = (line: string, index: number) => string;
type Op =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined}}
	| {type: 'unclip'};

interface OutputLike {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined}): void;
	unclip(): void;
	get(): {output: string; height: number};
}

function run(output: OutputLike, ops: readonly Op[]): {output: string; height: number} {
	for (const op of ops) {
		if (op.type === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
		else if (op.type === 'clip') output.clip(op.clip);
		else output.unclip();
	}
	return output.get();
}

/** Every cell of the screen after writing `frame`: characters and the attributes a user sees. */
async function cells(frame: string, cols: number, rows: number): Promise<string[]> {
	const term = new Terminal({cols, rows, allowProposedApi: true});
	try {
		await new Promise<void>(resolve => term.write(frame.replaceAll('\n', '\r\n'), resolve));
		const buffer = term.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < rows; y++) {
			const line = buffer.getLine(y);
			for (let x = 0; x < cols; x++) {
				const c = line?.getCell(x);
				if (c === undefined) continue;
				// A cell never written and one written with a space look the same.
				const chars = c.getChars() === '' && c.getWidth() === 1 ? ' ' : c.getChars();
				out.push(
					`${x},${y}:${JSON.stringify(chars)}/${c.getWidth()} fg${c.getFgColorMode()}.${c.getFgColor()} bg${c.getBgColorMode()}.${c.getBgColor()}` +
						` b${c.isBold()} d${c.isDim()} i${c.isItalic()} u${c.isUnderline()} v${c.isInverse()}`,
				);
			}
		}
		return out;
	} finally {
		term.dispose();
	}
}

const WORDS = ['Leqi Liu', '刘威', 'thread', 'arXiv:2507.01234', '📄', 'café', 'e\u0301t\u00e9', 'Ωμέγα', '👩‍🔬 lab', '+3', '2h', 'a'];
const STYLES: Array<[string, string]> = [
	['\u001b[1m', '\u001b[22m'],
	['\u001b[2m', '\u001b[22m'],
	['\u001b[3m', '\u001b[23m'],
	['\u001b[4m', '\u001b[24m'],
	['\u001b[7m', '\u001b[27m'],
	['\u001b[36m', '\u001b[39m'],
	['\u001b[31m', '\u001b[39m'],
	['\u001b[38;5;208m', '\u001b[39m'],
];
const styled = (text: string, [open, close]: [string, string]) => open + text + close;
const link = (url: string, text: string) => `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007`;

function randomText(r: () => number): string {
	let text = '';
	const parts = 1 + Math.floor(r() * 4);
	for (let i = 0; i < parts; i++) {
		const word = WORDS[Math.floor(r() * WORDS.length)]!;
		const roll = r();
		if (roll < 0.4) text += styled(word, STYLES[Math.floor(r() * STYLES.length)]!);
		else if (roll < 0.5) text += link('https://arxiv.org/abs/2507.01234', word);
		else if (roll < 0.6) text += styled(styled(word, STYLES[0]!), STYLES[5]!);
		else text += word;
		if (r() < 0.5) text += ' ';
	}
	return text;
}

/** Rows of side-by-side writes (as the timeline, detail pane and status line are drawn). */
function randomFrame(seed: number, cols: number, rows: number): Op[] {
	const r = rng(seed);
	const ops: Op[] = [];
	for (let y = 0; y < rows; y++) {
		let x = Math.floor(r() * 3);
		while (x < cols - 4 && r() < 0.8) {
			const text = randomText(r);
			// Left of the rule in the last column.
			if (x + stringWidth(text) > cols - 1) break;
			const transformers: Transformer[] = r() < 0.3 ? [line => styled(line, STYLES[4]!)] : [];
			ops.push({type: 'write', x, y, text, transformers});
			x += stringWidth(text) + Math.floor(r() * 3);
		}
	}
	// A vertical rule written at once, as a bordered box draws its sides.
	if (r() < 0.5) ops.push({type: 'write', x: cols - 1, y: 0, text: Array.from({length: rows}, () => '│').join('\n'), transformers: []});
	return ops;
}

test('side-by-side writes: every cell matches what Ink draws', async () => {
	const cols = 80;
	const rows = 12;
	for (let seed = 1; seed <= 60; seed++) {
		const ops = randomFrame(seed, cols, rows);
		const before = RowOutput.exactFrames;
		const ours = run(new RowOutput({width: cols, height: rows}), ops);
		const fellBack = RowOutput.exactFrames !== before;
		const ink = run(new InkOutput({width: cols, height: rows}), ops);
		assert.equal(ours.height, ink.height, `seed ${seed}`);
		assert.deepEqual(await cells(ours.output, cols + 4, rows), await cells(ink.output, cols + 4, rows), `seed ${seed}${fellBack ? ' (fell back)' : ''}`);
	}
});

test('frames of side-by-side writes never fall back to Ink’s Output', () => {
	const before = RowOutput.exactFrames;
	for (let seed = 1; seed <= 60; seed++) run(new RowOutput({width: 80, height: 12}), randomFrame(seed, 80, 12));
	assert.equal(RowOutput.exactFrames, before);
});

test('a frame of the timeline shape is joined as text, trailing spaces trimmed', () => {
	const output = new RowOutput({width: 20, height: 3});
	output.write(0, 0, 'ab', {transformers: []});
	output.write(5, 0, '\u001b[1mcd\u001b[22m', {transformers: []});
	output.write(2, 1, 'x   ', {transformers: []});
	const before = RowOutput.exactFrames;
	assert.deepEqual(output.get(), {output: 'ab   \u001b[1mcd\u001b[22m\n  x\n', height: 3});
	assert.equal(RowOutput.exactFrames, before);
});

test('overlapping writes (a box over text) are exactly Ink’s output', () => {
	const ops: Op[] = [
		{type: 'write', x: 0, y: 0, text: 'hello world, this is the list', transformers: []},
		{type: 'write', x: 6, y: 0, text: '\u001b[7m刘威 popup\u001b[27m', transformers: []},
		{type: 'write', x: 3, y: 1, text: 'under', transformers: []},
		{type: 'write', x: 1, y: 1, text: 'over', transformers: []},
	];
	const before = RowOutput.exactFrames;
	assert.deepEqual(run(new RowOutput({width: 40, height: 3}), ops), run(new InkOutput({width: 40, height: 3}), ops));
	assert.equal(RowOutput.exactFrames, before + 1);
});

test('clipped regions are exactly Ink’s output', () => {
	const ops: Op[] = [
		{type: 'clip', clip: {x1: 2, x2: 8, y1: 0, y2: 2}},
		{type: 'write', x: 0, y: 0, text: 'abcdefghijkl\nmnopqrstuvwx\nyz', transformers: []},
		{type: 'unclip'},
		{type: 'write', x: 10, y: 2, text: 'free', transformers: []},
	];
	const before = RowOutput.exactFrames;
	assert.deepEqual(run(new RowOutput({width: 20, height: 3}), ops), run(new InkOutput({width: 20, height: 3}), ops));
	assert.equal(RowOutput.exactFrames, before + 1);
});

test('lines outside the frame are dropped as Ink drops them', () => {
	const ops: Op[] = [
		{type: 'write', x: 0, y: 1, text: 'one\ntwo\nthree', transformers: [(line, i) => `${i}:${line}`]},
		{type: 'write', x: 4, y: -1, text: 'gone\nkept', transformers: []},
	];
	assert.deepEqual(run(new RowOutput({width: 20, height: 2}), ops), run(new InkOutput({width: 20, height: 2}), ops));
});

test('a clip region that holds its lines whole changes nothing and stays on the fast path', () => {
	const ops: Op[] = [
		{type: 'clip', clip: {x1: 0, x2: 20, y1: 0, y2: 2}},
		{type: 'write', x: 0, y: 0, text: 'item view line one\nline two\nbelow the box', transformers: []},
		{type: 'clip', clip: {x1: undefined, x2: undefined, y1: 1, y2: 3}},
		{type: 'write', x: 10, y: 0, text: 'above\ninside', transformers: []},
		{type: 'unclip'},
		{type: 'unclip'},
		{type: 'write', x: 21, y: 2, text: '刘威', transformers: []},
	];
	const before = RowOutput.exactFrames;
	assert.deepEqual(run(new RowOutput({width: 30, height: 3}), ops), run(new InkOutput({width: 30, height: 3}), ops));
	assert.equal(RowOutput.exactFrames, before);
});

test('a vertical clip that drops a write’s first lines numbers the kept lines as Ink does', () => {
	const ops: Op[] = [
		{type: 'clip', clip: {x1: undefined, x2: undefined, y1: 1, y2: 3}},
		{type: 'write', x: 0, y: 0, text: 'zero\none\ntwo\nthree', transformers: [(line, i) => `${i}:${line}`]},
		{type: 'unclip'},
	];
	const before = RowOutput.exactFrames;
	assert.deepEqual(run(new RowOutput({width: 20, height: 4}), ops), run(new InkOutput({width: 20, height: 4}), ops));
	assert.equal(RowOutput.exactFrames, before);
});
