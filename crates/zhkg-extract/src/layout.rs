//! Stage 1: repair the layout of PDF-extracted text.
//!
//! Text pulled out of newspaper PDFs breaks lines in the middle of words, prints vertical
//! headlines one character per line, scatters captions, bylines and page furniture between
//! paragraphs and letter-spaces justified lines. This stage rebuilds blocks (paragraphs,
//! headlines, captions, bylines) and keeps, for every character of the repaired text, the
//! offset (in code points) of the character it came from in the original, so that every
//! later fact can point at its exact source.

use crate::script::is_han;

mod columns;

/// What a block of text is, as far as the page layout tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum BlockKind {
    /// Running text of an article.
    Body,
    /// A headline or subheading, including vertical one-character-per-line headlines.
    Headline,
    /// A byline or signature: reporter, editor, author with their title.
    Byline,
    /// A photo caption (●, ▲, ◀ …).
    Caption,
}

impl BlockKind {
    /// The block kind as written in the graph (`body`, `headline` …).
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Headline => "headline",
            BlockKind::Byline => "byline",
            BlockKind::Caption => "caption",
        }
    }
}

/// A block of the repaired text: `start..end` indexes `Layout::text` (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// First character, in the repaired text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The repaired text of one document with its map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Repaired text, blocks separated by `\n`.
    pub text: Vec<char>,
    /// `origin[i]` is the code-point offset in the original of `text[i]`.
    pub origin: Vec<usize>,
    /// Blocks (headline, byline, body paragraphs, captions) in order.
    pub blocks: Vec<Block>,
    /// `spaced[i]`: a space inside a line stood between the Han characters `text[i - 1]`
    /// and `text[i]` and was dropped. Flattened web articles run a headline into the text
    /// that way (`建議恢復定期賣地 測量師學會副會長…`), so no name spans it and a new clause
    /// may start there. Letter-spaced text (`收 盤 ， 創`) marks nothing. Empty when unknown.
    pub spaced: Vec<bool>,
}

impl Layout {
    /// What the original (as characters) has between repaired characters `i - 1` and `i`:
    /// what repair dropped there (white space, line breaks …). `i` is at least 1.
    pub fn dropped_before<'o>(&self, original: &'o [char], i: usize) -> &'o [char] {
        let (a, b) = (self.origin[i - 1] + 1, self.origin[i]);
        original.get(a.min(b)..b.min(original.len())).unwrap_or(&[])
    }

    /// Original offsets `begin..end` of the repaired characters `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        (self.origin[start], self.origin[end - 1] + 1)
    }

    /// The repaired text of `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.text[start..end].iter().collect()
    }
}

/// What the layout repair needs to know about words: whether a short string (Simplified)
/// is a dictionary word, to tell a headline from a line broken mid-word, and whether a
/// string ends with a title (局長, 記者 …), to recognize bylines.
pub trait WordOracle {
    /// Is `simplified` a word of the dictionary?
    fn is_word(&self, simplified: &str) -> bool;
    /// Does `text` end with a title (記者, 委員 …)?
    fn ends_with_title(&self, text: &str) -> bool;
    /// Does `text` end with a title of the press (記者, 編輯, 評論員 …)?
    fn ends_with_media_title(&self, text: &str) -> bool;
    /// Does `text` end with a verb of saying (表示, 指出 …)? A line ending so leads into
    /// the words that follow it.
    fn ends_with_speech(&self, text: &str) -> bool;
    /// Does a word run across the join of `left` and `right` (Simplified) as a reader would
    /// cut the words there (假期减|价，: 减价)? Stricter than any dictionary word across it
    /// (还要|领导人 holds 要领). By default, any dictionary word made of the last one or two
    /// characters of `left` and the first one to three of `right`, as for a word broken
    /// across lines.
    fn word_across(&self, left: &str, right: &str) -> bool {
        let (left, right): (Vec<char>, Vec<char>) = (left.chars().collect(), right.chars().collect());
        dictionary_word_across(self, &left, &right)
    }
}

const CAPTION_MARKS: &[char] = &['●', '▲', '◀', '▶', '■', '◆', '★', '▼', '►', '◇', '□', '◎', '▸'];
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '…'];
const CLOSERS: &[char] = &['」', '』', '”', '"', '）', ')', '》', '’'];
const INNER_PUNCT: &[char] = &['，', '。', '；', '：', '！', '？', '、', ',', ';', ':'];

#[derive(Debug, Clone)]
struct Line {
    /// Characters with their original offsets, leading/trailing white space removed.
    chars: Vec<(char, usize)>,
    indented: bool,
    /// Does the line follow an escaped line break (a literal `\n` in the text)? Text
    /// exported from JSON or CSV datasets keeps its paragraph breaks that way, and those
    /// are always the end of a paragraph, never a line wrapped by a page.
    escaped: bool,
    /// Number of blank lines just before this one.
    blanks_before: usize,
    /// The line before it (after [`columns::untangle`]) is another column's: a paragraph
    /// starts here.
    column_break: bool,
}

impl Line {
    fn text(&self) -> String {
        self.chars.iter().map(|&(c, _)| c).collect()
    }
    fn len(&self) -> usize {
        self.chars.len()
    }
    fn last(&self) -> char {
        self.chars.last().map(|&(c, _)| c).unwrap_or(' ')
    }
    fn first(&self) -> char {
        self.chars.first().map(|&(c, _)| c).unwrap_or(' ')
    }
    fn is_single_han(&self) -> bool {
        self.chars.len() == 1 && is_han(self.chars[0].0)
    }
    /// Does the line end a sentence (。, or 。」)?
    fn ends_sentence(&self) -> bool {
        ends_sentence(&self.chars.iter().map(|&(c, _)| c).collect::<Vec<_>>())
    }
    fn has_inner_punct(&self) -> bool {
        self.chars.iter().any(|(c, _)| INNER_PUNCT.contains(c))
    }
}

fn split_lines(original: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut cur: Vec<(char, usize)> = Vec::new();
    let mut blanks = 0;
    let mut escaped = false;
    let flush = |cur: &mut Vec<(char, usize)>, blanks: &mut usize, escaped: bool, lines: &mut Vec<Line>| {
        let indented = cur.first().is_some_and(|&(c, _)| c.is_whitespace());
        let start = cur.iter().position(|&(c, _)| !c.is_whitespace());
        match start {
            None => *blanks += 1,
            Some(s) => {
                let e = cur.iter().rposition(|&(c, _)| !c.is_whitespace()).unwrap() + 1;
                lines.push(Line {
                    chars: cur[s..e].to_vec(),
                    indented,
                    escaped,
                    blanks_before: *blanks,
                    column_break: false,
                });
                *blanks = 0;
            }
        }
        cur.clear();
    };
    let chars: Vec<char> = original.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{c}' => {
                flush(&mut cur, &mut blanks, escaped, &mut lines);
                escaped = false;
            }
            '\r' => {}
            // A literal `\n` is an escaped line break where no Latin letter follows or where
            // it follows Chinese text (世家。\nwf再次…), not in `\new` or `C:\nas`.
            '\\' if chars.get(i + 1) == Some(&'n')
                && (!chars.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic())
                    || i.checked_sub(1).is_some_and(|k| !chars[k].is_ascii())) =>
            {
                flush(&mut cur, &mut blanks, escaped, &mut lines);
                escaped = true;
                i += 1;
            }
            c => cur.push((c, i)),
        }
        i += 1;
    }
    flush(&mut cur, &mut blanks, escaped, &mut lines);
    lines
}

/// Does line `l` open with a dateline (【本報訊】, 【綜合訊】)? An article's body starts
/// there, whatever the line before it (a headline that wraps, 衞署SMS籲南下港人自我隔離).
fn opens_with_dateline(l: &Line) -> bool {
    l.first() == '【'
        && l.chars
            .iter()
            .take(10)
            .position(|&(c, _)| c == '】')
            .is_some_and(|k| k >= 2 && matches!(l.chars[k - 1].0, '訊' | '讯'))
}

/// Does line `l` lead into the words after it: does it end with a colon or a verb of
/// saying (他說：, 甘國順表示)? An escaped line break after it does not end the paragraph.
fn leads_in(l: &Line, oracle: &dyn WordOracle) -> bool {
    matches!(l.last(), '：' | ':') || (is_han(l.last()) && oracle.ends_with_speech(&l.text()))
}

/// Does text ending with these characters end a sentence (。, or 。」)?
fn ends_sentence(chars: &[char]) -> bool {
    chars
        .iter()
        .rev()
        .find(|c| !CLOSERS.contains(c))
        .is_some_and(|c| SENTENCE_END.contains(c))
}

/// Median length of the ordinary lines around line `i`: the column width there, to tell
/// short lines apart (a page has columns of different widths).
fn local_width(lines: &[Line], i: usize) -> usize {
    let lo = i.saturating_sub(8);
    let hi = (i + 9).min(lines.len());
    typical_width(&lines[lo..hi])
}

/// Median length of ordinary lines: the column width, to tell short lines apart.
fn typical_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines.iter().map(Line::len).filter(|&l| l >= 6).collect();
    if lens.is_empty() {
        return 20;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// Does the break between `a` and `b` fall inside a word (効|應 → 效應)?
fn continues_word(a: &Line, b: &Line, oracle: &dyn WordOracle) -> bool {
    let left: Vec<char> = a.chars.iter().map(|&(c, _)| c).collect();
    let right: Vec<char> = b.chars.iter().map(|&(c, _)| c).collect();
    dictionary_word_across(oracle, &left, &right)
}

/// Is a dictionary word made of the last one or two characters of `left` and the first one
/// to three of `right`, all Chinese?
fn dictionary_word_across<O: WordOracle + ?Sized>(oracle: &O, left: &[char], right: &[char]) -> bool {
    let tail: Vec<char> = left.iter().rev().take(2).copied().collect();
    let head = &right[..right.len().min(3)];
    (1..=tail.len()).any(|t| {
        (1..=head.len()).any(|h| {
            let s: String = tail[..t].iter().rev().chain(&head[..h]).collect();
            s.chars().all(is_han) && oracle.is_word(&crate::script::to_simplified(&s))
        })
    })
}

fn is_caption_start(l: &Line) -> bool {
    CAPTION_MARKS.contains(&l.first())
}

/// A byline line: a title, then one or more short names and nothing else. Three layouts:
/// `●香港文匯報記者 子京、康敬` (any title, then white space), `記者：雷子樂　陳沛冰`
/// (a media title and a colon) and `■記者詹家志、張珮琪` (a mark, a media title glued to
/// the names; a caption `▲特首林鄭月娥` has a mark and a title too, but not a media one).
fn is_byline(l: &Line, oracle: &dyn WordOracle) -> bool {
    let text = l.text();
    let marked = text.starts_with(CAPTION_MARKS);
    let body = text.trim_start_matches(CAPTION_MARKS).trim();
    if SENTENCE_END.iter().any(|c| body.contains(*c)) || body.contains('，') || body.chars().count() > 40 {
        return false;
    }
    if let Some((title, names)) = body.split_once(['：', ':']) {
        return oracle.ends_with_media_title(title.trim()) && are_names(names, oracle);
    }
    let parts: Vec<&str> = body.split_whitespace().collect();
    if (0..parts.len().saturating_sub(1))
        .any(|k| oracle.ends_with_title(parts[k]) && parts[k + 1..].iter().all(|p| are_names(p, oracle)))
    {
        return true;
    }
    marked
        && parts.len() == 1
        && body
            .char_indices()
            .skip(2)
            .any(|(at, _)| oracle.ends_with_media_title(&body[..at]) && are_names(&body[at..], oracle))
}

/// One or more names of two to four Han characters, apart by white space or `、`; a word
/// of the dictionary is no name (`通訊員 范文政 楊毅 報道`).
fn are_names(text: &str, oracle: &dyn WordOracle) -> bool {
    let mut names = text
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ','))
        .filter(|n| !n.is_empty());
    let mut count = 0;
    names.all(|n| {
        count += 1;
        (2..=4).contains(&n.chars().count())
            && n.chars().all(is_han)
            && !oracle.is_word(&crate::script::to_simplified(n))
    }) && count > 0
}

struct Builder {
    out: Layout,
    cur: Vec<(char, usize)>,
    kind: BlockKind,
}

impl Builder {
    fn close(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        let start = self.out.text.len();
        for &(c, o) in &self.cur {
            self.out.text.push(c);
            self.out.origin.push(o);
        }
        let end = self.out.text.len();
        let last = self.cur.last().map(|&(_, o)| o + 1).unwrap_or(0);
        self.out.text.push('\n');
        self.out.origin.push(last);
        self.out.blocks.push(Block {
            kind: self.kind,
            start,
            end,
        });
        self.cur.clear();
    }

    fn open(&mut self, kind: BlockKind) {
        self.close();
        self.kind = kind;
    }

    /// Append a line, normalizing white space: spaces inside Chinese text are layout
    /// (letter-spacing, page joins) and dropped; a space between Latin words is kept.
    fn push_line(&mut self, line: &Line, hyphen_words: &dyn Fn(&str) -> bool) {
        let chars = &line.chars;
        if let (Some(&(prev, prev_off)), Some(&(next, _))) = (self.cur.last(), chars.first()) {
            if prev == '-'
                && next.is_ascii_alphabetic()
                && self.cur.len() >= 2
                && self.cur[self.cur.len() - 2].0.is_ascii_alphabetic()
            {
                // Deep- / Seek: rejoin unless the hyphenated form is the one the text uses.
                let left: String = self
                    .cur
                    .iter()
                    .rev()
                    .skip(1)
                    .take_while(|(c, _)| c.is_ascii_alphanumeric())
                    .map(|&(c, _)| c)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let right: String = chars
                    .iter()
                    .take_while(|(c, _)| c.is_ascii_alphanumeric())
                    .map(|&(c, _)| c)
                    .collect();
                if !hyphen_words(&format!("{left}-{right}")) {
                    self.cur.pop();
                }
            } else if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                self.cur.push((' ', prev_off + 1));
            }
        }
        for (i, &(c, o)) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let prev = self.cur.last().map(|&(p, _)| p);
                let next = chars[i + 1..]
                    .iter()
                    .map(|&(n, _)| n)
                    .find(|n| !n.is_whitespace());
                let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
                let keep = self.kind == BlockKind::Byline || (latin(prev) && latin(next));
                if keep && prev.is_some() && next.is_some() && prev != Some(' ') {
                    self.cur.push((' ', o));
                }
                continue;
            }
            self.cur.push((c, o));
        }
    }
}

/// Rebuild blocks from PDF-extracted text.
pub fn repair(original: &str, oracle: &dyn WordOracle) -> Layout {
    let lines = columns::untangle(split_lines(original), oracle);
    let width = typical_width(&lines);
    // Hyphenated Latin words written with their hyphen elsewhere in the text keep it.
    let hyphen_words = |w: &str| original.contains(w);
    let mut b = Builder {
        out: Layout::default(),
        cur: Vec::new(),
        kind: BlockKind::Body,
    };
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        // A run of three or more one-character lines is a vertical headline.
        if line.is_single_han() {
            let run = lines[i..]
                .iter()
                .take_while(|l| l.is_single_han() && l.blanks_before <= 1)
                .count();
            if run >= 3 {
                b.open(BlockKind::Headline);
                for l in &lines[i..i + run] {
                    b.cur.extend_from_slice(&l.chars);
                }
                b.close();
                i += run;
                continue;
            }
        }
        // A line that leads into the next (甘國順表示, 他說：) after an escaped line break
        // is running text, whatever mark opens it (●南朗鎮黨委委員甘國順表示).
        let escaped_lead_in = line.escaped && leads_in(line, oracle);
        if is_caption_start(line) && !escaped_lead_in {
            let kind = if is_byline(line, oracle) {
                BlockKind::Byline
            } else {
                BlockKind::Caption
            };
            b.open(kind);
            b.push_line(line, &hyphen_words);
            // A caption runs on to the next line when it stops mid-sentence.
            while kind == BlockKind::Caption
                && !ends_sentence(&b.cur.iter().map(|&(c, _)| c).collect::<Vec<_>>())
                && b.cur.len() < 3 * width
                && i + 1 < lines.len()
                && !is_caption_start(&lines[i + 1])
                && !opens_with_dateline(&lines[i + 1])
                && lines[i + 1].blanks_before == 0
                && !lines[i + 1].indented
                && !lines[i + 1].escaped
            {
                i += 1;
                b.push_line(&lines[i], &hyphen_words);
            }
            b.close();
            i += 1;
            continue;
        }
        if is_byline(line, oracle) {
            b.open(BlockKind::Byline);
            b.push_line(line, &hyphen_words);
            b.close();
            i += 1;
            continue;
        }
        let prev_open = b.kind == BlockKind::Body && !b.cur.is_empty();
        let prev_chars: Vec<char> = b.cur.iter().rev().take(3).rev().map(|&(c, _)| c).collect();
        let after_sentence = !prev_open || ends_sentence(&prev_chars);
        if after_sentence && !escaped_lead_in && is_headline(&lines, i, oracle) {
            b.open(BlockKind::Headline);
            b.push_line(line, &hyphen_words);
            b.close();
            i += 1;
            continue;
        }
        let new_paragraph = !prev_open
            || line.column_break
            || line.indented
            || opens_with_dateline(line)
            || (line.escaped && !(i > 0 && leads_in(&lines[i - 1], oracle)))
            || (after_sentence && (line.blanks_before > 0 || prev_line_short(&lines, i, width)));
        if new_paragraph {
            b.open(BlockKind::Body);
        }
        b.push_line(line, &hyphen_words);
        i += 1;
    }
    b.close();
    let mut out = b.out;
    out.spaced = spaced(original, &out);
    out
}

/// [`Layout::spaced`]: where a space stood between two Han characters of a line (a space
/// before a quotation mark or after a comma is typography), except in letter-spaced text
/// (the characters around are apart too).
fn spaced(original: &str, layout: &Layout) -> Vec<bool> {
    let orig: Vec<char> = original.chars().collect();
    let (text, n) = (&layout.text, layout.text.len());
    let gap = |i: usize| layout.dropped_before(&orig, i);
    (0..n)
        .map(|i| {
            if i < 2 || i + 1 >= n {
                return false;
            }
            let g = gap(i);
            is_han(text[i - 1])
                && is_han(text[i])
                && g.iter().any(|c| matches!(c, ' ' | '\u{3000}' | '\u{a0}'))
                && !g.iter().any(|c| matches!(c, '\n' | '\r'))
                && gap(i - 1).is_empty()
                && gap(i + 1).is_empty()
        })
        .collect()
}

/// Is line `i`, which starts after a finished sentence, a headline? Headlines have no
/// punctuation inside, are clearly shorter than the column or followed by something that
/// is not running text, and do not break a word with the next line.
fn is_headline(lines: &[Line], i: usize, oracle: &dyn WordOracle) -> bool {
    let line = &lines[i];
    let text = line.text();
    let width = local_width(lines, i);
    if line.has_inner_punct() || line.ends_sentence() || line.len() > width + 4 {
        return false;
    }
    // A dateline (香港文匯報訊 …) or a line ending inside a number or word runs on.
    if text.contains("訊 ") || text.contains("讯 ") || line.last().is_ascii_alphanumeric() {
        return false;
    }
    // Running text starts with a pronoun far more often than a headline does.
    if matches!(line.first(), '他' | '她' | '它' | '我') {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return true;
    };
    if continues_word(line, next, oracle) {
        return false;
    }
    let next_special = next.is_single_han() || is_caption_start(next) || next.indented || next.escaped;
    let short = line.len() + 2 <= width;
    let spaced = text.trim().contains(' ') && text.chars().filter(|c| is_han(*c)).count() >= 6;
    short || next_special || spaced
}

fn prev_line_short(lines: &[Line], i: usize, width: usize) -> bool {
    i > 0 && lines[i - 1].len() * 4 < width * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Dict;
    impl WordOracle for Dict {
        fn is_word(&self, s: &str) -> bool {
            ["效应", "特区", "行政"].contains(&s)
        }
        fn ends_with_title(&self, t: &str) -> bool {
            t.ends_with("記者") || t.ends_with("評論員") || t.ends_with("責編") || t.ends_with("主席")
        }
        fn ends_with_media_title(&self, t: &str) -> bool {
            t.ends_with("記者") || t.ends_with("評論員") || t.ends_with("責編")
        }
        fn ends_with_speech(&self, t: &str) -> bool {
            t.ends_with("表示") || t.ends_with("指出")
        }
    }

    fn blocks(l: &Layout) -> Vec<(BlockKind, String)> {
        l.blocks
            .iter()
            .map(|b| (b.kind, l.slice(b.start, b.end)))
            .collect()
    }

    #[test]
    fn joins_lines_broken_mid_sentence_and_keeps_offsets() {
        let src = "消息透露，特\n\n區行政長官李家超昨日\n與代表座談。\n";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![(
                BlockKind::Body,
                "消息透露，特區行政長官李家超昨日與代表座談。".into()
            )]
        );
        let orig: Vec<char> = src.chars().collect();
        for (i, &c) in l.text.iter().enumerate() {
            if c != '\n' {
                assert_eq!(orig[l.origin[i]], c);
            }
        }
        let start = l.text.iter().position(|&c| c == '特').unwrap();
        let (b, e) = l.original_span(start, start + 6);
        assert_eq!(orig[b..e].iter().collect::<String>(), "特\n\n區行政長官");
    }

    #[test]
    fn escaped_line_breaks_end_paragraphs_unless_a_line_leads_in() {
        // Text exported from a dataset keeps its paragraph breaks as a literal `\n`.
        let src = r"消息透露，政府會研究方案\n輿情綜述\n●南朗鎮黨委委員甘國順表示\n這些問題必須解決。他又說：\n要盡快整治。";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "消息透露，政府會研究方案".into()),
                (BlockKind::Body, "輿情綜述".into()),
                (
                    BlockKind::Body,
                    "●南朗鎮黨委委員甘國順表示這些問題必須解決。他又說：要盡快整治。".into()
                ),
            ]
        );
        let orig: Vec<char> = src.chars().collect();
        for (i, &c) in l.text.iter().enumerate() {
            if c != '\n' {
                assert_eq!(orig[l.origin[i]], c);
            }
        }
        // A backslash before a Latin word is no line break (C:\new, \newline), unless
        // it follows Chinese text.
        let l = repair(r"文件存於C:\new資料夾。", &Dict);
        assert_eq!(
            blocks(&l),
            vec![(BlockKind::Body, r"文件存於C:\new資料夾。".into())]
        );
        let l = repair(r"歡迎關注。\nwf再次提醒大家。", &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "歡迎關注。".into()),
                (BlockKind::Body, "wf再次提醒大家。".into())
            ]
        );
    }

    #[test]
    fn a_caption_does_not_run_into_a_dateline() {
        let src = "▲消防工會主席聶元風\n【本報訊】死因裁判官高偉雄勸喻行山人士\n不要冒險。\n";
        assert_eq!(
            blocks(&repair(src, &Dict)),
            vec![
                (BlockKind::Caption, "▲消防工會主席聶元風".into()),
                (
                    BlockKind::Body,
                    "【本報訊】死因裁判官高偉雄勸喻行山人士不要冒險。".into()
                ),
            ]
        );
    }

    #[test]
    fn a_dateline_opens_a_paragraph() {
        let src = "衞署SMS籲南下港人自我\n隔離\n【本報訊】衞生署昨突向全港市民\n發放手機短訊。\n";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "衞署SMS籲南下港人自我隔離".into()),
                (
                    BlockKind::Body,
                    "【本報訊】衞生署昨突向全港市民發放手機短訊。".into()
                ),
            ]
        );
    }

    #[test]
    fn vertical_headline_captions_and_bylines() {
        let src = "讓香港更好發揮所長。\n\n●香港文匯報記者 子京、康敬\n\n徐\n莉\n倡\n議\n\n▲代表委員建議優化程序。圖為香港\n交易所。 資料圖片\n";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "讓香港更好發揮所長。".into()),
                (BlockKind::Byline, "●香港文匯報記者 子京、康敬".into()),
                (BlockKind::Headline, "徐莉倡議".into()),
                (
                    BlockKind::Caption,
                    "▲代表委員建議優化程序。圖為香港交易所。資料圖片".into()
                ),
            ]
        );
    }

    #[test]
    fn bylines_with_a_colon_or_glued_to_a_mark_end_their_block() {
        let src = "他去年向政府建議保留敬老的生果\n金。\n\n記者：雷子樂　陳沛冰　張文傑\n\n香港大學社會工作及行政學系周永新\n教授去年向政府建議保留敬老的生果\n金。\n\n■記者詹家志、張珮琪\n\n▲立法會主席梁君彥\n昨日表示。\n";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "他去年向政府建議保留敬老的生果金。".into()),
                (BlockKind::Byline, "記者：雷子樂 陳沛冰 張文傑".into()),
                (
                    BlockKind::Body,
                    "香港大學社會工作及行政學系周永新教授去年向政府建議保留敬老的生果金。".into()
                ),
                (BlockKind::Byline, "■記者詹家志、張珮琪".into()),
                (BlockKind::Caption, "▲立法會主席梁君彥昨日表示。".into()),
            ]
        );
    }

    #[test]
    fn spaces_inside_a_line_are_marked_unless_the_line_is_letter_spaced() {
        let src =
            "建議恢復定期賣地 測量師學會副會長葉滿華認為，地價\n跌勢未止。\n\n收 盤 ， 創 三 年 新 高 。\n";
        let l = repair(src, &Dict);
        let marked: Vec<char> = (0..l.text.len())
            .filter(|&i| l.spaced[i])
            .map(|i| l.text[i])
            .collect();
        assert_eq!(marked, vec!['測']);
    }

    #[test]
    fn headline_versus_word_broken_across_lines() {
        let src = "隨着 DeepSeek 效\n應的不斷擴散，據統計。\n\n冀建港深珠通道\n徐莉還建議，由海關牽頭。\n";
        let l = repair(src, &Dict);
        assert_eq!(
            blocks(&l),
            vec![
                (BlockKind::Body, "隨着DeepSeek效應的不斷擴散，據統計。".into()),
                (BlockKind::Headline, "冀建港深珠通道".into()),
                (BlockKind::Body, "徐莉還建議，由海關牽頭。".into()),
            ]
        );
    }

    #[test]
    fn latin_words_hyphens_and_letter_spacing() {
        let src =
            "作為新成員，Deep-\nSeek的入駐，DeepSeek\nLimited與HKCo-Pilot系統\n收 盤 ， 創 三 年 新 高 。\n";
        let l = repair(src, &Dict);
        let text: String = l.text.iter().collect();
        assert_eq!(
            text,
            "作為新成員，DeepSeek的入駐，DeepSeek Limited與HKCo-Pilot系統收盤，創三年新高。\n"
        );
    }
}
