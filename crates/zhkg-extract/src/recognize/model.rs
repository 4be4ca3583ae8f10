//! The rules-versus-model gate: which of the sequence model's names become mentions.

use super::*;

/// Minimum probability of a model name to be kept.
const MODEL_MIN_SCORE: f32 = 0.5;

/// The sequence model's names as candidate mentions: people apart (they may not overlap
/// anything), organizations and places (which may hold known names). The model is trained
/// on encyclopedia text and names readily; each name must also look like one here: a
/// person starts with a surname (or is a foreign name) and stands where names stand; an
/// organization or place ends with a head word, is a single name token the segmenter
/// knows, or is made only of words the segmenter does not know.
pub(super) fn model_names(
    cx: &Ctx,
    sentences: &[Sentence],
    names: &[NerSpan],
) -> (Vec<Mention>, Vec<Mention>) {
    let (mut people, mut others) = (Vec::new(), Vec::new());
    for n in names
        .iter()
        .filter(|n| n.score >= MODEL_MIN_SCORE && n.end - n.start >= 2)
    {
        let Some(si) = sentences
            .iter()
            .position(|s| s.start <= n.start && n.end <= s.end)
        else {
            continue;
        };
        let s = &sentences[si];
        let text = cx.s(n.start, n.end);
        let chars: Vec<char> = text.chars().collect();
        if !chars
            .iter()
            .all(|&c| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '・' | '-' | ' '))
        {
            continue;
        }
        if cx.lx.is_not_name(&text) || !cx.lx.lookup(&text).is_empty() {
            continue;
        }
        let toks: Vec<&Token> = cx.tokens[token_range(cx, s)]
            .iter()
            .filter(|t| t.start < n.end && n.start < t.end)
            .collect();
        let aligned =
            toks.first().is_some_and(|t| t.start == n.start) && toks.last().is_some_and(|t| t.end == n.end);
        let single = (toks.len() == 1 && aligned).then(|| toks[0]);
        let latin = chars
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-');
        // Every word of the name is itself name-like: unknown to the dictionary, tagged as a
        // name, or a known place or organization (日本東京, 斯特拉斯堡, 九三學社).
        // The dictionary's own name tags count only on longer words or persons (its
        // 上市/ns and 新興產業/nt are common words).
        let known_name = |t: &Token| {
            cx.lx
                .lookup(&t.word)
                .iter()
                .any(|x| matches!(x, Term::Org(_) | Term::Place(_)))
        };
        let name_like = |t: &&Token| {
            !t.known
                || t.tag == "eng"
                || matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg")
                || (t.tag == "ns" && t.end - t.start >= 3)
                || known_name(t)
        };
        // A model name made of two places the rules found (香港大澳) adds nothing.
        let parts = |kind: Kind| {
            cx.tokens[token_range(cx, s)]
                .iter()
                .filter(|t| t.start >= n.start && t.end <= n.end && known_name(t))
                .count()
                >= 2
                && kind == Kind::Place
        };
        let quoted = n.start > 0 && matches!(cx.text[n.start - 1], '「' | '『' | '“' | '《');
        let ok = !quoted
            && match n.label {
                NerLabel::Per => {
                    // Latin names are capitalized words (Elena, Randy Quaid), not products
                    // or acronyms (ChatGPT, HKGAI, DeepSeek Limited).
                    let camel = latin
                        && !text.split(' ').all(|w| {
                            let mut c = w.chars();
                            c.next().is_some_and(|f| f.is_ascii_uppercase())
                                && c.all(|x| x.is_ascii_lowercase())
                        });
                    let doubled = chars.len() == 2 && chars[0] == chars[1];
                    // A dictionary word is a name where names go: not before a noun (施政團隊,
                    // 施政部署) or 時, not after a determiner (各項施政).
                    let next = cx.token_at.get(&n.end).map(|&t| &cx.tokens[t]);
                    let before_noun = next.is_some_and(|t| {
                        (t.tag.starts_with('n') && !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt"))
                            || t.tag == "vn"
                            || t.word == "时"
                    }) && next.is_none_or(|t| cx.lx.is_post(&t.word).is_none());
                    let after_det = n.start > 0
                        && cx.token_of[n.start - 1] != usize::MAX
                        && matches!(cx.tokens[cx.token_of[n.start - 1]].tag.as_str(), "r" | "m" | "q");
                    let common =
                        single.is_some_and(|t| t.known && !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt"));
                    // A Chinese name is a surname and a given name that is not itself a word
                    // (白|名單); a foreign one is written with a middle dot or is a word the
                    // dictionary does not know, of three characters or more.
                    let sl = cx.lx.surname_len(&cx.simp[n.start..n.end]);
                    let given_is_word = sl.is_some_and(|k| {
                        toks.iter().any(|t| {
                            t.start == n.start + k && t.end == n.end && t.known && t.end - t.start >= 2
                        })
                    });
                    let chinese = sl.is_some() && (2..=4).contains(&chars.len()) && !given_is_word;
                    let foreign = chars.iter().any(|c| matches!(c, '·' | '・' | '‧' | '•'))
                        || (chars.len() >= 3 && toks.iter().all(|t| !t.known));
                    // …or a single word the dictionary itself knows as a name (克拉克, 諸葛亮).
                    let listed =
                        single.is_some_and(|t| t.known && matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg"));
                    let shaped = if latin {
                        !camel
                    } else {
                        chinese || foreign || listed
                    };
                    shaped
                        && !doubled
                        && !common
                        && !(single.is_some_and(|t| t.known) && (before_noun || after_det))
                }
                NerLabel::Org | NerLabel::Loc => {
                    let (kind, suffixes) = if n.label == NerLabel::Org {
                        (Kind::Organization, &cx.lx.org_suffixes)
                    } else {
                        (Kind::Place, &cx.lx.place_suffixes)
                    };
                    let head = suffixes
                        .iter()
                        .find(|x| chars.len() > x.len && cx.s_is(n.end - x.len, n.end, &x.simp));
                    let headed = head.is_some_and(|x| {
                        let k = x.len;
                        // A one-character head inside a common word is no head (海岸線).
                        let in_word = k == 1
                            && cx.token_of[n.end - 1] != usize::MAX
                            && cx.tokens[cx.token_of[n.end - 1]].end
                                - cx.tokens[cx.token_of[n.end - 1]].start
                                > 1
                            && cx.tokens[cx.token_of[n.end - 1]].known;
                        !in_word && (!x.needs_name || has_proper_name(cx, n.start, n.end - k, kind))
                    });
                    let head_start = head.map_or(n.end, |x| n.end - x.len);
                    let body_names = toks
                        .iter()
                        .filter(|t| t.end <= head_start || t.start < head_start)
                        .all(name_like);
                    // Verbs, cues, posts and boundary words are not inside names (建議港鐵公司,
                    // 冀建港, 香港文匯報訊立法會…).
                    let clause_words = toks.iter().any(|t| {
                        t.tag.starts_with('v') && t.tag != "vn"
                            || cx.lx.has_role(&t.word, Role::Boundary)
                            || cx
                                .lx
                                .lookup(&t.word)
                                .iter()
                                .any(|x| matches!(x, Term::Cue(_) | Term::Post(_)))
                    });
                    !latin && aligned && !parts(kind) && !clause_words && (headed || body_names)
                }
            };
        if !ok {
            continue;
        }
        let (kind, rule) = match n.label {
            NerLabel::Per => (Kind::Person, Rule::ModelPerson),
            NerLabel::Org => (Kind::Organization, Rule::ModelOrganization),
            NerLabel::Loc => (Kind::Place, Rule::ModelPlace),
        };
        let m = cx.mention(kind, (n.start, n.end), si, None, rule, n.score * 0.8);
        if kind == Kind::Person {
            people.push(m);
        } else {
            others.push(m);
        }
    }
    (people, others)
}
