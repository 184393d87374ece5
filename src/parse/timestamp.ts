/**
 * Dates as feeds and APIs write them (ISO 8601 / RFC 3339, RFC 822 and its sloppy variants) to
 * milliseconds since the epoch. A date without a zone is UTC: `Date.parse` would read it in the
 * machine's local time zone, so the stored date would depend on where the user runs the program.
 * Pure: no IO.
 */

/** ISO 8601 extended format, the time optional, `T` or a space between date and time. */
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A zone in an RFC 822-style date: a numeric offset after the time, or a zone name that
 * `Date.parse` knows (UT, UTC, GMT, Z and the North American zones of RFC 822).
 */
const LEGACY_ZONE = /\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[+-]\d{2}:?\d{2}\b)|\b(?:UTC?|GMT|Z|[ECMP][SD]T)\b/i;

/** Milliseconds since the epoch, or null when `raw` is not a date. */
export function parseTimestamp(raw: string): number | null {
	const s = raw.trim();
	if (s === '') return null;
	const iso = ISO.exec(s);
	if (iso !== null) return isoTimestamp(iso);
	if (LEGACY_ZONE.test(s)) return finite(Date.parse(s));
	// No zone: read the wall-clock time as UTC.
	const utc = Date.parse(`${s} GMT`);
	if (Number.isFinite(utc)) return utc;
	// A form `Date.parse` reads only without the suffix: take its local fields as UTC ones.
	const local = Date.parse(s);
	if (!Number.isFinite(local)) return null;
	const d = new Date(local);
	return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
}

function finite(ms: number): number | null {
	return Number.isFinite(ms) ? ms : null;
}

function isoTimestamp(m: RegExpExecArray): number | null {
	const [, y, mo = '1', d = '1', h = '0', mi = '0', sec = '0', frac = '', zone = ''] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(sec);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
	// Date.UTC rolls 31 February over into March; a date that does not exist is not a date.
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
	const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	return wall - zoneOffsetMs(zone);
}

/** `+05:30` → 5.5 h; `Z`, `UTC`, `GMT` and no zone at all → 0. */
function zoneOffsetMs(zone: string): number {
	const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	if (m === null) return 0;
	const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
	return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}
