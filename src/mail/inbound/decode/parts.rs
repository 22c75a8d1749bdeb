//! The MIME tree → the text the sender wrote, the photos, and the images that arrived broken.
//!
//! Decomail (デコメール) is `multipart/related` HTML whose inline images, referenced by `cid:`,
//! are decoration; the text is its `text/plain` alternative. Images attached, or not shown by
//! the HTML, are photos. Image bytes are not decoded here: the photo pipeline does that.

use super::text::Reader;
use super::transfer;
use super::Attachment;
use mail_parser::decoders::html::html_to_text;
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

/// Nesting deeper than this is ignored (no phone nests so deep; it guards the recursion).
const MAX_DEPTH: usize = 16;

/// What the walk over the parts found.
#[derive(Default)]
pub(super) struct Content {
    plain: Vec<String>,
    html: Vec<String>,
    images: Vec<Image>,
}

/// One image part, before deciding whether it is a photo, a decoration or broken.
struct Image {
    content_type: String,
    filename: Option<String>,
    content_id: Option<String>,
    location: Option<String>,
    attachment: bool,
    bytes: Vec<u8>,
    /// False when the transfer encoding was damaged or the part never reached its boundary.
    whole: bool,
}

/// The images of a mail, sorted.
pub(super) struct Images {
    pub photos: Vec<Attachment>,
    pub broken: Vec<String>,
}

/// Walks the MIME tree of `message` (whose raw bytes are `raw`).
pub(super) fn collect(message: &Message, raw: &[u8], reader: &Reader) -> Content {
    let mut content = Content::default();
    Walk { message, raw, reader }.part(0, None, 0, &mut content);
    content
}

struct Walk<'a, 'm> {
    message: &'a Message<'m>,
    raw: &'a [u8],
    reader: &'a Reader<'a>,
}

impl Walk<'_, '_> {
    fn part(&self, id: usize, boundary: Option<&str>, depth: usize, found: &mut Content) {
        let Some(part) = self.message.parts.get(id) else { return };
        if depth > MAX_DEPTH {
            return;
        }
        let (ctype, subtype) = content_type(part);
        match &part.body {
            PartType::Multipart(children) => {
                let inner = part.content_type().and_then(|ct| ct.attribute("boundary"));
                // Part ids only grow down the tree; anything else would be a cycle.
                let children = children.iter().map(|&c| c as usize).filter(|&c| c > id);
                if subtype == "alternative" {
                    self.alternative(children, inner, depth, found);
                } else {
                    children.for_each(|c| self.part(c, inner, depth + 1, found));
                }
            }
            // A forwarded or bounced message is not what the sender wrote.
            PartType::Message(_) => {}
            _ if is_image(&ctype, &subtype, part.attachment_name()) => {
                found.images.push(self.image(part, &ctype, &subtype, boundary));
            }
            _ if ctype == "text" && !is_attachment(part) => {
                let text = self.text(part);
                match subtype.as_str() {
                    "html" => found.html.push(text),
                    "plain" => found.plain.push(text),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// The first alternative with plain text gives the text; HTML and images are kept from all,
    /// so that the HTML's `cid:` references can mark the decorations.
    fn alternative(
        &self,
        children: impl Iterator<Item = usize>,
        boundary: Option<&str>,
        depth: usize,
        found: &mut Content,
    ) {
        let mut have_plain = false;
        for child in children {
            let mut branch = Content::default();
            self.part(child, boundary, depth + 1, &mut branch);
            if !have_plain && !branch.plain.is_empty() {
                have_plain = true;
                found.plain.append(&mut branch.plain);
            }
            found.html.append(&mut branch.html);
            found.images.append(&mut branch.images);
        }
    }

    fn body(&self, part: &MessagePart) -> transfer::Decoded {
        let raw = self
            .raw
            .get(part.offset_body as usize..part.offset_end as usize)
            .unwrap_or_default();
        transfer::undo(part.content_transfer_encoding(), raw)
    }

    fn text(&self, part: &MessagePart) -> String {
        let charset = part.content_type().and_then(|ct| ct.attribute("charset"));
        self.reader.decode(&self.body(part).bytes, charset)
    }

    fn image(&self, part: &MessagePart, ctype: &str, subtype: &str, boundary: Option<&str>) -> Image {
        let decoded = self.body(part);
        let filename = part.attachment_name().map(str::to_string);
        let content_type = match (ctype, filename.as_deref().and_then(type_by_extension)) {
            ("image", _) | (_, None) => format!("{ctype}/{subtype}"),
            (_, Some(by_name)) => by_name.to_string(),
        };
        let whole = decoded.intact
            && !part.is_encoding_problem
            && !decoded.bytes.is_empty()
            && ends_at_boundary(self.raw, part.offset_end as usize, boundary)
            && plausible_image(&content_type, &decoded.bytes);
        Image {
            content_type,
            filename,
            content_id: part.content_id().map(|id| id.trim_matches(['<', '>', ' ']).to_string()),
            location: part.content_location().map(str::to_string),
            attachment: is_attachment(part),
            bytes: decoded.bytes,
            whole,
        }
    }
}

impl Content {
    /// Sorts the images: decorations are dropped, broken ones reported, the rest are photos.
    /// `keitai`: the sender is on a carrier's keypad phone, where inline images are Decomail;
    /// from a smartphone or PC an inline JPEG shown by the HTML is a photo put in the text.
    pub fn images(&mut self, keitai: bool) -> Images {
        let mut images = Images {
            photos: Vec::new(),
            broken: Vec::new(),
        };
        for image in std::mem::take(&mut self.images) {
            let decoration =
                !image.attachment && self.shown_by_html(&image) && (keitai || image.content_type == "image/gif");
            // A damaged decoration is no loss to report: the sender attached no photo there.
            if decoration {
                continue;
            }
            if !image.whole {
                images.broken.push(image.filename.unwrap_or(image.content_type));
            } else {
                images.photos.push(Attachment {
                    filename: image.filename,
                    content_type: image.content_type,
                    bytes: image.bytes,
                });
            }
        }
        images
    }

    fn shown_by_html(&self, image: &Image) -> bool {
        self.html.iter().any(|html| {
            image
                .content_id
                .as_deref()
                .is_some_and(|id| cids(html).any(|c| c.eq_ignore_ascii_case(id)))
                || image
                    .location
                    .as_deref()
                    .is_some_and(|l| !l.is_empty() && html.contains(l))
        })
    }

    /// The text: the plain parts, else the HTML as text.
    pub fn text(&self) -> String {
        if self.plain.iter().any(|t| !t.trim().is_empty()) {
            return self.plain.join("\n");
        }
        self.html.iter().map(|h| html_to_text(h)).collect::<Vec<_>>().join("\n")
    }
}

/// The `cid:` URLs of an HTML text (`src="cid:…"`), without the scheme, in any letter case.
fn cids(html: &str) -> impl Iterator<Item = &str> {
    // ASCII lower-casing keeps every byte offset, so positions found in the copy fit `html`.
    let lower = html.to_ascii_lowercase();
    let starts: Vec<usize> = lower.match_indices("cid:").map(|(at, _)| at + 4).collect();
    starts.into_iter().map(move |start| {
        let rest = &html[start..];
        let end = rest
            .find(|c: char| matches!(c, '"' | '\'' | '>' | '<' | ')') || c.is_whitespace())
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

fn content_type(part: &MessagePart) -> (String, String) {
    match part.content_type() {
        Some(ct) => (
            ct.ctype().to_ascii_lowercase(),
            ct.subtype().unwrap_or_default().to_ascii_lowercase(),
        ),
        None => ("text".into(), "plain".into()),
    }
}

fn is_attachment(part: &MessagePart) -> bool {
    part.content_disposition()
        .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"))
}

/// Images, including those phones send as `application/octet-stream` with an image's name.
fn is_image(ctype: &str, subtype: &str, filename: Option<&str>) -> bool {
    ctype == "image"
        || (ctype == "application" && subtype == "octet-stream" && filename.and_then(type_by_extension).is_some())
}

fn type_by_extension(filename: &str) -> Option<&'static str> {
    let ext = filename.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "png" => "image/png",
        "heic" | "heif" => "image/heic",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// Whether the part was closed by its multipart boundary; a part cut off by the end of the
/// message (no boundary after it) was truncated in transit.
fn ends_at_boundary(raw: &[u8], end: usize, boundary: Option<&str>) -> bool {
    let Some(boundary) = boundary else {
        // Not inside a multipart: the message itself ends the part.
        return true;
    };
    let rest = raw.get(end..).unwrap_or_default();
    let start = rest
        .iter()
        .position(|&b| b != b'\r' && b != b'\n')
        .unwrap_or(rest.len());
    rest[start..]
        .strip_prefix(b"--")
        .is_some_and(|r| r.starts_with(boundary.as_bytes()))
}

/// The formats phones send must start with their signature; others are left to the photo pipeline.
fn plausible_image(content_type: &str, bytes: &[u8]) -> bool {
    let known = [&b"\xFF\xD8\xFF"[..], b"GIF87a", b"GIF89a", b"\x89PNG\r\n\x1A\n"];
    let signed = known.iter().any(|magic| bytes.starts_with(magic));
    signed
        || !matches!(
            content_type,
            "image/jpeg" | "image/pjpeg" | "image/jpg" | "image/gif" | "image/png"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_references_are_found_in_html() {
        let html = r#"<img src="cid:03@1002.x"><IMG SRC=CID:abc>"#;
        assert_eq!(cids(html).collect::<Vec<_>>(), ["03@1002.x", "abc"]);
    }

    #[test]
    fn a_part_without_its_closing_boundary_was_cut_off() {
        let raw = b"AAAA\r\n--b\r\n";
        assert!(ends_at_boundary(raw, 4, Some("b")));
        assert!(!ends_at_boundary(raw, 4, Some("other")));
        assert!(!ends_at_boundary(b"AAAA", 4, Some("b")));
        assert!(ends_at_boundary(b"AAAA", 4, None));
    }

    #[test]
    fn a_jpeg_must_look_like_one() {
        assert!(plausible_image("image/jpeg", b"\xFF\xD8\xFF\xE0"));
        assert!(!plausible_image("image/jpeg", b"<html>"));
        assert!(plausible_image("image/heic", b"\0\0\0\x18ftypheic"));
    }
}
