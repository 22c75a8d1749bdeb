//! The image formats Hiroba stores and serves.

/// An image format Hiroba writes. Uploads in other formats are refused or converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Gif,
}

impl PhotoFormat {
    /// The MIME type for `Content-Type` headers and mail parts.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Gif => "image/gif",
        }
    }

    /// The file name extension, without a dot. Old handsets pick the viewer by it.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Gif => "gif",
        }
    }

    /// The format stored under `extension()`.
    pub fn from_extension(extension: &str) -> Option<PhotoFormat> {
        [Self::Jpeg, Self::Png, Self::Gif]
            .into_iter()
            .find(|f| f.extension() == extension)
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Gif => image::ImageFormat::Gif,
        }
    }
}
