//! Lexicons: the general knowledge the recognizer starts from.
//!
//! Every list lives in a data file under `data/lexicon/` (see its README for formats,
//! sources and licences) and is compiled into the binary, so zhkg runs anywhere without
//! its source tree. Entries are written in Traditional script; each is indexed under its
//! character-for-character Simplified form too, and look-ups take either script.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::script::{simplified_char, to_simplified};

/// A fast hash for the lexicon's short keys (a few characters): the rules probe these
/// maps millions of times per corpus, and SipHash's protection against chosen keys is not
/// needed for look-ups (only the lexicon's own entries are inserted). The multiply-rotate
/// scheme of rustc's FxHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.add(u64::from(b)));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; the table indexes by them.
        self.0.rotate_left(26)
    }
}

/// A map keyed by characters, probed with a `&[char]` slice of the text (no `String`).
pub(crate) type CharMap<V> = HashMap<Box<[char]>, V, BuildHasherDefault<KeyHasher>>;

/// A map keyed by one character.
pub(crate) type CharKeyMap<V> = HashMap<char, V, BuildHasherDefault<KeyHasher>>;

/// Probes of up to this many characters are converted to Simplified on the stack.
const PROBE_LEN: usize = 32;

/// Calls `f` with the Simplified form of `chars` (one character for one, as
/// [`to_simplified`]), converted on the stack when short: look-ups take either script
/// without allocating.
fn with_simplified<R>(chars: impl Iterator<Item = char>, f: impl FnOnce(&[char]) -> R) -> R {
    with_chars(chars.map(simplified_char), f)
}

/// Calls `f` with `chars` as a slice, on the stack when short.
fn with_chars<R>(mut chars: impl Iterator<Item = char>, f: impl FnOnce(&[char]) -> R) -> R {
    let mut buf = ['\0'; PROBE_LEN];
    let mut n = 0;
    while let Some(c) = chars.next() {
        if n == PROBE_LEN {
            let mut long = buf.to_vec();
            long.push(c);
            long.extend(chars);
            return f(&long);
        }
        buf[n] = c;
        n += 1;
    }
    f(&buf[..n])
}

fn first_org(terms: &[Term]) -> Option<usize> {
    terms.iter().find_map(|t| match t {
        Term::Org(i) => Some(*i),
        _ => None,
    })
}

fn first_place(terms: &[Term]) -> Option<usize> {
    terms.iter().find_map(|t| match t {
        Term::Place(i) => Some(*i),
        _ => None,
    })
}

/// Head words of one list (`org_suffixes` or `place_suffixes`) by their Simplified form,
/// so that the head word a text ends with costs one probe per length instead of a scan
/// over every head word.
#[derive(Debug, Clone, Default)]
pub struct HeadIndex {
    /// Simplified head word → index of its first entry in the list (longest first, then
    /// file order), the entry a scan in list order meets first.
    first: CharMap<usize>,
    /// Last character → the lengths of the head words ending with it, a bit each (most
    /// token ends end no head word: one probe tells).
    lengths: CharKeyMap<u64>,
}

impl HeadIndex {
    fn new(list: &[Suffix]) -> HeadIndex {
        HeadIndex::from_words(list.iter().map(|x| x.simp.chars().collect()))
    }

    /// An index of `words` in this order (the name model's features index the head words
    /// normalized as they read the text).
    pub(crate) fn from_words(words: impl IntoIterator<Item = Box<[char]>>) -> HeadIndex {
        let mut first = CharMap::default();
        let mut lengths = CharKeyMap::default();
        for (i, chars) in words.into_iter().enumerate() {
            if let Some(&last) = chars.last() {
                *lengths.entry(last).or_default() |= 1u64 << chars.len().min(63);
            }
            first.entry(chars).or_insert(i);
        }
        HeadIndex { first, lengths }
    }

    /// Index (in the list) of the head word that the Simplified `text` ends with: the
    /// longest, and among equals the first in the list, which is what
    /// `list.iter().find(|x| text ends with x.simp)` over the longest-first list returns.
    pub fn ending(&self, text: &[char]) -> Option<usize> {
        self.longest_ending(text).map(|(_, i)| i)
    }

    /// Length of the longest head word of one character or more that `text` ends with.
    pub(crate) fn ending_len(&self, text: &[char]) -> Option<usize> {
        self.longest_ending(text).map(|(n, _)| n).filter(|&n| n > 0)
    }

    /// (length, index) of the longest head word `text` ends with.
    fn longest_ending(&self, text: &[char]) -> Option<(usize, usize)> {
        let bits = text
            .last()
            .and_then(|c| self.lengths.get(c))
            .copied()
            .unwrap_or(0);
        // Longest first; a head word of 63 characters or more is probed at every length.
        (1..=text.len())
            .rev()
            .filter(|&n| bits & (1 << n.min(63)) != 0)
            .chain([0])
            .find_map(|n| self.first.get(&text[text.len() - n..]).map(|&i| (n, i)))
    }

    /// Is the Simplified `word` one of the head words?
    pub fn contains(&self, word: &[char]) -> bool {
        self.first.contains_key(word)
    }

    /// Index (in the list) of the Simplified `word` when it is a head word.
    pub fn get(&self, word: &[char]) -> Option<usize> {
        self.first.get(word).copied()
    }
}

macro_rules! data {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $name))
    };
}

/// A known organization: full name, short forms, kind and jurisdiction.
#[derive(Debug, Clone)]
pub struct OrgEntry {
    /// Full name.
    pub name: String,
    /// Short forms and other names.
    pub aliases: Vec<String>,
    /// Kind: government, legislature, party, university, company …
    pub kind: String,
    /// Jurisdiction (HK, MO, CN …), when it has one.
    pub scope: String,
}

/// A known place.
#[derive(Debug, Clone)]
pub struct PlaceEntry {
    /// Name.
    pub name: String,
    /// Other names and short forms.
    pub aliases: Vec<String>,
    /// Kind: country, province, city, district …
    pub kind: String,
    /// The name of the place it lies in, if known.
    pub parent: String,
}

/// A post or title a person holds (委員, 局長, 記者 …).
#[derive(Debug, Clone)]
pub struct PostEntry {
    /// The post as written.
    pub post: String,
    /// Rank: head, deputy, member …
    pub rank: String,
    /// Category: government, legislature, party, profession …
    pub category: String,
    /// The usual form of this post (特首 → 行政長官), empty when it is the usual form.
    pub same_as: String,
}

impl PostEntry {
    /// The post's usual form.
    pub fn canonical(&self) -> &str {
        if self.same_as.is_empty() {
            &self.post
        } else {
            &self.same_as
        }
    }
}

/// A head word that ends a name of some class (…委員會, …區).
#[derive(Debug, Clone)]
pub struct Suffix {
    /// The head word as written in the file.
    pub suffix: String,
    /// `suffix` in Simplified script, as the recognizer matches it against the text.
    pub simp: String,
    /// Length in characters.
    pub len: usize,
    /// The kind of name it ends (government, university, district …).
    pub kind: String,
    /// Fewest characters before it.
    pub min_prefix: usize,
    /// The part before the suffix must hold a proper name (國際金融中心 is not a name).
    pub needs_name: bool,
    /// That proper name must be a place (江蘇|移動: a province's branch of a carrier).
    pub needs_place: bool,
    /// That proper name must be a brand, not a place or a body (騰訊|科技, 紅杉|資本, but not
    /// 上海|科技 or 中鐵一局電務公司|科技): the head is a common noun of its own.
    pub needs_brand: bool,
    /// The head word alone is evidence of a body (…署, …聯誼會): a name grown from it needs
    /// no confirmation by the name model (column `evidence`: `head`; default `model`).
    pub head_evidence: bool,
}

/// A proposal cue (建議, 希望 …) and how strong a proposal it signals.
#[derive(Debug, Clone)]
pub struct CueEntry {
    /// The cue word.
    pub cue: String,
    /// How strong a proposal it signals.
    pub strength: CueStrength,
}

/// How strongly a cue signals a proposal (see `cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    /// The speaker clearly proposes or demands (建議, 提出, 促請).
    Explicit,
    /// A hope or wish (希望, 盼望).
    Soft,
    /// 應, 須, 要: a "should" whose proposer must come from context.
    Modal,
    /// 認為, 相信: a view, never a proposal on its own.
    Opinion,
    /// 可以, 考慮: a possibility offered, too weak to be a proposal by itself.
    Possibility,
}

/// What a term of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// An organization (index into `orgs`).
    Org(usize),
    /// A place (index into `places`).
    Place(usize),
    /// A post (index into `posts`).
    Post(usize),
    /// A proposal cue (index into `cues`).
    Cue(usize),
    /// An occasion or document (index into `occasions`).
    Occasion(usize),
    /// A title modifier (index into `modifiers`).
    Modifier(usize),
}

impl Term {
    /// Whether the term names a body or a place: the test most recognition passes make
    /// before they trust a word as (part of) a name.
    pub fn is_org_or_place(&self) -> bool {
        matches!(self, Term::Org(_) | Term::Place(_))
    }
}

/// A one-character abbreviation of a place and the contexts it names the place in: in a
/// run of abbreviations (粵港澳) always; after a verb (來港) or before 方 (美方) if marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abbreviation {
    /// The place (index into `Lexicon::places`).
    pub place: usize,
    /// Also right after a verb of going, being or governing (來港, 治港).
    pub after_verb: bool,
    /// Also before 方, a party to talks (美方).
    pub before_side: bool,
}

/// The role a closed-class word plays for the rules (see `grammar.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Role {
    /// `after_name`: commonly follows a person's name (verbs of saying, adverbs, prepositions).
    AfterName,
    /// `boundary`: cannot be part of an organization or place name.
    Boundary,
    /// `pronoun`: a singular personal pronoun (他, 她).
    Pronoun,
    /// `coordinator`: starts a further proposal by the same proposer (又建議).
    Coordinator,
    /// `noun_marker`: right before a cue, makes the cue a noun (多項建議).
    NounMarker,
    /// `action`: a verb opening a further measure in a list (…，建立…，引進…).
    Action,
    /// `purpose`: opens a purpose or result clause, continuing the measure before it.
    Purpose,
    /// `preface`: a preposition opening a clause that belongs to the next (由海關牽頭，…).
    Preface,
    /// `attitude`: a verb of agreement; a cue after it reports someone else's proposal.
    Attitude,
    /// `plural`: a plural subject (他們, 各界).
    Plural,
    /// `members`: a post for a body's members as a group (議員, 代表): after the body's
    /// name with nobody named (民建聯議員建議…), the body speaks.
    Members,
    /// `submit`: a verb of submitting a motion (提交, 遞交): its titled object
    /// (《關於…的建議》) is a proposal of its subject.
    Submit,
    /// `addressee`: the common name of a body asked to act (政府, 當局): after a
    /// one-character cue (促, 籲) it makes the cue a verb.
    Addressee,
    /// `object_marker`: makes the name after it an object (向特區政府提出).
    ObjectMarker,
    /// `place_verb`: a verb after which a one-character abbreviation is a place (來港).
    PlaceVerb,
    /// `subject_verb`: follows a person who is a clause's subject (岑浩輝表示).
    SubjectVerb,
    /// `speech`: a verb of saying or thinking (表示, 指出, 認為): what follows is the
    /// subject's view, and a "should" in it is the subject's proposal.
    Speech,
    /// `opener`: a conjunction, adverb or time word that may open a clause before its
    /// subject (但, 昨日, 另外).
    Opener,
    /// `negation`: right before a cue, the cue is denied (不會要求, 沒有提出).
    Negation,
    /// `next_item`: at the start of a clause in a proposal, opens its next item (又, 或, 至於, 包括).
    NextItem,
    /// `unnamed`: opens a subject that names nobody (有人, 多名, 部分, 不少).
    Unnamed,
    /// `according`: "according to" (按照, 根據); a cue after it names a requirement (按照X要求).
    According,
    /// `first_person`: the writer (我, 本人, 筆者), the author of a signed article.
    FirstPerson,
    /// `byline`: introduces the author of an article (文|, 作者：).
    Byline,
    /// `cue_head`: a noun after a cue word that makes the cue a modifier (指示精神, 建議內容).
    CueHead,
    /// `assertion`: as the whole object of a cue, an assertion or a filing, not a proposal (提出質疑, 提出上訴).
    Assertion,
    /// `self_wish`: opening what someone hopes for, the hoper's own lot (希望能…, 希望得到…,
    /// 期望自己…): a wish that asks nothing of anyone.
    SelfWish,
    /// `difficulty`: ending what a should opens, says it is hard (要收緊並不容易, 要做到這點很難):
    /// the should is "to", and nothing is asked.
    Difficulty,
    /// `proposal_noun`: a noun for proposals (建議, 意見, 訴求): a short determined phrase
    /// ending in it names proposals (一些實質性建議) rather than stating one.
    ProposalNoun,
    /// `measure_noun`: a noun for measures or plans (措施, 方案): a short phrase ending in it
    /// or in a proposal noun announces a list (多項措施) rather than being an item.
    MeasureNoun,
    /// `proposal_determiner`: a determiner or quantifier (一些, 相關, 若干) that, before a
    /// proposal noun, makes the phrase name proposals rather than state one.
    ProposalDeterminer,
    /// `credit`: a word closing a photo credit right after a name (吳濤攝): not part of the
    /// name, even of a name of three characters.
    Credit,
    /// `party`: a party to a case or the court deciding it (原告, 被告, 上訴人, 本院): an
    /// article naming one reports a case.
    Party,
    /// `claim`: a cue that in a case is a party's claim (主張), not a proposal.
    Claim,
    /// `table`: a cue whose object is the thing put forward (提出), which may be a filing.
    Table,
    /// `filing`: a noun naming a filing (申請, 舉報, 上訴): the object of a `table` cue
    /// ending with one (提出工傷認定申請) files it, it proposes nothing.
    Filing,
    /// `group_modifier`: a word the segmenter tags as a verb that modifies a group's noun
    /// (相關|部門, 涉事|企業): part of the group's name, not a verb before it.
    GroupModifier,
    /// `commentator`: the title of a commentary's author (評論員): the person named after it
    /// says the article's unattributed "should"s.
    Commentator,
    /// `org_class`: a class of organization (企業, 銀行, 高校) after 等 closing a list of
    /// names (甲、乙等民營企業): the names are organizations of that class.
    OrgClass,
    /// `manner`: an adverb of how or when to act that the segmenter's dictionary tags
    /// otherwise (即時/c, 及時/c, 依法/n): after a group it starts what the group is asked to do.
    Manner,
    /// `besides`: a preposition of addition (除, 除了): a cue after it is still the subject's
    /// (王大明除建議…外，還建議…), unlike a cue after other prepositions, inside a noun phrase.
    Besides,
    /// `intention`: a verb of deciding or intending (決定, 發誓, 打算): a should after it
    /// is the subject's own plan (決定要幫她回家), not a proposal.
    Intention,
    /// `reflexive`: the subject itself (自己): a should after it (自己要…) is what the
    /// subject will or must do, not what anyone is asked.
    Reflexive,
    /// `foretell`: before a should, makes it a prediction or a supposition (可能要, 難免要, 若要).
    Foretell,
    /// `short_form`: a word a body's name often leaves out (人民 in 汶川縣人民檢察院 →
    /// 汶川縣檢察院).
    ShortForm,
    /// `class_body`: a body every county or city has, written without its place (人民法院
    /// in 向人民法院提起訴訟): it names a class of body, not one body.
    ClassBody,
    /// `local_body`: a body every province, city and county has, written after the level of
    /// its place alone (市|政府, 省|人大常委會): the local body of the place written about.
    LocalBody,
    /// `latin_company`: the head word of a company name in Latin script (Limited, Inc).
    LatinCompany,
    /// `determiner`: a demonstrative before a noun (該份, 這項): 該份報告 is the report
    /// named before.
    Determiner,
    /// `honorific`: after a surname alone, how Hong Kong news refers to someone it has
    /// named (董生, 羅太): the one person of that surname the article names, if any.
    Honorific,
    /// `married_name`: an honorific for a married woman (太, 太太), who is named with her
    /// husband's surname before her own (羅范美芬 is 羅太).
    MarriedName,
    /// `placeholder`: after a surname, stands for someone left unnamed (王某, 市民陳先生,
    /// 楊小姐): never a named person of that surname.
    Placeholder,
    /// `introducer`: opens the examples of a list (包括, 例如): 包括甲小學、乙小學.
    Introducer,
    /// `act_modal`: a should that asks for an act, never for a thing (應, 必須; not 要).
    ActModal,
    /// `contextual`: a body's name that means the body of the region written about (特區政府,
    /// 特區): a way to refer to it there, not one of its names.
    Contextual,
    /// `household`: after a name, the person's home or family (孟大德家, 魯家一家人): the
    /// person, not a longer name; after a surname alone, a family, not a person.
    Household,
    /// `former`: a word of tenure (原, 前任) that opens a phrase naming what a body or a
    /// holder was: never the first word of an organization's name (原|杭州市人民政府).
    Former,
    /// `direction`: a part of a region (東部, 中西部, 西北): ends like a body (部) but names
    /// none, and is no place after the place it is part of (中國|西北).
    Direction,
    /// `not_head`: a common word ending with a body's head word (幹部, 部署, 主辦, 全部):
    /// a list item ending with it is no name (國務院決策部署, 長治電視台主辦).
    NotHead,
    /// `glued`: a preposition or verb of going that the segmenter glues to an unknown word
    /// (耿利惠到, 對宏輝): a name grown leftwards starts after it.
    Glued,
    /// `litigant`: the court, the prosecution or the defence speaking in a judgment (本院認為,
    /// 公訴機關, 辯護人, 辯稱): a cue after it in its sentence argues a case, not a proposal.
    Litigant,
    /// `group`: the head of a common noun naming a group of people or a body that can be
    /// asked to act (市民, 家長, 部門, 機關): a noun phrase ending in it that opens a
    /// proposal's content before a verb (建議有關部門加強…) is the proposal's addressee.
    Group,
    /// `discourse`: a verb of saying or seeing that makes a should before it a discourse
    /// marker (應該說, 需要指出, 應當看到), which asks for nothing.
    Discourse,
    /// `letter`: a verb of writing to someone (去信, 致函): a cue opening the next clause
    /// asks the letter's recipient (去信立法會主席梁君彥，要求…).
    Letter,
}

impl Role {
    /// The role's bit in a set of roles (there are at most 128).
    fn bit(self) -> RoleSet {
        1 << self as u32
    }
}

/// All lexicons, indexed by Simplified form.
pub struct Lexicon {
    /// Known organizations (`organizations.tsv`).
    pub orgs: Vec<OrgEntry>,
    /// Known places (`places.tsv`).
    pub places: Vec<PlaceEntry>,
    /// Posts and titles (`posts.tsv`).
    pub posts: Vec<PostEntry>,
    /// Proposal cues (`cues.tsv`).
    pub cues: Vec<CueEntry>,
    /// Occasions (座談會) and documents (施政報告) with their kind (meeting, document …).
    pub occasions: Vec<(String, String)>,
    /// Title modifiers (港區, 香港特區 …: `title_modifiers.tsv`).
    pub modifiers: Vec<String>,
    /// Organization head words, longest first (`org_suffixes.tsv`).
    pub org_suffixes: Vec<Suffix>,
    /// Place head words, longest first (`place_suffixes.tsv`).
    pub place_suffixes: Vec<Suffix>,
    /// `org_suffixes` by Simplified form.
    pub org_heads: HeadIndex,
    /// `place_suffixes` by Simplified form.
    pub place_heads: HeadIndex,
    /// Surname → rank in the list (most common first).
    surnames: CharMap<usize>,
    /// Words tagged as names that are not (both scripts).
    not_names: CharMap<()>,
    /// One-character place abbreviations (Simplified) → where they may stand.
    abbreviations: CharKeyMap<Abbreviation>,
    /// Closed-class words by Simplified form → their roles (see grammar.tsv).
    grammar: HashMap<String, Vec<Role>>,
    /// `grammar` for look-ups: Simplified characters → a bit per role (`1 << role`).
    roles: CharMap<RoleSet>,
    /// First character → the roles of the words starting with it (most characters start
    /// none: one probe tells).
    roles_first: CharKeyMap<RoleSet>,
    /// Length of the longest closed-class word.
    roles_max_len: usize,
    /// Terms by Simplified form.
    terms: CharMap<Vec<Term>>,
    /// Long names (six characters or more, Simplified) by their first two characters, for
    /// abbreviated mentions (河套深港創新合作區 for 河套深港科技創新合作區).
    long_names: CharMap<Vec<(Vec<char>, Term)>>,
    /// Terms by Simplified key in the order of `matcher`'s patterns.
    patterns: Vec<String>,
    /// The terms of each of `patterns`.
    pattern_terms: Vec<Vec<Term>>,
    matcher: AhoCorasick,
    /// Head words as the name model's features read them.
    head_words: crate::ner::features::HeadWords,
}

/// The lexicon files: the built-in ones are compiled in; a folder given to
/// [`Lexicon::with_folder`] may hold any of them, whose rows are added.
pub const FILES: [&str; 12] = [
    "organizations.tsv",
    "places.tsv",
    "posts.tsv",
    "cues.tsv",
    "occasions.tsv",
    "title_modifiers.tsv",
    "org_suffixes.tsv",
    "place_suffixes.tsv",
    "surnames.tsv",
    "not_names.tsv",
    "grammar.tsv",
    "abbreviations.tsv",
];

/// The built-in text of one lexicon file.
fn builtin(file: &str) -> &'static str {
    match file {
        "organizations.tsv" => data!("organizations.tsv"),
        "places.tsv" => data!("places.tsv"),
        "posts.tsv" => data!("posts.tsv"),
        "cues.tsv" => data!("cues.tsv"),
        "occasions.tsv" => data!("occasions.tsv"),
        "title_modifiers.tsv" => data!("title_modifiers.tsv"),
        "org_suffixes.tsv" => data!("org_suffixes.tsv"),
        "place_suffixes.tsv" => data!("place_suffixes.tsv"),
        "surnames.tsv" => data!("surnames.tsv"),
        "not_names.tsv" => data!("not_names.tsv"),
        "grammar.tsv" => data!("grammar.tsv"),
        "abbreviations.tsv" => data!("abbreviations.tsv"),
        _ => "",
    }
}

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file or folder could not be read.
    #[error("{}", .path.display())]
    Read {
        /// What was read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A `.tsv` file whose name is not one of [`FILES`].
    #[error("{}: not a lexicon file (the names are {})", .0.display(), FILES.join(", "))]
    UnknownFile(PathBuf),
    /// A malformed row.
    #[error("{file}:{line}: {message}")]
    Row {
        /// The file (its path, or `built-in NAME`).
        file: String,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// One data row: where it came from and its columns (trimmed).
struct Row {
    file: String,
    line: usize,
    cols: Vec<String>,
}

impl Row {
    fn col(&self, i: usize) -> &str {
        self.cols.get(i).map_or("", String::as_str)
    }
    fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError::Row {
            file: self.file.clone(),
            line: self.line,
            message: message.into(),
        }
    }
}

/// The rows of every lexicon file, built-in first, then those of a user's folder.
#[derive(Default)]
struct Tables {
    rows: HashMap<&'static str, Vec<Row>>,
}

impl Tables {
    /// Add the rows of `text` (file `name`, shown as `origin`): `#` comments and blank
    /// lines skipped; every row needs its first column and at most `columns` columns.
    fn add(&mut self, name: &'static str, origin: &str, text: &str) -> Result<(), LexiconError> {
        let columns = match name {
            "surnames.tsv" | "not_names.tsv" => 1,
            "occasions.tsv" | "title_modifiers.tsv" | "grammar.tsv" => 2,
            "cues.tsv" | "abbreviations.tsv" => 3,
            "org_suffixes.tsv" | "place_suffixes.tsv" => 5,
            _ => 4,
        };
        let out = self.rows.entry(name).or_default();
        for (i, l) in text.lines().enumerate() {
            let l = l.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let cols: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            let row = Row {
                file: origin.to_string(),
                line: i + 1,
                cols,
            };
            if row.col(0).is_empty() {
                return Err(row.error("the first column is empty"));
            }
            if row.cols.len() > columns {
                return Err(row.error(format!(
                    "{} columns, but {name} has {columns} (columns are separated by tabs)",
                    row.cols.len()
                )));
            }
            out.push(row);
        }
        Ok(())
    }

    fn take(&mut self, name: &str) -> Vec<Row> {
        self.rows.remove(name).unwrap_or_default()
    }
}

fn list(col: &str) -> Vec<String> {
    col.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn one_of<T: Copy>(row: &Row, col: usize, what: &str, choices: &[(&str, T)]) -> Result<T, LexiconError> {
    let v = row.col(col);
    choices
        .iter()
        .find(|(k, _)| *k == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
            row.error(format!("unknown {what} `{v}` (expected {})", names.join(", ")))
        })
}

const STRENGTHS: [(&str, CueStrength); 5] = [
    ("explicit", CueStrength::Explicit),
    ("soft", CueStrength::Soft),
    ("modal", CueStrength::Modal),
    ("opinion", CueStrength::Opinion),
    ("possibility", CueStrength::Possibility),
];

/// The roles of a word, one bit each ([`Role::bit`]).
type RoleSet = u128;

// Roles are bits of a [`RoleSet`]: a 129th needs a wider set.
const _: () = assert!(ROLES.len() <= RoleSet::BITS as usize);

const ROLES: [(&str, Role); 64] = [
    ("after_name", Role::AfterName),
    ("boundary", Role::Boundary),
    ("pronoun", Role::Pronoun),
    ("coordinator", Role::Coordinator),
    ("noun_marker", Role::NounMarker),
    ("action", Role::Action),
    ("purpose", Role::Purpose),
    ("preface", Role::Preface),
    ("attitude", Role::Attitude),
    ("plural", Role::Plural),
    ("members", Role::Members),
    ("submit", Role::Submit),
    ("addressee", Role::Addressee),
    ("object_marker", Role::ObjectMarker),
    ("place_verb", Role::PlaceVerb),
    ("subject_verb", Role::SubjectVerb),
    ("speech", Role::Speech),
    ("opener", Role::Opener),
    ("negation", Role::Negation),
    ("next_item", Role::NextItem),
    ("unnamed", Role::Unnamed),
    ("according", Role::According),
    ("first_person", Role::FirstPerson),
    ("byline", Role::Byline),
    ("cue_head", Role::CueHead),
    ("foretell", Role::Foretell),
    ("short_form", Role::ShortForm),
    ("assertion", Role::Assertion),
    ("class_body", Role::ClassBody),
    ("local_body", Role::LocalBody),
    ("latin_company", Role::LatinCompany),
    ("determiner", Role::Determiner),
    ("honorific", Role::Honorific),
    ("married_name", Role::MarriedName),
    ("placeholder", Role::Placeholder),
    ("introducer", Role::Introducer),
    ("act_modal", Role::ActModal),
    ("contextual", Role::Contextual),
    ("household", Role::Household),
    ("former", Role::Former),
    ("direction", Role::Direction),
    ("not_head", Role::NotHead),
    ("glued", Role::Glued),
    ("litigant", Role::Litigant),
    ("group", Role::Group),
    ("discourse", Role::Discourse),
    ("letter", Role::Letter),
    ("self_wish", Role::SelfWish),
    ("difficulty", Role::Difficulty),
    ("proposal_noun", Role::ProposalNoun),
    ("measure_noun", Role::MeasureNoun),
    ("proposal_determiner", Role::ProposalDeterminer),
    ("credit", Role::Credit),
    ("intention", Role::Intention),
    ("party", Role::Party),
    ("claim", Role::Claim),
    ("table", Role::Table),
    ("filing", Role::Filing),
    ("group_modifier", Role::GroupModifier),
    ("commentator", Role::Commentator),
    ("manner", Role::Manner),
    ("org_class", Role::OrgClass),
    ("besides", Role::Besides),
    ("reflexive", Role::Reflexive),
];

impl Lexicon {
    /// The lexicons compiled into the library (`data/lexicon/`).
    pub fn embedded() -> Lexicon {
        Lexicon::load(None).expect("the built-in lexicons are well formed (a unit test checks)")
    }

    /// The built-in lexicons with the rows of the lexicon files in `dir` added (any of
    /// [`FILES`], same formats; other files such as a README are ignored). A malformed
    /// row is refused with its file and line.
    pub fn with_folder(dir: &Path) -> Result<Lexicon, LexiconError> {
        Lexicon::load(Some(dir))
    }

    fn load(dir: Option<&Path>) -> Result<Lexicon, LexiconError> {
        let mut tables = Tables::default();
        for name in FILES {
            tables.add(name, &format!("built-in {name}"), builtin(name))?;
        }
        if let Some(dir) = dir {
            let read = |path: &Path, e| LexiconError::Read {
                path: path.to_path_buf(),
                source: e,
            };
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| read(dir, e))?
                .map(|e| e.map(|e| e.path()).map_err(|e| read(dir, e)))
                .collect::<Result<_, _>>()?;
            paths.sort();
            for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "tsv")) {
                let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let Some(name) = FILES.iter().find(|f| **f == file_name) else {
                    return Err(LexiconError::UnknownFile(path.clone()));
                };
                let text = std::fs::read_to_string(path).map_err(|e| read(path, e))?;
                tables.add(name, &path.display().to_string(), &text)?;
            }
        }
        Lexicon::build(tables)
    }

    fn build(mut t: Tables) -> Result<Lexicon, LexiconError> {
        let orgs: Vec<OrgEntry> = t
            .take("organizations.tsv")
            .iter()
            .map(|r| OrgEntry {
                name: r.col(0).into(),
                aliases: list(r.col(1)),
                kind: r.col(2).into(),
                scope: r.col(3).into(),
            })
            .collect();
        let places: Vec<PlaceEntry> = t
            .take("places.tsv")
            .iter()
            .map(|r| PlaceEntry {
                name: r.col(0).into(),
                aliases: list(r.col(1)),
                kind: r.col(2).into(),
                parent: r.col(3).into(),
            })
            .collect();
        let posts: Vec<PostEntry> = t
            .take("posts.tsv")
            .iter()
            .map(|r| PostEntry {
                post: r.col(0).into(),
                rank: r.col(1).into(),
                category: r.col(2).into(),
                same_as: r.col(3).into(),
            })
            .collect();
        let cues: Vec<CueEntry> = t
            .take("cues.tsv")
            .iter()
            .map(|r| {
                Ok(CueEntry {
                    cue: r.col(0).into(),
                    strength: one_of(r, 1, "cue strength", &STRENGTHS)?,
                })
            })
            .collect::<Result<_, LexiconError>>()?;
        let occasions: Vec<(String, String)> = t
            .take("occasions.tsv")
            .iter()
            .map(|r| (r.col(0).into(), r.col(1).into()))
            .collect();
        let modifiers: Vec<String> = t
            .take("title_modifiers.tsv")
            .iter()
            .map(|r| r.col(0).into())
            .collect();
        let suffixes = |rows: Vec<Row>| -> Result<Vec<Suffix>, LexiconError> {
            let mut v = rows
                .iter()
                .map(|r| {
                    Ok(Suffix {
                        suffix: r.col(0).into(),
                        simp: to_simplified(r.col(0)),
                        len: r.col(0).chars().count(),
                        kind: r.col(1).into(),
                        min_prefix: r.col(2).parse().map_err(|_| {
                            r.error(format!("the shortest prefix `{}` is not a number", r.col(2)))
                        })?,
                        needs_name: one_of(
                            r,
                            3,
                            "prefix condition",
                            &[("name", true), ("place", true), ("brand", true), ("any", false)],
                        )?,
                        needs_place: r.col(3) == "place",
                        needs_brand: r.col(3) == "brand",
                        head_evidence: one_of(
                            r,
                            4,
                            "evidence",
                            &[("", false), ("model", false), ("head", true)],
                        )?,
                    })
                })
                .collect::<Result<Vec<_>, LexiconError>>()?;
            // Longest suffix first, so 委員會 wins over 會.
            v.sort_by_key(|s| std::cmp::Reverse(s.len));
            Ok(v)
        };
        let org_suffixes = suffixes(t.take("org_suffixes.tsv"))?;
        let place_suffixes = suffixes(t.take("place_suffixes.tsv"))?;
        let mut surnames: CharMap<usize> = CharMap::default();
        for (rank, r) in t.take("surnames.tsv").iter().enumerate() {
            for k in [to_simplified(r.col(0)), r.col(0).to_string()] {
                surnames.entry(k.chars().collect()).or_insert(rank);
            }
        }
        let not_names: CharMap<()> = t
            .take("not_names.tsv")
            .iter()
            .flat_map(|r| [to_simplified(r.col(0)), r.col(0).to_string()])
            .map(|k| (k.chars().collect(), ()))
            .collect();
        let mut grammar: HashMap<String, Vec<Role>> = HashMap::new();
        for r in t.take("grammar.tsv") {
            let role = one_of(&r, 1, "role", &ROLES)?;
            grammar.entry(to_simplified(r.col(0))).or_default().push(role);
        }
        let mut roles: CharMap<RoleSet> = CharMap::default();
        for (word, rs) in &grammar {
            let bits = rs.iter().fold(0, |bits, &r| bits | r.bit());
            *roles.entry(word.chars().collect()).or_default() |= bits;
        }
        let roles_max_len = roles.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut roles_first: CharKeyMap<RoleSet> = CharKeyMap::default();
        for (word, bits) in &roles {
            if let Some(&c) = word.first() {
                *roles_first.entry(c).or_default() |= bits;
            }
        }

        let mut terms: CharMap<Vec<Term>> = CharMap::default();
        let mut add = |name: &str, t: Term| {
            if name.is_empty() {
                return;
            }
            let v = terms
                .entry(name.chars().map(simplified_char).collect())
                .or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (i, o) in orgs.iter().enumerate() {
            add(&o.name, Term::Org(i));
            o.aliases.iter().for_each(|a| add(a, Term::Org(i)));
        }
        for (i, p) in places.iter().enumerate() {
            add(&p.name, Term::Place(i));
            p.aliases.iter().for_each(|a| add(a, Term::Place(i)));
        }
        posts
            .iter()
            .enumerate()
            .for_each(|(i, p)| add(&p.post, Term::Post(i)));
        cues.iter()
            .enumerate()
            .for_each(|(i, c)| add(&c.cue, Term::Cue(i)));
        occasions
            .iter()
            .enumerate()
            .for_each(|(i, (o, _))| add(o, Term::Occasion(i)));
        modifiers
            .iter()
            .enumerate()
            .for_each(|(i, m)| add(m, Term::Modifier(i)));

        let mut abbreviations: CharKeyMap<Abbreviation> = CharKeyMap::default();
        for r in t.take("abbreviations.tsv") {
            let place = places
                .iter()
                .position(|p| p.name == r.col(1) || p.aliases.iter().any(|a| a == r.col(1)))
                .ok_or_else(|| r.error(format!("`{}` is not a place of places.tsv", r.col(1))))?;
            let mut chars = to_simplified(r.col(0)).chars().collect::<Vec<_>>();
            if chars.len() != 1 {
                return Err(r.error("an abbreviation is one character"));
            }
            let mut ab = Abbreviation {
                place,
                after_verb: false,
                before_side: false,
            };
            for w in r.col(2).split_whitespace() {
                match w {
                    "sequence" => {}
                    "verb" => ab.after_verb = true,
                    "side" => ab.before_side = true,
                    w => {
                        return Err(r.error(format!("unknown context `{w}` (expected sequence, verb, side)")))
                    }
                }
            }
            abbreviations.insert(chars.remove(0), ab);
        }
        let mut long_names: CharMap<Vec<(Vec<char>, Term)>> = CharMap::default();
        for (key, ts) in &terms {
            let chars: Vec<char> = key.to_vec();
            if chars.len() >= 6 {
                for t in ts.iter().filter(|t| t.is_org_or_place()) {
                    long_names
                        .entry(chars[..2].into())
                        .or_default()
                        .push((chars.clone(), *t));
                }
            }
        }
        // `terms` iterates in no fixed order: sort so that every run resolves alike.
        for v in long_names.values_mut() {
            v.sort();
        }
        // Single characters (美, 港) are too ambiguous to match blindly in running text;
        // the recognizer asks for them explicitly where the context allows.
        let mut patterns: Vec<String> = terms
            .keys()
            .filter(|k| k.len() >= 2)
            .map(|k| k.iter().collect())
            .collect();
        patterns.sort();
        let pattern_terms: Vec<Vec<Term>> = patterns
            .iter()
            .map(|p| terms[&p.chars().collect::<Box<[char]>>()].clone())
            .collect();
        // Latin names match in any case (facebook, FACEBOOK); see `find_terms`.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("lexicon patterns build an automaton");
        Ok(Lexicon {
            orgs,
            places,
            posts,
            cues,
            occasions,
            modifiers,
            head_words: crate::ner::features::HeadWords::new(&org_suffixes, &place_suffixes),
            org_heads: HeadIndex::new(&org_suffixes),
            place_heads: HeadIndex::new(&place_suffixes),
            org_suffixes,
            place_suffixes,
            surnames,
            not_names,
            grammar,
            roles,
            roles_first,
            roles_max_len,
            abbreviations,
            terms,
            long_names,
            patterns,
            pattern_terms,
            matcher,
        })
    }

    /// A short digest of every entry (rows added from a folder change it).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut keys: Vec<(String, &Vec<Term>)> =
            self.terms.iter().map(|(k, v)| (k.iter().collect(), v)).collect();
        keys.sort();
        for (p, ts) in keys {
            h.update(p.as_bytes());
            h.update([0]);
            for t in ts {
                h.update(format!("{t:?}").as_bytes());
            }
        }
        let mut rest: Vec<String> = self
            .surnames
            .keys()
            .chain(self.not_names.keys())
            .map(|k| k.iter().collect())
            .collect();
        rest.extend(self.grammar.iter().map(|(k, v)| format!("{k}{v:?}")));
        rest.extend(
            self.org_suffixes
                .iter()
                .chain(&self.place_suffixes)
                .map(|s| format!("{s:?}")),
        );
        rest.extend(self.abbreviations.iter().map(|(k, v)| format!("{k}{v:?}")));
        rest.sort();
        for r in rest {
            h.update(r.as_bytes());
            h.update([0]);
        }
        h.finalize()[..4].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Head words as the name model's features read them.
    pub(crate) fn head_words(&self) -> &crate::ner::features::HeadWords {
        &self.head_words
    }

    /// What `text` (either script) is in the lexicon, if anything.
    pub fn lookup(&self, text: &str) -> &[Term] {
        with_simplified(text.chars(), |k| self.terms.get(k))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// [`Lexicon::lookup`] for a slice of the text (either script), without a `String`.
    pub fn lookup_chars(&self, text: &[char]) -> &[Term] {
        with_simplified(text.iter().copied(), |k| self.terms.get(k))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether `text` (either script) is a known organization or place.
    pub fn is_org_or_place(&self, text: &str) -> bool {
        self.lookup(text).iter().any(Term::is_org_or_place)
    }

    /// [`Lexicon::is_org_or_place`] for a slice of the text (either script).
    pub fn is_org_or_place_chars(&self, text: &[char]) -> bool {
        self.lookup_chars(text).iter().any(Term::is_org_or_place)
    }

    /// Leftmost-longest matches of lexicon terms of two or more characters in a Simplified
    /// text, as `(start, end, key)` in characters.
    pub fn find_terms<'a>(&'a self, simplified: &'a [char]) -> Vec<(usize, usize, &'a [Term])> {
        let s: String = simplified.iter().collect();
        let bytes = s.as_bytes();
        // Matches come in text order without overlapping, so byte offsets turn into
        // character offsets by counting on from the last one.
        let (mut byte, mut chars) = (0, 0);
        let mut char_at = |b: usize| {
            chars += s[byte..b].chars().count();
            byte = b;
            chars
        };
        let mut out = Vec::new();
        for m in self.matcher.find_iter(&s) {
            // A match in another case must be a whole Latin word (facebook, not the
            // meta of metadata).
            let key = &self.patterns[m.pattern().as_usize()];
            let word_before = m.start() > 0 && bytes[m.start() - 1].is_ascii_alphanumeric();
            let word_after = m.end() < bytes.len() && bytes[m.end()].is_ascii_alphanumeric();
            if &s[m.range()] == key.as_str() || !(word_before || word_after) {
                let (a, b) = (char_at(m.start()), char_at(m.end()));
                out.push((a, b, self.pattern_terms[m.pattern().as_usize()].as_slice()));
            }
        }
        out
    }

    /// Does the closed-class word `s` (either script) play `role`?
    pub fn has_role(&self, s: &str, role: Role) -> bool {
        with_chars(s.chars(), |k| self.has_role_chars(k, role))
    }

    /// [`Lexicon::has_role`] for a slice of the text (either script), without a `String`.
    pub fn has_role_chars(&self, s: &[char], role: Role) -> bool {
        if s.len() > self.roles_max_len {
            return false;
        }
        // Most characters start no word with the role: one probe before converting the rest.
        if s.first().is_some_and(|&c| self.first_roles(c) & role.bit() == 0) {
            return false;
        }
        with_simplified(s.iter().copied(), |k| self.roles_of(k)) & role.bit() != 0
    }

    /// The roles of the words starting with `c` (either script), a bit each.
    fn first_roles(&self, c: char) -> RoleSet {
        self.roles_first.get(&simplified_char(c)).copied().unwrap_or(0)
    }

    /// The roles of a Simplified word, a bit each.
    fn roles_of(&self, simplified: &[char]) -> RoleSet {
        if simplified.len() > self.roles_max_len {
            return 0;
        }
        self.roles.get(simplified).copied().unwrap_or(0)
    }

    /// Length of the longest word with `role` that `text` (either script) ends with.
    pub fn role_suffix(&self, text: &[char], role: Role) -> Option<usize> {
        (1..=text.len().min(self.roles_max_len))
            .rev()
            .find(|&n| self.has_role_chars(&text[text.len() - n..], role))
    }

    /// Length of the longest word with `role` that `text` starts with (up to 4 characters).
    pub fn role_prefix(&self, text: &[char], role: Role) -> Option<usize> {
        self.role_prefix_lengths(text, role).next()
    }

    /// The lengths (longest first, up to 4 characters) of the words with `role` that
    /// `text` (either script) starts with: `role_prefix` and the next shorter ones.
    pub fn role_prefix_lengths(&self, text: &[char], role: Role) -> impl Iterator<Item = usize> {
        let n = text.len().min(4);
        let first = text.first().map_or(0, |&c| self.first_roles(c));
        // A bit per length that is a word with the role.
        let lengths = if first & role.bit() == 0 {
            0
        } else {
            with_simplified(text[..n].iter().copied(), |k| {
                (1..=n)
                    .filter(|&n| self.roles_of(&k[..n]) & role.bit() != 0)
                    .fold(0u8, |bits, n| bits | 1 << n)
            })
        };
        (1..=n).rev().filter(move |&n| lengths & 1 << n != 0)
    }

    /// The place a one-character abbreviation (Simplified) stands for, and where it may
    /// stand (see `abbreviations.tsv`).
    pub fn abbreviation(&self, c: char) -> Option<Abbreviation> {
        self.abbreviations.get(&c).copied()
    }

    /// Known long names (Simplified) starting with these two characters.
    pub fn long_names(&self, first_two: &[char]) -> &[(Vec<char>, Term)] {
        self.long_names.get(first_two).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Is `s` (either script) a surname?
    pub fn is_surname(&self, s: &str) -> bool {
        with_chars(s.chars(), |k| self.surnames.contains_key(k))
    }

    /// Rank of a surname in the list, most common first.
    pub fn surname_rank(&self, s: &str) -> Option<usize> {
        with_chars(s.chars(), |k| self.surname_rank_chars(k))
    }

    /// [`Lexicon::surname_rank`] for a slice of the text.
    pub fn surname_rank_chars(&self, s: &[char]) -> Option<usize> {
        self.surnames.get(s).copied()
    }

    /// Words the segmenter tags as names that are not names (常用詞).
    pub fn is_not_name(&self, s: &str) -> bool {
        with_chars(s.chars(), |k| self.not_names.contains_key(k))
            || with_simplified(s.chars(), |k| self.not_names.contains_key(k))
    }

    /// Is `c` (Simplified) the one-character level of an administrative place (省, 市, 縣,
    /// 區, 鎮, 鄉, 村; `place_suffixes.tsv` types province to village)?
    pub fn is_place_level(&self, c: char) -> bool {
        self.place_heads.first.get(&[c][..]).is_some_and(|&i| {
            matches!(
                self.place_suffixes[i].kind.as_str(),
                "province" | "city" | "district" | "township" | "village"
            )
        })
    }

    /// Is `name` (Simplified) a married woman's name whose first `surname` characters are
    /// her husband's surname: then her own single surname and a two-character given name
    /// (罗范美芬 after 罗)?
    pub fn is_married_name(&self, name: &[char], surname: usize) -> bool {
        name.len() == surname + 3 && self.surname_len(&name[surname..]) == Some(1)
    }

    /// Length of the surname that `name` starts with: compound (歐陽) before single.
    pub fn surname_len(&self, name: &[char]) -> Option<usize> {
        [2, 1]
            .into_iter()
            .find(|&n| name.len() > n && self.surnames.contains_key(&name[..n]))
    }

    /// The post `s` (either script), if it is one.
    pub fn is_post(&self, s: &str) -> Option<&PostEntry> {
        self.lookup(s).iter().find_map(|t| match t {
            Term::Post(i) => Some(&self.posts[*i]),
            _ => None,
        })
    }

    /// The known organization named `s` (either script, any of its names).
    pub fn org(&self, s: &str) -> Option<usize> {
        first_org(self.lookup(s))
    }

    /// [`Lexicon::org`] for a slice of the text.
    pub fn org_chars(&self, s: &[char]) -> Option<usize> {
        first_org(self.lookup_chars(s))
    }

    /// The known place named `s` (either script, any of its names).
    pub fn place(&self, s: &str) -> Option<usize> {
        first_place(self.lookup(s))
    }

    /// [`Lexicon::place`] for a slice of the text.
    pub fn place_chars(&self, s: &[char]) -> Option<usize> {
        first_place(self.lookup_chars(s))
    }

    /// Does `text` end with a post (記者, 局長 …)? Used on bylines.
    pub fn ends_with_post(&self, text: &str) -> bool {
        self.ends_with_post_where(text, |_| true)
    }

    /// Does `text` end with a post of this category (`media`: 記者, 編輯 …)? Used on bylines.
    pub fn ends_with_post_of(&self, text: &str, category: &str) -> bool {
        self.ends_with_post_where(text, |p| p.category == category)
    }

    /// Does `text` end with a post (of up to eight characters) that `keep` accepts?
    fn ends_with_post_where(&self, text: &str, keep: impl Fn(&PostEntry) -> bool) -> bool {
        let chars: Vec<char> = text.chars().collect();
        (1..=chars.len().min(8)).any(|n| {
            let tail: String = chars[chars.len() - n..].iter().collect();
            self.is_post(&tail).is_some_and(&keep)
        })
    }

    /// The organization whose name or alias `text` starts with, longest first, with the
    /// length of that prefix: splits composite posts (全國政協委員 → 全國政協 + 委員).
    pub fn org_prefix(&self, text: &[char]) -> Option<(usize, usize)> {
        (2..text.len())
            .rev()
            .find_map(|n| self.org_chars(&text[..n]).map(|o| (o, n)))
    }

    /// Every term for the segmenter's user dictionary: (Simplified word, POS tag).
    pub fn user_words(&self) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (key, ts) in &self.terms {
            if key.len() < 2 {
                continue;
            }
            let tag = match ts[0] {
                Term::Org(_) => "nt",
                Term::Place(_) => "ns",
                Term::Post(_) => "nn",
                Term::Cue(_) => "v",
                Term::Occasion(_) => "n",
                Term::Modifier(_) => "b",
            };
            out.push((key.iter().collect(), tag));
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_in_both_scripts() {
        let lx = crate::pipeline::test_extractor().lexicon();
        assert!(lx.orgs.len() > 100 && lx.places.len() > 300 && lx.posts.len() > 50);
        assert!(lx.is_surname("黃") && lx.is_surname("黄") && lx.is_surname("歐陽"));
        assert!(lx.surname_rank("陳").unwrap() < 50);
        let post = lx.is_post("特首").unwrap();
        assert_eq!(post.canonical(), "行政長官");
        let composite: Vec<char> = "全國政協委員".chars().collect();
        let (o, n) = lx.org_prefix(&composite).unwrap();
        assert_eq!(
            (lx.orgs[o].aliases.contains(&"全國政協".to_string()), n),
            (true, 4)
        );
        assert!(lx.org("全國政協").is_some() && lx.org("全国政协").is_some());
        assert!(lx.place("深圳").is_some());
        assert!(lx.is_post("局長").is_some() && lx.is_post("局长").is_some());
        assert!(lx.ends_with_post("香港文匯報記者"));
        assert_eq!(lx.surname_len(&"歐陽震華".chars().collect::<Vec<_>>()), Some(2));
    }

    #[test]
    fn finds_longest_terms() {
        let lx = crate::pipeline::test_extractor().lexicon();
        let text: Vec<char> = to_simplified("港區全國人大代表在立法會發言").chars().collect();
        let found: Vec<String> = lx
            .find_terms(&text)
            .iter()
            .map(|(s, e, _)| text[*s..*e].iter().collect())
            .collect();
        assert!(found.contains(&"全国人大代表".to_string()), "{found:?}");
        assert!(found.contains(&"立法会".to_string()), "{found:?}");
    }

    /// Texts ending with every head word, with a longer word, a word in the other script
    /// and with none, for the index tests.
    fn probe_texts(lx: &Lexicon) -> Vec<Vec<char>> {
        let mut texts: Vec<Vec<char>> = [
            "香港數據中心",
            "江蘇移動",
            "污水處理廠",
            "深圳市",
            "發言",
            "",
            "會",
        ]
        .iter()
        .map(|t| to_simplified(t).chars().collect())
        .collect();
        for x in lx.org_suffixes.iter().chain(&lx.place_suffixes) {
            for prefix in ["", "香港", "特區政府"] {
                texts.push(format!("{prefix}{}", x.simp).chars().collect());
                texts.push(format!("{prefix}{}", x.suffix).chars().collect());
                texts.push(format!("{prefix}{}x", x.simp).chars().collect());
            }
        }
        texts
    }

    #[test]
    fn head_index_chooses_as_a_scan_of_the_list() {
        let lx = crate::pipeline::test_extractor().lexicon();
        for (list, index) in [
            (&lx.org_suffixes, &lx.org_heads),
            (&lx.place_suffixes, &lx.place_heads),
        ] {
            for text in probe_texts(lx) {
                let scan = list.iter().position(|x| {
                    let k: Vec<char> = x.simp.chars().collect();
                    text.ends_with(&k)
                });
                assert_eq!(index.ending(&text), scan, "{}", text.iter().collect::<String>());
                assert_eq!(index.ending_len(&text), scan.map(|i| list[i].len));
                if let Some(i) = scan {
                    assert!(index.contains(&text[text.len() - list[i].len..]));
                }
            }
        }
        // Longest first: 委員會, not 會.
        let text: Vec<char> = to_simplified("提案委員會").chars().collect();
        let i = lx.org_heads.ending(&text).expect("a head word");
        assert_eq!(lx.org_suffixes[i].simp, "委员会");
    }

    #[test]
    fn slice_look_ups_agree_with_string_look_ups() {
        let lx = crate::pipeline::test_extractor().lexicon();
        let text: Vec<char> = "港區全國人大代表黃錦輝表示，建議特區政府應該加強陳大文說據報道歐陽"
            .chars()
            .collect();
        let roles = ROLES.map(|(_, r)| r);
        for a in 0..text.len() {
            for b in a..=(a + 8).min(text.len()) {
                let (span, word): (&[char], String) = (&text[a..b], text[a..b].iter().collect());
                assert_eq!(lx.lookup_chars(span), lx.lookup(&word), "{word}");
                assert_eq!(lx.org_chars(span), lx.org(&word), "{word}");
                assert_eq!(lx.place_chars(span), lx.place(&word), "{word}");
                for role in roles {
                    let old = lx
                        .grammar
                        .get(&to_simplified(&word))
                        .is_some_and(|r| r.contains(&role));
                    assert_eq!(lx.has_role(&word, role), old, "{word} {role:?}");
                    assert_eq!(lx.has_role_chars(span, role), old, "{word} {role:?}");
                }
            }
            for role in roles {
                // The old role_prefix: the longest of 4, 3, 2, 1 characters with the role.
                let rest = &text[a..];
                let old: Vec<usize> = (1..=rest.len().min(4))
                    .rev()
                    .filter(|&n| lx.has_role(&rest[..n].iter().collect::<String>(), role))
                    .collect();
                let new: Vec<usize> = lx.role_prefix_lengths(rest, role).collect();
                assert_eq!(new, old);
                assert_eq!(lx.role_prefix(rest, role), old.first().copied());
                // role_suffix: the longest word with the role that the text before ends with.
                let head = &text[..a];
                let longest = (1..=head.len())
                    .rev()
                    .find(|&n| lx.has_role(&head[head.len() - n..].iter().collect::<String>(), role));
                assert_eq!(lx.role_suffix(head, role), longest);
            }
        }
        assert_eq!(lx.surname_len(&['欧', '阳', '明']), Some(2));
        assert!(lx.is_surname("陳") && lx.is_surname("陈"));
        assert_eq!(lx.surname_rank_chars(&['陈']), lx.surname_rank("陈"));
    }

    #[test]
    fn long_probes_spill_to_the_heap() {
        let lx = crate::pipeline::test_extractor().lexicon();
        let long: String = "中華人民共和國香港特別行政區政府".repeat(3);
        let chars: Vec<char> = long.chars().collect();
        assert!(chars.len() > PROBE_LEN);
        assert!(lx.lookup(&long).is_empty() && lx.lookup_chars(&chars).is_empty());
        let simplified = with_simplified(long.chars(), |k| k.iter().collect::<String>());
        assert_eq!(simplified, to_simplified(&long));
    }

    /// A folder of the test's own, removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str, files: &[(&str, &str)]) -> Folder {
            let dir = std::env::temp_dir().join(format!("zhkg-lexicon-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (f, text) in files {
                std::fs::write(dir.join(f), text).unwrap();
            }
            Folder(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_built_in_files_are_well_formed() {
        Lexicon::load(None).expect("built-in lexicons parse");
    }

    #[test]
    fn a_folder_adds_rows_to_the_built_in_lexicons() {
        let builtin = Lexicon::embedded();
        assert!(builtin.is_post("首席數據官").is_none() && builtin.place("鹿頸").is_none());
        let f = Folder::new(
            "added",
            &[
                ("posts.tsv", "# my posts\n首席數據官\tmember\tprofession\n"),
                ("places.tsv", "鹿頸\t\tvillage\t香港\n"),
                ("README.md", "not a lexicon, ignored"),
            ],
        );
        let lx = Lexicon::with_folder(&f.0).expect("loads");
        assert!(lx.is_post("首席數據官").is_some() && lx.is_post("首席数据官").is_some());
        assert!(lx.place("鹿頸").is_some() && lx.place("鹿颈").is_some());
        assert_eq!(lx.posts.len(), builtin.posts.len() + 1);
        assert_ne!(lx.fingerprint(), builtin.fingerprint());
    }

    #[test]
    fn malformed_rows_are_refused_with_file_and_line() {
        for (file, text, line, what) in [
            (
                "cues.tsv",
                "# cues\n倡導\texplicit\n呼喊\tloud\n",
                3,
                "unknown cue strength `loud`",
            ),
            (
                "grammar.tsv",
                "\n表明\tafter_name\n\n宣稱\tspeaker\n",
                4,
                "unknown role `speaker`",
            ),
            (
                "org_suffixes.tsv",
                "學會\tassociation\ttwo\tname\n",
                1,
                "is not a number",
            ),
            (
                "org_suffixes.tsv",
                "學會\tassociation\t2\tname\talone\n",
                1,
                "unknown evidence `alone`",
            ),
            ("abbreviations.tsv", "渝\t火星\tsequence\n", 1, "not a place"),
            ("posts.tsv", "\tmember\tprofession\n", 1, "first column is empty"),
            ("surnames.tsv", "陳\t1\n", 1, "columns"),
        ] {
            let f = Folder::new("bad", &[(file, text)]);
            let err = Lexicon::with_folder(&f.0)
                .err()
                .unwrap_or_else(|| panic!("{file} accepted"));
            let msg = err.to_string();
            let want = format!("{}:{line}: ", f.0.join(file).display());
            assert!(msg.starts_with(&want) && msg.contains(what), "{file}: {msg}");
        }
        let f = Folder::new("unknown", &[("people.tsv", "張三\n")]);
        let msg = Lexicon::with_folder(&f.0).err().expect("refused").to_string();
        assert!(msg.contains("people.tsv: not a lexicon file"), "{msg}");
        let missing = std::env::temp_dir().join("zhkg-no-such-lexicon-folder");
        assert!(matches!(
            Lexicon::with_folder(&missing),
            Err(LexiconError::Read { .. })
        ));
    }
}
