//! Two columns a PDF extractor read as one, line by line.
//!
//! Where the gutter between two columns is narrow, extractors (pdftotext's default mode
//! among them) give a line of one column, then the line beside it in the next column,
//! and sometimes both on one line apart by a space (`…他堅信： 主席司徒華…`): every
//! sentence there is cut into pieces of another. A column's lines continue each other —
//! a word runs across the break (大遊|行, 日前預|測, 破天|荒) — so where words run across
//! breaks two lines apart rather than one, the lines are two streams. This pass finds such
//! stretches (a small dynamic programme over which stream each line continues) and puts
//! each column's lines back together.

use super::{local_width, Line, WordOracle};
use crate::script::{is_han, to_simplified};

/// How many lines back the other column's last line may be: the columns alternate, and a
/// line holding both columns is split in two.
const REACH: usize = 3;

/// Scores of [`assign`]. On the development pages a word runs across 35–50 % of the
/// breaks inside a sentence and across 5–10 % of the breaks two lines apart, so a second
/// stream needs several words that run across breaks two lines apart in a few lines.
const WORD: i32 = 10;
const SWITCH: i32 = 2;
const BREAK: i32 = 6;
const MERGED: i32 = 8;
const OPEN: i32 = 10;

/// One line to place: a whole line, or one half of a line that held two columns.
struct Piece {
    line: Line,
    /// For the left half of a split line, the line as it was (put back when both halves
    /// stay together).
    whole: Option<Line>,
}

/// Put the lines of two interleaved columns back in reading order; lines of one column
/// come back unchanged.
pub(super) fn untangle(lines: Vec<Line>, oracle: &dyn WordOracle) -> Vec<Line> {
    let mut pieces: Vec<Piece> = Vec::with_capacity(lines.len());
    for i in 0..lines.len() {
        match split_two_columns(&lines, i) {
            Some((left, right)) => {
                pieces.push(Piece {
                    line: left,
                    whole: Some(lines[i].clone()),
                });
                pieces.push(Piece {
                    line: right,
                    whole: None,
                });
            }
            None => pieces.push(Piece {
                line: lines[i].clone(),
                whole: None,
            }),
        }
    }
    let column: Vec<bool> = {
        let lines: Vec<Line> = pieces.iter().map(|p| p.line.clone()).collect();
        (0..lines.len()).map(|i| in_column(&lines, i)).collect()
    };
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut rest = pieces.into_iter().zip(column).peekable();
    while let Some((first, first_column)) = rest.next() {
        // A run of column lines with no blank line or escaped break inside it.
        let mut run = vec![first];
        while let Some((p, c)) = rest.peek() {
            if !first_column || !c || p.line.blanks_before > 0 || p.line.escaped {
                break;
            }
            run.push(rest.next().unwrap().0);
        }
        out.extend(reorder(run, oracle));
    }
    // Halves that stay side by side become their line again.
    let mut lines = Vec::with_capacity(out.len());
    let mut k = 0;
    while k < out.len() {
        let p = &out[k];
        let mut line = p.line.clone();
        if let Some(whole) = &p.whole {
            // Its own right half, next to it.
            let (end, last) = (p.line.chars.last().map(|c| c.1), whole.chars.last().map(|c| c.1));
            let right = out.get(k + 1).filter(|r| {
                let first = r.line.chars.first().map(|c| c.1);
                !r.line.column_break && first > end && first <= last
            });
            if right.is_some() {
                line = whole.clone();
                k += 1;
            }
        }
        lines.push(line);
        k += 1;
    }
    lines
}

/// Is line `i` a line of a narrow column: a full line of a column 10 to 40 characters
/// wide, or the last of a paragraph? Not a headline, a table's cell or a web paragraph.
fn in_column(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let width = local_width(lines, i);
    let han = line.chars.iter().filter(|c| is_han(c.0)).count();
    (10..=40).contains(&width)
        && han >= 4
        && line.len() <= width + 4
        && (line.len() + 4 >= width || line.ends_sentence())
}

/// A line about twice the column's width with one gap of white space inside holds the
/// two columns' lines side by side: the halves.
fn split_two_columns(lines: &[Line], i: usize) -> Option<(Line, Line)> {
    let line = &lines[i];
    let width = local_width(lines, i);
    if !(10..=40).contains(&width) || line.len() * 2 < width * 3 {
        return None;
    }
    let gaps: Vec<usize> = (1..line.len())
        .filter(|&k| line.chars[k].0.is_whitespace() && !line.chars[k - 1].0.is_whitespace())
        .collect();
    let [gap] = gaps[..] else {
        return None;
    };
    let resume = (gap..line.len()).find(|&k| !line.chars[k].0.is_whitespace())?;
    let (l, r) = (&line.chars[..gap], &line.chars[resume..]);
    let latin = |c: char| c.is_ascii_alphanumeric();
    if l.len() * 3 < width || r.len() * 3 < width || (latin(l[l.len() - 1].0) && latin(r[0].0)) {
        return None;
    }
    let left = Line {
        chars: l.to_vec(),
        ..line.clone()
    };
    let right = Line {
        chars: r.to_vec(),
        indented: false,
        escaped: false,
        blanks_before: 0,
        column_break: false,
    };
    Some((left, right))
}

/// Does line `b` continue line `a`: does a word run across the break, as the words of the
/// Chinese text around it are cut?
fn joins(a: &Line, b: &Line, oracle: &dyn WordOracle) -> i32 {
    let han = |c: &&(char, usize)| is_han(c.0);
    let left: Vec<char> = a
        .chars
        .iter()
        .rev()
        .take_while(han)
        .take(4)
        .map(|c| c.0)
        .collect();
    let right: String = b.chars.iter().take_while(han).take(4).map(|c| c.0).collect();
    if left.is_empty() || right.is_empty() {
        return 0;
    }
    let left: String = left.into_iter().rev().collect();
    i32::from(oracle.word_across(&to_simplified(&left), &to_simplified(&right)))
}

/// The order of one run of lines: unchanged, or each column's lines together.
fn reorder(run: Vec<Piece>, oracle: &dyn WordOracle) -> Vec<Piece> {
    let n = run.len();
    if n < 4 {
        return run;
    }
    let streams = assign(&run, oracle);
    if streams.iter().all(|&(_, open)| !open) {
        return run;
    }
    let mut slots: Vec<Option<Piece>> = run.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    let take = |slots: &mut Vec<Option<Piece>>, k: usize, out: &mut Vec<Piece>, column_break: bool| {
        if let Some(mut p) = slots[k].take() {
            p.line.column_break |= column_break;
            out.push(p);
        }
    };
    let mut i = 0;
    while i < n {
        if !streams[i].1 {
            take(&mut slots, i, &mut out, false);
            i += 1;
            continue;
        }
        // A stretch where two streams run, from the line that opens the second one.
        let end = (i..n).find(|&k| !streams[k].1).unwrap_or(n);
        // Stream 0 runs into the stretch; the stream of its last line runs on after it.
        let incoming = 0;
        let outgoing = if end < n { streams[end - 1].0 } else { incoming };
        let (mine, theirs): (Vec<usize>, Vec<usize>) = (i..end).partition(|&k| streams[k].0 == incoming);
        for k in mine {
            take(&mut slots, k, &mut out, false);
        }
        let mut next = end;
        if outgoing == incoming {
            // The running column goes on after the stretch: the other one waits for the
            // end of its sentence.
            let open = |out: &Vec<Piece>| out.last().is_some_and(|p| !p.line.ends_sentence());
            while next < n && !streams[next].1 && open(&out) {
                take(&mut slots, next, &mut out, false);
                next += 1;
            }
        }
        for (m, k) in theirs.into_iter().enumerate() {
            take(&mut slots, k, &mut out, m == 0);
        }
        if outgoing == incoming && next < n {
            if let Some(p) = slots[next].as_mut() {
                p.line.column_break = true;
            }
        }
        i = next;
    }
    out
}

/// For each line, its stream (0: the one running into a stretch and the one going on
/// after it; 1: the other) and whether a second stream is open there. The best assignment
/// of lines to streams, where a word that runs across the break from the
/// stream's last line scores [`WORD`], a line of the other stream than the line before
/// costs [`SWITCH`] (the columns alternate), two lines of one stream in a row while the
/// other is open cost [`BREAK`], a line that held both columns split between them scores
/// [`MERGED`], and a second stream costs [`OPEN`]. The other stream's last line is at most
/// [`REACH`] lines back.
fn assign(run: &[Piece], oracle: &dyn WordOracle) -> Vec<(u8, bool)> {
    let n = run.len();
    // State: (stream of this line, distance back to the other stream's last line, or 0
    // when there is none).
    const STATES: usize = 2 * (REACH + 1);
    let idx = |label: u8, dist: usize| label as usize * (REACH + 1) + dist;
    let none = i32::MIN / 2;
    let mut score = vec![[none; STATES]; n];
    let mut back = vec![[0usize; STATES]; n];
    score[0][idx(0, 0)] = 0;
    for i in 0..n - 1 {
        // Words across the break from line i+1 back to the line `d` lines before line i+1.
        let word = |j: usize| WORD * joins(&run[j].line, &run[i + 1].line, oracle);
        let back_to: Vec<i32> = (0..=REACH.min(i)).map(|d| word(i - d)).collect();
        let adjacent = back_to[0];
        // Line i+1 is the right half of line i.
        let halves = run[i].whole.is_some();
        // Next to a line holding both columns the columns need not alternate: either may
        // have had the line before it, or go on after it.
        let beside_halves = run[i + 1].whole.is_some() || (i > 0 && run[i - 1].whole.is_some());
        for label in 0..2u8 {
            for dist in 0..=REACH {
                let s = score[i][idx(label, dist)];
                if s == none {
                    continue;
                }
                let mut relax = |to: usize, v: i32| {
                    if v > score[i + 1][to] {
                        score[i + 1][to] = v;
                        back[i + 1][to] = idx(label, dist);
                    }
                };
                // The next line continues this one, and the other stream stops (the stream
                // that goes on is stream 0 again)…
                relax(idx(0, 0), s + adjacent);
                // A line holding both columns: its halves go to both streams.
                let merged = if halves { MERGED } else { 0 };
                if dist == 0 {
                    // …or it opens a second stream…
                    relax(idx(1, 1), s - OPEN + merged);
                } else {
                    // …or it continues this one while the other goes on…
                    if dist < REACH {
                        relax(
                            idx(label, dist + 1),
                            s + adjacent - if beside_halves { 0 } else { BREAK },
                        );
                    }
                    // …or it continues the other stream.
                    relax(idx(1 - label, 1), s + back_to[dist] - SWITCH + merged);
                }
            }
        }
    }
    let mut state = (0..STATES)
        .max_by_key(|&s| (score[n - 1][s], std::cmp::Reverse(s)))
        .unwrap_or(0);
    let mut out = vec![(0u8, false); n];
    for i in (0..n).rev() {
        out[i] = ((state / (REACH + 1)) as u8, state % (REACH + 1) != 0);
        state = back[i][state];
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::layout::{repair, BlockKind, WordOracle};

    /// A dictionary of a few words (Simplified).
    struct Words(&'static [&'static str]);
    impl WordOracle for Words {
        fn is_word(&self, s: &str) -> bool {
            self.0.contains(&s)
        }
        fn ends_with_title(&self, _: &str) -> bool {
            false
        }
        fn ends_with_media_title(&self, _: &str) -> bool {
            false
        }
        fn ends_with_speech(&self, _: &str) -> bool {
            false
        }
    }

    fn bodies(src: &str, words: &'static [&'static str]) -> Vec<String> {
        let l = repair(src, &Words(words));
        let orig: Vec<char> = src.chars().collect();
        for (i, &c) in l.text.iter().enumerate() {
            if c != '\n' {
                assert_eq!(orig[l.origin[i]], c, "every character keeps its source offset");
            }
        }
        l.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .map(|b| l.slice(b.start, b.end))
            .collect()
    }

    #[test]
    fn alternating_lines_of_two_columns_come_apart() {
        // Left column, then the right one's line beside it, line after line.
        let src = "政府又建議大老山隧道試驗周\n香港汽車會則批評紅隧加幅過\n日及假期減價，收費減為劃\n\
                   高，對不使用西隧的車主不公\n一收8元，以減輕獅隧擠塞。\n平，要求政府修訂收費。\n";
        assert_eq!(
            bodies(src, &["周日", "划一", "过高", "公平"]),
            vec![
                "政府又建議大老山隧道試驗周日及假期減價，收費減為劃一收8元，以減輕獅隧擠塞。",
                "香港汽車會則批評紅隧加幅過高，對不使用西隧的車主不公平，要求政府修訂收費。",
            ]
        );
    }

    #[test]
    fn a_line_holding_both_columns_is_split_between_them() {
        let src = "职工盟立法会议员李卓人更会破天\n对于中央政策组首席顾问刘兆佳预\n荒在议会提出动议，要求政府号召\n\
                   测七一游行只有三万人参加，支联\n全港市民出席七一大游行。他坚信： 会主席司徒华呼吁市民上街游行。\n";
        assert_eq!(
            bodies(src, &["破天荒", "预测", "支联会"]),
            vec![
                "职工盟立法会议员李卓人更会破天荒在议会提出动议，要求政府号召全港市民出席七一大游行。他坚信：",
                "对于中央政策组首席顾问刘兆佳预测七一游行只有三万人参加，支联会主席司徒华呼吁市民上街游行。",
            ]
        );
    }

    #[test]
    fn one_column_stays_in_order_despite_a_word_two_lines_apart() {
        // 要领 runs across 还要|…|领导人 two lines apart by chance; words across the
        // breaks of the column itself (做法, 政府) hold it together.
        let src = "他認為削減大學資源的做\n法不對，現在目標達不到還要\n削資源，對此表示不滿，認為政\n\
                   府的領導人要履行承諾。\n";
        let words: &[&str] = &["做法", "政府", "要领"];
        assert_eq!(
            bodies(src, words),
            vec!["他認為削減大學資源的做法不對，現在目標達不到還要削資源，對此表示不滿，認為政府的領導人要履行承諾。"]
        );
    }

    #[test]
    fn web_paragraphs_and_short_lines_are_left_alone() {
        // Paragraphs far wider than a newspaper column, and poetry, never interleave.
        let long = "这是一段很长的网络新闻段落，".repeat(5);
        let src = format!("{long}周\n{long}日\n{long}划\n{long}一\n");
        let l = repair(&src, &Words(&["周日", "划一"]));
        let text: String = l.text.iter().filter(|&&c| c != '\n').collect();
        let expected: String = src.chars().filter(|&c| c != '\n').collect();
        assert_eq!(text, expected);
        let poem =
            "勇不在于强悍 而在于无所畏惧\n马旭：分毫积攒 千万捐赠的老人\n少小离家 乡音无改\n曾经勇冠巾帼\n";
        let l = repair(poem, &Words(&["强悍", "老人"]));
        let text: String = l.text.iter().filter(|&&c| c != '\n').collect();
        assert_eq!(
            text,
            poem.chars()
                .filter(|&c| c != '\n' && c != ' ')
                .collect::<String>()
        );
    }

    #[test]
    fn any_mix_of_lines_keeps_every_character_and_its_offset() {
        // Pseudo-random pages of short lines, spaces, blank lines and punctuation.
        let alphabet: Vec<char> = "政府建議周日劃一過高公平破天荒預測支聯會。，： 　\nA1"
            .chars()
            .collect();
        let words: &'static [&'static str] = &["周日", "划一", "过高", "公平", "破天荒", "预测", "支联会"];
        let mut seed: u64 = 20261203;
        for _ in 0..300 {
            let mut src = String::new();
            for _ in 0..(seed % 400) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let c = alphabet[(seed >> 33) as usize % alphabet.len()];
                src.push(c);
                if (seed >> 20) % 13 == 0 {
                    src.push('\n');
                }
            }
            let l = repair(&src, &Words(words));
            let orig: Vec<char> = src.chars().collect();
            let mut kept: Vec<usize> = Vec::new();
            for (i, &c) in l.text.iter().enumerate() {
                if c != '\n' && c != ' ' {
                    assert_eq!(orig[l.origin[i]], c);
                    kept.push(l.origin[i]);
                }
            }
            kept.sort_unstable();
            let before = kept.len();
            kept.dedup();
            assert_eq!(before, kept.len(), "no character twice: {src:?}");
            let visible = orig.iter().filter(|c| !c.is_whitespace()).count();
            assert_eq!(kept.len(), visible, "no character lost: {src:?}");
        }
    }
}
