//! The layering rule, held by a test (see ARCHITECTURE.md): what each layer
//! may name. A word in a comment counts too; say it another way.

use std::path::{Path, PathBuf};

/// (folder under the workspace, words no file there may contain)
const RULES: &[(&str, &[&str])] = &[
    // The domain crate holds the rules and does no IO. With the `sql`
    // feature it says how its ids and enums are stored (diesel's type
    // mapping), but it never holds a connection or builds a query.
    (
        "crates/domain/src",
        &[
            "actix",
            "reqwest",
            "tokio",
            "std::fs",
            "std::net",
            "diesel::prelude",
            "diesel::query",
            "diesel::dsl",
            "Connection",
            "QueryResult",
        ],
    ),
    // The application layer knows no HTTP and no handler; it answers with its own error.
    (
        "crates/api/src/app",
        &[
            "actix_web",
            "crate::routes",
            "HttpRequest",
            "HttpResponse",
            "ApiError",
            "crate::error",
        ],
    ),
    // The demo seed goes through the application layer, as a person would.
    (
        "crates/api/src/seed",
        &["actix_web", "ApiError", "crate::routes"],
    ),
    // Storage knows neither HTTP, handlers, workflows nor their errors.
    (
        "crates/api/src/db",
        &["actix_web", "crate::routes", "crate::app", "crate::error"],
    ),
    // Handlers parse, call the application layer or a read in repo/, and shape the answer.
    ("crates/api/src/routes", &["diesel", "crate::db::schema"]),
];

/// No source file grows past this many lines.
const MAX_LINES: usize = 500;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn each_layer_names_only_what_it_may() {
    let mut broken = Vec::new();
    for (folder, words) in RULES {
        let mut files = Vec::new();
        rust_files(&workspace().join(folder), &mut files);
        assert!(!files.is_empty(), "{folder} has no sources");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for word in *words {
                if text.contains(word) {
                    broken.push(format!("{} names `{word}`", file.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn no_source_file_is_longer_than_500_lines() {
    let mut files = Vec::new();
    for folder in ["crates", "frontend/src"] {
        rust_files(&workspace().join(folder), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "target"))
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by what they hold:\n{}",
        long.join("\n")
    );
}

/// A handler whose caller can be refused — by its extractor (`StaffUser`,
/// `AdminUser`) or by a check in its body — says so in the document: 403.
/// (The fuzzer runs as an administrator, so it cannot find these.)
#[test]
fn handlers_that_can_refuse_declare_403() {
    let mut files = Vec::new();
    rust_files(&workspace().join("crates/api/src/routes"), &mut files);
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for part in text.split("#[utoipa::path(").skip(1) {
            let Some(at) = part.find("async fn ") else {
                continue;
            };
            let (attrs, rest) = part.split_at(at);
            let signature = rest.split(") ->").next().unwrap_or("");
            let name = rest["async fn ".len()..].split('(').next().unwrap_or("");
            let by_extractor = ["AdminUser", "StaffUser"]
                .iter()
                .any(|x| signature.contains(x));
            let by_check = [
                ".require(",
                ".require_school_wide(",
                "Forbidden",
                "may_not(",
            ]
            .iter()
            .any(|x| rest.contains(x));
            if (by_extractor || by_check) && !attrs.contains("status = 403") {
                missing.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "declare (status = 403):\n{}",
        missing.join("\n")
    );
}
