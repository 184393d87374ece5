// The scale run's section of the report (bench/run.mjs): every command over one large cache
// (bench/scale.ts) and the timeline at that size (bench/tui.ts on the same cache).

/**
 * @param scale bench/scale.ts's figures
 * @param tui bench/tui.ts's figures at the same size, or undefined
 * @param target {firstFrameOverNodeMs, keyP99Ms, listJsonMs}
 * @param out the report being built: its lines, table and summary, and its formatters
 */
export function scaleReport(scale, tui, target, {lines, table, summary, ms, mb, verdict}) {
	const size = scale.items.toLocaleString('en');
	lines.push(`## Every command at ${size} items`, '');
	lines.push(
		`One generated cache (${scale.visibleItems.toLocaleString('en')} items on the timeline, ${scale.papers.toLocaleString('en')} papers, ${mb(scale.cacheBytes)} on disk${scale.generateMs === null ? ', reused' : `, generated in ${ms(scale.generateMs)}`}). ` +
			`Each command as users run it (bin/research-feed.js), spawn to exit with its output read through a pipe; medians of ${scale.runs}. \`mark-read --all\` runs on a fresh copy of the cache each time.`,
		'',
	);
	const rows = Object.entries(scale.commands).map(([label, c]) => [`\`${label}\``, ms(c.medianMs), c.ms.map(n => ms(n)).join(', '), `${Math.round(c.stdoutBytes / 1024).toLocaleString('en')} KiB`, mb(c.peakRssBytes)]);
	table(['command', 'median', 'runs', 'output', 'peak RSS'], rows);
	const list = scale.commands['list --json'];
	if (list) summary.push([`\`list --json\` (no limit), ${size} items`, ms(list.medianMs), `≤ ${ms(target.listJsonMs)}`, verdict(list.medianMs <= target.listJsonMs)]);
	if (list?.peakRssBytes != null) summary.push([`— its peak RSS`, mb(list.peakRssBytes), 'bounded (independent of the item count)', '–']);
	if (!tui) return;
	const node = tui.nodeStart.ptyMedianMs;
	const start = tui.start[String(scale.items)];
	if (start) {
		const over = start.medianMs - node;
		lines.push(`Timeline at ${size} items: first frame ${ms(start.medianMs)} (${ms(over)} over Node's ${ms(node)}; min ${ms(start.minMs)}, max ${ms(start.maxMs)}).`, '');
		summary.push([`first frame, ${size} items`, ms(start.medianMs), `Node + ${target.firstFrameOverNodeMs} ms = ${ms(node + target.firstFrameOverNodeMs)}`, verdict(over <= target.firstFrameOverNodeMs)]);
	}
	if (tui.keys) {
		const k = tui.keys;
		const keyRow = (label, s) => [label, String(s.presses), ms(s.medianMs), ms(s.p99Ms), ms(s.maxMs), verdict(s.p99Ms <= target.keyP99Ms)];
		table(['key at ' + size + ' items', 'presses', 'median', 'p99', 'max', 'target'], [
			keyRow('`j`', k.j),
			keyRow('`G`', k.G),
			keyRow('`g`', k.g),
			keyRow('`/` + typed query', k.searchChar),
			keyRow('`Esc` (clear search)', k.searchClear),
		]);
		for (const [label, s] of [['`j`', k.j], ['`G`', k.G], ['`/` + typed query', k.searchChar]]) summary.push([`key ${label} at ${size} items, p99`, ms(s.p99Ms), `≤ ${target.keyP99Ms} ms`, verdict(s.p99Ms <= target.keyP99Ms)]);
	}
}
