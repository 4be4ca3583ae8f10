//! The names of the rules that produce mentions and facts: one enum, so `zhkg explain`
//! and the graph (`zhkg:rule`) can list every rule, and a typo cannot invent one.

/// A rule of recognition or fact extraction; written in the graph as [`Rule::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A known organization of organizations.tsv.
    LexiconOrganization,
    /// A known place of places.tsv.
    LexiconPlace,
    /// A post or title of posts.tsv.
    LexiconPost,
    /// A post whose first part names a known body (全國政協委員).
    CompositePost,
    /// The head's post after its body's name, sharing its last character (入境處長).
    ElidedPost,
    /// The known body named at the start of a composite post.
    CompositePostOrganization,
    /// An occasion or document of occasions.tsv (兩會, 施政報告).
    LexiconOccasion,
    /// A title modifier of title_modifiers.tsv (港區).
    LexiconModifier,
    /// A name grown leftwards from an organization head word (…協會).
    SuffixOrganization,
    /// A name grown leftwards from a place head word (…區, …合作區).
    SuffixPlace,
    /// An organization the segmenter tagged nt, anchored on a known name.
    SegmenterOrganization,
    /// A name in quotation marks or 《》 before an organization head word.
    QuotedOrganization,
    /// A shortened form of a long known name (河套深港創新合作區).
    AbbreviatedName,
    /// A Latin company name (DeepSeek, Tencent Holdings).
    LatinCompany,
    /// A personal pronoun (他, 她).
    Pronoun,
    /// A place written after the place it lies in (深圳前海).
    PlaceWithParent,
    /// A place abbreviation in a run of them (粵港澳).
    EnumeratedAbbreviation,
    /// A run of one-character place abbreviations.
    AbbreviationRun,
    /// A place abbreviation after a verb of going or governing (來港).
    AbbreviationAfterVerb,
    /// A place abbreviation before 方 (美方).
    AbbreviationSide,
    /// A head word alone referring to the organization named before (協會).
    HeadReference,
    /// An organization named inside a title, part of the title.
    OrganInTitle,
    /// A branch or sub-unit written after its organization.
    OrganizationBranch,
    /// A local body written with the level of its place only (市人大常委會, 省政府).
    LocalBody,
    /// The body of a place the rules or the model found, named after it (石門鎮人民政府).
    PlaceBody,
    /// The party committee of a place, written as the place and 委 (仙桃市委, 碧江區委政法委).
    PartyCommittee,
    /// An organization in a list beside a named one, ending with a head word (甲小學及乙小學).
    EnumeratedOrganization,
    /// A name listed before 等 and a class of organization (甲、乙等民營企業).
    ListedBeforeClass,
    /// A person named right after a title (委員黃錦輝).
    TitleName,
    /// A person named right before a title (黃錦輝委員).
    NameTitle,
    /// A reporter named in a byline.
    BylineName,
    /// A person named before a verb of saying (岑浩輝表示).
    SpeakerName,
    /// A person named between a body or title and a verb of saying (公民黨譚文傑表示).
    TitledSpeaker,
    /// A person the segmenter tagged nr, with a known surname.
    SegmenterPerson,
    /// A name in a list after a named person (張三、李四).
    EnumeratedName,
    /// Another occurrence of a person's name found by a rule.
    SameName,
    /// Another occurrence of a place's name found elsewhere in the document, where the
    /// segmenter glued it to the word after (棉花坪村要).
    SamePlace,
    /// A person found by the name model.
    ModelPerson,
    /// An organization found by the name model.
    ModelOrganization,
    /// A place found by the name model.
    ModelPlace,
    /// A position from the titles written before a name.
    TitleChain,
    /// A position shared by names listed after a titled name (記者 子京、康敬).
    SharedTitle,
    /// A position from a title linked by 的 to a title chain (小組組長的人大委員長張德江).
    LinkedTitle,
    /// A position from a byline (記者：張三、李四).
    Byline,
    /// A position from a title after the name and a copula (邱少明生前為特種救援隊成員).
    CopulaTitle,
    /// A position from a post right after the name (習近平總書記).
    TitleAfterName,
    /// A proposal whose proposer is the subject before its cue.
    CueSubject,
    /// A proposal whose proposer is carried from the sentence before.
    CueCarriedSubject,
    /// A proposal in a relative clause naming its own proposer.
    CueRelativeClause,
    /// One measure of a list after a cue.
    CueListedMeasure,
    /// One measure of a list cut by semicolons.
    SemicolonList,
    /// A proposal in a relative clause before its proposer (一直主張封關的王永平).
    CueBeforeProposer,
    /// An item of a list whose enumerators go on after the cue's sentence (一是…。二是…).
    EnumeratedItem,
    /// A should (應, 要, 必須) in what a named speaker says (X指出，政府應…).
    SpeechModal,
    /// A should opening a sentence that goes on with the speaker before (X指出…。要…；要…).
    SpeechModalContinued,
    /// A motion submitted by its title (提交了《關於…的建議》).
    TitledMotion,
    /// A proposal's addressee named by a common noun (建議有關部門…, 向市民呼籲…).
    GroupAddressee,
    /// A proposer named by a common noun, right before its cue (部分媒體建議…, 不少家長希望…).
    GroupProposer,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 58] = [
        Rule::LexiconOrganization,
        Rule::LexiconPlace,
        Rule::LexiconPost,
        Rule::CompositePost,
        Rule::ElidedPost,
        Rule::CompositePostOrganization,
        Rule::LexiconOccasion,
        Rule::LexiconModifier,
        Rule::SuffixOrganization,
        Rule::SuffixPlace,
        Rule::SegmenterOrganization,
        Rule::QuotedOrganization,
        Rule::AbbreviatedName,
        Rule::LatinCompany,
        Rule::Pronoun,
        Rule::PlaceWithParent,
        Rule::EnumeratedAbbreviation,
        Rule::AbbreviationRun,
        Rule::AbbreviationAfterVerb,
        Rule::AbbreviationSide,
        Rule::HeadReference,
        Rule::OrganInTitle,
        Rule::OrganizationBranch,
        Rule::LocalBody,
        Rule::PlaceBody,
        Rule::PartyCommittee,
        Rule::EnumeratedOrganization,
        Rule::ListedBeforeClass,
        Rule::TitleName,
        Rule::NameTitle,
        Rule::BylineName,
        Rule::SpeakerName,
        Rule::TitledSpeaker,
        Rule::SegmenterPerson,
        Rule::EnumeratedName,
        Rule::SameName,
        Rule::SamePlace,
        Rule::ModelPerson,
        Rule::ModelOrganization,
        Rule::ModelPlace,
        Rule::TitleChain,
        Rule::SharedTitle,
        Rule::LinkedTitle,
        Rule::Byline,
        Rule::CopulaTitle,
        Rule::TitleAfterName,
        Rule::CueSubject,
        Rule::CueCarriedSubject,
        Rule::CueRelativeClause,
        Rule::CueListedMeasure,
        Rule::SemicolonList,
        Rule::CueBeforeProposer,
        Rule::EnumeratedItem,
        Rule::SpeechModal,
        Rule::SpeechModalContinued,
        Rule::TitledMotion,
        Rule::GroupAddressee,
        Rule::GroupProposer,
    ];

    /// The rule's name (`title-chain`), as `zhkg:rule` in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::LexiconOrganization => "lexicon-organization",
            Rule::LexiconPlace => "lexicon-place",
            Rule::LexiconPost => "lexicon-post",
            Rule::CompositePost => "composite-post",
            Rule::ElidedPost => "elided-post",
            Rule::CompositePostOrganization => "composite-post-organization",
            Rule::LexiconOccasion => "lexicon-occasion",
            Rule::LexiconModifier => "lexicon-modifier",
            Rule::SuffixOrganization => "suffix-organization",
            Rule::SuffixPlace => "suffix-place",
            Rule::SegmenterOrganization => "segmenter-organization",
            Rule::QuotedOrganization => "quoted-organization",
            Rule::AbbreviatedName => "abbreviated-name",
            Rule::LatinCompany => "latin-company",
            Rule::Pronoun => "pronoun",
            Rule::PlaceWithParent => "place-with-parent",
            Rule::EnumeratedAbbreviation => "enumerated-abbreviation",
            Rule::AbbreviationRun => "abbreviation-run",
            Rule::AbbreviationAfterVerb => "abbreviation-after-verb",
            Rule::AbbreviationSide => "abbreviation-side",
            Rule::HeadReference => "head-reference",
            Rule::OrganInTitle => "organ-in-title",
            Rule::OrganizationBranch => "organization-branch",
            Rule::LocalBody => "local-body",
            Rule::PlaceBody => "place-body",
            Rule::PartyCommittee => "party-committee",
            Rule::EnumeratedOrganization => "enumerated-organization",
            Rule::ListedBeforeClass => "listed-before-class",
            Rule::TitleName => "title-name",
            Rule::NameTitle => "name-title",
            Rule::BylineName => "byline-name",
            Rule::SpeakerName => "speaker-name",
            Rule::TitledSpeaker => "titled-speaker",
            Rule::SegmenterPerson => "segmenter-person",
            Rule::EnumeratedName => "enumerated-name",
            Rule::SameName => "same-name",
            Rule::SamePlace => "same-place",
            Rule::ModelPerson => "model-person",
            Rule::ModelOrganization => "model-organization",
            Rule::ModelPlace => "model-place",
            Rule::TitleChain => "title-chain",
            Rule::SharedTitle => "shared-title",
            Rule::LinkedTitle => "linked-title",
            Rule::Byline => "byline",
            Rule::CopulaTitle => "copula-title",
            Rule::TitleAfterName => "title-after-name",
            Rule::CueSubject => "cue-subject",
            Rule::CueCarriedSubject => "cue-carried-subject",
            Rule::CueRelativeClause => "cue-relative-clause",
            Rule::CueListedMeasure => "cue-listed-measure",
            Rule::SemicolonList => "semicolon-list",
            Rule::CueBeforeProposer => "cue-before-proposer",
            Rule::EnumeratedItem => "enumerated-item",
            Rule::SpeechModal => "speech-modal",
            Rule::SpeechModalContinued => "speech-modal-continued",
            Rule::TitledMotion => "titled-motion",
            Rule::GroupAddressee => "group-addressee",
            Rule::GroupProposer => "group-proposer",
        }
    }

    /// What the rule does, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::LexiconOrganization => "a known organization of organizations.tsv",
            Rule::LexiconPlace => "a known place of places.tsv",
            Rule::LexiconPost => "a post or title of posts.tsv",
            Rule::CompositePost => "a post whose first part names a known body (全國政協委員)",
            Rule::ElidedPost => "the head of a known body written with its last character (入境處長 = 入境處處長)",
            Rule::CompositePostOrganization => "the known body named at the start of a composite post",
            Rule::LexiconOccasion => "an occasion or document of occasions.tsv (兩會, 施政報告)",
            Rule::LexiconModifier => "a title modifier of title_modifiers.tsv (港區)",
            Rule::SuffixOrganization => "a name grown leftwards from an organization head word (…協會)",
            Rule::SuffixPlace => "a name grown leftwards from a place head word (…區, …合作區)",
            Rule::SegmenterOrganization => {
                "an organization the segmenter tagged nt, anchored on a known name"
            }
            Rule::QuotedOrganization => "a name in quotation marks or 《》 before an organization head word",
            Rule::AbbreviatedName => "a shortened form of a long known name (河套深港創新合作區)",
            Rule::LatinCompany => "a Latin company name (DeepSeek, Tencent Holdings)",
            Rule::Pronoun => "a personal pronoun (他, 她)",
            Rule::PlaceWithParent => "a place written after the place it lies in (深圳前海)",
            Rule::EnumeratedAbbreviation => "a place abbreviation in a run of them (粵港澳)",
            Rule::AbbreviationRun => "a run of one-character place abbreviations",
            Rule::AbbreviationAfterVerb => "a place abbreviation after a verb of going or governing (來港)",
            Rule::AbbreviationSide => "a place abbreviation before 方 (美方)",
            Rule::HeadReference => "a head word alone referring to the organization named before (協會)",
            Rule::OrganInTitle => "an organization named inside a title, part of the title",
            Rule::OrganizationBranch => "a branch or sub-unit written after its organization",
            Rule::LocalBody => "a local body named by the level of its place alone (市人大常委會, 省政府)",
            Rule::PlaceBody => "the body of a place found in the text, named after it (石門鎮人民政府)",
            Rule::PartyCommittee => {
                "the party committee of a place: the place and 委 (仙桃市委), with a department of it after (碧江區委政法委)"
            }
            Rule::EnumeratedOrganization => {
                "an organization in a list beside a named one, ending with a head word (甲小學及乙小學)"
            }
            Rule::ListedBeforeClass => {
                "a name listed before 等 and a class of organization (甲、乙等民營企業), no common word, place or person"
            }
            Rule::TitleName => "a person named right after a title (委員黃錦輝)",
            Rule::NameTitle => "a person named right before a title (黃錦輝委員)",
            Rule::BylineName => "a reporter named in a byline",
            Rule::SpeakerName => "a person named before a verb of saying (岑浩輝表示)",
            Rule::TitledSpeaker => "a person named between a body or title and a verb of saying (公民黨譚文傑表示)",
            Rule::SegmenterPerson => "a person the segmenter tagged nr, with a known surname",
            Rule::EnumeratedName => "a name in a list after a named person (張三、李四)",
            Rule::SameName => "another occurrence of a person's name found by a rule",
            Rule::SamePlace => "another occurrence of a place's name found in the document",
            Rule::ModelPerson => "a person found by the name model",
            Rule::ModelOrganization => "an organization found by the name model",
            Rule::ModelPlace => "a place found by the name model",
            Rule::TitleChain => "a position from the titles written before a name",
            Rule::SharedTitle => "a position shared by names listed after a titled name (記者 子京、康敬)",
            Rule::LinkedTitle => {
                "a position from a title linked by 的 to a title chain (小組組長的人大委員長張德江)"
            }
            Rule::Byline => "a position from a byline (記者：張三、李四)",
            Rule::CopulaTitle => {
                "a position from a title after the name and a copula (邱少明生前為特種救援隊成員)"
            }
            Rule::TitleAfterName => "a position from a post right after the name (習近平總書記)",
            Rule::CueSubject => "a proposal whose proposer is the subject before its cue",
            Rule::CueCarriedSubject => "a proposal whose proposer is carried from the sentence before",
            Rule::CueRelativeClause => "a proposal in a relative clause naming its own proposer",
            Rule::CueListedMeasure => "one measure of a list after a cue",
            Rule::SemicolonList => "one measure of a list cut by semicolons",
            Rule::CueBeforeProposer => {
                "a proposal in a relative clause before its proposer (一直主張封關的王永平)"
            }
            Rule::EnumeratedItem => {
                "an item of a list whose enumerators go on after the cue's sentence (一是…。二是…)"
            }
            Rule::SpeechModal => "a should (應, 要, 必須) in what a named speaker says (X指出，政府應…)",
            Rule::SpeechModalContinued => {
                "a should opening a sentence that goes on with the speaker before (X指出…。要…；要…)"
            }
            Rule::TitledMotion => "a motion submitted by its title (提交了《關於…的建議》)",
            Rule::GroupAddressee => {
                "a proposal's addressee named by a common noun (建議有關部門加強…, 向市民呼籲…)"
            }
            Rule::GroupProposer => {
                "a proposer named by a common noun right before its cue (部分媒體建議…, 多名議員要求…)"
            }
        }
    }

    /// The rule of this name.
    pub fn parse(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
        assert!(Rule::ALL.iter().all(|r| Rule::parse(r.as_str()) == Some(*r)));
    }
}
