//! Traditional ↔ Simplified Chinese, character for character.
//!
//! The segmenter's dictionary is Simplified, the press is often Traditional, and every
//! fact must point back at the original characters. So the Simplified *view* of a text
//! has exactly one character per original character: conversion goes through OpenCC's
//! dictionaries (ferrous-opencc) one code point at a time, and a character whose
//! conversion is not a single character is kept as it is.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// Which script a text is written in, judged by the characters that differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Script {
    /// Traditional characters (Hong Kong, Macao, Taiwan).
    Traditional,
    /// Simplified characters (the mainland).
    Simplified,
}

impl Script {
    /// BCP 47 tag used on labels in this script.
    pub fn lang_tag(self) -> &'static str {
        match self {
            Script::Traditional => "zh-Hant",
            Script::Simplified => "zh-Hans",
        }
    }

    /// The other script.
    pub fn other(self) -> Script {
        match self {
            Script::Traditional => Script::Simplified,
            Script::Simplified => Script::Traditional,
        }
    }
}

struct Converter {
    t2s: OpenCC,
    s2t: OpenCC,
    cache_t2s: Mutex<HashMap<char, char>>,
    cache_s2t: Mutex<HashMap<char, char>>,
}

fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| Converter {
        // Built-in configurations are embedded in the crate; failure would be a build bug.
        t2s: OpenCC::from_config(BuiltinConfig::Hk2s).expect("embedded OpenCC hk2s config"),
        s2t: OpenCC::from_config(BuiltinConfig::S2hk).expect("embedded OpenCC s2hk config"),
        cache_t2s: Mutex::new(HashMap::new()),
        cache_s2t: Mutex::new(HashMap::new()),
    })
}

/// Han characters of the Basic Multilingual Plane (extension A to the end of the unified
/// block): nearly every character of news text. Their conversions are remembered in
/// lock-free tables, as conversion runs on every character of every document.
const TABLE_FIRST: u32 = 0x3400;
const TABLE_LEN: usize = (0xA000 - 0x3400) as usize;
/// 0: not converted yet; otherwise the converted character.
static T2S: [AtomicU32; TABLE_LEN] = [const { AtomicU32::new(0) }; TABLE_LEN];
static S2T: [AtomicU32; TABLE_LEN] = [const { AtomicU32::new(0) }; TABLE_LEN];

fn convert_char(c: char, to: Script) -> char {
    if c.is_ascii() || !is_han(c) {
        return c;
    }
    let slot = (c as u32)
        .checked_sub(TABLE_FIRST)
        .map(|i| i as usize)
        .filter(|&i| i < TABLE_LEN)
        .map(|i| match to {
            Script::Simplified => &T2S[i],
            Script::Traditional => &S2T[i],
        });
    if let Some(m) = slot.and_then(|s| char::from_u32(s.load(Ordering::Relaxed))) {
        if m != '\0' {
            return m;
        }
    }
    let conv = converter();
    let (cache, cc) = match to {
        Script::Simplified => (&conv.cache_t2s, &conv.t2s),
        Script::Traditional => (&conv.cache_s2t, &conv.s2t),
    };
    if slot.is_none() {
        if let Some(&m) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&c) {
            return m;
        }
    }
    let out = cc.convert(c.encode_utf8(&mut [0; 4]));
    let mut chars = out.chars();
    let mapped = match (chars.next(), chars.next()) {
        (Some(m), None) => m,
        _ => c,
    };
    match slot {
        Some(s) => s.store(mapped as u32, Ordering::Relaxed),
        None => {
            cache.lock().unwrap_or_else(|e| e.into_inner()).insert(c, mapped);
        }
    }
    mapped
}

/// The Simplified form of one character (itself when it has no single-character one):
/// [`to_simplified`] one character at a time, for look-ups that convert without allocating.
pub fn simplified_char(c: char) -> char {
    convert_char(c, Script::Simplified)
}

/// Simplified view of `text`, one output character per input character.
pub fn to_simplified(text: &str) -> String {
    text.chars()
        .map(|c| convert_char(c, Script::Simplified))
        .collect()
}

/// Traditional (Hong Kong) view of `text`, one output character per input character.
pub fn to_traditional(text: &str) -> String {
    text.chars()
        .map(|c| convert_char(c, Script::Traditional))
        .collect()
}

/// `text` in the given script.
pub fn convert(text: &str, to: Script) -> String {
    match to {
        Script::Simplified => to_simplified(text),
        Script::Traditional => to_traditional(text),
    }
}

/// Count characters that exist only in one script and vote.
pub fn detect(text: &str) -> Script {
    let (mut trad, mut simp) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_han(c)).take(20_000) {
        let s = convert_char(c, Script::Simplified);
        if s != c {
            trad += 1;
        } else if convert_char(c, Script::Traditional) != c {
            simp += 1;
        }
    }
    if simp > trad {
        Script::Simplified
    } else {
        Script::Traditional
    }
}

/// CJK unified ideographs (BMP and the common extension blocks).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hong_kong_variants_have_a_simplified_form() {
        // Hong Kong writes 衞 and 綫 where Taiwan writes 衛 and 線: both are 卫, 线.
        assert_eq!(
            to_simplified("衞生署、衛生署、港鐵東涌綫"),
            "卫生署、卫生署、港铁东涌线"
        );
    }

    #[test]
    fn simplified_view_keeps_length() {
        let t = "全國政協委員黃錦輝表示，DeepSeek落戶香港。";
        let s = to_simplified(t);
        assert_eq!(s, "全国政协委员黄锦辉表示，DeepSeek落户香港。");
        assert_eq!(s.chars().count(), t.chars().count());
    }

    #[test]
    fn traditional_view_and_detection() {
        assert_eq!(to_traditional("国务院总理李强"), "國務院總理李強");
        assert_eq!(detect("国务院总理李强在政府工作报告中提出"), Script::Simplified);
        assert_eq!(detect("國務院總理李強在政府工作報告中提出"), Script::Traditional);
    }
}
