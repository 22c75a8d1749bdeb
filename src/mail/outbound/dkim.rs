//! DKIM signatures (RFC 6376): rsa-sha256, relaxed/relaxed, for the mail `compose` writes.
//!
//! Carrier filters drop unauthenticated mail silently, so every outgoing message is signed when a
//! key is configured. The signature covers the headers that identify and render the message
//! (those of `SIGNED_HEADERS` present, last instance of each as §5.4.2 says) and the whole body;
//! bodies are hashed as raw bytes, so Shift_JIS 8bit bodies sign like any other.

mod canon;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use canon::{field_name, relaxed_body, relaxed_header, split_message};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::sign::Signer;
use sha2::{Digest, Sha256};

/// The headers signed, in this order, when present.
/// RFC 8058 §4 requires List-Unsubscribe and List-Unsubscribe-Post to be signed.
const SIGNED_HEADERS: [&str; 10] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
];
/// RFC 5322 §2.1.1: lines should stay within 78 characters.
const LINE_LIMIT: usize = 78;
/// Below this, receivers ignore the signature (RFC 8301 §3.2); production keys should be 2048.
const MIN_KEY_BITS: u32 = 1024;

/// Signs messages for one domain and selector.
pub struct DkimSigner {
    domain: String,
    selector: String,
    key: PKey<Private>,
}

/// Why a DKIM key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DkimError {
    #[error("the DKIM private key cannot be read or used: {0}")]
    Key(#[from] ErrorStack),
    #[error("the DKIM private key is not an RSA key")]
    NotRsa,
    #[error("the DKIM key has {0} bits; at least 1024 are needed (2048 recommended)")]
    TooShort(u32),
    #[error("the DKIM {field} {value:?} is not a domain name")]
    BadName { field: &'static str, value: String },
}

impl std::fmt::Debug for DkimSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("DkimSigner")
            .field("domain", &self.domain)
            .field("selector", &self.selector)
            .finish_non_exhaustive()
    }
}

impl DkimSigner {
    /// Reads a PEM RSA private key (PKCS#1 or PKCS#8) for `d=domain`, `s=selector`.
    pub fn from_pem(domain: &str, selector: &str, private_key_pem: &[u8]) -> Result<Self, DkimError> {
        check_name("domain", domain)?;
        check_name("selector", selector)?;
        let key = PKey::private_key_from_pem(private_key_pem)?;
        let bits = key.rsa().map_err(|_| DkimError::NotRsa)?.size() * 8;
        if bits < MIN_KEY_BITS {
            return Err(DkimError::TooShort(bits));
        }
        let signer = DkimSigner {
            domain: domain.to_ascii_lowercase(),
            selector: selector.to_string(),
            key,
        };
        // Signing cannot fail later for a key that signed once here.
        signer.rsa_sha256(b"")?;
        Ok(signer)
    }

    /// The message with a `DKIM-Signature` header prepended, signed at `now_unix` (`t=`).
    /// Should OpenSSL fail anyway, the message goes out unsigned rather than not at all.
    pub fn sign(&self, message: &[u8], now_unix: i64) -> Vec<u8> {
        match self.signature_header(message, now_unix) {
            Ok(header) => {
                let mut out = Vec::with_capacity(header.len() + 2 + message.len());
                out.extend_from_slice(header.as_bytes());
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(message);
                out
            }
            Err(e) => {
                log::error!("DKIM signing failed, sending unsigned: {e}");
                message.to_vec()
            }
        }
    }

    /// The folded `DKIM-Signature: …` field, without its final CRLF.
    fn signature_header(&self, message: &[u8], now_unix: i64) -> Result<String, ErrorStack> {
        let (fields, body) = split_message(message);
        let body_hash = STANDARD.encode(Sha256::digest(relaxed_body(body)));
        let signed: Vec<(&str, &[u8])> = SIGNED_HEADERS
            .iter()
            .filter_map(|&name| {
                fields
                    .iter()
                    .rev()
                    .find(|f| field_name(f).eq_ignore_ascii_case(name.as_bytes()))
                    .map(|&f| (name, f))
            })
            .collect();

        let mut header = Folded::new("DKIM-Signature:");
        for tag in [
            " v=1;".to_string(),
            " a=rsa-sha256;".to_string(),
            " c=relaxed/relaxed;".to_string(),
            format!(" d={};", self.domain),
            format!(" s={};", self.selector),
            format!(" t={};", now_unix.max(0)),
        ] {
            header.push(&tag);
        }
        // h= may fold before a colon (§3.5 `sig-h-tag`).
        for (i, (name, _)) in signed.iter().enumerate() {
            let last = i + 1 == signed.len();
            let piece = match (i, last) {
                (0, true) => format!(" h={name};"),
                (0, false) => format!(" h={name}"),
                (_, true) => format!(":{name};"),
                (_, false) => format!(":{name}"),
            };
            header.push(&piece);
        }
        header.push(&format!(" bh={body_hash};"));
        header.push(" b=");

        // §3.7: the selected headers, then this header with an empty b= and no final CRLF.
        let mut data: Vec<u8> = signed.iter().flat_map(|(_, f)| relaxed_header(f)).collect();
        let own = relaxed_header(header.text.as_bytes());
        data.extend_from_slice(own.strip_suffix(b"\r\n").unwrap_or(&own));
        let signature = STANDARD.encode(self.rsa_sha256(&data)?);
        // Whitespace inside the b= value is ignored (§3.5), so it may fold anywhere.
        header.push_breakable(&signature);
        Ok(header.text)
    }

    fn rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>, ErrorStack> {
        let mut signer = Signer::new(MessageDigest::sha256(), &self.key)?;
        signer.update(data)?;
        signer.sign_to_vec()
    }
}

fn check_name(field: &'static str, value: &str) -> Result<(), DkimError> {
    let valid = !value.is_empty()
        && value.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if valid {
        Ok(())
    } else {
        Err(DkimError::BadName {
            field,
            value: value.to_string(),
        })
    }
}

/// A header field being written, folded before a piece that would pass 78 characters.
struct Folded {
    text: String,
    line_len: usize,
}

impl Folded {
    fn new(start: &str) -> Self {
        Folded {
            text: start.to_string(),
            line_len: start.len(),
        }
    }

    /// Appends `piece`, on a new line if it does not fit (the fold supplies the leading space).
    fn push(&mut self, piece: &str) {
        if self.line_len + piece.len() > LINE_LIMIT {
            self.text.push_str("\r\n");
            self.line_len = 0;
            if !piece.starts_with(' ') {
                self.text.push(' ');
                self.line_len = 1;
            }
        }
        self.text.push_str(piece);
        self.line_len += piece.len();
    }

    /// Appends ASCII text that may be cut anywhere, filling each line.
    fn push_breakable(&mut self, mut rest: &str) {
        while !rest.is_empty() {
            if self.line_len >= LINE_LIMIT {
                self.text.push_str("\r\n ");
                self.line_len = 1;
            }
            let take = (LINE_LIMIT - self.line_len).min(rest.len());
            self.text.push_str(&rest[..take]);
            self.line_len += take;
            rest = &rest[take..];
        }
    }
}

#[cfg(test)]
mod tests;
