import stringWidth from 'string-width';

/** Aligned plain-text columns (CJK and emoji measured by display width); the last column is not padded. */
export function formatTable(rows: string[][]): string {
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
	return rows
		.map(row => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - stringWidth(cell)))).join('  ').trimEnd())
		.map(line => `${line}\n`)
		.join('');
}
