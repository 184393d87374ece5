import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {dateAtEnd, dateAtStart, isDateOnly, parseNewsDate, stripDate} from '../../src/parse/dates.js';

/** [input, ISO date, precision, raw, text after stripping] */
type Case = [string, string, 'day' | 'month' | 'year', string, string];

const CASES: Case[] = [
	['[05/2025] We release Laser', '2025-05-01T00:00:00.000Z', 'month', '[05/2025]', 'We release Laser'],
	['05/2025: Talk', '2025-05-01T00:00:00.000Z', 'month', '05/2025', 'Talk'],
	['3/2024 unpadded', '2024-03-01T00:00:00.000Z', 'month', '3/2024', 'unpadded'],
	['2025.05: text', '2025-05-01T00:00:00.000Z', 'month', '2025.05', 'text'],
	['2025/05 text', '2025-05-01T00:00:00.000Z', 'month', '2025/05', 'text'],
	['2025-05 text', '2025-05-01T00:00:00.000Z', 'month', '2025-05', 'text'],
	['May 2025: text', '2025-05-01T00:00:00.000Z', 'month', 'May 2025', 'text'],
	['[Feb. 2020] text', '2020-02-01T00:00:00.000Z', 'month', '[Feb. 2020]', 'text'],
	['[Sept. 2019] text', '2019-09-01T00:00:00.000Z', 'month', '[Sept. 2019]', 'text'],
	['Feb 24, life update!', '2024-02-01T00:00:00.000Z', 'month', 'Feb 24', 'life update!'],
	['Okt 24', '2024-10-01T00:00:00.000Z', 'month', 'Okt 24', ''],
	['Mär 24 Talk', '2024-03-01T00:00:00.000Z', 'month', 'Mär 24', 'Talk'],
	['Dez 23 Paper', '2023-12-01T00:00:00.000Z', 'month', 'Dez 23', 'Paper'],
	["Jun '22 text", '2022-06-01T00:00:00.000Z', 'month', "Jun '22", 'text'],
	['Jan 15, 2025 text', '2025-01-15T00:00:00.000Z', 'day', 'Jan 15, 2025', 'text'],
	['Jan. 16, 2023 — text', '2023-01-16T00:00:00.000Z', 'day', 'Jan. 16, 2023', 'text'],
	['July 08, 2017 text', '2017-07-08T00:00:00.000Z', 'day', 'July 08, 2017', 'text'],
	['May 2nd, 2023: text', '2023-05-02T00:00:00.000Z', 'day', 'May 2nd, 2023', 'text'],
	['15 January 2025 text', '2025-01-15T00:00:00.000Z', 'day', '15 January 2025', 'text'],
	['2024.11.05: text', '2024-11-05T00:00:00.000Z', 'day', '2024.11.05', 'text'],
	['2024-11-05 text', '2024-11-05T00:00:00.000Z', 'day', '2024-11-05', 'text'],
	['2024-09-15 07:59:00-0400 text', '2024-09-15T00:00:00.000Z', 'day', '2024-09-15 07:59:00-0400', 'text'],
	['[05/17/2021] text', '2021-05-17T00:00:00.000Z', 'day', '[05/17/2021]', 'text'],
	['17.05.2021 text', '2021-05-17T00:00:00.000Z', 'day', '17.05.2021', 'text'],
	['2025年3月 论文', '2025-03-01T00:00:00.000Z', 'month', '2025年3月', '论文'],
	['2025年3月5日，论文被接收', '2025-03-05T00:00:00.000Z', 'day', '2025年3月5日', '论文被接收'],
	['2024 Our team', '2024-01-01T00:00:00.000Z', 'year', '2024', 'Our team'],
	['2026 Jul: 1 paper', '2026-07-01T00:00:00.000Z', 'month', '2026 Jul', '1 paper'],
	['2025 Sept: text', '2025-09-01T00:00:00.000Z', 'month', '2025 Sept', 'text'],
	['2025 April: text', '2025-04-01T00:00:00.000Z', 'month', '2025 April', 'text'],
	// Ranges resolve to their start; the whole range is the token.
	['2024-2026 Our team', '2024-01-01T00:00:00.000Z', 'year', '2024-2026', 'Our team'],
	['2025.06 - Present, Intern', '2025-06-01T00:00:00.000Z', 'month', '2025.06 - Present', 'Intern'],
	['2023.11 - 2024.08, Lab', '2023-11-01T00:00:00.000Z', 'month', '2023.11 - 2024.08', 'Lab'],
	// Decoration before the date.
	['🎉🎉 2025.05: text', '2025-05-01T00:00:00.000Z', 'month', '2025.05', '🎉🎉 text'],
	['**[05/17/2021]** text', '2021-05-17T00:00:00.000Z', 'day', '**[05/17/2021]**', 'text'],
	['- *2022.02*: \u00a0🎉 Lorem', '2022-02-01T00:00:00.000Z', 'month', '*2022.02*', '🎉 Lorem'],
	['[WWW 2024] January 23, 2024: Our work', '2024-01-23T00:00:00.000Z', 'day', 'January 23, 2024', '[WWW 2024] Our work'],
	['September 23, 2022. Invited', '2022-09-23T00:00:00.000Z', 'day', 'September 23, 2022', 'Invited'],
	// Date at the end (vinthony).
	['🎉 One paper is accepted by AAAI-21. 2020.12 ', '2020-12-01T00:00:00.000Z', 'month', '2020.12', '🎉 One paper is accepted by AAAI-21.'],
	['Talk at the workshop (Jan 2025)', '2025-01-01T00:00:00.000Z', 'month', '(Jan 2025)', 'Talk at the workshop'],
	// MM/YY: a two-digit year is 2000–2099.
	['11/25: Paper accepted', '2025-11-01T00:00:00.000Z', 'month', '11/25', 'Paper accepted'],
	['8/24 — Talk', '2024-08-01T00:00:00.000Z', 'month', '8/24', 'Talk'],
	['[01/99] Launched', '2099-01-01T00:00:00.000Z', 'month', '[01/99]', 'Launched'],
	// A badge before the date is decoration.
	['New! 11/25: We won', '2025-11-01T00:00:00.000Z', 'month', '11/25', 'We won'],
	['🔥 NEW 2025.03 Released', '2025-03-01T00:00:00.000Z', 'month', '2025.03', '🔥 Released'],
	['New [03/2025] Talk', '2025-03-01T00:00:00.000Z', 'month', '[03/2025]', 'Talk'],
	['Updated: May 2025 Slides', '2025-05-01T00:00:00.000Z', 'month', 'May 2025', 'Slides'],
	// A month word that cannot be read falls back to the year.
	['[SEG. 2025] Talk', '2025-01-01T00:00:00.000Z', 'year', '[SEG. 2025]', 'Talk'],
	['Febuary 2024: Award', '2024-01-01T00:00:00.000Z', 'year', 'Febuary 2024', 'Award'],
	['Setember 2023 Visit', '2023-01-01T00:00:00.000Z', 'year', 'Setember 2023', 'Visit'],
];

describe('parseNewsDate: formats', () => {
	for (const [input, date, precision, raw, text] of CASES) {
		it(JSON.stringify(input), () => {
			const d = parseNewsDate(input);
			assert.ok(d, `no date in ${input}`);
			assert.equal(d.date, date);
			assert.equal(d.precision, precision);
			assert.equal(d.raw, raw);
			assert.equal(input.slice(d.index, d.index + d.length), raw);
			assert.equal(stripDate(input, d), text);
		});
	}
});

describe('parseNewsDate: rejections', () => {
	const NONE = [
		'2025.02.30 impossible day',
		'13/2025 no such month',
		'2025-13 no such month',
		'February 30, 2024 text',
		'© 2025 Jane Doe. Powered by Jekyll.',
		'Page generated 2022-01-18 18:23:35, by jemdoc',
		'One paper accepted at ICLR 2025',
		'talk at NAACL May 24',
		'3 papers accepted',
		'Marco 24 is not a month',
		'text (Update 10/2022: accepted) more text',
		'1850 is too early',
		'3/4 of the papers were accepted',
		'accuracy went up to 9/10',
		'[ICLR 2025] paper accepted',
		'Marco 2024 visited us',
		'New 2025 results are out',
		'',
	];
	for (const s of NONE) it(JSON.stringify(s), () => assert.equal(parseNewsDate(s), null));

	it('accepts 29 February only in leap years', () => {
		assert.equal(parseNewsDate('2024-02-29 leap')?.date, '2024-02-29T00:00:00.000Z');
		assert.equal(parseNewsDate('2023-02-29 not leap'), null);
		assert.equal(parseNewsDate('2100-02-29 not leap'), null);
	});
});

describe('numeric day-month-year order', () => {
	it('says which readings a numeric date allows', () => {
		assert.equal(parseNewsDate('17/06/2025 x')?.order, 'dayFirst');
		assert.equal(parseNewsDate('06/17/2025 x')?.order, 'monthFirst');
		assert.equal(parseNewsDate('03/04/2025 x')?.order, 'either');
		assert.equal(parseNewsDate('2025-03-04 x')?.order, undefined);
	});

	it('reads an ambiguous date the way it is told, and an unambiguous one the only way it can be read', () => {
		assert.equal(parseNewsDate('03/04/2025 x')?.date, '2025-03-04T00:00:00.000Z');
		assert.equal(parseNewsDate('03/04/2025 x', {dayFirst: true})?.date, '2025-04-03T00:00:00.000Z');
		assert.equal(parseNewsDate('03.04.2025 x')?.date, '2025-04-03T00:00:00.000Z');
		assert.equal(parseNewsDate('03.04.2025 x', {dayFirst: false})?.date, '2025-03-04T00:00:00.000Z');
		assert.equal(parseNewsDate('17/06/2025 x', {dayFirst: false})?.date, '2025-06-17T00:00:00.000Z');
		assert.equal(dateAtEnd('Talk in Paris, 03/04/2025', {dayFirst: true})?.date, '2025-04-03T00:00:00.000Z');
	});

	it('a badge is a word of its own', () => {
		assert.equal(dateAtStart('renew 2025.03'), null);
		assert.equal(dateAtStart('Newer 2025.03'), null);
	});

	it('MM/YY is never read at the end of a sentence', () => {
		assert.equal(dateAtEnd('We scored 9/10'), null);
		assert.equal(isDateOnly('11/25')?.date, '2025-11-01T00:00:00.000Z');
	});
});

describe('dateAtStart / dateAtEnd / isDateOnly', () => {
	it('dateAtStart ignores a date at the end and vice versa', () => {
		assert.equal(dateAtStart('Accepted by AAAI. 2020.12'), null);
		assert.equal(dateAtEnd('2020.12: Accepted by AAAI.'), null);
	});

	it('dateAtEnd wants at least a month: a trailing bare year or Mon YY is not a date', () => {
		assert.equal(dateAtEnd('We went to Rome in 2024'), null);
		assert.equal(dateAtEnd('Talk at NAACL May 24'), null);
		assert.equal(dateAtEnd('Talk at NAACL, May 2024')?.precision, 'month');
	});

	it('isDateOnly recognises date cells', () => {
		assert.equal(isDateOnly('Jan 20, 2025')?.precision, 'day');
		assert.equal(isDateOnly('2025 Sept:')?.raw, '2025 Sept');
		assert.equal(isDateOnly('2020.12 ')?.raw, '2020.12');
		assert.equal(isDateOnly('2020.12 accepted'), null);
		assert.equal(isDateOnly('2018.Summer'), null);
	});

	it('keeps a :shortcode: right after the date', () => {
		const s = 'Jan 20, 2025 :tada: Paper accepted';
		assert.equal(stripDate(s, parseNewsDate(s)!), ':tada: Paper accepted');
	});

	it('is fast enough for every entry of every page', () => {
		const samples = CASES.map(c => c[0]);
		const t0 = performance.now();
		for (let i = 0; i < 2000; i++) for (const s of samples) parseNewsDate(s);
		const perCall = (performance.now() - t0) / (2000 * samples.length);
		assert.ok(perCall < 0.05, `${perCall.toFixed(4)} ms per call`);
	});
});
