//! Uploaded files, wherever they are attached (request photos, report
//! evidence): streamed from multipart into a temporary file (never whole in
//! memory), checked by their bytes (not the name or the declared type), moved
//! into the store under their content hash only once the database has taken
//! their row, and sent back as downloads only.

use crate::blocking::blocking;
use crate::error::{ApiError, ApiResult};
use actix_files::NamedFile;
use actix_multipart::Multipart;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::StreamExt;
use onestop_domain::problem::ProblemCode;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use utoipa::ToSchema;

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

/// A file as received and checked, waiting in a temporary file beside the
/// store until the database accepts its row; dropped, it is deleted.
pub struct Received {
    pub filename: String,
    pub content_type: &'static str,
    pub sha256: String,
    pub size: i64,
    temp: tempfile::NamedTempFile,
    data_dir: PathBuf,
}

impl Received {
    /// Move the file into the store under its hash. Called inside the write
    /// transaction, after the row is inserted: if this fails the row is rolled
    /// back, and if the row fails the file is never kept. The same bytes are
    /// stored once; a stored file is never rewritten.
    pub fn persist(self) -> std::io::Result<()> {
        let path = blob_path(&self.data_dir, &self.sha256);
        if path.exists() {
            return Ok(());
        }
        let dir = path
            .parent()
            .ok_or_else(|| std::io::Error::other("no parent folder"))?;
        std::fs::create_dir_all(dir)?;
        self.temp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// How much of a file is kept in memory to tell its type (the rest streams to disk).
const SNIFF_BYTES: usize = 8 * 1024;
/// Chunks are gathered to this size before each write on the blocking pool.
const WRITE_BYTES: usize = 256 * 1024;

/// Read the multipart field `file` into a temporary file under the data dir:
/// at most 10 MiB, a photo or PDF by content, hashed on the way.
pub async fn receive(mut payload: Multipart, data_dir: &Path) -> ApiResult<Received> {
    let bad = |e: actix_multipart::MultipartError| ApiError::BadRequest {
        code: ProblemCode::BadMultipart,
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
        let incoming = data_dir.join("attachments").join("incoming");
        let mut temp = blocking(move || {
            std::fs::create_dir_all(&incoming)?;
            tempfile::NamedTempFile::new_in(&incoming)
        })
        .await?
        .map_err(ApiError::internal)?;
        let mut hasher = Sha256::new();
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        let mut pending = Vec::with_capacity(WRITE_BYTES);
        let mut size = 0usize;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            size += chunk.len();
            if size > MAX_BYTES {
                return Err(ApiError::PayloadTooLarge { limit: MAX_BYTES });
            }
            hasher.update(&chunk);
            let room = SNIFF_BYTES.saturating_sub(head.len());
            head.extend_from_slice(&chunk[..room.min(chunk.len())]);
            pending.extend_from_slice(&chunk);
            if pending.len() >= WRITE_BYTES {
                temp = write(temp, std::mem::take(&mut pending)).await?;
            }
        }
        let temp = write(temp, pending).await?;
        let kind = infer::get(&head).filter(|k| ALLOWED.contains(&k.mime_type())).ok_or_else(|| ApiError::UnsupportedMediaType {
            detail: "attach photos (JPEG, PNG, WebP, HEIC) or PDF documents; the file's content is none of these".into(),
        })?;
        return Ok(Received {
            filename: safe_filename(name.as_deref(), kind.extension()),
            content_type: kind.mime_type(),
            sha256: hex(&hasher.finalize()),
            size: i64::try_from(size).unwrap_or(i64::MAX),
            temp,
            data_dir: data_dir.to_owned(),
        });
    }
    Err(ApiError::field(
        "file",
        "required",
        "send the photo or document in a multipart field named `file`",
    ))
}

/// Append bytes to the temporary file on the blocking pool.
async fn write(
    mut temp: tempfile::NamedTempFile,
    bytes: Vec<u8>,
) -> ApiResult<tempfile::NamedTempFile> {
    if bytes.is_empty() {
        return Ok(temp);
    }
    blocking(move || {
        temp.write_all(&bytes)?;
        Ok::<_, std::io::Error>(temp)
    })
    .await?
    .map_err(ApiError::internal)
}

fn blob_path(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha[..2]).join(sha)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Send a stored file as a download (never rendered inline), under its own
/// name, streamed from disk.
pub async fn download(
    req: &HttpRequest,
    data_dir: &Path,
    sha: &str,
    content_type: &str,
    filename: String,
) -> ApiResult<HttpResponse> {
    let file = blob_path(data_dir, sha);
    let named = blocking(move || NamedFile::open(file))
        .await?
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
    let mime: mime::Mime = content_type
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let mut res = named
        .set_content_type(mime)
        .set_content_disposition(ContentDisposition {
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
        .use_last_modified(false)
        .into_response(req);
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(res)
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
