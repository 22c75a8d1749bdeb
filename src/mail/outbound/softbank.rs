//! SoftBank emoji as its mail writes them: Shift_JIS codes F741…, F941…, FB41…, where its web
//! pages use `ESC $ <page> <char>… SI` escapes (which the `Codec` writes for a SoftBank target).
//! jpmobile's `unicodecr_to_softbank_email` does the same for mail.

const GETA_SJIS: [u8; 2] = [0x81, 0xAC];

/// SoftBank mail carries emoji as Shift_JIS codes (F741…, F941…, FB41…), not as the
/// `ESC $ <page> <char>… SI` escapes the codec writes for SoftBank web pages.
pub(crate) fn softbank_escapes_to_sjis(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // ESC is never part of a double-byte code, so a byte scan finds escapes safely.
        let page = match bytes[i..] {
            [0x1B, b'$', letter, ..] => softbank_page(letter),
            _ => None,
        };
        let Some(page) = page else {
            out.push(bytes[i]);
            i += 1;
            continue;
        };
        i += 3;
        while let Some(&c) = bytes.get(i) {
            i += 1;
            if c == 0x0F {
                break;
            }
            let code = softbank_pua_to_sjis(page | u32::from(c).saturating_sub(0x20));
            out.extend_from_slice(&code.map_or(GETA_SJIS, u16::to_be_bytes));
        }
    }
    out
}

fn softbank_page(letter: u8) -> Option<u32> {
    let index = b"GEFOPQ".iter().position(|&l| l == letter)?;
    u32::try_from(index).ok().map(|n| 0xE000 + (n << 8))
}

/// SoftBank PUA E001–E55A as its Shift_JIS code: each page of up to 90 codes fills one half of a
/// lead byte's trail range (G → F941, E → F741, F → F7A1, O → F9A1, P → FB41, Q → FBA1).
fn softbank_pua_to_sjis(pua: u32) -> Option<u16> {
    let (lead, second_half) = match pua >> 8 {
        0xE0 => (0xF9, false),
        0xE1 => (0xF7, false),
        0xE2 => (0xF7, true),
        0xE3 => (0xF9, true),
        0xE4 => (0xFB, false),
        0xE5 => (0xFB, true),
        _ => return None,
    };
    let n = pua & 0xFF;
    if !(1..=0x5A).contains(&n) {
        return None;
    }
    let trail = if second_half {
        0xA0 + n
    } else {
        // Trail bytes skip 0x7F.
        let t = 0x40 + n;
        if t >= 0x7F {
            t + 1
        } else {
            t
        }
    };
    u16::try_from(lead << 8 | trail).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keitai::emoji::Carrier;
    use crate::mail::outbound::test_support::codec;

    #[test]
    fn softbank_pua_arithmetic_agrees_with_the_whole_table() {
        let mut checked = 0;
        for emoji in codec().emoji().iter() {
            if let Some(code) = emoji.code(Carrier::Softbank) {
                for (&pua, &sjis) in code.pua.iter().zip(&code.sjis) {
                    assert_eq!(softbank_pua_to_sjis(pua), Some(sjis), "{pua:X}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 400, "{checked}");
    }

    #[test]
    fn web_escapes_become_mail_codes_and_other_bytes_stay() {
        // ESC $ G j SI is E04A (sun), mail code F98B; a two-letter escape holds two emoji.
        assert_eq!(softbank_escapes_to_sjis(b"a\x1b$Gj\x0fb"), b"a\xf9\x8bb");
        assert_eq!(softbank_escapes_to_sjis(b"\x1b$Gjk\x0f"), b"\xf9\x8b\xf9\x8c");
        assert_eq!(softbank_escapes_to_sjis(b"\x82\xa0\x1b(B"), b"\x82\xa0\x1b(B");
    }
}
