//! Features of the NER tagger: hashed ids of what is around each character.
//!
//! Everything is read from the Simplified view, so a Traditional text and its Simplified
//! twin get the same features. Feature ids are FNV-1a hashes of a template number and its
//! values: fixed across runs and platforms, so a trained model file stays valid.

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

use super::Context;
use crate::lexicon::{HeadIndex, Term};
use crate::script::is_han;
use crate::segment::Token;

/// FNV-1a, 64 bits, over a template number and the values it looks at (each value closed
/// by a separator, so that ("ab", "c") and ("a", "bc") differ).
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new(template: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn ch(mut self, c: char) -> Fnv {
        for b in (c as u32).to_le_bytes() {
            self.byte(b);
        }
        self
    }

    fn num(mut self, n: u8) -> Fnv {
        self.byte(n);
        self.byte(0xfe);
        self
    }

    fn str(mut self, s: &str) -> Fnv {
        for b in s.bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }

    /// The same as `str` of the characters collected into a string, without the string.
    fn text(mut self, cs: &[char]) -> Fnv {
        let mut buf = [0u8; 4];
        for c in cs {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                self.byte(b);
            }
        }
        self.byte(0xff);
        self
    }

    fn done(self) -> u64 {
        self.0
    }
}

/// Feature templates: what a feature looks at, for character `i`. The numbers go into the
/// hashes, so they are part of the model file format: never renumber a shipped template.
mod t {
    /// Every character (a prior per label).
    pub const BIAS: u8 = 0;
    /// Characters at `i - 2 ..= i + 2` (five templates: 1..=5).
    pub const UNI: u8 = 1;
    /// Character pairs `(i-2, i-1)`, `(i-1, i)`, `(i, i+1)`, `(i+1, i+2)` (6..=9).
    pub const BI: u8 = 6;
    /// Characters `i - 1, i, i + 1`.
    pub const TRI: u8 = 10;
    /// Characters `i - 1` and `i + 1`.
    pub const SKIP: u8 = 11;
    /// Characters `i - 3` and `i + 3`.
    pub const UNI3_PREV: u8 = 12;
    pub const UNI3_NEXT: u8 = 13;
    /// Class (Han, Latin, digit, punctuation, space) of `i`, and of `i - 1, i, i + 1`.
    pub const CLASS: u8 = 14;
    pub const CLASS3: u8 = 15;
    /// The jieba token holding `i`: position in it (B/M/E/S), its tag, both, its word
    /// (up to four characters) with the position, its length with the position, the
    /// character with the tag, its first and last characters with the position, and
    /// whether it is a dictionary word (against a word jieba's HMM made up).
    pub const TOK_POS: u8 = 16;
    pub const TOK_TAG: u8 = 17;
    pub const TOK_TAG_POS: u8 = 18;
    pub const TOK_WORD_POS: u8 = 19;
    pub const TOK_LEN_POS: u8 = 20;
    pub const UNI_TAG: u8 = 21;
    pub const TOK_FIRST: u8 = 22;
    pub const TOK_LAST: u8 = 23;
    pub const TOK_IN_DICT: u8 = 24;
    /// Neighbouring tokens: tags of the previous and next token with the position, tag
    /// pairs, and at the edges of the token the neighbouring words and two tags further.
    pub const PREV_TAG: u8 = 25;
    pub const NEXT_TAG: u8 = 26;
    pub const PREV_CUR_TAG: u8 = 27;
    pub const CUR_NEXT_TAG: u8 = 28;
    pub const PREV_WORD: u8 = 29;
    pub const NEXT_WORD: u8 = 30;
    pub const PREV2_TAG: u8 = 31;
    pub const NEXT2_TAG: u8 = 32;
    /// Lexicon terms (`Lexicon::find_terms`): the kind of term (organization, place, post
    /// …) holding `i` with the position in it, and the organization's or place's own kind
    /// (government, country, city …).
    pub const LEX_POS: u8 = 33;
    pub const LEX_KIND: u8 = 34;
    /// A surname starts at `i` (its length), also whether a token starts there, and
    /// whether a post (局長) ends just before.
    pub const SURNAME: u8 = 35;
    pub const SURNAME_TOK: u8 = 36;
    pub const AFTER_POST_SURNAME: u8 = 37;
    /// A post ends just before `i`.
    pub const AFTER_POST: u8 = 38;
    /// An organization or place head word (…委員會, …區) ends at `i` (its length).
    pub const ORG_SUFFIX_END: u8 = 39;
    pub const PLACE_SUFFIX_END: u8 = 40;
    /// The token holding `i` ends with an organization or place head word.
    pub const TOK_ORG_SUFFIX: u8 = 41;
    pub const TOK_PLACE_SUFFIX: u8 = 42;
    /// Character 4-grams `(i-2 ..= i+1)` and `(i-1 ..= i+2)`.
    pub const QUAD_L: u8 = 43;
    pub const QUAD_R: u8 = 44;
    /// At the first character of a token: the previous and the current word (a word pair).
    pub const WORD_PAIR: u8 = 45;
    /// Dictionary words (jieba's, with the lexicons) of 2..=6 characters that start at `i`
    /// or end at `i`, by length, whatever the segmentation chose.
    pub const DICT_START: u8 = 46;
    pub const DICT_END: u8 = 47;
    /// A run of two or more characters that transliterations use (see [`TRANSLIT`]) holds
    /// `i`: the position in the run with its length, and the character after the run.
    pub const TRANSLIT_RUN: u8 = 48;
    pub const TRANSLIT_NEXT: u8 = 49;
}

/// Characters of transliterated foreign names: the 131 characters seen at least 15 times in
/// the words tagged `nrt` in jieba's dictionary (MIT licence) and over three times as
/// common there as in its other words, most used first (Simplified script).
const TRANSLIT: &str = "尔斯拉克特里德夫卡阿布塔巴哈格罗尼维科瓦多奥达亚伊托米普诺利洛纳勒基莱姆蒂弗萨西茨比雷帕塞库曼莫埃贝什奇菲兰加吉迪恩威图赫穆耶凯伦戈圣朗鲁顿默雅伯扎希波列切瑟索登佩韦森乌坦坎约娜博杰杜梅玛涅沃舍堡迈摩岛努盖兹霍彼妮麦艾崇佐莎罕珀卢撒邦逊厄琳翰瓜芬亨慈莉奎辛夸拜豪";

fn is_translit(c: char) -> bool {
    static SET: OnceLock<HashSet<char>> = OnceLock::new();
    SET.get_or_init(|| TRANSLIT.chars().collect()).contains(&c)
}

/// Character classes.
fn class(c: char) -> u8 {
    if is_han(c) {
        b'H'
    } else if c.is_ascii_digit() || c.is_numeric() {
        b'D'
    } else if c.is_alphabetic() {
        b'L'
    } else if c.is_whitespace() {
        b'S'
    } else if c == '\u{2}' || c == '\u{3}' {
        b'#'
    } else {
        b'P'
    }
}

/// Fold full-width ASCII, digits and case so that `２０２４`, `2024` and `1999` look alike.
fn norm(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii_digit() {
        '0'
    } else if c.is_whitespace() {
        ' '
    } else {
        c.to_ascii_lowercase()
    }
}

/// Organization and place head words in Simplified script, normalized as the features
/// read characters (ＬＴＤ and Ltd. read as ltd.); built once with the lexicon.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeadWords {
    org: HeadIndex,
    place: HeadIndex,
}

impl HeadWords {
    pub(crate) fn new(org: &[crate::lexicon::Suffix], place: &[crate::lexicon::Suffix]) -> HeadWords {
        let index = |v: &[crate::lexicon::Suffix]| {
            HeadIndex::from_words(v.iter().map(|s| s.simp.chars().map(norm).collect()))
        };
        HeadWords {
            org: index(org),
            place: index(place),
        }
    }
}

fn pos_code(i: usize, start: usize, end: usize) -> u8 {
    if end - start == 1 {
        b'S'
    } else if i == start {
        b'B'
    } else if i + 1 == end {
        b'E'
    } else {
        b'M'
    }
}

fn lex_kind(terms: &[Term]) -> Option<u8> {
    // Same priority as the recognizer's lexicon rule.
    let has = |f: fn(&Term) -> bool| terms.iter().any(f);
    if has(|t| matches!(t, Term::Org(_))) {
        Some(b'O')
    } else if has(|t| matches!(t, Term::Place(_))) {
        Some(b'L')
    } else if has(|t| matches!(t, Term::Post(_))) {
        Some(b'P')
    } else if has(|t| matches!(t, Term::Occasion(_))) {
        Some(b'C')
    } else if has(|t| matches!(t, Term::Modifier(_))) {
        Some(b'M')
    } else if has(|t| matches!(t, Term::Cue(_))) {
        Some(b'V')
    } else {
        None
    }
}

/// The features of every character of `simp`, flattened: the ids of character `i` are
/// `ids[offsets[i]..offsets[i + 1]]`. `tokens` hold character offsets into `simp`.
pub(crate) struct Features {
    pub ids: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl Features {
    pub fn at(&self, i: usize) -> &[u64] {
        &self.ids[self.offsets[i]..self.offsets[i + 1]]
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }
}

/// Features of each character of the Simplified text `simp`, cut into `tokens`.
/// Features of every character of `simp`. `tokens` are its tokens, with offsets counted
/// from `base` (a sentence's tokens keep their document offsets: no copies).
pub(crate) fn extract(cx: Context<'_>, simp: &[char], tokens: &[Token], base: usize) -> Features {
    let lx = cx.lexicon;
    let sx = lx.head_words();
    let n = simp.len();
    let chars: Vec<char> = simp.iter().copied().map(norm).collect();
    let c = |i: usize, k: isize| -> char {
        let j = i as isize + k;
        if j < 0 {
            '\u{2}'
        } else if j as usize >= n {
            '\u{3}'
        } else {
            chars[j as usize]
        }
    };

    // Token covering each character (tokens may leave gaps).
    let mut token_of = vec![usize::MAX; n];
    // Token offsets in `simp`.
    let spans: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start - base, t.end - base)).collect();
    for (ti, &(start, end)) in spans.iter().enumerate() {
        for slot in token_of.iter_mut().take(end.min(n)).skip(start) {
            *slot = ti;
        }
    }
    // Lexicon term covering each character, and posts ending before it.
    let mut lex_at: Vec<Option<(u8, u8)>> = vec![None; n];
    let mut lex_kind_at: Vec<Option<&str>> = vec![None; n];
    let mut post_ends = vec![false; n + 1];
    for (a, b, terms) in lx.find_terms(simp) {
        let Some(kind) = lex_kind(terms) else { continue };
        for (i, slot) in lex_at.iter_mut().enumerate().take(b).skip(a) {
            *slot = Some((kind, pos_code(i, a, b)));
        }
        let sub = terms.iter().find_map(|t| match t {
            Term::Org(k) => Some(lx.orgs[*k].kind.as_str()),
            Term::Place(k) => Some(lx.places[*k].kind.as_str()),
            _ => None,
        });
        for slot in &mut lex_kind_at[a..b] {
            *slot = sub;
        }
        if terms.iter().any(|t| matches!(t, Term::Post(_))) {
            post_ends[b] = true;
        }
    }
    // Head words ending at each character (exclusive end i + 1).
    let ends = |index: &HeadIndex| -> Vec<Option<usize>> {
        (0..n).map(|i| index.ending_len(&chars[..=i])).collect()
    };
    let org_end = ends(&sx.org);
    let place_end = ends(&sx.place);

    let seg = cx.segmenter;
    let is_word = |a: usize, b: usize| seg.is_word(&simp[a..b].iter().collect::<String>());
    // Dictionary words starting and ending at each character: bit k - 2 for length k.
    let mut dict_start = vec![0u8; n];
    let mut dict_end = vec![0u8; n];
    let mut buf = String::new();
    for a in 0..n {
        if !is_han(simp[a]) {
            continue;
        }
        buf.clear();
        buf.push(simp[a]);
        for b in a + 2..=(a + 6).min(n) {
            if !is_han(simp[b - 1]) {
                break;
            }
            buf.push(simp[b - 1]);
            if seg.has_simplified_word(&buf) {
                dict_start[a] |= 1 << (b - a - 2);
                dict_end[b - 1] |= 1 << (b - a - 2);
            }
        }
    }
    let word_of = |ti: usize| -> Option<&[char]> {
        let (a, b) = (spans[ti].0.min(n), spans[ti].1.min(n));
        (a < b && b - a <= 4).then(|| &chars[a..b])
    };

    // Runs of transliteration characters: (start, end) of the run holding each character.
    let mut translit_run: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut a = 0;
    while a < n {
        if !is_translit(chars[a]) {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < n && is_translit(chars[b]) {
            b += 1;
        }
        if b - a >= 2 {
            for slot in &mut translit_run[a..b] {
                *slot = Some((a, b));
            }
        }
        a = b;
    }

    // Whether each token is a dictionary word, asked once per token, not per character.
    let in_dict: Vec<std::cell::OnceCell<bool>> = vec![std::cell::OnceCell::new(); tokens.len()];
    let mut ids = Vec::with_capacity(n * 40);
    let mut offsets = Vec::with_capacity(n + 1);
    for i in 0..n {
        offsets.push(ids.len());
        let mut push = |h: Fnv| ids.push(h.done());
        push(Fnv::new(t::BIAS));
        for (k, off) in (-2isize..=2).enumerate() {
            push(Fnv::new(t::UNI + k as u8).ch(c(i, off)));
        }
        for (k, off) in (-2isize..=1).enumerate() {
            push(Fnv::new(t::BI + k as u8).ch(c(i, off)).ch(c(i, off + 1)));
        }
        push(
            Fnv::new(t::QUAD_L)
                .ch(c(i, -2))
                .ch(c(i, -1))
                .ch(c(i, 0))
                .ch(c(i, 1)),
        );
        push(
            Fnv::new(t::QUAD_R)
                .ch(c(i, -1))
                .ch(c(i, 0))
                .ch(c(i, 1))
                .ch(c(i, 2)),
        );
        for k in 0..5u8 {
            if dict_start[i] & 1 << k != 0 {
                push(Fnv::new(t::DICT_START).num(k + 2));
            }
            if dict_end[i] & 1 << k != 0 {
                push(Fnv::new(t::DICT_END).num(k + 2));
            }
        }
        if let Some((a, b)) = translit_run[i] {
            let len = (b - a).min(6) as u8;
            push(Fnv::new(t::TRANSLIT_RUN).num(pos_code(i, a, b)).num(len));
            if i + 1 == b {
                push(Fnv::new(t::TRANSLIT_NEXT).ch(c(i, 1)).num(len));
            }
        }
        push(Fnv::new(t::UNI3_PREV).ch(c(i, -3)));
        push(Fnv::new(t::UNI3_NEXT).ch(c(i, 3)));
        push(Fnv::new(t::TRI).ch(c(i, -1)).ch(c(i, 0)).ch(c(i, 1)));
        push(Fnv::new(t::SKIP).ch(c(i, -1)).ch(c(i, 1)));
        push(Fnv::new(t::CLASS).num(class(c(i, 0))));
        push(
            Fnv::new(t::CLASS3)
                .num(class(c(i, -1)))
                .num(class(c(i, 0)))
                .num(class(c(i, 1))),
        );

        let ti = token_of[i];
        if ti == usize::MAX {
            push(Fnv::new(t::TOK_POS).num(b'-'));
        } else {
            let tok = &tokens[ti];
            let (tok_start, tok_end) = spans[ti];
            let pos = pos_code(i, tok_start, tok_end);
            let tag = tok.tag.as_str();
            push(Fnv::new(t::TOK_POS).num(pos));
            push(Fnv::new(t::TOK_TAG).str(tag));
            push(Fnv::new(t::TOK_TAG_POS).str(tag).num(pos));
            push(Fnv::new(t::UNI_TAG).ch(c(i, 0)).str(tag));
            if let Some(w) = word_of(ti) {
                push(Fnv::new(t::TOK_WORD_POS).text(w).num(pos));
            }
            let tok_end = tok_end.min(n);
            let len = (tok_end - tok_start).min(5) as u8;
            if len > 1 {
                push(Fnv::new(t::TOK_FIRST).ch(chars[tok_start]).num(pos));
                push(Fnv::new(t::TOK_LAST).ch(chars[tok_end - 1]).num(pos));
                let known = *in_dict[ti].get_or_init(|| is_word(tok_start, tok_end));
                let known = u8::from(known);
                push(Fnv::new(t::TOK_IN_DICT).num(known).str(tag));
            }
            push(Fnv::new(t::TOK_LEN_POS).num(len).num(pos));
            let prev = ti.checked_sub(1).map(|p| &tokens[p]);
            let next = tokens.get(ti + 1);
            let prev_tag = prev.map_or("^", |p| p.tag.as_str());
            let next_tag = next.map_or("$", |p| p.tag.as_str());
            push(Fnv::new(t::PREV_TAG).str(prev_tag).num(pos));
            push(Fnv::new(t::NEXT_TAG).str(next_tag).num(pos));
            push(Fnv::new(t::PREV_CUR_TAG).str(prev_tag).str(tag));
            push(Fnv::new(t::CUR_NEXT_TAG).str(tag).str(next_tag));
            if pos == b'B' || pos == b'S' {
                if let Some(w) = ti.checked_sub(1).and_then(word_of) {
                    push(Fnv::new(t::PREV_WORD).text(w));
                    if let Some(cur) = word_of(ti) {
                        push(Fnv::new(t::WORD_PAIR).text(w).text(cur));
                    }
                }
            }
            if pos == b'E' || pos == b'S' {
                if let Some(w) = (ti + 1 < tokens.len()).then_some(ti + 1).and_then(word_of) {
                    push(Fnv::new(t::NEXT_WORD).text(w));
                }
                let tag2 = tokens.get(ti + 2).map_or("$", |p| p.tag.as_str());
                push(Fnv::new(t::NEXT2_TAG).str(next_tag).str(tag2));
            }
            if pos == b'B' || pos == b'S' {
                let tag2 = ti.checked_sub(2).map_or("^", |p| tokens[p].tag.as_str());
                push(Fnv::new(t::PREV2_TAG).str(tag2).str(prev_tag));
            }
            if len > 1 {
                if let Some(k) = sx.org.ending_len(&chars[..tok_end]) {
                    push(Fnv::new(t::TOK_ORG_SUFFIX).num(pos).num(k.min(4) as u8));
                }
                if let Some(k) = sx.place.ending_len(&chars[..tok_end]) {
                    push(Fnv::new(t::TOK_PLACE_SUFFIX).num(pos).num(k.min(4) as u8));
                }
            }
        }

        if let Some((kind, pos)) = lex_at[i] {
            push(Fnv::new(t::LEX_POS).num(kind).num(pos));
            if let Some(sub) = lex_kind_at[i] {
                push(Fnv::new(t::LEX_KIND).str(sub).num(pos));
            }
        }
        if let Some(k) = lx.surname_len(&simp[i..]) {
            push(Fnv::new(t::SURNAME).num(k as u8));
            let at_tok_start = ti != usize::MAX && spans[ti].0 == i;
            push(Fnv::new(t::SURNAME_TOK).num(k as u8).num(u8::from(at_tok_start)));
            if post_ends[i] {
                push(Fnv::new(t::AFTER_POST_SURNAME).num(k as u8));
            }
        }
        if post_ends[i] {
            push(Fnv::new(t::AFTER_POST));
        }
        if let Some(k) = org_end[i] {
            push(Fnv::new(t::ORG_SUFFIX_END).num(k.min(4) as u8));
        }
        if let Some(k) = place_end[i] {
            push(Fnv::new(t::PLACE_SUFFIX_END).num(k.min(4) as u8));
        }
    }
    offsets.push(ids.len());
    Features { ids, offsets }
}
