//! Text ↔ bytes for a device: CP932 with carrier emoji, or UTF-8.
//!
//! Pages are rendered as Unicode; `Codec::encode` writes them in the viewer's charset and emoji
//! code space, `Codec::decode` turns what a phone sent back into Unicode with standard emoji.

use super::charmap::{cp932_equivalent, plain_replacement};
use super::emoji::{Carrier, Emoji, EmojiTable};
use super::profile::{Charset, EmojiSet};
use encoding_rs::{Encoder, EncoderResult, SHIFT_JIS};
use std::sync::Arc;

/// 〓 (GETA MARK) in CP932: what is shown for a character nothing else can stand for.
const GETA_SJIS: [u8; 2] = [0x81, 0xAC];
const GETA: char = '〓';

/// How text is written for one device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub charset: Charset,
    pub emoji: EmojiSet,
    /// Replace NEC row 13 and IBM extension characters (docomo).
    pub avoid_vendor_rows: bool,
}

/// Input that is not valid in the charset it was sent in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("input is not valid {charset}")]
pub struct DecodeError {
    pub charset: &'static str,
}

/// The shared encoder and decoder, built once at start-up.
#[derive(Debug, Clone)]
pub struct Codec {
    emoji: Arc<EmojiTable>,
    /// BMP characters that start an emoji.
    emoji_start: BmpSet,
    /// BMP characters whose CP932 code lies in the NEC row 13 or IBM extension rows.
    vendor_row: BmpSet,
    /// BMP characters whose CP932 code is one of SoftBank's Shift_JIS emoji (FB41–FBDE): a
    /// SoftBank handset shows 濵 as a face.
    softbank_row: BmpSet,
}

impl Codec {
    pub fn new(emoji: Arc<EmojiTable>) -> Self {
        let mut emoji_start = BmpSet::default();
        emoji.first_chars().for_each(|c| emoji_start.insert(c));
        Codec {
            emoji,
            emoji_start,
            vendor_row: vendor_row_chars(),
            softbank_row: softbank_row_chars(),
        }
    }

    pub fn emoji(&self) -> &EmojiTable {
        &self.emoji
    }

    /// Writes Unicode text in the target's charset and emoji codes.
    pub fn encode(&self, text: &str, target: Target) -> Vec<u8> {
        match target.charset {
            Charset::ShiftJis => self.encode_sjis(text, target),
            Charset::Utf8 => self.encode_utf8(text, target),
        }
    }

    /// What to write instead of ordinary encoding at the start of `rest`, and how much it covers.
    fn special_at<'a>(&'a self, rest: &str, c: char, target: Target) -> Option<(Special<'a>, usize)> {
        if let Some(len) = keycap_len(rest) {
            let key: String = [c, '\u{20E3}'].into_iter().collect();
            return self.emoji.get(&key).map(|emoji| (Special::Emoji(emoji), len));
        }
        if c == '\u{FE0F}' {
            // A variation selector left alone (after a non-emoji): nothing to show.
            return Some((Special::Text(""), c.len_utf8()));
        }
        if self.emoji_start.contains_or_astral(c) {
            if let Some((emoji, len)) = self.emoji.match_prefix(rest) {
                return Some((Special::Emoji(emoji), len + variation_selector_len(&rest[len..])));
            }
        }
        let softbank_sjis = target.emoji == EmojiSet::Softbank && target.charset == Charset::ShiftJis;
        if (target.avoid_vendor_rows && self.vendor_row.contains(c)) || (softbank_sjis && self.softbank_row.contains(c))
        {
            let replacement = plain_replacement(c).map_or(Special::Geta, Special::Text);
            return Some((replacement, c.len_utf8()));
        }
        None
    }

    fn encode_sjis(&self, text: &str, target: Target) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 16);
        let mut encoder = SHIFT_JIS.new_encoder();
        let bytes = text.as_bytes();
        let (mut run_start, mut i) = (0, 0);
        while i < bytes.len() {
            // ASCII is written by the encoder as it is, except a digit or `#` that starts a keycap emoji.
            if bytes[i] < 0x80 && !starts_keycap(&text[i..]) {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            let special = self.special_at(&text[i..], c, target);
            let Some((special, len)) = special else {
                i += c.len_utf8();
                continue;
            };
            encode_run(&mut encoder, &text[run_start..i], &mut out);
            match special {
                Special::Emoji(emoji) => self.write_emoji_sjis(&mut encoder, emoji, target, &mut out),
                Special::Text(replacement) => encode_run(&mut encoder, replacement, &mut out),
                Special::Geta => out.extend_from_slice(&GETA_SJIS),
            }
            i += len;
            run_start = i;
        }
        encode_run(&mut encoder, &text[run_start..], &mut out);
        out
    }

    fn write_emoji_sjis(&self, encoder: &mut Encoder, emoji: &Emoji, target: Target, out: &mut Vec<u8>) {
        match Carrier::of(target.emoji).and_then(|carrier| emoji.code(carrier).map(|code| (carrier, code))) {
            Some((Carrier::Softbank, code)) => code.pua.iter().for_each(|&pua| write_softbank_escape(pua, out)),
            Some((_, code)) => code
                .sjis
                .iter()
                .for_each(|sjis| out.extend_from_slice(&sjis.to_be_bytes())),
            None => encode_run(encoder, &emoji.fallback, out),
        }
    }

    fn encode_utf8(&self, text: &str, target: Target) -> Vec<u8> {
        let carrier = Carrier::of(target.emoji);
        // Standard emoji pass through; only Google PUA emoji (U+FE000…, lead byte F3) and, for a
        // carrier code space, every emoji need a rewrite.
        if carrier.is_none() && !text.as_bytes().contains(&0xF3) {
            return text.as_bytes().to_vec();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let candidate = self.emoji_start.contains_or_astral(c) && (!c.is_ascii() || starts_keycap(rest));
            let matched = if candidate { self.emoji.match_prefix(rest) } else { None };
            match matched {
                Some((emoji, len)) => {
                    match carrier.and_then(|carrier| emoji.code(carrier)) {
                        Some(code) => out.extend(code.pua.iter().filter_map(|&p| char::from_u32(p))),
                        None if carrier.is_none() && !is_google_pua(c) => out.push_str(&rest[..len]),
                        None => out.push_str(&emoji.fallback),
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out.into_bytes()
    }

    /// Reads text a device sent in the target's charset; carrier emoji become standard emoji.
    pub fn decode(&self, bytes: &[u8], target: Target) -> Result<String, DecodeError> {
        let text = match target.charset {
            Charset::ShiftJis if target.emoji == EmojiSet::Softbank => self.decode_softbank_sjis(bytes)?,
            Charset::ShiftJis => decode_sjis(bytes)?,
            Charset::Utf8 => std::str::from_utf8(bytes)
                .map_err(|_| DecodeError { charset: "UTF-8" })?
                .to_string(),
        };
        let Some(carrier) = Carrier::of(target.emoji) else {
            return Ok(text);
        };
        if !text.chars().any(|c| is_pua(c) || c == '\u{1B}') {
            return Ok(text);
        }
        Ok(self.carrier_to_unicode(&text, carrier, target.charset))
    }

    /// SoftBank Shift_JIS: its emoji pages P and Q (FB41–FBDE) lie on IBM extension kanji, which a
    /// CP932 decoder would read (涬, 濵…); from a SoftBank handset they are emoji. The other pages
    /// (F741…, F941…) decode to private use and are read with the rest in `carrier_to_unicode`.
    fn decode_softbank_sjis(&self, bytes: &[u8]) -> Result<String, DecodeError> {
        let mut out = String::with_capacity(bytes.len() * 2);
        let (mut run_start, mut i) = (0, 0);
        while i < bytes.len() {
            let lead = bytes[i];
            let len = if matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) {
                2
            } else {
                1
            };
            let code = match bytes.get(i..i + len) {
                Some(&[lead, trail]) => u16::from_be_bytes([lead, trail]),
                _ => 0,
            };
            if is_softbank_ibm_row_emoji(code) {
                out.push_str(&decode_sjis(&bytes[run_start..i])?);
                match self.emoji.from_sjis(Carrier::Softbank, code) {
                    Some(emoji) => out.push_str(&emoji.text),
                    None => out.push(GETA),
                }
                run_start = i + len;
            }
            i += len;
        }
        out.push_str(&decode_sjis(&bytes[run_start..])?);
        Ok(out)
    }

    fn carrier_to_unicode(&self, text: &str, carrier: Carrier, charset: Charset) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1B}' && carrier == Carrier::Softbank {
                self.read_softbank_escape(&mut chars, &mut out);
                continue;
            }
            if !is_pua(c) {
                out.push(c);
                continue;
            }
            let emoji = match charset {
                // Shift_JIS decoders map the user-defined area to PUA by CP932 arithmetic.
                Charset::ShiftJis => cp932_pua_to_sjis(c).and_then(|code| self.emoji.from_sjis(carrier, code)),
                // au phones on UTF-8 pages send their Shift_JIS code less 0x700.
                Charset::Utf8 if carrier == Carrier::Au => u16::try_from(c as u32 + 0x700)
                    .ok()
                    .and_then(|code| self.emoji.from_sjis(carrier, code))
                    .or_else(|| self.emoji.from_pua(carrier, c as u32)),
                Charset::Utf8 => self.emoji.from_pua(carrier, c as u32),
            };
            match emoji {
                Some(e) => out.push_str(&e.text),
                None => out.push(GETA),
            }
        }
        out
    }

    /// SoftBank web codes: `ESC $ <page> <char>… SI`.
    fn read_softbank_escape(&self, chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
        let page = match (chars.peek().copied(), chars.clone().nth(1)) {
            (Some('$'), Some(letter)) => softbank_page(letter),
            _ => None,
        };
        let Some(page) = page else {
            // A lone ESC is no emoji but a control character, dropped as form decoding drops them.
            return;
        };
        chars.nth(1);
        for c in chars.by_ref() {
            if c == '\u{0F}' {
                break;
            }
            let pua = page | (c as u32).saturating_sub(0x20);
            match self.emoji.from_pua(Carrier::Softbank, pua) {
                Some(e) => out.push_str(&e.text),
                None => out.push(GETA),
            }
        }
    }
}

fn decode_sjis(bytes: &[u8]) -> Result<String, DecodeError> {
    Ok(SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(DecodeError { charset: "Shift_JIS" })?
        .into_owned())
}

/// SoftBank's Shift_JIS emoji pages P and Q: FB41–FB9B and FBA1–FBDE, on the IBM extension row FB.
fn is_softbank_ibm_row_emoji(code: u16) -> bool {
    (0xFB41..=0xFBDE).contains(&code) && code & 0xFF != 0x7F
}

/// Encodes a run of ordinary text; what CP932 lacks gets its CP932 look-alike, else 〓.
fn encode_run(encoder: &mut Encoder, text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    while !rest.is_empty() {
        out.reserve(
            encoder
                .max_buffer_length_from_utf8_without_replacement(rest.len())
                .unwrap_or(rest.len() * 2),
        );
        let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(rest, out, true);
        rest = &rest[read..];
        if let EncoderResult::Unmappable(c) = result {
            let alike =
                cp932_equivalent(c).map(|alike| SHIFT_JIS.encode(alike.encode_utf8(&mut [0; 4])).0.into_owned());
            match alike {
                Some(bytes) if bytes.len() == 2 => out.extend_from_slice(&bytes),
                _ => out.extend_from_slice(&GETA_SJIS),
            }
        }
    }
}

/// Something written in place of ordinary encoding.
enum Special<'a> {
    Emoji(&'a Emoji),
    Text(&'static str),
    Geta,
}

fn write_softbank_escape(pua: u32, out: &mut Vec<u8>) {
    const LETTERS: [u8; 6] = *b"GEFOPQ";
    let page = ((pua >> 8) & 0xF) as usize;
    match LETTERS.get(page) {
        Some(&letter) => out.extend_from_slice(&[0x1B, b'$', letter, (pua & 0xFF) as u8 + 0x20, 0x0F]),
        None => out.extend_from_slice(&GETA_SJIS),
    }
}

fn softbank_page(letter: char) -> Option<u32> {
    Some(match letter {
        'G' => 0xE000,
        'E' => 0xE100,
        'F' => 0xE200,
        'O' => 0xE300,
        'P' => 0xE400,
        'Q' => 0xE500,
        _ => return None,
    })
}

/// `1⃣`: an ASCII digit or `#` followed by COMBINING ENCLOSING KEYCAP is an emoji.
/// (Also the fully-qualified form with VARIATION SELECTOR-16 between them: `1\u{FE0F}\u{20E3}`.)
fn starts_keycap(rest: &str) -> bool {
    keycap_len(rest).is_some()
}

fn keycap_len(rest: &str) -> Option<usize> {
    const KEYCAP: [u8; 3] = [0xE2, 0x83, 0xA3];
    const VS16: [u8; 3] = [0xEF, 0xB8, 0x8F];
    let b = rest.as_bytes();
    if b.is_empty() || !(b[0].is_ascii_digit() || b[0] == b'#') {
        return None;
    }
    match (b.get(1..4), b.get(4..7)) {
        (Some(k), _) if k == KEYCAP => Some(4),
        (Some(v), Some(k)) if v == VS16 && k == KEYCAP => Some(7),
        _ => None,
    }
}

fn variation_selector_len(rest: &str) -> usize {
    if rest.starts_with('\u{FE0F}') {
        '\u{FE0F}'.len_utf8()
    } else {
        0
    }
}

fn is_pua(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn is_google_pua(c: char) -> bool {
    ('\u{FE000}'..='\u{FEFFF}').contains(&c)
}

/// The CP932 user-defined code (F040–F9FC) that decodes to this PUA character.
fn cp932_pua_to_sjis(c: char) -> Option<u16> {
    let n = (c as u32).checked_sub(0xE000)?;
    if n >= 10 * 188 {
        return None;
    }
    let (lead, t) = (0xF0 + n / 188, n % 188);
    let trail = if t < 63 { 0x40 + t } else { 0x80 + t - 63 };
    u16::try_from(lead << 8 | trail).ok()
}

/// Characters whose CP932 code is in NEC row 13 (87xx) or the IBM extension rows (ED–EE, FA–FC).
fn vendor_row_chars() -> BmpSet {
    let mut set = BmpSet::default();
    let leads = [0x87u8, 0xED, 0xEE, 0xFA, 0xFB, 0xFC];
    for lead in leads {
        for trail in (0x40u8..=0xFC).filter(|&t| t != 0x7F) {
            let bytes = [lead, trail];
            let Some(decoded) = SHIFT_JIS.decode_without_bom_handling_and_without_replacement(&bytes) else {
                continue;
            };
            let Some(c) = decoded.chars().next() else { continue };
            // Only characters whose own encoding lands in these rows (¬ and ∵ have a JIS code too).
            let (encoded, _, unmappable) = SHIFT_JIS.encode(&decoded);
            if !unmappable && leads.contains(&encoded[0]) {
                set.insert(c);
            }
        }
    }
    set
}

/// Characters that CP932 writes on SoftBank's emoji codes FB41–FBDE.
fn softbank_row_chars() -> BmpSet {
    let mut set = BmpSet::default();
    for code in (0xFB41u16..=0xFBDE).filter(|&code| is_softbank_ibm_row_emoji(code)) {
        let bytes = code.to_be_bytes();
        let Some(decoded) = SHIFT_JIS.decode_without_bom_handling_and_without_replacement(&bytes) else {
            continue;
        };
        decoded.chars().for_each(|c| set.insert(c));
    }
    set
}

/// A set of Basic Multilingual Plane characters as a bitmap (8 KiB).
#[derive(Clone)]
struct BmpSet(Box<[u64; 1024]>);

impl Default for BmpSet {
    fn default() -> Self {
        BmpSet(Box::new([0; 1024]))
    }
}

impl std::fmt::Debug for BmpSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "BmpSet({} chars)",
            self.0.iter().map(|w| w.count_ones()).sum::<u32>()
        )
    }
}

impl BmpSet {
    fn insert(&mut self, c: char) {
        let n = c as usize;
        if n < 0x10000 {
            self.0[n / 64] |= 1 << (n % 64);
        }
    }

    fn contains(&self, c: char) -> bool {
        let n = c as usize;
        n < 0x10000 && self.0[n / 64] & (1 << (n % 64)) != 0
    }

    /// Astral characters are always worth a look (emoji live there).
    fn contains_or_astral(&self, c: char) -> bool {
        c as u32 >= 0x10000 || self.contains(c)
    }
}
