/**
 * A drop-in for Ink's `Output` (ink/build/output.js), which the bundle puts in its place
 * (scripts/bundle.mjs; tests and `tsx` runs keep Ink's own).
 *
 * Why: Ink turns every frame into a grid of one object per cell. Each written line is tokenised
 * into styled characters, every character is measured with string-width, and every row is joined
 * back into a string by diffing each cell's styles with the previous one's. On a 120×40 timeline
 * that is ~7.5 MB of garbage and most of the time of a key press (profiled at 100,000 items:
 * tokenize, string-width, styledCharsFromTokens/ToString and the GC they cause were 70% of the
 * CPU spent on keys).
 *
 * The frames this app draws are rows of text laid side by side: no two writes cover the same
 * cells, and the boxes that clip (`overflow="hidden"`) are sized to hold their lines. Such a row
 * is its writes' own text joined left to right, with the columns between them as spaces — each
 * write's styles open and close inside it (Ink's colour transformers are chalk's, which always
 * close what they open), so no cell model is needed. Anything else — a line that a clip region
 * cuts, writes that overlap or start left of or above the frame — is handed to Ink's own Output
 * whole, so the result is Ink's exactly.
 *
 * Widths are string-width's of the whole line, as Ink's layout measures them; Ink's Output gives a
 * grapheme of width 0 one cell, so the two differ only for such a grapheme (a lone combining mark,
 * say): rare, since the sanitiser removes invisible characters from everything fetched.
 */
import {displayWidth} from '../format/width.js';
import {boundedMemo} from './bounded-cache.js';
// Ink's Output by file: the package's exports name only its entry point. The bundle resolves
// this to the real module (only Ink's own `./output.js` import is redirected to this file).
import InkOutput from '../../../node_modules/ink/build/output.js';

type Transformer = (line: string, index: number) => string;
type Clip = {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined};

type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

interface Span {
	x: number;
	width: number;
	text: string;
}

/**
 * Widths of the lines drawn, kept across frames: most rows are the same strings frame after
 * frame. Bounded, so a long session cannot grow it without bound.
 */
const widthOf: (line: string) => number = boundedMemo(displayWidth);

export default class RowOutput {
	width: number;
	height: number;
	private readonly operations: Operation[] = [];
	/** Frames handed to Ink's Output so far (the tests read it to know which path a frame took). */
	static exactFrames = 0;

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
		if (!text) return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rows = this.rowsOfSpans();
		if (rows === undefined) return this.exact();
		return {output: rows.map(joinSpans).join('\n'), height: rows.length};
	}

	/** Each row's writes, left to right; undefined when any two overlap (or one is off the grid). */
	private rowsOfSpans(): Span[][] | undefined {
		const rows: Span[][] = [];
		for (let y = 0; y < this.height; y++) rows.push([]);
		// Ink clips to the innermost region alone (it does not intersect nested ones); so does this.
		const clips: Clip[] = [];
		for (const op of this.operations) {
			if (op.type === 'clip') clips.push(op.clip);
			else if (op.type === 'unclip') clips.pop();
			else if (!this.place(op, clips.at(-1), rows)) return undefined;
		}
		for (const row of rows) {
			if (row.length < 2) continue;
			row.sort((a, b) => a.x - b.x);
			for (let i = 1; i < row.length; i++) {
				const previous = row[i - 1]!;
				if (row[i]!.x < previous.x + previous.width) return undefined;
			}
		}
		return rows;
	}

	/**
	 * Adds a write's lines to their rows; false when Ink would cut one (it then slices ANSI text,
	 * which only Ink's Output does). A clip region that holds a line whole changes nothing, and
	 * the views' `overflow="hidden"` boxes are sized to hold their lines, so that is the usual case.
	 */
	private place(op: Extract<Operation, {type: 'write'}>, clip: Clip | undefined, rows: Span[][]): boolean {
		if (!Number.isInteger(op.x) || !Number.isInteger(op.y) || op.x < 0 || op.y < 0) return false;
		const horizontal = typeof clip?.x1 === 'number' && typeof clip.x2 === 'number';
		const vertical = typeof clip?.y1 === 'number' && typeof clip.y2 === 'number';
		const lines = op.text.split('\n');
		// Ink numbers lines for the transformers after a vertical clip has dropped those above it.
		const dropped = vertical && op.y < clip.y1! ? clip.y1! - op.y : 0;
		for (let index = 0; index < lines.length; index++) {
			const y = op.y + index;
			// Lines below the frame or outside a vertical clip are dropped, as Ink drops them.
			const row = rows[y];
			if (row === undefined) continue;
			if (vertical && (y < clip.y1! || y >= clip.y2!)) continue;
			let line = lines[index]!;
			for (const transform of op.transformers) line = transform(line, index - dropped);
			const width = widthOf(line);
			if (horizontal && (op.x < clip.x1! || op.x + width > clip.x2!)) return false;
			row.push({x: op.x, width, text: line});
		}
		return true;
	}

	/** Ink's own algorithm, over the same operations in the same order. */
	private exact(): {output: string; height: number} {
		RowOutput.exactFrames++;
		const output = new InkOutput({width: this.width, height: this.height});
		for (const op of this.operations) {
			if (op.type === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
			else if (op.type === 'clip') output.clip(op.clip);
			else output.unclip();
		}
		return output.get();
	}
}

function joinSpans(spans: readonly Span[]): string {
	let line = '';
	let column = 0;
	for (const span of spans) {
		if (span.x > column) line += ' '.repeat(span.x - column);
		line += span.text;
		column = span.x + span.width;
	}
	// Ink trims each row's trailing spaces (styled ones end in an escape code and stay).
	return line.trimEnd();
}
