//! Why a photo was refused, for the log and for the sender.

/// A photo that cannot be taken in or rendered. `Display` is for the log;
/// [`PhotoError::user_message`] is what the sender reads.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// HEIC/HEIF from an iPhone; there is no decoder for it.
    #[error("HEIC/HEIF image, which cannot be decoded")]
    Heic,
    /// Not an image at all, or an image format Hiroba does not read.
    #[error("not a JPEG, PNG or GIF image")]
    Unsupported,
    /// Cut short in transit or corrupt; no half image is ever kept.
    #[error("truncated or corrupt image")]
    Broken,
    /// Over the input size or pixel count limits (decompression bombs included).
    #[error("image too large")]
    TooLarge,
    /// Our own encoding failed or could not meet the byte budget.
    #[error("image could not be encoded: {0}")]
    Encode(String),
}

impl PhotoError {
    /// A short explanation in Japanese for a reply mail or a keitai page.
    pub fn user_message(&self) -> &'static str {
        match self {
            Self::Heic => {
                "HEIC形式の写真は受け付けられませんでした。iPhoneの「設定」→「カメラ」→「フォーマット」で\
                 「互換性優先」を選んで撮った写真か、JPEG形式の写真を送ってください。"
            }
            Self::Unsupported => {
                "写真として読み取れないファイルでした。JPEG・GIF・PNG形式の写真を送ってください。\
                 動画や文書は受け付けていません。"
            }
            Self::Broken => "写真のデータが途中で切れているか、壊れていました。お手数ですが、もう一度送ってください。",
            Self::TooLarge => "写真が大きすぎて受け付けられませんでした。20MB・4000万画素までの写真を送ってください。",
            Self::Encode(_) => "写真の処理中に問題が起きました。時間をおいて、もう一度送ってください。",
        }
    }
}
