//! Recognition on short real-style sentences in both scripts.

use super::Kind;
use crate::pipeline::analyze_text;
use crate::rules::Rule;

fn found(text: &str, kind: Kind) -> Vec<(String, Rule)> {
    let a = analyze_text("t.txt", text);
    a.mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| (m.text.clone(), m.rule))
        .collect()
}

fn names(text: &str, kind: Kind) -> Vec<String> {
    found(text, kind).into_iter().map(|(t, _)| t).collect()
}

/// Each text yields its organization, among others.
fn finds_organizations(cases: &[(&str, &str)]) {
    for (text, org) in cases {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.contains(&org.to_string()), "{org} not in {orgs:?}");
    }
}

/// Each text yields its organization, and no longer name that ends with it (原|成都軍區,
/// 耿利惠到|鎮安縣醫院).
fn finds_organizations_alone(cases: &[(&str, &str)]) {
    for (text, org) in cases {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().any(|o| o == org), "{text}: {orgs:?}");
        assert!(
            orgs.iter().all(|o| !o.ends_with(org) || o == org),
            "{text}: {orgs:?}"
        );
    }
}

/// Each text yields its person, among others.
fn finds_people(cases: &[(&str, &str)]) {
    for (text, name) in cases {
        let people = names(text, Kind::Person);
        assert!(people.contains(&name.to_string()), "{name} not in {people:?}");
    }
}

#[test]
fn people_after_titles_in_both_scripts() {
    let t = found("全國政協委員黃錦輝表示，建議特區政府主動爭取。", Kind::Person);
    assert_eq!(t, vec![("黃錦輝".to_string(), Rule::TitleName)]);
    assert_eq!(
        names("全国政协委员黄锦辉表示，建议特区政府主动争取。", Kind::Person),
        vec!["黄锦辉"]
    );
    assert_eq!(
        names("創新及科技局局長孫東指出，特區政府推出計劃。", Kind::Person),
        vec!["孫東"]
    );
    assert_eq!(
        names("九龍社團聯會理事長徐莉重點關注跨境電商。", Kind::Person),
        vec!["徐莉"]
    );
}

#[test]
fn a_speaker_named_after_a_body_is_a_person_whatever_the_model_says() {
    for text in [
        "中華全國總工會蔣文豪表示，支持加薪。",
        "中华全国总工会蒋文豪表示，支持加薪。",
        "工聯會譚文傑表示，支持加薪。",
    ] {
        let t = found(text, Kind::Person);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        assert_eq!(t[0].1, Rule::TitledSpeaker, "{text}: {t:?}");
    }
    // A surname inside a word the dictionary knows starts no name (微信|公众|号).
    assert!(names("据微信公众号表示，需要加强监管。", Kind::Person).is_empty());
}

#[test]
fn a_common_word_before_a_place_is_no_part_of_its_name() {
    for (text, place) in [
        (
            "政府公布六項措施，重置荃灣污水處理廠，騰出土地建屋。",
            "荃灣污水處理廠",
        ),
        (
            "政府公布六项措施，重置荃湾污水处理厂，腾出土地建屋。",
            "荃湾污水处理厂",
        ),
        ("當局選址將軍澳海濱興建公園。", "將軍澳海濱"),
        ("当局选址将军澳海滨兴建公园。", "将军澳海滨"),
    ] {
        let places = names(text, Kind::Place);
        assert!(places.contains(&place.to_string()), "{text}: {places:?}");
    }
}

#[test]
fn a_married_name_glued_to_the_next_word_is_cut_back() {
    for (text, short) in [
        (
            "常任秘書長羅范美芬昨日表示不會辭職。議員認為，羅太應知所去留。",
            "羅太",
        ),
        (
            "常任秘书长罗范美芬昨日表示不会辞职。议员认为，罗太应知所去留。",
            "罗太",
        ),
    ] {
        let people = names(text, Kind::Person);
        assert!(people.contains(&short.to_string()), "{text}: {people:?}");
    }
    // Without a married woman of that surname named, 陳太平 is a name.
    let people = names("議員認為，陳太平應知所去留。", Kind::Person);
    assert_eq!(people, ["陳太平"]);
}

#[test]
fn bylines_and_speakers() {
    assert_eq!(
        names("●香港文匯報記者 子京、康敬、黃子晉\n", Kind::Person),
        vec!["子京", "康敬", "黃子晉"]
    );
    assert_eq!(
        names("會上，岑浩輝表示，要做好施政報告。", Kind::Person),
        vec!["岑浩輝"]
    );
}

#[test]
fn organizations_by_lexicon_and_suffix() {
    let orgs = names(
        "早前，香港研究協會的民調顯示，國家發改委和海關總署也有回應。",
        Kind::Organization,
    );
    for o in ["香港研究協會", "國家發改委", "海關總署"] {
        assert!(orgs.contains(&o.to_string()), "{o} not in {orgs:?}");
    }
    let orgs = names("DeepSeek在香港設立了兩家全資子公司——DeepSeek Limited與DeepSeek （HK） Limited，為本地產業打了強心針。", Kind::Organization);
    assert!(orgs.contains(&"DeepSeek（HK）Limited".to_string()), "{orgs:?}");
}

#[test]
fn a_short_place_word_after_the_place_that_holds_it_is_a_place() {
    for (text, place) in [
        ("家住河北涿州的王先生昨日報案。", "涿州"),
        ("家住河北涿州的王先生昨日报案。", "涿州"),
        ("在陝西彬縣打工的李先生昨日報案。", "彬縣"),
        ("在陕西彬县打工的李先生昨日报案。", "彬县"),
    ] {
        let places = names(text, Kind::Place);
        assert!(places.iter().any(|p| p == place), "{text}: {places:?}");
    }
    // A word the model reads as a place with no place around it stays out.
    for text in [
        "今日太陽猛烈，市民外出要注意防曬。",
        "今日太阳猛烈，市民外出要注意防晒。",
    ] {
        let places = names(text, Kind::Place);
        assert!(places.iter().all(|p| !p.starts_with('太')), "{text}: {places:?}");
    }
}

#[test]
fn a_region_named_by_its_direction_is_a_place() {
    for (text, want) in [
        ("今年西北地區和東北地區的投資增速放緩。", ["西北地區", "東北地區"]),
        ("今年西北地区和东北地区的投资增速放缓。", ["西北地区", "东北地区"]),
        (
            "要引導中西部地區農民就地城鎮化，東部地區則要加快轉型。",
            ["中西部地區", "東部地區"],
        ),
    ] {
        let places = names(text, Kind::Place);
        for w in want {
            assert!(places.iter().any(|p| p == w), "{text}: {places:?}");
        }
    }
}

#[test]
fn the_government_of_a_town_found_in_the_text_is_a_body() {
    for (text, body) in [
        ("村民昨日到石門鎮人民政府反映情況。", "石門鎮人民政府"),
        ("村民昨日到石门镇人民政府反映情况。", "石门镇人民政府"),
        ("記者致電黃花鎮政府查詢。", "黃花鎮政府"),
        ("记者致电黄花镇政府查询。", "黄花镇政府"),
    ] {
        let orgs = found(text, Kind::Organization);
        assert!(
            orgs.contains(&(body.to_string(), Rule::PlaceBody)),
            "{text}: {orgs:?}"
        );
    }
    // Not a word that opens with a body's word (鎮|委託).
    let orgs = found("石門鎮委託顧問公司研究。", Kind::Organization);
    assert!(orgs.iter().all(|(_, r)| *r != Rule::PlaceBody), "{orgs:?}");
}

#[test]
fn a_head_word_that_is_evidence_alone_needs_no_model() {
    // The model gives 海巡署 little weight here; …署 names a body by itself.
    for text in ["海巡署昨日派船到場搜索。", "海巡署昨日派船到场搜索。"] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().any(|o| o == "海巡署"), "{text}: {orgs:?}");
    }
}

#[test]
fn two_known_bodies_joined_by_a_conjunction_are_two() {
    let orgs = names(
        "民建聯及工聯會昨日發表聯合聲明，要求當局盡快落實。",
        Kind::Organization,
    );
    assert!(
        orgs.contains(&"民建聯".to_string()) && orgs.contains(&"工聯會".to_string()),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.contains('及')), "{orgs:?}");
}

#[test]
fn places_with_parents_and_abbreviations() {
    let p = names(
        "推動香港北部都會區與深圳前海合作，又建議香港應更主動與美、英、歐盟等國家建立關係。",
        Kind::Place,
    );
    for x in ["香港北部都會區", "深圳前海", "美", "英", "歐盟"] {
        assert!(p.contains(&x.to_string()), "{x} not in {p:?}");
    }
    // Not every 美 is the United States.
    assert!(!names("香港的美食很多。", Kind::Place).contains(&"美".to_string()));
}

#[test]
fn names_before_titles_and_in_parenthesized_bylines() {
    let p = names(
        "來自基層教育一線的楊秀英代表，在苗鄉執教已有二十六年。",
        Kind::Person,
    );
    assert_eq!(p, vec!["楊秀英"]);
    let p = names(
        "新华社北京3月6日电（记者刘欣然、杜家宁）十四届全国人大三次会议开幕。",
        Kind::Person,
    );
    assert_eq!(p, vec!["刘欣然", "杜家宁"]);
    // A one-character verb after a known name is not part of it.
    assert_eq!(
        names("国务院总理李强作政府工作报告。", Kind::Person),
        vec!["李强"]
    );
}

#[test]
fn towns_stations_and_abbreviations_in_context() {
    let p = names("在位于黄阁镇的船舶公司，他们来港参观，再到观塘站。", Kind::Place);
    for x in ["黄阁镇", "港", "观塘站"] {
        assert!(p.contains(&x.to_string()), "{x} not in {p:?}");
    }
    assert!(!names("在位于黄阁镇的船舶公司参观。", Kind::Person).contains(&"黄阁".to_string()));
    let p = names("希望美方与中方相向而行。", Kind::Place);
    assert_eq!(p, vec!["美", "中"]);
}

#[test]
fn organizations_by_compound_heads_branches_and_head_references() {
    let text = "南沙区跨境电商协会会长黄志远代表企业发言。协会倡议，在南沙建立海外仓。香港科技大学（广州）也有参与。";
    let a = crate::pipeline::analyze_text("t.txt", text);
    let orgs: Vec<(&str, Rule)> = a
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Organization)
        .map(|m| (m.text.as_str(), m.rule))
        .collect();
    assert!(
        orgs.contains(&("南沙区跨境电商协会", Rule::SuffixOrganization)),
        "{orgs:?}"
    );
    assert!(orgs.contains(&("协会", Rule::HeadReference)), "{orgs:?}");
    assert!(
        orgs.iter()
            .any(|(t, r)| *t == "香港科技大学（广州）" && *r == Rule::OrganizationBranch),
        "{orgs:?}"
    );
    // The bare head word links to the association named before.
    let ids: Vec<Option<crate::link::EntityId>> = a
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.text.ends_with("协会"))
        .map(|(i, _)| a.linked.of_mention[i])
        .collect();
    assert!(ids.len() == 2 && ids[0].is_some() && ids[0] == ids[1], "{ids:?}");
}

#[test]
fn the_model_decides_how_long_a_name_after_a_title_is() {
    // Married names of Hong Kong women carry two surnames; a rule alone would stop at three
    // characters, and a single character after a name is often a word (則, 又).
    assert_eq!(
        names("【本報訊】特首林鄭月娥昨日宣佈關閉口岸。", Kind::Person),
        vec!["林鄭月娥"]
    );
    assert_eq!(
        names("【本报讯】特首林郑月娥昨日宣布关闭口岸。", Kind::Person),
        vec!["林郑月娥"]
    );
    assert_eq!(
        names("食物及衞生局局長高永文則表示會研究。", Kind::Person),
        vec!["高永文"]
    );
}

#[test]
fn a_title_before_a_common_word_names_nobody() {
    // 有 and 全 are surnames too, but not here.
    assert!(names("多名議員有超過十年經驗。", Kind::Person).is_empty());
    assert!(names("多名议员有超过十年经验。", Kind::Person).is_empty());
}

#[test]
fn a_known_place_before_a_head_word_is_part_of_a_name() {
    let places = names("【本報訊】政府關閉紅磡口岸，並在粉嶺設檢疫中心。", Kind::Place);
    assert!(places.contains(&"紅磡口岸".to_string()), "{places:?}");
    let places = names("【本报讯】政府关闭红磡口岸。", Kind::Place);
    assert!(places.contains(&"红磡口岸".to_string()), "{places:?}");
    let places = names("【本報訊】政府關閉高鐵西九龍口岸。", Kind::Place);
    assert!(places.contains(&"高鐵西九龍口岸".to_string()), "{places:?}");
    // The place inside the facility's name is part of the name, not an entity of its own.
    let a = analyze_text("t.txt", "【本報訊】政府關閉紅磡口岸。");
    let entities: Vec<&str> = a.linked.entities.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(entities, ["紅磡口岸"]);
}

#[test]
fn a_known_place_opening_a_verbs_object_with_common_words_names_the_whole() {
    for (text, want) in [
        (
            "我的工作重心從深圳轉到了鄭州航空港經濟綜合實驗區，回到家鄉。",
            "鄭州航空港經濟綜合實驗區",
        ),
        (
            "我的工作重心从深圳转到了郑州航空港经济综合实验区，回到家乡。",
            "郑州航空港经济综合实验区",
        ),
    ] {
        assert!(names(text, Kind::Place).contains(&want.to_string()), "{text}");
    }
    for (text, want) in [
        ("他去年調到了浦口區市場監督管理局工作。", "浦口區市場監督管理局"),
        ("他去年调到了浦口区市场监督管理局工作。", "浦口区市场监督管理局"),
    ] {
        assert!(
            names(text, Kind::Organization).contains(&want.to_string()),
            "{text}"
        );
    }
    // A verbal noun with an object of its own is a verb phrase, not part of a name.
    assert!(names("香港要建設全球跨境電商中心。", Kind::Organization).is_empty());
}

#[test]
fn a_name_the_segmenter_knows_as_a_place_is_a_person_between_a_title_and_a_verb() {
    for (text, want) in [
        (
            "全國政協委員、中國工程院院士鍾南山提出，應加強公共衛生體系建設。",
            "鍾南山",
        ),
        (
            "全国政协委员、中国工程院院士钟南山提出，应加强公共卫生体系建设。",
            "钟南山",
        ),
    ] {
        assert_eq!(names(text, Kind::Person), [want], "{text}");
    }
}

#[test]
fn a_title_and_a_media_head_word_name_the_publisher() {
    for (text, want) in [
        (
            "二〇一三年，《炎黃春秋》雜誌社前執行主編洪振快發表文章。",
            "《炎黃春秋》雜誌社",
        ),
        (
            "二〇一三年，《炎黄春秋》杂志社前执行主编洪振快发表文章。",
            "《炎黄春秋》杂志社",
        ),
        ("據《銀行家》雜誌統計，該行排名上升。", "《銀行家》雜誌"),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.contains(&want.to_string()), "{text}: {orgs:?}");
    }
    // A poster is no paper.
    assert!(names("電影《野長城》海報昨日發布。", Kind::Organization).is_empty());
}

#[test]
fn a_cue_between_a_body_and_the_government_is_a_verb() {
    // (It used to make 民主黨要求政府 one organization, and the proposal was lost.)
    for (text, want) in [
        ("民主黨要求政府交代。", "民主黨"),
        ("經民聯建議政府減免差餉。", "經民聯"),
        ("昨日，公民黨建議政府撤回草案。", "公民黨"),
        ("九三学社建议政府加大投入。", "九三学社"),
        ("致公党呼吁政府加快立法。", "致公党"),
    ] {
        assert_eq!(names(text, Kind::Organization), [want], "{text}");
    }
    // A cue word naming a committee's work is part of its name.
    let orgs = names("全国政协提案委员会昨日开会。", Kind::Organization);
    assert!(orgs.contains(&"全国政协提案委员会".to_string()), "{orgs:?}");
}

#[test]
fn a_hong_kong_body_is_not_found_by_its_generic_name_in_mainland_news() {
    // 教育局 is Hong Kong's Education Bureau in Hong Kong news; in mainland news that never
    // names Hong Kong it is a county's bureau, not a named entity.
    let a = analyze_text("t.txt", "吴堡县召开会议，教育局负责人介绍了情况。");
    assert!(!a
        .mentions
        .iter()
        .any(|m| m.text == "教育局" && m.lexicon.is_some()));
    let a = analyze_text("t.txt", "【本報訊】教育局昨日宣佈新措施。");
    assert!(a
        .mentions
        .iter()
        .any(|m| m.text == "教育局" && m.lexicon.is_some()));
}

#[test]
fn a_surname_alone_before_a_verb_is_no_new_person() {
    let text = "【本報訊】高級消防隊長梁念豪表示，救援困難。梁續稱：「行山人士要小心。」";
    assert_eq!(names(text, Kind::Person), vec!["梁念豪"]);
    let text = "【本报讯】高级消防队长梁念豪表示，救援困难。梁续称：「行山人士要小心。」";
    assert_eq!(names(text, Kind::Person), vec!["梁念豪"]);
}

#[test]
fn bylines_inside_running_text() {
    // Flattened articles carry their byline inside the text, names apart by spaces.
    let text = "【本報訊】每日仍有一萬多人來港。 記者：謝明明　呂浩然 林鄭月娥昨日宣佈措施。";
    let people = names(text, Kind::Person);
    assert!(
        people.contains(&"謝明明".to_string()) && people.contains(&"呂浩然".to_string()),
        "{people:?}"
    );
    let text = "【本报讯】每日仍有一万多人来港。 记者：谢明明　吕浩然 林郑月娥昨日宣布措施。";
    let people = names(text, Kind::Person);
    assert!(
        people.contains(&"谢明明".to_string()) && people.contains(&"吕浩然".to_string()),
        "{people:?}"
    );
}

#[test]
fn carriers_after_a_place_and_facilities_as_places() {
    let orgs = names(
        "浙江电信表示，浙江移动和浙江联通也会跟进降价。",
        Kind::Organization,
    );
    for o in ["浙江电信", "浙江移动", "浙江联通"] {
        assert!(orgs.contains(&o.to_string()), "{o} not in {orgs:?}");
    }
    // A carrier's head word after a company, not a place, is no branch.
    let orgs = names("阿里巴巴移动业务负责人说，会议在杭州召开。", Kind::Organization);
    assert!(!orgs.iter().any(|o| o.ends_with("移动")), "{orgs:?}");
    let places = names("政府計劃把大埔污水處理廠搬入岩洞。", Kind::Place);
    assert!(places.contains(&"大埔污水處理廠".to_string()), "{places:?}");
}

#[test]
fn class_names_of_bodies_are_not_organizations() {
    let orgs = names(
        "当事人可以向人民法院提起诉讼，人民检察院和公安局应当依法处理。",
        Kind::Organization,
    );
    assert!(orgs.is_empty(), "{orgs:?}");
    let orgs = names("北京市西城区人民法院受理了此案。", Kind::Organization);
    assert!(
        orgs.iter()
            .any(|o| o.ends_with("人民法院") && o.len() > "人民法院".len()),
        "{orgs:?}"
    );
}

#[test]
fn a_common_word_before_a_name_head_is_a_class() {
    let orgs = names("不少互联网公司和巴士公司都表示支持。", Kind::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn a_known_place_opening_a_headed_name() {
    let places = names("督察组发现，粤东危险废物处置中心至今未建成。", Kind::Place);
    assert!(places.contains(&"粤东危险废物处置中心".to_string()), "{places:?}");
    let places = names("例如，汕头市对练江治理的重视不够。", Kind::Place);
    assert!(
        !places
            .iter()
            .any(|p| p.ends_with("练江") && p.starts_with("汕头")),
        "{places:?}"
    );
}

#[test]
fn places_that_only_modify_a_demonym_or_a_disease() {
    assert!(names("他說豪宅都賣畀內地人。", Kind::Place).is_empty());
    assert!(names("政府應對南寧肺炎疫情。", Kind::Place).is_empty());
    assert_eq!(names("香港人口持續老化。", Kind::Place), vec!["香港"]);
}

#[test]
fn local_bodies_by_the_level_of_their_place() {
    let found = found(
        "会上，市人大常委会主任作了讲话，要求落实省委、市委的部署。",
        Kind::Organization,
    );
    for o in ["市人大常委会", "省委", "市委"] {
        assert!(
            found.iter().any(|(t, r)| t == o && *r == Rule::LocalBody),
            "{o} not in {found:?}"
        );
    }
    // The body opening a composite post (市|人大|代表, 區|政協|委員) is the local one.
    for (text, o) in [
        ("昨日，市人大代表陈大文视察了学校。", "市人大"),
        ("區政協委員李小明也出席了活動。", "區政協"),
    ] {
        let local = super::tests::found(text, Kind::Organization);
        assert!(
            local.iter().any(|(t, r)| t == o && *r == Rule::LocalBody),
            "{o} not in {local:?}"
        );
    }
    // 全省 and 我市 are no bodies' levels.
    let orgs = names("全省人大代表和我市政府部门都参加了。", Kind::Organization);
    assert!(!orgs.iter().any(|o| o == "省人大" || o == "市政府"), "{orgs:?}");
}

#[test]
fn organizations_listed_beside_a_named_one() {
    let found = found(
        "名單包括香港培正中學、聖保祿書院及元朗公立中學等。",
        Kind::Organization,
    );
    assert!(
        found.iter().any(|(t, _)| t == "聖保祿書院") && found.iter().any(|(t, _)| t == "元朗公立中學"),
        "{found:?}"
    );
    // A post or a pronoun in an item keeps it out.
    let orgs = names("出席的有區委常委、該鄉黨委和香港培正中學。", Kind::Organization);
    assert!(
        !orgs.iter().any(|o| o == "區委常委" || o == "該鄉黨委"),
        "{orgs:?}"
    );
}

#[test]
fn roads_by_their_head_word() {
    let places = names("事故发生在兴华路路口，交警随即赶到。", Kind::Place);
    assert!(places.contains(&"兴华路".to_string()), "{places:?}");
    assert!(names("他说这条路很难走，改革之路还很长。", Kind::Place).is_empty());
}

#[test]
fn a_short_name_the_segmenter_glued_to_a_conjunction() {
    let orgs = names("不過九巴及城巴表明，申請加價不變。", Kind::Organization);
    assert!(
        orgs.contains(&"九巴".to_string()) && orgs.contains(&"城巴".to_string()),
        "{orgs:?}"
    );
}

#[test]
fn an_escape_kept_as_text_is_not_part_of_a_name() {
    let orgs = names("会议结束。\\n海滨公司负责人表示将整改。", Kind::Organization);
    assert!(!orgs.iter().any(|o| o.starts_with('n')), "{orgs:?}");
}

#[test]
fn an_academician_names_the_academy_a_head_of_office_does_not() {
    let orgs = names("中國科學院院士李明表示，要加強研究。", Kind::Organization);
    assert!(orgs.contains(&"中國科學院".to_string()), "{orgs:?}");
    assert!(names("財政司司長陳明表示，要加強研究。", Kind::Organization).is_empty());
}

#[test]
fn latin_names_in_any_case_as_whole_words() {
    let orgs = names("他在facebook發帖，又在GOOGLE搜尋。", Kind::Organization);
    assert!(
        orgs.iter().any(|o| o == "facebook") && orgs.iter().any(|o| o == "GOOGLE"),
        "{orgs:?}"
    );
    assert!(names("這些metadata都已刪除。", Kind::Organization).is_empty());
}

#[test]
fn common_words_before_a_known_body_stay_outside_its_name() {
    // The model reads 規限立法會 as one organization here; the known 立法會 is the name.
    let orgs = names(
        "北京政府昨日終於揭示底牌，港人不能在○七年普選行政長官，也不可在○八年全面直選立法會議員，更規限立法會直選議席比例和分組點票機制維持不變。",
        Kind::Organization,
    );
    assert!(orgs.iter().all(|o| o != "規限立法會"), "{orgs:?}");
    assert!(orgs.iter().any(|o| o == "立法會"), "{orgs:?}");
}

#[test]
fn names_stop_at_a_space_between_a_headline_and_the_text() {
    let text = "建議恢復定期賣地 測量師學會副會長葉滿華認為，基於今年經濟仍差，樓價及地價跌勢未止。";
    let orgs = names(text, Kind::Organization);
    assert!(orgs.iter().any(|o| o == "測量師學會"), "{orgs:?}");
    assert!(orgs.iter().all(|o| !o.contains("賣地")), "{orgs:?}");
}

#[test]
fn a_name_runs_on_over_a_character_that_is_also_a_word_where_names_end() {
    // The model reads 張舉|能 (能 "can"); a comma cannot follow a modal verb.
    let text = "教協會長馮偉華昨日去信終審法院首席法官張舉能，質疑安排違反原則。";
    assert!(
        names(text, Kind::Person).contains(&"張舉能".to_string()),
        "{:?}",
        names(text, Kind::Person)
    );
}

#[test]
fn the_model_name_runs_on_when_the_rest_of_a_word_follows_names() {
    // The segmenter reads 何伍|燕榆稱; the model reads 何伍燕榆|稱.
    let text = "新世界發展代理執行董事何伍燕榆稱，現行的勾地政策，相信政府土地收益難達標。";
    assert!(
        names(text, Kind::Person).contains(&"何伍燕榆".to_string()),
        "{:?}",
        names(text, Kind::Person)
    );
}

#[test]
fn a_title_of_the_press_in_book_marks_is_an_organization() {
    for (text, name) in [
        ("如《現代快報》指出，懲治手段有待於豐富。", "現代快報"),
        ("如《现代快报》指出，惩治手段有待于丰富。", "现代快报"),
        ("英國《每日郵報》昨日報道。", "每日郵報"),
    ] {
        assert!(
            names(text, Kind::Organization).contains(&name.to_string()),
            "{text}: {:?}",
            names(text, Kind::Organization)
        );
    }
    // A document in book marks is not a body.
    assert!(names("《施政報告》提出多項措施。", Kind::Organization).is_empty());
}

#[test]
fn names_of_a_credit_line_end_at_spaces() {
    let people = names(
        "新京報訊（記者 王洪春 康佳）大連長興島斑海豹保護區遊客增加。",
        Kind::Person,
    );
    assert!(
        people.contains(&"王洪春".to_string()) && people.contains(&"康佳".to_string()),
        "{people:?}"
    );
    let people = names("本報記者 白雪 攝", Kind::Person);
    assert_eq!(people, vec!["白雪"]);
}

#[test]
fn branch_bureaus_and_bank_branches_by_their_head_words() {
    // 公安分局 is one token: 分局 is the head word, grown left over the places before it.
    finds_organizations(&[
        (
            "昨天下午，银川市金凤区公安分局接到指挥中心指令。",
            "银川市金凤区公安分局",
        ),
        (
            "昨天下午，銀川市金鳳區公安分局接到指揮中心指令。",
            "銀川市金鳳區公安分局",
        ),
        ("市民可到建设银行福建分行办理。", "建设银行福建分行"),
        ("市民可到建設銀行福建分行辦理。", "建設銀行福建分行"),
    ]);
}

#[test]
fn a_place_opens_a_name_with_verbs_inside() {
    finds_organizations(&[
        (
            "中国虚拟运营商产业联盟秘书长邹学勇说，要降价。",
            "中国虚拟运营商产业联盟",
        ),
        (
            "中國虛擬運營商產業聯盟秘書長鄒學勇說，要降價。",
            "中國虛擬運營商產業聯盟",
        ),
        ("香港可持續發展公民議會早前提出方案。", "香港可持續發展公民議會"),
        ("香港可持续发展公民议会早前提出方案。", "香港可持续发展公民议会"),
    ]);
    // A verb between two names governs the second.
    let orgs = names("昨日在香港舉辦香港長沙商會成立典禮。", Kind::Organization);
    assert!(orgs.iter().all(|o| !o.contains("舉辦")), "{orgs:?}");
}

#[test]
fn departments_of_a_kind_are_not_the_ministry() {
    for text in ["经公安部门核实，网传消息不实。", "經公安部門核實，網傳消息不實。"]
    {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.is_empty(), "{orgs:?}");
    }
    for (text, org) in [
        ("督察中，广东省住建部门被点名。", "广东省住建部门"),
        ("督察中，廣東省住建部門被點名。", "廣東省住建部門"),
    ] {
        assert_eq!(names(text, Kind::Organization), vec![org], "{text}");
    }
    // The ministry itself stays one.
    assert_eq!(names("公安部昨日发布通知。", Kind::Organization), vec!["公安部"]);
}

#[test]
fn party_committees_of_places_and_their_departments() {
    for (text, org) in [
        ("仙桃市委召开会议。", "仙桃市委"),
        ("仙桃市委召開會議。", "仙桃市委"),
        ("碧江区委政法委书记表示。", "碧江区委政法委"),
        ("碧江區委政法委書記表示。", "碧江區委政法委"),
    ] {
        let orgs = found(text, Kind::Organization);
        assert!(
            orgs.contains(&(org.to_string(), Rule::PartyCommittee)),
            "{org} not in {orgs:?}"
        );
    }
    // 委 that starts another word is no committee.
    let orgs = names("仙桃市委托一家公司评估。", Kind::Organization);
    assert!(orgs.iter().all(|o| !o.ends_with('委')), "{orgs:?}");
}

#[test]
fn a_committee_written_by_its_level_keeps_its_department() {
    finds_organizations(&[
        ("昨日，县委组织部发布消息。", "县委组织部"),
        ("昨日，縣委組織部發布消息。", "縣委組織部"),
    ]);
    // A verb before a known body opens no listed organization.
    let orgs = names(
        "该平台建设，得到中组部、省委和省委组织部的肯定。",
        Kind::Organization,
    );
    assert!(orgs.iter().all(|o| !o.starts_with("得到")), "{orgs:?}");
    assert!(orgs.contains(&"省委组织部".to_string()), "{orgs:?}");
}

#[test]
fn a_verb_opening_a_list_governs_the_first_listed_school() {
    for (text, org) in [
        (
            "启动教育工程，加快定向河小学、天华东路中小学等建设进度。",
            "定向河小学",
        ),
        (
            "啟動教育工程，加快定向河小學、天華東路中小學等建設進度。",
            "定向河小學",
        ),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.contains(&org.to_string()), "{org} not in {orgs:?}");
        assert!(orgs.iter().all(|o| !o.starts_with("加快")), "{orgs:?}");
    }
}

#[test]
fn a_post_opening_a_longer_word_is_no_post() {
    // 委員|會 is a committee, not a member: the model's name stands in both scripts.
    finds_organizations(&[
        (
            "中國人民紅軍革命軍事委員會成立，朱德任主席。",
            "中國人民紅軍革命軍事委員會",
        ),
        (
            "中国人民红军革命军事委员会成立，朱德任主席。",
            "中国人民红军革命军事委员会",
        ),
    ]);
    // A title ending inside the segmenter's word stays a title (全國政協委員|會分別).
    let posts = names("全國人大代表和全國政協委員會分別審議報告。", Kind::Post);
    assert!(posts.iter().any(|p| p.ends_with("委員")), "{posts:?}");
}

#[test]
fn a_name_runs_into_no_word_that_follows_names() {
    // 劉杰 is named twice; 與劉杰間 is the same man, not 劉杰間.
    for text in [
        "被告劉杰在微博發文。法院認為，劉杰構成侵權。而公司發布的言論及與劉杰間的互動迅速傳播。",
        "被告刘杰在微博发文。法院认为，刘杰构成侵权。而公司发布的言论及与刘杰间的互动迅速传播。",
    ] {
        let people = names(text, Kind::Person);
        assert_eq!(people.len(), 3, "{people:?}");
        assert!(
            people.iter().all(|p| p == &people[0] && p.chars().count() == 2),
            "{people:?}"
        );
    }
}

#[test]
fn a_verb_glued_to_a_name_written_elsewhere_without_it_is_cut_off() {
    for text in [
        "會上，院長邹正宇作等級醫院評審再動員報告。最後，邹正宇院長提出四點要求。",
        "会上，院长邹正宇作等级医院评审再动员报告。最后，邹正宇院长提出四点要求。",
    ] {
        let people = names(text, Kind::Person);
        assert!(people.iter().all(|p| p == "邹正宇"), "{text}: {people:?}");
    }
    // A name of four written nowhere else with three stays whole.
    let people = names("球員丁彥雨航昨日表示，丁彥雨航會繼續努力。", Kind::Person);
    assert!(people.iter().all(|p| p == "丁彥雨航"), "{people:?}");
}

#[test]
fn a_place_the_dictionary_knows_as_one_word_is_found_where_the_model_is_sure() {
    for (text, place) in [
        ("洞井鄉是遠近聞名的建築之鄉，包工頭村村皆有。", "洞井鄉"),
        ("洞井乡是远近闻名的建筑之乡，包工头村村皆有。", "洞井乡"),
    ] {
        let places = names(text, Kind::Place);
        assert!(places.iter().any(|p| p == place), "{text}: {places:?}");
    }
}

#[test]
fn a_body_whose_head_ends_a_common_word_is_found_where_the_model_is_sure() {
    for (text, body) in [
        (
            "市文化局局长陆柏兴、新闻出版局局长彭小华都买好了机票。",
            "市文化局",
        ),
        (
            "市文化局局長陸柏興、新聞出版局局長彭小華都買好了機票。",
            "市文化局",
        ),
        (
            "九届全国人大代表、铁道部第四工程局局长李中庸主持了工程建设。",
            "铁道部第四工程局",
        ),
        // Factories, coal mines, theatres and art academies are bodies too (org_suffixes.tsv).
        ("它是由北京人民机器厂出品的。", "北京人民机器厂"),
        ("王虹蔚成为湘潭纺织印染厂一名挡车工。", "湘潭纺织印染厂"),
        ("武漢畫院青年畫家李乃蔚自幼喜歡美術。", "武漢畫院"),
        // …and schools named by their number (衡水一中, 北京四中).
        ("他把钱送到洪山一中，资助刘耀明。", "洪山一中"),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().any(|o| o == body), "{text}: {orgs:?}");
    }
    // A part of a region that ends like a head word is not a body (內蒙古|中東部).
    let orgs = names("预计内蒙古中东部有小到中雪。", Kind::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn two_known_places_the_segmenter_made_one_word_are_both_found() {
    for text in ["我曾在上海浦東打工。", "我曾在上海浦东打工。"] {
        let places = names(text, Kind::Place);
        assert!(places.iter().any(|p| p.starts_with("上海")), "{text}: {places:?}");
    }
    // A known place at the start of a word that is no pair of places is not found there.
    let places = names("他住在中山路附近。", Kind::Place);
    assert!(!places.iter().any(|p| p == "中山"), "{places:?}");
}

#[test]
fn a_dateline_is_no_part_of_the_name_after_it() {
    for (text, org) in [
        (
            "本報訊撫順市紀委就領導幹部廉潔自律問題進行了一次檢查。",
            "撫順市紀委",
        ),
        (
            "本报讯抚顺市纪委就领导干部廉洁自律问题进行了一次检查。",
            "抚顺市纪委",
        ),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().any(|o| o == org), "{text}: {orgs:?}");
        assert!(orgs.iter().all(|o| !o.starts_with("本")), "{text}: {orgs:?}");
    }
}

#[test]
fn a_photo_credit_is_no_part_of_the_name() {
    for (text, name) in [
        ("市民在公園晨練。記者 吳濤攝\n", "吳濤"),
        ("市民在公园晨练。记者 吴涛摄\n", "吴涛"),
    ] {
        assert_eq!(names(text, Kind::Person), [name], "{text}");
    }
}

#[test]
fn a_person_may_open_a_quotation_but_not_be_all_of_it() {
    for (text, name) in [
        ("網民在微博發表言論，“陳志強活該被罵”，引起公憤。", "陳志強"),
        ("网民在微博发表言论，“陈志强活该被骂”，引起公愤。", "陈志强"),
    ] {
        assert_eq!(names(text, Kind::Person), vec![name]);
    }
    let people = names(
        "俄方認為韓國部署“薩德”意味着韓國被納入美國導彈防禦體系。",
        Kind::Person,
    );
    assert!(people.is_empty(), "{people:?}");
}

#[test]
fn a_chain_of_places_the_model_reads_as_one_is_each_place() {
    for (text, places) in [
        ("企业在惠州市博罗县石湾镇铁场村生产。", ["石湾镇", "铁场村"]),
        ("企業在惠州市博羅縣石灣鎮鐵場村生產。", ["石灣鎮", "鐵場村"]),
    ] {
        let found = names(text, Kind::Place);
        for p in places {
            assert!(found.contains(&p.to_string()), "{p} not in {found:?}");
        }
        assert!(
            !found
                .iter()
                .any(|f| f.ends_with("镇铁场村") || f.ends_with("鎮鐵場村")),
            "{found:?}"
        );
    }
    // A place named after its level's word (西鄉|街道) is not cut there.
    let found = names("记者来到位于宝安区西乡街道径贝新村。", Kind::Place);
    assert!(!found.contains(&"西乡".to_string()), "{found:?}");
}

#[test]
fn a_credit_line_of_glued_names_is_cut_into_names() {
    for (text, people) in [
        (
            "全市已有多个项目开工。\n记者刘洋陈晨王海涛\n",
            ["刘洋", "陈晨", "王海涛"],
        ),
        (
            "全市已有多個項目開工。\n記者劉洋陳晨王海濤\n",
            ["劉洋", "陳晨", "王海濤"],
        ),
    ] {
        let a = analyze_text("t.txt", text);
        let found: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.kind == Kind::Person)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(found, people, "{text}");
        assert_eq!(a.facts.positions.len(), 3, "{:?}", a.facts.positions);
    }
    // A sentence after the post is no credit line.
    let people = names("記者昨日到場採訪市民陳先生。\n", Kind::Person);
    assert!(!people.iter().any(|p| p.starts_with("昨")), "{people:?}");
}

#[test]
fn credits_separated_by_bars() {
    for (text, people) in [
        ("（張明）編輯丨陳曉審核丨劉偉\n", ["陳曉", "劉偉"]),
        ("（张明）编辑丨陈晓审核丨刘伟\n", ["陈晓", "刘伟"]),
    ] {
        let a = analyze_text("t.txt", text);
        let roles: Vec<(String, String)> = a
            .facts
            .positions
            .iter()
            .map(|p| (a.mentions[p.person.0].text.clone(), p.role.clone()))
            .collect();
        assert_eq!(roles.len(), 2, "{roles:?}");
        for (p, r) in people.iter().zip(["編輯", "審核"]) {
            assert!(
                roles.iter().any(|(n, role)| n == p
                    && crate::script::to_simplified(role) == crate::script::to_simplified(r)),
                "{p} {r} not in {roles:?}"
            );
        }
    }
}

#[test]
fn a_listed_name_that_is_also_a_word() {
    finds_people(&[
        ("當中包括曾示威的黃之鋒、向來、周庭等，其餘示威者不滿。", "向來"),
        ("当中包括曾示威的黄之锋、向来、周庭等，其余示威者不满。", "向来"),
    ]);
    // Not a word that lists things (其他).
    let people = names("參加者包括陳志明、其他市民等。", Kind::Person);
    assert!(!people.iter().any(|p| p.starts_with('其')), "{people:?}");
}

#[test]
fn a_credit_name_glued_to_the_next_label_ends_before_it() {
    let cases = [
        ("審核 | 林浩來源 | 本報編輯 | 陳曉\n", "林浩"),
        ("审核 | 林浩来源 | 本报编辑 | 陈晓\n", "林浩"),
    ];
    finds_people(&cases);
    for (text, _) in cases {
        let people = names(text, Kind::Person);
        assert!(!people.iter().any(|p| p.chars().count() == 4), "{people:?}");
    }
}

#[test]
fn two_bodies_acting_together_are_two_names() {
    for text in [
        "事件發生後，清遠市教育局會同清遠市石角鎮政府派員到場。",
        "事件发生后，清远市教育局会同清远市石角镇政府派员到场。",
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(
            !orgs.iter().any(|o| o.contains("會同") || o.contains("会同")),
            "{orgs:?}"
        );
    }
}

#[test]
fn a_division_after_its_parent_is_a_place_of_its_own() {
    for (text, parts, whole) in [
        (
            "目前，石泉县池河镇辖区内的道路已经恢复。",
            ["石泉县", "池河镇"],
            "县池河镇",
        ),
        (
            "目前，石泉縣池河鎮轄區內的道路已經恢復。",
            ["石泉縣", "池河鎮"],
            "縣池河鎮",
        ),
        ("活动在宜城市流水镇举行。", ["宜城市", "流水镇"], "市流水镇"),
    ] {
        let places = names(text, Kind::Place);
        for p in parts {
            assert!(places.iter().any(|x| x == p), "{p} not in {places:?}");
        }
        assert!(!places.iter().any(|x| x.ends_with(whole)), "{places:?}");
    }
    // A facility keeps its city.
    let places = names("污水送往广州市猎德污水处理厂处理。", Kind::Place);
    assert!(places.iter().any(|x| x == "广州市猎德污水处理厂"), "{places:?}");
}

#[test]
fn a_listed_organization_holds_no_adverb_or_preposition() {
    for (text, clause, org) in [
        ("我們要積極推動縣委、縣政府的部署。", "推動", "縣政府"),
        ("我们要积极推动县委、县政府的部署。", "推动", "县政府"),
        (
            "華泰糧油公司多次向東林公司、王大河追討欠款。",
            "多次",
            "華泰糧油公司",
        ),
        (
            "华泰粮油公司多次向东林公司、王大河追讨欠款。",
            "多次",
            "华泰粮油公司",
        ),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().all(|o| !o.contains(clause)), "{orgs:?} in {text}");
        assert!(orgs.contains(&org.to_string()), "{org} not in {orgs:?}");
    }
}

#[test]
fn a_household_is_its_person_or_a_family() {
    for (text, person, family) in [
        ("在貧困戶孟大德家，記者看到一家人正在吃飯。", "孟大德", "孟大德家"),
        ("在贫困户孟大德家，记者看到一家人正在吃饭。", "孟大德", "孟大德家"),
    ] {
        let people = names(text, Kind::Person);
        assert!(!people.contains(&family.to_string()), "{people:?} in {text}");
        assert!(people.contains(&person.to_string()), "{people:?} in {text}");
    }
    for text in [
        "我突然大哭起來。魯家一家人以為哪裏怠慢了。",
        "我突然大哭起来。鲁家一家人以为哪里怠慢了。",
    ] {
        let people = names(text, Kind::Person);
        assert!(
            people
                .iter()
                .all(|p| !p.starts_with('魯') && !p.starts_with('鲁')),
            "{people:?} in {text}"
        );
    }
}

#[test]
fn a_name_before_a_place_head_word_is_no_person() {
    for (text, place) in [
        ("區重點發展區域。楊金片區因為一些原因進展較慢。", "楊金片區"),
        ("区重点发展区域。杨金片区因为一些原因进展较慢。", "杨金片区"),
    ] {
        let people = names(text, Kind::Person);
        assert!(
            people.iter().all(|p| !place.starts_with(p.as_str())),
            "{people:?} in {text}"
        );
    }
    // An organization's head word is also a verb: 郭守敬|組織 stays a person.
    finds_people(&[
        ("元朝天文學家郭守敬組織了一次測量。", "郭守敬"),
        ("元朝天文学家郭守敬组织了一次测量。", "郭守敬"),
    ]);
}

#[test]
fn a_head_word_that_is_a_body_s_act_is_no_part_of_its_name() {
    for (text, org) in [
        (
            "昨日，江蘇省通信管理局組織召開校園營銷工作會議。",
            "江蘇省通信管理局",
        ),
        (
            "昨日，江苏省通信管理局组织召开校园营销工作会议。",
            "江苏省通信管理局",
        ),
        ("鄭州市人民政府組織有關部門進行調查。", "鄭州市人民政府"),
        ("郑州市人民政府组织有关部门进行调查。", "郑州市人民政府"),
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().any(|o| o == org), "{text}: {orgs:?}");
        assert!(
            orgs.iter().all(|o| !o.ends_with("組織") && !o.ends_with("组织")),
            "{text}: {orgs:?}"
        );
    }
    // A company's branch follows its parent's head; 非政府組織 is one word.
    let orgs = names("被中國人民銀行商洛市中心支行給予警告處分。", Kind::Organization);
    assert!(orgs.iter().any(|o| o == "中國人民銀行商洛市中心支行"), "{orgs:?}");
    let orgs = names("尼日利亞非政府組織發布報告。", Kind::Organization);
    assert!(orgs.iter().any(|o| o == "尼日利亞非政府組織"), "{orgs:?}");
}

#[test]
fn former_and_a_party_s_role_open_no_organization_s_name() {
    finds_organizations_alone(&[
        ("許邁永，男，原係杭州市人民政府副市長。", "杭州市人民政府"),
        ("许迈永，男，原系杭州市人民政府副市长。", "杭州市人民政府"),
        ("他曾任原成都軍區某部政委。", "成都軍區"),
        ("他曾任原成都军区某部政委。", "成都军区"),
        ("郑女士起訴被告中國移動武漢分公司。", "中國移動武漢分公司"),
        ("郑女士起诉被告中国移动武汉分公司。", "中国移动武汉分公司"),
        ("孔祥喜，時任曲阜市委副書記。", "曲阜市委"),
        ("孔祥喜，时任曲阜市委副书记。", "曲阜市委"),
        ("王大明，現任福州市人民政府副秘書長。", "福州市人民政府"),
    ]);
}

#[test]
fn a_place_does_not_grow_over_a_body() {
    for text in [
        "南京市公安局交警支隊高速公路五大隊民警趕到現場。",
        "南京市公安局交警支队高速公路五大队民警赶到现场。",
        "記者從嘉祥縣公安局兗蘭路派出所獲悉。",
        "记者从嘉祥县公安局兖兰路派出所获悉。",
    ] {
        let places = names(text, Kind::Place);
        assert!(places.iter().all(|p| !p.contains("公安局")), "{text}: {places:?}");
    }
    // A part of a region ends like a body (部) and is none.
    for text in ["貴州中東部地區將有大雨。", "贵州中东部地区将有大雨。"] {
        let orgs = names(text, Kind::Organization);
        assert!(
            orgs.iter().all(|o| !o.contains("東部") && !o.contains("东部")),
            "{text}: {orgs:?}"
        );
    }
}

#[test]
fn a_body_s_name_does_not_open_with_a_verb_or_a_preposition() {
    for text in [
        "責成公司原黨委書記、董事長梅群向北京市委作出深刻書面檢查；給予公司黨委副書記、總經理高振坤記過處分。",
        "责成公司原党委书记、董事长梅群向北京市委作出深刻书面检查；给予公司党委副书记、总经理高振坤记过处分。",
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().all(|o| !o.starts_with("給予") && !o.starts_with("给予")), "{text}: {orgs:?}");
    }
}

#[test]
fn a_preposition_glued_to_an_unknown_word_opens_no_name() {
    finds_organizations_alone(&[
        ("在家人的陪同下，耿利惠到鎮安縣醫院醫治。", "鎮安縣醫院"),
        ("在家人的陪同下，耿利惠到镇安县医院医治。", "镇安县医院"),
        (
            "我行與宏輝公司、中外運對宏輝公司質押給我行的銀錠進行盤庫。",
            "宏輝公司",
        ),
        (
            "我行与宏辉公司、中外运对宏辉公司质押给我行的银锭进行盘库。",
            "宏辉公司",
        ),
    ]);
}

#[test]
fn mass_organizations_of_a_place() {
    finds_organizations(&[
        ("大安市婦聯主席曲燕介紹了活動情況。", "大安市婦聯"),
        ("大安市妇联主席曲燕介绍了活动情况。", "大安市妇联"),
        ("重慶市文聯組織作家採風。", "重慶市文聯"),
        ("重庆市文联组织作家采风。", "重庆市文联"),
        ("區婦聯副主席夏愛英出席。", "區婦聯"),
        ("区妇联副主席夏爱英出席。", "区妇联"),
    ]);
}

#[test]
fn a_list_item_holding_the_copula_is_a_clause_not_a_body() {
    for text in [
        "日方說，天津暗殺事件是藍衣社、國民黨黨部和憲兵第三團搞的。",
        "日方说，天津暗杀事件是蓝衣社、国民党党部和宪兵第三团搞的。",
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(orgs.iter().all(|o| !o.contains('是')), "{text}: {orgs:?}");
    }
}

#[test]
fn a_list_item_ending_with_a_common_word_or_a_region_is_no_body() {
    for text in [
        "要把國務院決策部署、市政府決策部署和省委部署落到實處。",
        "要把国务院决策部署、市政府决策部署和省委部署落到实处。",
        "本次比賽由長治電視台主辦、南京市溧水區體育總會承辦。",
        "本次比赛由长治电视台主办、南京市溧水区体育总会承办。",
        "預計河北大部、山東西部、江西中部有小雨。",
        "预计河北大部、山东西部、江西中部有小雨。",
        "預計華北中南部和內蒙古中東部有小雨。",
        "预计华北中南部和内蒙古中东部有小雨。",
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(
            orgs.iter().all(|o| ![
                "部署", "主辦", "主办", "承辦", "承办", "大部", "西部", "中部", "南部", "東部", "东部"
            ]
            .iter()
            .any(|w| o.ends_with(w))),
            "{text}: {orgs:?}"
        );
    }
    // Bodies in the same lists are still found, and a time word opens no name.
    finds_organizations_alone(&[
        ("近日中國證監會、財政部和國務院國資委聯合發文。", "中國證監會"),
        ("近日中国证监会、财政部和国务院国资委联合发文。", "中国证监会"),
        ("國家安全部、公安部和外交部聯合發文。", "國家安全部"),
        ("国家安全部、公安部和外交部联合发文。", "国家安全部"),
    ]);
}

#[test]
fn a_source_glued_to_according_to_starts_after_it() {
    finds_organizations_alone(&[
        ("本報11日訊據蘭州晚報報道，該市昨日降溫。", "蘭州晚報"),
        ("本报11日讯据兰州晚报报道，该市昨日降温。", "兰州晚报"),
        (
            "非法集資案據浙江省杭州市公安局蕭山分局通報，涉案金額巨大。",
            "浙江省杭州市公安局蕭山分局",
        ),
        (
            "非法集资案据浙江省杭州市公安局萧山分局通报，涉案金额巨大。",
            "浙江省杭州市公安局萧山分局",
        ),
    ]);
}

#[test]
fn a_head_that_is_a_common_noun_needs_a_brand_before_it() {
    finds_organizations_alone(&[
        ("據騰訊科技報道，該公司上月裁員三百人。", "騰訊科技"),
        ("网易财经记者获悉，多家银行下调利率。", "网易财经"),
    ]);
    for text in [
        "深圳金融科技發展迅速，上海科技企業數目上升。",
        "该公司注册资本一千万元，主营高科技产品。",
        "國防科技的發展實現了跨越。",
    ] {
        let orgs = names(text, Kind::Organization);
        assert!(
            orgs.iter().all(|o| !o.ends_with("科技") && !o.ends_with("资本")),
            "{text}: {orgs:?}"
        );
    }
}

#[test]
fn a_place_named_once_is_found_where_the_segmenter_glued_it_to_the_next_word() {
    for (text, place) in [
        (
            "謝卫強調，桐木坪鄉棉花坪村是貧困村。棉花坪村要著力改善基礎設施。",
            "棉花坪村",
        ),
        (
            "谢卫强调，桐木坪乡棉花坪村是贫困村。棉花坪村要着力改善基础设施。",
            "棉花坪村",
        ),
    ] {
        let found: Vec<(String, Rule)> = found(text, Kind::Place)
            .into_iter()
            .filter(|(t, _)| t == place)
            .collect();
        assert_eq!(found.len(), 2, "{text}: {found:?}");
        assert!(
            found.iter().any(|(_, r)| *r == Rule::SamePlace),
            "{text}: {found:?}"
        );
    }
    // Not inside one word with the name (澳大利亞人), nor from a place inside a body's name.
    let found = found("澳大利亞政府昨日表示，多名澳大利亞人在當地失蹤。", Kind::Place);
    assert!(found.iter().all(|(_, r)| *r != Rule::SamePlace), "{found:?}");
}

#[test]
fn names_listed_before_a_class_of_organization() {
    for (text, want) in [
        (
            "江蘇通管局向蘇寧雲商、長城寬帶網絡、網宿科技等民營企業發放首批批文。",
            ["蘇寧雲商", "長城寬帶網絡", "網宿科技"],
        ),
        (
            "江苏通管局向苏宁云商、长城宽带网络、网宿科技等民营企业发放首批批文。",
            ["苏宁云商", "长城宽带网络", "网宿科技"],
        ),
    ] {
        let listed: Vec<String> = found(text, Kind::Organization)
            .into_iter()
            .filter(|(_, r)| *r == Rule::ListedBeforeClass)
            .map(|(o, _)| o)
            .collect();
        assert_eq!(listed, want, "{text}");
    }
    // Kinds of media, trades and products listed before 等 are common words.
    for text in [
        "充分發揮廣播、電視、報刊等媒體作用。",
        "都是傳媒、新能源汽車、鋰電池、通信等行業公司。",
        "市場監管、公安、教育等部門聯合執法。",
    ] {
        let listed: Vec<_> = found(text, Kind::Organization)
            .into_iter()
            .filter(|(_, r)| *r == Rule::ListedBeforeClass)
            .collect();
        assert!(listed.is_empty(), "{text}: {listed:?}");
    }
}
