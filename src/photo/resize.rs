//! Scaling down with a sharp filter; never up.

use image::imageops::FilterType;
use image::DynamicImage;

/// Lanczos3 keeps small text and faces legible at keitai sizes better than cheaper filters.
const FILTER: FilterType = FilterType::Lanczos3;

/// Fits the image within `max_side` × `max_side`, keeping its aspect ratio.
pub(super) fn fit_within(image: DynamicImage, max_side: u32) -> DynamicImage {
    if image.width() <= max_side && image.height() <= max_side {
        image
    } else {
        image.resize(max_side, max_side, FILTER)
    }
}

/// Scales to `width` (never wider than the image), keeping the aspect ratio.
pub(super) fn to_width(image: &DynamicImage, width: u32) -> DynamicImage {
    if width >= image.width() {
        return image.clone();
    }
    let (w, h) = (u64::from(image.width()), u64::from(image.height()));
    let height = (h * u64::from(width) + w / 2) / w;
    let height = u32::try_from(height).unwrap_or(u32::MAX).max(1);
    image.resize_exact(width.max(1), height, FILTER)
}
