//! The emoji table: standard Unicode emoji ↔ each carrier's codes, from `carrier-profiles/emoji.tsv`.

use super::profile::EmojiSet;
use std::collections::HashMap;
use std::path::Path;

/// The carriers that have their own emoji code spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Docomo = 0,
    Au = 1,
    Softbank = 2,
}

impl Carrier {
    pub const ALL: [Carrier; 3] = [Carrier::Docomo, Carrier::Au, Carrier::Softbank];

    /// The carrier whose emoji a profile's emoji set uses, if any.
    pub fn of(set: EmojiSet) -> Option<Carrier> {
        match set {
            EmojiSet::Docomo => Some(Carrier::Docomo),
            EmojiSet::Au => Some(Carrier::Au),
            EmojiSet::Softbank => Some(Carrier::Softbank),
            EmojiSet::Unicode => None,
        }
    }
}

/// How one emoji is written for one carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierCode {
    /// False for emoji4unicode's one-way (`>`) equivalents.
    pub exact: bool,
    /// Private-use code points (several for composed equivalents).
    pub pua: Vec<u32>,
    /// The same as Shift_JIS codes.
    pub sjis: Vec<u16>,
}

/// One emoji of the table.
#[derive(Debug, Clone)]
pub struct Emoji {
    /// The internal form: standard Unicode, or Google's PUA (U+FE000…) where Unicode has none.
    pub text: String,
    pub codes: [Option<CarrierCode>; 3],
    /// Text shown where a carrier has nothing, e.g. `[霧]`.
    pub fallback: String,
    pub name: String,
}

impl Emoji {
    pub fn code(&self, carrier: Carrier) -> Option<&CarrierCode> {
        self.codes[carrier as usize].as_ref()
    }
}

/// The whole table with its lookups.
#[derive(Debug)]
pub struct EmojiTable {
    emoji: Vec<Emoji>,
    by_text: HashMap<String, usize>,
    by_sjis: [HashMap<u16, usize>; 3],
    by_pua: [HashMap<u32, usize>; 3],
}

/// Why the emoji table could not be read.
#[derive(Debug, thiserror::Error)]
#[error("絵文字表 {path} の {line} 行目が読めません。HIROBA_PROFILES_DIR を確かめてください (emoji table {path}, line {line}: {message})")]
pub struct EmojiTableError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl EmojiTable {
    pub fn load(path: &Path) -> Result<Self, EmojiTableError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| EmojiTableError {
            path: shown.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        Self::parse(&text).map_err(|(line, message)| EmojiTableError {
            path: shown,
            line,
            message,
        })
    }

    /// The table compiled into the binary (`keitai::builtin`).
    pub fn builtin() -> Result<Self, EmojiTableError> {
        Self::parse(super::builtin::EMOJI_TSV).map_err(|(line, message)| EmojiTableError {
            path: super::builtin::SHOWN_AS.to_string(),
            line,
            message,
        })
    }

    /// Parses the generated TSV (see `tools/gen-emoji.py` for the columns).
    pub fn parse(tsv: &str) -> Result<Self, (usize, String)> {
        let mut emoji = Vec::new();
        for (index, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            emoji.push(parse_line(line).map_err(|m| (index + 1, m))?);
        }
        let mut table = EmojiTable {
            by_text: HashMap::with_capacity(emoji.len()),
            by_sjis: Default::default(),
            by_pua: Default::default(),
            emoji,
        };
        for (i, e) in table.emoji.iter().enumerate() {
            table.by_text.insert(e.text.clone(), i);
            for carrier in Carrier::ALL {
                if let Some(code) = e.code(carrier).filter(|c| c.exact && c.pua.len() == 1) {
                    table.by_pua[carrier as usize].insert(code.pua[0], i);
                    table.by_sjis[carrier as usize].insert(code.sjis[0], i);
                }
            }
        }
        Ok(table)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Emoji> {
        self.emoji.iter()
    }

    /// The emoji whose internal text is exactly `text`.
    pub fn get(&self, text: &str) -> Option<&Emoji> {
        self.by_text.get(text).map(|&i| &self.emoji[i])
    }

    /// The emoji a carrier's Shift_JIS code stands for (exact mappings only).
    pub fn from_sjis(&self, carrier: Carrier, code: u16) -> Option<&Emoji> {
        self.by_sjis[carrier as usize].get(&code).map(|&i| &self.emoji[i])
    }

    /// The emoji a carrier's private-use code point stands for (exact mappings only).
    pub fn from_pua(&self, carrier: Carrier, code: u32) -> Option<&Emoji> {
        self.by_pua[carrier as usize].get(&code).map(|&i| &self.emoji[i])
    }

    /// The longest emoji at the start of `text` and its length in bytes.
    pub fn match_prefix(&self, text: &str) -> Option<(&Emoji, usize)> {
        let mut ends = text.char_indices().map(|(i, c)| i + c.len_utf8()).take(2);
        let one = ends.next()?;
        if let Some(two) = ends.next() {
            if let Some(e) = self.get(&text[..two]) {
                return Some((e, two));
            }
        }
        self.get(&text[..one]).map(|e| (e, one))
    }

    /// Every character an emoji can start with.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.emoji.iter().filter_map(|e| e.text.chars().next())
    }
}

fn parse_line(line: &str) -> Result<Emoji, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 9 {
        return Err(format!("expected 9 tab-separated columns, found {}", cols.len()));
    }
    let text = cols[0]
        .split(' ')
        .map(|hex| parse_hex(hex).and_then(|n| char::from_u32(n).ok_or_else(|| format!("not a character: {hex}"))))
        .collect::<Result<String, _>>()?;
    let mut codes: [Option<CarrierCode>; 3] = Default::default();
    for (i, slot) in codes.iter_mut().enumerate() {
        *slot = parse_code(cols[1 + i], cols[6 + i])?;
    }
    Ok(Emoji {
        text,
        codes,
        fallback: cols[4].to_string(),
        name: cols[5].to_string(),
    })
}

fn parse_code(pua: &str, sjis: &str) -> Result<Option<CarrierCode>, String> {
    if pua.is_empty() {
        return Ok(None);
    }
    let exact = !pua.starts_with('>');
    let list = |s: &str| {
        s.trim_start_matches('>')
            .split('+')
            .map(parse_hex)
            .collect::<Result<Vec<u32>, _>>()
    };
    let pua = list(pua)?;
    let sjis = list(sjis)?
        .into_iter()
        .map(|n| u16::try_from(n).map_err(|_| format!("Shift_JIS code out of range: {n:X}")))
        .collect::<Result<Vec<u16>, _>>()?;
    if pua.len() != sjis.len() {
        return Err("PUA and Shift_JIS columns disagree".into());
    }
    Ok(Some(CarrierCode { exact, pua, sjis }))
}

fn parse_hex(hex: &str) -> Result<u32, String> {
    u32::from_str_radix(hex, 16).map_err(|_| format!("not a hex code: {hex:?}"))
}
