/** Dates: the list's short date column and the detail views' full dates, relative for the last week. */
import type {DatePrecision} from '../../domain/types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Width the date column needs: `May 2025` and `Jul 2024` are the longest forms. */
export const DATE_WIDTH = 10;

/** `18:02` today, `Dec 1 18:02` before (local time): when the user last looked. */
export function shortWhen(date: Date, now: Date): string {
	const p = parts(date, false);
	const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
	const today = parts(now, false);
	if (p.year === today.year && p.month === today.month && p.day === today.day) return time;
	return p.year === today.year ? `${MONTHS[p.month]} ${p.day} ${time}` : `${p.year}-${pad2(p.month + 1)}-${pad2(p.day)} ${time}`;
}

/** Relative age for the last week (`now`, `5m`, `3h`, `2d`), or null when older. */
export function relativeAge(date: Date, now: Date): string | null {
	const seconds = (now.getTime() - date.getTime()) / 1000;
	if (seconds < 60) return 'now';
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	if (seconds < 7 * 86_400) return `${Math.floor(seconds / 86_400)}d`;
	return null;
}

function parts(date: Date, utc: boolean): {year: number; month: number; day: number; hour: number; minute: number} {
	return utc
		? {year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes()}
		: {year: date.getFullYear(), month: date.getMonth(), day: date.getDate(), hour: date.getHours(), minute: date.getMinutes()};
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * How long ago, in words, for dates that only say when something was seen: `3 min ago`, `5 h
 * ago`, `3 d ago`, then `on 2025-07-22`.
 */
export function agoText(date: Date, now: Date): string {
	const seconds = (now.getTime() - date.getTime()) / 1000;
	if (seconds < 60) return 'just now';
	if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
	if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)} d ago`;
	const p = parts(date, false);
	return `on ${p.year}-${pad2(p.month + 1)}-${pad2(p.day)}`;
}

/**
 * A date of the precision the source gave: `2025-07-22` for a day, `Jul 2025` for a month, `2025`
 * for a year (read in UTC, see formatListDate); null for instants and first-seen dates. What
 * every place that prints a stated date uses, the `papers` table too.
 */
export function statedDate(iso: string, precision: DatePrecision): string | null {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return null;
	const p = parts(date, true);
	if (precision === 'year') return String(p.year);
	if (precision === 'month') return `${MONTHS[p.month]} ${p.year}`;
	if (precision === 'day') return `${p.year}-${pad2(p.month + 1)}-${pad2(p.day)}`;
	return null;
}

/**
 * The list's date column (at most `DATE_WIDTH` columns): relative for the last week, `Jul 22` this
 * year, `2024-07-22` before (never `Jul 2024`, which would read as a month-precision date); month
 * precision `May 2025`, year precision `2025`; a date that is only when the item was first seen
 * says so: `seen 3d`, `seen 07-22`, `seen 2024`. Dates the source
 * stated as a day, month or year are the first instant of that period in UTC, so they are read in
 * UTC (a local reading would show the previous day west of Greenwich).
 */
export function formatListDate(iso: string, precision: DatePrecision, now: Date): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '?';
	const utc = precision === 'day' || precision === 'month' || precision === 'year';
	const p = parts(date, utc);
	if (precision === 'year') return String(p.year);
	if (precision === 'month') return `${MONTHS[p.month]} ${p.year}`;
	if (precision === 'seen') {
		const rel = relativeAge(date, now);
		if (rel !== null) return `seen ${rel}`;
		return p.year === parts(now, false).year ? `seen ${pad2(p.month + 1)}-${pad2(p.day)}` : `seen ${p.year}`;
	}
	if (precision !== 'day') {
		const rel = relativeAge(date, now);
		if (rel !== null) return rel;
	}
	if (p.year === parts(now, utc).year) return `${MONTHS[p.month]} ${p.day}`;
	return `${p.year}-${pad2(p.month + 1)}-${pad2(p.day)}`;
}

/** The full date for the detail view: `2025-07-22 17:09`, `2025-07-22`, `May 2025`, `2025`. */
export function formatFullDate(iso: string, precision: DatePrecision): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const utc = precision === 'day' || precision === 'month' || precision === 'year';
	const p = parts(date, utc);
	const day = `${p.year}-${pad2(p.month + 1)}-${pad2(p.day)}`;
	switch (precision) {
		case 'year':
			return String(p.year);
		case 'month':
			return `${MONTHS[p.month]} ${p.year}`;
		case 'day':
			return day;
		case 'seen':
			return `first seen ${day} ${pad2(p.hour)}:${pad2(p.minute)}`;
		case 'instant':
			return `${day} ${pad2(p.hour)}:${pad2(p.minute)}`;
		default: {
			const never: never = precision;
			return never;
		}
	}
}
