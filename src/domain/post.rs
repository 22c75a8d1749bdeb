//! クチコミ as members write them: the fixed categories, and checked title, body and reasons.

/// The fixed categories of posts, stored as a short ASCII key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Childcare,
    Play,
    Clinic,
    Shop,
    School,
    Other,
}

impl Category {
    /// In the order the select and the filter show them.
    pub const ALL: [Category; 6] = [
        Category::Childcare,
        Category::Play,
        Category::Clinic,
        Category::Shop,
        Category::School,
        Category::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Category::Childcare => "childcare",
            Category::Play => "play",
            Category::Clinic => "clinic",
            Category::Shop => "shop",
            Category::School => "school",
            Category::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Childcare => "子育て",
            Category::Play => "遊び場",
            Category::Clinic => "病院",
            Category::Shop => "お店",
            Category::School => "学校",
            Category::Other => "その他",
        }
    }

    pub fn parse(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The label of a stored key; an unknown key (from a newer version) reads as その他.
    pub fn label_of(key: &str) -> &'static str {
        Category::parse(key).unwrap_or(Category::Other).label()
    }
}

/// Why a post or comment was refused, in words a member understands.
/// A form's title and text, or every problem with them and with its photos (`photo_problems`), as
/// sentences for the form to show again.
pub fn title_and_body(
    title: &str,
    body: &str,
    photo_problems: Vec<String>,
) -> Result<(PostTitle, PostBody), Vec<String>> {
    match (PostTitle::parse(title), PostBody::parse(body)) {
        (Ok(title), Ok(body)) if photo_problems.is_empty() => Ok((title, body)),
        (title, body) => Err([title.err(), body.err()]
            .into_iter()
            .flatten()
            .map(|e| e.to_string())
            .chain(photo_problems)
            .collect()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{0}を入力してください。")]
    Empty(&'static str),
    #[error("{0}は{1}文字までです。")]
    TooLong(&'static str, usize),
}

/// Trimmed, non-empty text of at most `max` characters.
pub(crate) fn bounded(input: &str, what: &'static str, max: usize) -> Result<String, TextError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(TextError::Empty(what));
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong(what, max));
    }
    // Keitai send CRLF; one line break style inside.
    Ok(text.replace("\r\n", "\n"))
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MAX: usize = $max;

            pub fn parse(input: &str) -> Result<Self, $crate::domain::post::TextError> {
                $crate::domain::post::bounded(input, $what, $max).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
/// Shared with the other kinds of member text (communities).
pub(crate) use text_type;

text_type!(
    /// A post's title (one line on a keitai screen, roughly).
    PostTitle,
    "タイトル",
    40
);
text_type!(
    /// A post's body.
    PostBody,
    "本文",
    2000
);
text_type!(
    /// A comment on a post.
    CommentBody,
    "コメント",
    500
);
text_type!(
    /// Why a member reports a post, or why a coordinator hides or restores one.
    Reason,
    "理由",
    200
);

impl PostTitle {
    /// A title cut from a longer text (a mail's subject or first line), `fallback` when it is empty.
    pub fn shortened(source: &str, fallback: &str) -> PostTitle {
        let title: String = source.trim().chars().take(Self::MAX).collect();
        PostTitle(if title.is_empty() { fallback.to_string() } else { title })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_key_reads_back() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.key()), Some(c));
        }
        assert_eq!(Category::label_of("nonsense"), "その他");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            PostTitle::parse("  公園 ").map(|t| t.as_str().to_string()),
            Ok("公園".into())
        );
        assert_eq!(PostTitle::parse(" "), Err(TextError::Empty("タイトル")));
        assert_eq!(
            PostTitle::parse(&"あ".repeat(41)),
            Err(TextError::TooLong("タイトル", 40))
        );
        assert_eq!(
            PostBody::parse("a\r\nb").map(|b| b.as_str().to_string()),
            Ok("a\nb".into())
        );
    }
}
