//! PDF documents the server draws (the 第二课堂成绩单), with krilla: a
//! high-level writer over pdf-writer that embeds only the glyphs used (a
//! transcript is ~10 KB with a 19 MB CJK font behind it).
//!
//! The font is a file on the machine (Debian's fonts-noto-cjk by default,
//! `ONESTOP_PDF_FONT` otherwise), read once, at the first PDF.

mod transcript;

pub use transcript::transcript;

use krilla::geom::{PathBuilder, Point, Rect};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);

/// Where a CJK font is looked for when none is configured: Debian's and
/// Fedora's Noto Sans CJK (face 2 of the collection is Simplified Chinese),
/// then WenQuanYi.
pub const FONT_CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
];

/// The font a server draws its PDFs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    pub path: PathBuf,
    /// The face within a collection (`.ttc`).
    pub index: u32,
}

impl FontFile {
    /// The first candidate present on this machine.
    pub fn find() -> Option<FontFile> {
        FONT_CANDIDATES
            .iter()
            .find(|(p, _)| Path::new(p).is_file())
            .map(|(p, index)| FontFile {
                path: PathBuf::from(p),
                index: *index,
            })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no CJK font for PDFs: install fonts-noto-cjk or set ONESTOP_PDF_FONT")]
    NoFont,
    #[error("the PDF font {0} cannot be read: {1}")]
    BadFont(PathBuf, String),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

static LOADED: OnceLock<Result<Font, String>> = OnceLock::new();

/// The font, read at the first call (the file is a few megabytes; every
/// PDF after shares it).
pub fn font(file: Option<&FontFile>) -> Result<Font, PdfError> {
    let file = file.ok_or(PdfError::NoFont)?;
    LOADED
        .get_or_init(|| {
            let bytes = std::fs::read(&file.path).map_err(|e| e.to_string())?;
            Font::new(Arc::new(bytes).into(), file.index)
                .ok_or_else(|| "not a font krilla can read".to_owned())
        })
        .clone()
        .map_err(|e| PdfError::BadFont(file.path.clone(), e))
}

/// Text of `size` points at `x`, its baseline at `y`.
fn text(s: &mut Surface, font: &Font, size: f32, x: f32, y: f32, what: &str) {
    s.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        what,
        false,
        TextDirection::Auto,
    );
}

/// A horizontal rule from `x0` to `x1`.
fn rule(s: &mut Surface, x0: f32, x1: f32, y: f32) {
    let mut p = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x0, y, x1 - x0, 0.6) {
        p.push_rect(r);
    }
    if let Some(path) = p.finish() {
        s.draw_path(&path);
    }
}

/// How wide `what` is in ems, near enough for laying out: CJK and other
/// wide characters 1 em, the rest about half.
fn ems(what: &str) -> f32 {
    what.chars()
        .map(|c| if c.len_utf8() > 1 { 1.0 } else { 0.55 })
        .sum()
}

/// `what`, cut with an ellipsis to fit `width` ems.
fn fit(what: &str, width: f32) -> String {
    if ems(what) <= width {
        return what.to_owned();
    }
    let mut out = String::new();
    let mut used = 1.0;
    for c in what.chars() {
        let w = if c.len_utf8() > 1 { 1.0 } else { 0.55 };
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A QR code of `what`, `side` points square, its top left at (`x`, `y`).
fn qr(s: &mut Surface, what: &str, x: f32, y: f32, side: f32) {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(what, qrcode::EcLevel::M) else {
        return;
    };
    let n = code.width();
    let cell = side / n as f32;
    let mut p = PathBuilder::new();
    for (i, c) in code.to_colors().into_iter().enumerate() {
        if c == qrcode::Color::Dark {
            let (row, col) = (i / n, i % n);
            if let Some(r) =
                Rect::from_xywh(x + col as f32 * cell, y + row as f32 * cell, cell, cell)
            {
                p.push_rect(r);
            }
        }
    }
    if let Some(path) = p.finish() {
        s.draw_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_fit() {
        assert_eq!(fit("书法体验课", 10.0), "书法体验课");
        assert_eq!(fit("一二三四五六", 4.0), "一二三…");
        assert!(ems(&fit("abcdefghijklmnopqrstuvwxyz", 5.0)) <= 5.0);
    }
}
