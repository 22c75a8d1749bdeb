//! Attachments: which types and sizes are taken, and what a keitai shows instead of a PDF.

/// What an uploaded file is, judged by its first bytes (a file name can lie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// JPEG, PNG or GIF: goes through the photo pipeline and is sized for each phone.
    Image,
    /// Stored as it is; keitai get its text or a note instead.
    Pdf,
}

/// Why a file was refused, as the teacher reads it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("「{name}」は大きすぎます（{size_kb}KB、{max_kb}KBまで）。小さくしてからもう一度選んでください。")]
    TooLarge { name: String, size_kb: u64, max_kb: u64 },
    #[error("「{name}」は添付できない種類のファイルです。添付できるのは画像（JPEG・PNG・GIF）とPDFです。")]
    Unsupported { name: String },
}

/// The note a keitai shows for a PDF without a text of its own.
pub const KEITAI_PDF_NOTE: &str = "PDFの資料があります。パソコンかスマートフォンでご覧ください";

/// The kind of an upload named `name` of `bytes`, or why it is refused (`max_bytes` from
/// `[notebook] attachment_max_bytes`).
pub fn classify(name: &str, bytes: &[u8], max_bytes: u32) -> Result<FileKind, Refused> {
    let shown = if name.trim().is_empty() {
        "ファイル"
    } else {
        name.trim()
    };
    if bytes.len() as u64 > u64::from(max_bytes) {
        return Err(Refused::TooLarge {
            name: shown.to_string(),
            size_kb: (bytes.len() as u64).div_ceil(1024),
            max_kb: u64::from(max_bytes) / 1024,
        });
    }
    let image = bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a");
    if image {
        Ok(FileKind::Image)
    } else if bytes.starts_with(b"%PDF-") {
        Ok(FileKind::Pdf)
    } else {
        Err(Refused::Unsupported {
            name: shown.to_string(),
        })
    }
}

/// A stored file name safe for a Content-Disposition header's plain part (ASCII, no quotes).
pub fn ascii_name(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    let named = plain
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.trim_matches('.').is_empty() && !ext.is_empty());
    if !named {
        "attachment.pdf".into()
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes() {
        assert_eq!(classify("a.pdf", b"%PDF-1.4 ...", 100), Ok(FileKind::Pdf));
        assert_eq!(classify("a.jpg", &[0xFF, 0xD8, 0xFF, 0xE0], 100), Ok(FileKind::Image));
        assert_eq!(classify("a.gif", b"GIF89a..", 100), Ok(FileKind::Image));
        assert!(matches!(
            classify("setup.exe", b"MZ\x90\x00", 100),
            Err(Refused::Unsupported { .. })
        ));
        assert!(matches!(
            classify("fake.pdf", b"MZ\x90\x00", 100),
            Err(Refused::Unsupported { .. })
        ));
        let big = classify("big.pdf", &[b'%'; 3000], 2048).unwrap_err();
        assert_eq!(
            big.to_string(),
            "「big.pdf」は大きすぎます（3KB、2KBまで）。小さくしてからもう一度選んでください。"
        );
    }

    #[test]
    fn ascii_names_stay_plain() {
        assert_eq!(ascii_name("遠足のしおり.pdf"), "attachment.pdf");
        assert_eq!(ascii_name("ensoku 2026.pdf"), "ensoku2026.pdf");
        assert_eq!(ascii_name("a\"b.pdf"), "ab.pdf");
    }
}
