//! Uploaded files, wherever they are attached (request photos, report
//! evidence): read from multipart, checked by their bytes (not the name or the
//! declared type), stored once per content hash under the data dir, and sent
//! back as downloads only.

use crate::error::{ApiError, ApiResult};
use actix_multipart::Multipart;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use utoipa::ToSchema;
use uuid::Uuid;

pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Content types accepted, as the bytes reveal them: photos from phones and PDFs.
const ALLOWED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heif",
    "application/pdf",
];

/// The multipart body of an upload.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Upload {
    /// The photo or document.
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
}

/// A file as received and checked, not yet stored.
pub struct Received {
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Read the multipart field `file`: at most 10 MiB, a photo or PDF by content.
pub async fn receive(mut payload: Multipart) -> ApiResult<Received> {
    let bad = |e: actix_multipart::MultipartError| ApiError::BadRequest {
        code: "bad_multipart",
        detail: format!("the upload could not be read: {e}"),
    };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            if bytes.len() + chunk.len() > MAX_BYTES {
                return Err(ApiError::PayloadTooLarge { limit: MAX_BYTES });
            }
            bytes.extend_from_slice(&chunk);
        }
        let kind = infer::get(&bytes).filter(|k| ALLOWED.contains(&k.mime_type())).ok_or_else(|| ApiError::UnsupportedMediaType {
            detail: "attach photos (JPEG, PNG, WebP, HEIC) or PDF documents; the file's content is none of these".into(),
        })?;
        return Ok(Received {
            filename: safe_filename(name.as_deref(), kind.extension()),
            content_type: kind.mime_type(),
            bytes,
        });
    }
    Err(ApiError::field(
        "file",
        "required",
        "send the photo or document in a multipart field named `file`",
    ))
}

fn blob_path(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha[..2]).join(sha)
}

/// Store the bytes under their hash; returns the hash and the size.
pub async fn store(data_dir: &Path, bytes: Vec<u8>) -> ApiResult<(String, i64)> {
    let sha = hex(&Sha256::digest(&bytes));
    let path = blob_path(data_dir, &sha);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    web::block(move || write_once(&path, &bytes))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok((sha, size))
}

/// Content-addressed: the same bytes are stored once, and a file that exists is never rewritten.
fn write_once(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", Uuid::new_v4()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Send a stored file as a download (never rendered inline), under its own name.
pub async fn download(
    data_dir: &Path,
    sha: &str,
    content_type: &str,
    filename: String,
) -> ApiResult<HttpResponse> {
    let file = blob_path(data_dir, sha);
    let bytes = web::block(move || std::fs::read(file))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![
                DispositionParam::Filename(ascii),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: filename.into_bytes(),
                }),
            ],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(bytes))
}

/// A name safe to store and to send back: the last path part, no control or quote characters.
pub fn safe_filename(raw: Option<&str>, ext: &str) -> String {
    let base = raw.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/'))
        .take(100)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        format!("attachment.{ext}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::safe_filename;

    #[test]
    fn filenames_lose_paths_and_quotes() {
        assert_eq!(safe_filename(Some("../../etc/passwd"), "png"), "passwd");
        assert_eq!(safe_filename(Some(r"C:\照片\漏水.jpg"), "jpg"), "漏水.jpg");
        assert_eq!(safe_filename(Some(r#"a"b".png"#), "png"), "ab.png");
        assert_eq!(safe_filename(None, "pdf"), "attachment.pdf");
        assert_eq!(safe_filename(Some(".hidden"), "png"), "hidden");
    }
}
