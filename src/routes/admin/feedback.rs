//! What coordinators' pages share: the feedback an action shows on top of the page it shows
//! again, and short text fields.

/// What an action on a coordinator page says on top of the page it shows again.
#[derive(Debug, Clone, Default)]
pub enum Feedback {
    #[default]
    None,
    Done(String),
    Refused(String),
}

impl Feedback {
    pub fn done(text: &str) -> Feedback {
        Feedback::Done(text.to_string())
    }

    pub fn refused(text: impl Into<String>) -> Feedback {
        Feedback::Refused(text.into())
    }

    /// (notice, error) for the view.
    pub fn split(self) -> (Option<String>, Option<String>) {
        match self {
            Feedback::None => (None, None),
            Feedback::Done(text) => (Some(text), None),
            Feedback::Refused(text) => (None, Some(text)),
        }
    }
}

/// A name typed into a form: trimmed, 1 to `max` characters.
pub fn short_text(value: Option<&str>, max: usize) -> Option<String> {
    let text = value?.trim();
    (!text.is_empty() && text.chars().count() <= max).then(|| text.to_string())
}
