import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
	dedupePapers,
	normalizeDoi,
	paperFromDoi,
	paperFromUrl,
	papersInText,
	paperTitleFromLinkText,
} from '../../src/parse/paper-ids.js';

const arxiv = (id: string) => ({id: `arxiv:${id}`, url: `https://arxiv.org/abs/${id}`});
const doi = (d: string) => ({id: `doi:${d}`, url: `https://doi.org/${d}`});
const acl = (id: string) => ({id: `acl:${id}`, url: `https://aclanthology.org/${id}/`});
const openreview = (id: string) => ({id: `openreview:${id}`, url: `https://openreview.net/forum?id=${id}`});

function table(rows: [string, ReturnType<typeof arxiv> | null][]): void {
	for (const [url, expected] of rows) {
		it(url, () => assert.deepEqual(paperFromUrl(url), expected));
	}
}

describe('paperFromUrl: arXiv', () => {
	table([
		['https://arxiv.org/abs/2507.02834v2', arxiv('2507.02834')],
		['https://arxiv.org/abs/2507.02834', arxiv('2507.02834')],
		['http://arxiv.org/abs/2507.02834', arxiv('2507.02834')],
		['https://www.arxiv.org/abs/2507.02834', arxiv('2507.02834')],
		['https://export.arxiv.org/abs/2507.02834v3', arxiv('2507.02834')],
		['https://arxiv.org/pdf/2507.02834', arxiv('2507.02834')],
		['https://arxiv.org/pdf/2507.02834v1', arxiv('2507.02834')],
		['https://arxiv.org/pdf/2507.02834v1.pdf', arxiv('2507.02834')],
		['https://arxiv.org/pdf/2507.02834.pdf', arxiv('2507.02834')],
		['https://arxiv.org/html/2507.02834v1', arxiv('2507.02834')],
		['https://arxiv.org/html/2507.02834v1/#S3', arxiv('2507.02834')],
		['https://arxiv.org/abs/2507.02834?context=cs.CL', arxiv('2507.02834')],
		['https://arxiv.org/abs/2507.02834/', arxiv('2507.02834')],
		['https://arxiv.org/format/2507.02834', arxiv('2507.02834')],
		// 4-digit sequence numbers (2007–2014) and 5-digit ones (2015–)
		['https://arxiv.org/abs/0704.0001', arxiv('0704.0001')],
		['https://arxiv.org/abs/1412.6980v9', arxiv('1412.6980')],
		['https://arxiv.org/abs/1501.00001', arxiv('1501.00001')],
		// old style
		['https://arxiv.org/abs/hep-th/9901001', arxiv('hep-th/9901001')],
		['https://arxiv.org/abs/hep-th/9901001v2', arxiv('hep-th/9901001')],
		['https://arxiv.org/pdf/hep-th/9901001v1.pdf', arxiv('hep-th/9901001')],
		['https://arxiv.org/abs/math.GT/0309136', arxiv('math/0309136')],
		['https://arxiv.org/abs/cond-mat/0102536', arxiv('cond-mat/0102536')],
		['https://arxiv.org/abs/hep-th%2F9901001', arxiv('hep-th/9901001')],
		// arXiv DOIs
		['https://doi.org/10.48550/arXiv.2507.02834', arxiv('2507.02834')],
		['https://doi.org/10.48550/ARXIV.2507.02834', arxiv('2507.02834')],
		['https://dx.doi.org/10.48550/arXiv.hep-th/9901001', arxiv('hep-th/9901001')],
		// mirrors and readers of arXiv papers
		['https://huggingface.co/papers/2507.02834', arxiv('2507.02834')],
		['https://www.alphaxiv.org/abs/2507.02834v2', arxiv('2507.02834')],
		['https://www.alphaxiv.org/overview/2507.02834', arxiv('2507.02834')],
		['https://ar5iv.labs.arxiv.org/html/1706.03762', arxiv('1706.03762')],
		['https://ar5iv.org/abs/1706.03762', arxiv('1706.03762')],
		// trailing sentence punctuation
		['https://arxiv.org/abs/2507.02834).', arxiv('2507.02834')],
	]);
});

describe('paperFromUrl: arXiv non-papers and invalid ids', () => {
	table([
		['https://arxiv.org/', null],
		['https://arxiv.org/list/cs.CL/recent', null],
		['https://arxiv.org/a/liu_l_1', null],
		['https://arxiv.org/abs/2507.0283', null], // 4 digits after 2015
		['https://arxiv.org/abs/1412.69801', null], // 5 digits before 2015
		['https://arxiv.org/abs/2513.02834', null], // month 13
		['https://arxiv.org/abs/2507.028345', null],
		['https://arxiv.org/abs/0612.0001', null], // before new-style ids began
		['https://notarxiv.org/abs/2507.02834', null],
		['https://arxiv.org.evil.example/abs/2507.02834', null],
		['https://huggingface.co/papers', null],
		['https://huggingface.co/meta-llama/Llama-3.1-8B', null],
	]);
});

describe('paperFromUrl: DOI', () => {
	table([
		['https://doi.org/10.1007/978-3-030-32236-6_12', doi('10.1007/978-3-030-32236-6_12')],
		['http://dx.doi.org/10.1007/978-3-030-32236-6_12', doi('10.1007/978-3-030-32236-6_12')],
		['https://www.doi.org/10.1145/3397271.3401075', doi('10.1145/3397271.3401075')],
		['https://link.springer.com/chapter/10.1007/978-3-030-32236-6_12', doi('10.1007/978-3-030-32236-6_12')],
		['https://link.springer.com/article/10.1007/s10994-021-05961-4', doi('10.1007/s10994-021-05961-4')],
		['https://link.springer.com/content/pdf/10.1007/978-3-030-32236-6_12.pdf', doi('10.1007/978-3-030-32236-6_12')],
		['https://dl.acm.org/doi/10.1145/3397271.3401075', doi('10.1145/3397271.3401075')],
		['https://dl.acm.org/doi/abs/10.1145/3397271.3401075', doi('10.1145/3397271.3401075')],
		['https://dl.acm.org/doi/pdf/10.1145/3397271.3401075', doi('10.1145/3397271.3401075')],
		['https://dl.acm.org/doi/full/10.1145/3397271.3401075?casa_token=abc', doi('10.1145/3397271.3401075')],
		['https://onlinelibrary.wiley.com/doi/10.1002/anie.201915678', doi('10.1002/anie.201915678')],
		['https://onlinelibrary.wiley.com/doi/full/10.1002/anie.201915678', doi('10.1002/anie.201915678')],
		['https://www.science.org/doi/10.1126/science.abq1158', doi('10.1126/science.abq1158')],
		// case folded, percent-encoding decoded
		['https://doi.org/10.1016/J.ARTINT.2021.103535', doi('10.1016/j.artint.2021.103535')],
		['https://doi.org/10.1007%2F978-3-030-32236-6_12', doi('10.1007/978-3-030-32236-6_12')],
		// trailing punctuation stripped, balanced parentheses kept
		['https://doi.org/10.1145/3397271.3401075.', doi('10.1145/3397271.3401075')],
		['https://doi.org/10.1145/3397271.3401075)', doi('10.1145/3397271.3401075')],
		['https://doi.org/10.1016/S0140-6736(20)30183-5', doi('10.1016/s0140-6736(20)30183-5')],
		// bioRxiv / medRxiv and Nature map to their DOIs
		['https://www.biorxiv.org/content/10.1101/2024.01.01.575432v2', doi('10.1101/2024.01.01.575432')],
		['https://www.biorxiv.org/content/10.1101/2024.01.01.575432v1.full.pdf', doi('10.1101/2024.01.01.575432')],
		['https://www.medrxiv.org/content/10.1101/2020.03.19.20039354v1.full', doi('10.1101/2020.03.19.20039354')],
		['https://www.nature.com/articles/s41586-024-07421-0', doi('10.1038/s41586-024-07421-0')],
		['https://www.nature.com/articles/nature14539', doi('10.1038/nature14539')],
		// ACL DOIs are ACL papers
		['https://doi.org/10.18653/v1/2023.emnlp-main.467', acl('2023.emnlp-main.467')],
		['https://doi.org/10.18653/v1/P19-1001', acl('P19-1001')],
	]);

	it('encodes characters of the DOI that are URL syntax', () => {
		assert.deepEqual(paperFromDoi('10.1002/(SICI)1097-4636(199812)42:3<444::AID-JBM3>3.0.CO;2-8'), {
			id: 'doi:10.1002/(sici)1097-4636(199812)42:3<444::aid-jbm3>3.0.co;2-8',
			url: 'https://doi.org/10.1002/(sici)1097-4636(199812)42:3%3C444::aid-jbm3%3E3.0.co;2-8',
		});
		assert.equal(paperFromDoi('10.1000/a#b?c')?.url, 'https://doi.org/10.1000/a%23b%3Fc');
	});

	it('normalizeDoi accepts prefixes and rejects non-DOIs', () => {
		assert.equal(normalizeDoi('doi:10.1145/3397271.3401075'), '10.1145/3397271.3401075');
		assert.equal(normalizeDoi('https://doi.org/10.1145/ABC'), '10.1145/abc');
		assert.equal(normalizeDoi('10.1145'), null);
		assert.equal(normalizeDoi('11.1145/abc'), null);
		assert.equal(normalizeDoi('10.12/abc'), null);
	});
});

describe('paperFromUrl: DOI non-papers', () => {
	table([
		['https://doi.org/', null],
		['https://doi.org/index.html', null],
		['https://link.springer.com/journal/10994', null],
		['https://dl.acm.org/profile/81100000000', null],
		['https://www.nature.com/nature', null],
		['https://www.biorxiv.org/', null],
	]);
});

describe('paperFromUrl: OpenReview', () => {
	table([
		['https://openreview.net/forum?id=AbC123xyz', openreview('AbC123xyz')],
		['https://openreview.net/pdf?id=AbC123xyz', openreview('AbC123xyz')],
		['https://openreview.net/attachment?id=AbC123xyz&name=pdf', openreview('AbC123xyz')],
		['https://openreview.net/forum?id=AbC123xyz&noteId=Zz9', openreview('AbC123xyz')],
		['http://www.openreview.net/forum?id=a_b-C', openreview('a_b-C')],
		['https://openreview.net/forum', null],
		['https://openreview.net/profile?id=~Leqi_Liu1', null],
		['https://openreview.net/group?id=ICLR.cc/2025/Conference', null],
		['https://openreview.net/forum?id=bad%20id', null],
	]);
});

describe('paperFromUrl: ACL Anthology', () => {
	table([
		['https://aclanthology.org/2023.emnlp-main.467.pdf', acl('2023.emnlp-main.467')],
		['https://aclanthology.org/2023.emnlp-main.467/', acl('2023.emnlp-main.467')],
		['https://aclanthology.org/2023.emnlp-main.467', acl('2023.emnlp-main.467')],
		['https://aclanthology.org/2023.emnlp-main.467v2.pdf', acl('2023.emnlp-main.467')],
		['https://aclanthology.org/2024.findings-acl.12/', acl('2024.findings-acl.12')],
		['https://aclanthology.org/P19-1001/', acl('P19-1001')],
		['https://aclanthology.org/P19-1001.pdf', acl('P19-1001')],
		['https://www.aclweb.org/anthology/P19-1001', acl('P19-1001')],
		['https://www.aclweb.org/anthology/P19-1001.pdf', acl('P19-1001')],
		['https://aclweb.org/anthology/P/P19/P19-1001.pdf', acl('P19-1001')],
		['https://www.aclweb.org/anthology/2020.acl-main.1.pdf', acl('2020.acl-main.1')],
		['https://aclanthology.org/', null],
		['https://aclanthology.org/events/acl-2023/', null],
		['https://aclanthology.org/volumes/2023.emnlp-main/', null],
		['https://aclanthology.org/people/l/leqi-liu/', null],
	]);
});

describe('paperFromUrl: PMLR', () => {
	table([
		['https://proceedings.mlr.press/v202/li23a.html', {id: 'pmlr:v202/li23a', url: 'https://proceedings.mlr.press/v202/li23a.html'}],
		['https://proceedings.mlr.press/v202/li23a/li23a.pdf', {id: 'pmlr:v202/li23a', url: 'https://proceedings.mlr.press/v202/li23a.html'}],
		['http://proceedings.mlr.press/v97/zhang19ab.html', {id: 'pmlr:v97/zhang19ab', url: 'https://proceedings.mlr.press/v97/zhang19ab.html'}],
		['https://proceedings.mlr.press/v202/', null],
	]);
});

describe('paper ids: controls, bidi and invisible characters', () => {
	// Percent-escaped in a URL, decoded into the id: an id is shown in the terminal and stored.
	const HOSTILE = {
		'ESC and BEL (an OSC title sequence)': '%1B%5D0;x%07',
		'an 8-bit CSI (C1)': '%C2%9B',
		'NUL': '%00',
		'DEL': '%7F',
		'a right-to-left override': '%E2%80%AE',
		'a left-to-right isolate': '%E2%81%A6',
		'a right-to-left mark': '%E2%80%8F',
		'a zero-width space': '%E2%80%8B',
		'a word joiner': '%E2%81%A0',
		'a byte order mark': '%EF%BB%BF',
		'a tag character': '%F3%A0%80%81',
	};
	/** True when `s` holds a character `cleanText` would act on. */
	const hostile = (s: string) => /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\u{E0000}-\u{E007F}]/u.test(s);

	it('the reported DOI with a terminal escape inside is no paper', () => {
		assert.equal(paperFromUrl('https://doi.org/10.5555/a%1B%5D0;x%07b'), null);
		assert.equal(normalizeDoi('https://doi.org/10.5555/a%1B%5D0;x%07b'), null);
	});

	it('a raw U+202E in a DOI is no paper, in a URL, a DOI string or text', () => {
		assert.equal(paperFromUrl('https://doi.org/10.5555/a\u202eb'), null);
		assert.equal(paperFromDoi('10.5555/a\u202eb'), null);
		assert.equal(normalizeDoi('doi:10.5555/a\u202eb'), null);
		assert.deepEqual(papersInText('doi:10.5555/a\u202eb and https://doi.org/10.5555/c\u202ed'), []);
	});

	for (const [what, escaped] of Object.entries(HOSTILE)) {
		it(`a DOI with ${what} is no paper, whichever link form carries it`, () => {
			for (const url of [
				`https://doi.org/10.5555/a${escaped}b`,
				`https://dx.doi.org/10.5555/a${escaped}b`,
				`https://doi.org/10.5555%2Fa${escaped}b`,
				`https://link.springer.com/article/10.1007/s10994-021${escaped}-05961-4`,
				`https://dl.acm.org/doi/abs/10.1145/3397271${escaped}.3401075`,
				`https://onlinelibrary.wiley.com/doi/10.1002/anie${escaped}.201915678`,
			]) {
				assert.equal(paperFromUrl(url), null, url);
			}
			assert.equal(normalizeDoi(`10.5555/a${escaped}b`), null);
			assert.equal(paperFromDoi(`doi:10.5555/a${escaped}b`), null);
			assert.deepEqual(papersInText(`doi:10.5555/a${escaped}b`), []);
		});
	}

	it('a DOI escaped twice is decoded twice, and checked after that', () => {
		assert.equal(paperFromUrl('https://doi.org/10.5555/a%251Bb'), null);
		assert.equal(paperFromUrl('https://doi.org/10.5555/a%25E2%2580%25AEb'), null);
	});

	it('no id of any kind holds such a character', () => {
		const forms = [
			'https://arxiv.org/abs/2507.02834X',
			'https://arxiv.org/abs/hep-th/9901001X',
			'https://huggingface.co/papers/2507.02834X',
			'https://openreview.net/forum?id=AbC123X',
			'https://aclanthology.org/2023.emnlp-main.467X/',
			'https://aclanthology.org/P19-1001X',
			'https://proceedings.mlr.press/v202/li23aX.html',
			'https://www.biorxiv.org/content/10.1101/2024.01.01.575432X',
			'https://www.nature.com/articles/s41586-024-07421-0X',
			'https://doi.org/10.48550/arXiv.2507.02834X',
			'https://doi.org/10.18653/v1/2023.emnlp-main.467X',
			'https://doi.org/10.1145/3397271.3401075X',
		];
		for (const escaped of [...Object.values(HOSTILE), '\u202e', '\u2066']) {
			for (const form of forms) {
				for (const url of [form.replace('X', escaped), form.replace('X', '').replace('://', `://${escaped}`), `${form.replace('X', '')}${escaped}`]) {
					const paper = paperFromUrl(url);
					if (paper !== null) assert.ok(!hostile(paper.id) && !hostile(paper.url), `${url} → ${JSON.stringify(paper)}`);
				}
				for (const paper of papersInText(`see ${form.replace('X', escaped)} now`)) assert.ok(!hostile(paper.id) && !hostile(paper.url), JSON.stringify(paper));
			}
		}
	});

	it('visible characters beyond ASCII stay part of a DOI', () => {
		assert.equal(paperFromUrl('https://doi.org/10.5555/caf%C3%A9')?.id, 'doi:10.5555/café');
		assert.equal(normalizeDoi('10.5555/Ωmega'), '10.5555/ωmega');
	});
});

describe('paperFromUrl: things that are not papers', () => {
	table([
		['https://github.com/HumainLab/Personalized-RLHF', null],
		['https://github.com/arxiv/arxiv-browse/blob/master/2507.02834', null],
		['https://leqi.example.org/projects/p-rlhf/', null],
		['https://scholar.google.com/citations?user=abc', null],
		['https://scholar.google.com/scholar?q=arxiv.org/abs/2507.02834', null],
		['https://bsky.app/profile/leqi.bsky.social/post/3lulzb5', null],
		['https://www.youtube.com/watch?v=2507.02834', null],
		['https://example.com/doi/not-a-doi', null],
		['ftp://arxiv.org/abs/2507.02834', null],
		['javascript:alert("arxiv.org/abs/2507.02834")', null],
		['not a url', null],
		['', null],
	]);
});

describe('papersInText', () => {
	it('finds arXiv ids written as arXiv:ID, with or without version', () => {
		assert.deepEqual(papersInText('See arXiv:2507.02834v2 and arXiv: 2402.05133.'), [arxiv('2507.02834'), arxiv('2402.05133')]);
		assert.deepEqual(papersInText('old ARXIV:hep-th/9901001 and arXiv:math.GT/0309136'), [arxiv('hep-th/9901001'), arxiv('math/0309136')]);
		assert.deepEqual(papersInText('preprint (arXiv 2507.02834)'), [arxiv('2507.02834')]);
	});
	it('finds URLs without scheme', () => {
		assert.deepEqual(papersInText('paper: arxiv.org/abs/2507.02834, code on github.com/x/y'), [arxiv('2507.02834')]);
		assert.deepEqual(papersInText('(openreview.net/forum?id=AbC123xyz)'), [openreview('AbC123xyz')]);
		assert.deepEqual(papersInText('aclanthology.org/2023.emnlp-main.467.'), [acl('2023.emnlp-main.467')]);
	});
	it('finds DOIs written as doi: or as doi.org URLs', () => {
		assert.deepEqual(papersInText('doi:10.1145/3397271.3401075. Also https://doi.org/10.1007/978-3-030-32236-6_12).'), [
			doi('10.1145/3397271.3401075'),
			doi('10.1007/978-3-030-32236-6_12'),
		]);
		assert.deepEqual(papersInText('DOI: 10.1016/J.ARTINT.2021.103535'), [doi('10.1016/j.artint.2021.103535')]);
	});
	it('deduplicates by id, in order of first appearance', () => {
		assert.deepEqual(
			papersInText('https://arxiv.org/pdf/2507.02834v1.pdf then doi:10.1145/1.2 then arXiv:2507.02834 and doi.org/10.48550/arXiv.2507.02834'),
			[arxiv('2507.02834'), doi('10.1145/1.2')],
		);
	});
	it('handles Markdown links and CJK punctuation', () => {
		assert.deepEqual(papersInText('[paper](https://arxiv.org/abs/2507.02834) 论文：arxiv.org/abs/2402.05133。'), [arxiv('2507.02834'), arxiv('2402.05133')]);
	});
	it('ignores things that merely look like ids', () => {
		assert.deepEqual(papersInText('version 2507.02834, 10.1145/3397271 and Node.js/lib, arxiv is great, e.g./i.e.'), []);
		assert.deepEqual(papersInText('https://scholar.google.com/scholar?q=arxiv.org/abs/2507.02834'), []);
		assert.deepEqual(papersInText('arXiv:2513.02834'), []);
		assert.deepEqual(papersInText(''), []);
	});
});

describe('paperTitleFromLinkText', () => {
	it('keeps real titles (cleaned)', () => {
		assert.equal(paperTitleFromLinkText('  Personalized Language Modeling\nfrom Personalized Human Feedback '), 'Personalized Language Modeling from Personalized Human Feedback');
		assert.equal(paperTitleFromLinkText('the SIGIR paper'), 'the SIGIR paper');
	});
	it('rejects labels, URLs, ids and single words', () => {
		for (const t of ['[PDF]', 'PDF', 'arXiv', 'paper', 'Paper', 'our new preprint', 'OpenReview PDF', 'read the paper here', '[arXiv]', 'https://arxiv.org/abs/2507.02834', 'arxiv.org/abs/2507.02834', 'arXiv:2507.02834', 'doi:10.1/2', 'Transformers', '', '   ']) {
			assert.equal(paperTitleFromLinkText(t), null, t);
		}
	});
});

describe('dedupePapers', () => {
	it('keeps the first occurrence and its position', () => {
		const list = [
			{id: 'arxiv:1', url: 'u1', title: 'First'},
			{id: 'doi:2', url: 'u2', title: null},
			{id: 'arxiv:1', url: 'u1b', title: 'Second'},
		];
		assert.deepEqual(dedupePapers(list), [
			{id: 'arxiv:1', url: 'u1', title: 'First'},
			{id: 'doi:2', url: 'u2', title: null},
		]);
	});
	it('takes a later title when the first has none, without mutating the input', () => {
		const first = {id: 'arxiv:1', url: 'u1', title: null as string | null};
		const list = [first, {id: 'arxiv:2', url: 'u2', title: null}, {id: 'arxiv:1', url: 'other', title: 'Late title'}, {id: 'arxiv:1', url: 'x', title: 'Later still'}];
		assert.deepEqual(dedupePapers(list), [
			{id: 'arxiv:1', url: 'u1', title: 'Late title'},
			{id: 'arxiv:2', url: 'u2', title: null},
		]);
		assert.equal(first.title, null);
	});
	it('treats an empty title as none', () => {
		assert.deepEqual(dedupePapers([{id: 'a', title: ''}, {id: 'a', title: 'T'}]), [{id: 'a', title: 'T'}]);
	});
	it('works for types without a title', () => {
		assert.deepEqual(dedupePapers([{id: 'a'}, {id: 'b'}, {id: 'a'}]), [{id: 'a'}, {id: 'b'}]);
		assert.deepEqual(dedupePapers([]), []);
	});
});
