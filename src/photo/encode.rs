//! Writing pixels out as JPEG, PNG or GIF. The encoders are never handed EXIF, XMP or ICC data,
//! so nothing but pixels leaves this module.

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ExtendedColorType, ImageEncoder, ImageError, RgbImage, RgbaImage};

use super::{PhotoError, PhotoFormat};

/// NeuQuant sampling speed (1 best … 30 fastest): 10 is the gif crate's own middle ground.
const GIF_SPEED: i32 = 10;

/// Encodes in `format`; `quality` (1–100) matters for JPEG only.
pub(super) fn encode(image: &DynamicImage, format: PhotoFormat, quality: u8) -> Result<Vec<u8>, PhotoError> {
    match format {
        PhotoFormat::Jpeg => jpeg(image, quality),
        PhotoFormat::Png => png(image),
        PhotoFormat::Gif => gif(image),
    }
}

/// Whether any pixel is not fully opaque.
pub(super) fn has_transparency(image: &DynamicImage) -> bool {
    image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p[3] < u8::MAX)
}

fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut out, quality);
    let flat = on_white(image);
    let (width, height) = flat.dimensions();
    if image.color().has_color() {
        encoder.write_image(flat.as_raw(), width, height, ExtendedColorType::Rgb8)
    } else {
        // Greyscale stays one channel: a third of the data.
        let grey = DynamicImage::ImageRgb8(flat).to_luma8();
        encoder.write_image(grey.as_raw(), width, height, ExtendedColorType::L8)
    }
    .map_err(failed)?;
    Ok(out)
}

fn png(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive);
    // 8 bits per channel: 16-bit depth doubles the size for nothing a screen shows.
    let eight_bit = match (image.color().has_color(), has_transparency(image)) {
        (true, true) => DynamicImage::ImageRgba8(image.to_rgba8()),
        (true, false) => DynamicImage::ImageRgb8(image.to_rgb8()),
        (false, true) => DynamicImage::ImageLumaA8(image.to_luma_alpha8()),
        (false, false) => DynamicImage::ImageLuma8(image.to_luma8()),
    };
    eight_bit.write_with_encoder(encoder).map_err(failed)?;
    Ok(out)
}

/// 256 colours by NeuQuant when there are more; exact palettes otherwise.
fn gif(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let flat = on_white(image);
    GifEncoder::new_with_speed(&mut out, GIF_SPEED)
        .encode(flat.as_raw(), flat.width(), flat.height(), ExtendedColorType::Rgb8)
        .map_err(failed)?;
    Ok(out)
}

/// Composites over white: JPEG has no alpha, and keitai pages are white.
fn on_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba: RgbaImage = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            // Rounded (c·a + 255·(255−a)) / 255 is at most 255, so the conversion cannot fail.
            u8::try_from((c * a + 255 * (255 - a) + 127) / 255).unwrap_or(u8::MAX)
        };
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn failed(err: ImageError) -> PhotoError {
    PhotoError::Encode(err.to_string())
}
