//! What the forms share: enum codes for `<select>`, reading the files a person
//! chose, server field errors kept beside their fields, and saving a download.

use crate::ctx::Ctx;
use crate::i18n::{field_message, Lang};
use leptos::prelude::*;
use onestop_client::ClientError;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// An API enum from its wire name (`"on_track"`), as a `<select>` gives it back.
pub fn enum_of<E: serde::de::DeserializeOwned>(s: &str) -> Option<E> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// An API enum's wire name, for an `<option value>`.
pub fn code_of<E: serde::Serialize>(e: &E) -> String {
    serde_json::to_value(e)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A `<select>` of an API enum's values, named in the language shown; `sig`
/// holds the chosen value's wire name.
pub fn enum_select<E: Copy + PartialEq + serde::Serialize + Send + Sync + 'static>(
    id: impl Into<String>,
    options: &'static [E],
    name: fn(Lang, E) -> &'static str,
    sig: RwSignal<String>,
) -> impl IntoView {
    let ctx = leptos::prelude::expect_context::<Ctx>();
    let id = id.into();
    view! {
        <select id=id.clone() name=id on:change=move |ev| sig.set(event_target_value(&ev))>
            {options.iter().map(|o| {
                let (o, code) = (*o, code_of(o));
                let this = code.clone();
                view! { <option value=code prop:selected=move || sig.get() == this>{move || name(ctx.lang.get(), o)}</option> }
            }).collect_view()}
        </select>
    }
}

/// Read the chosen files' bytes in the browser.
pub async fn read_files(input: &web_sys::HtmlInputElement) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Some(list) = input.files() else {
        return out;
    };
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        if let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            out.push((file.name(), js_sys::Uint8Array::new(&buf).to_vec()));
        }
    }
    out
}

/// Messages per field name, from the client's own checks or the server's 400.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<HashMap<String, String>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self(RwSignal::new(HashMap::new()))
    }

    pub fn set(&self, errors: HashMap<String, String>) {
        self.0.set(errors);
    }

    pub fn clear(&self) {
        self.0.set(HashMap::new());
    }

    /// Keep the server's per-field messages, in the language shown (none for other errors).
    pub fn take_from(&self, e: &ClientError, lang: Lang) {
        self.0.set(match e {
            ClientError::Api(p) => p
                .errors
                .iter()
                .map(|f| {
                    let message = field_message(lang, &f.field, &f.code, &f.message);
                    (f.field.clone(), message)
                })
                .collect(),
            _ => HashMap::new(),
        });
    }

    pub fn message(&self, field: &'static str) -> impl Fn() -> Option<String> + Copy {
        let errors = self.0;
        move || errors.with(|e| e.get(field).cloned())
    }

    /// [`Self::message`] for a field named at run time (`problems[2].text`).
    pub fn message_of(&self, field: String) -> impl Fn() -> Option<String> + Clone {
        let errors = self.0;
        move || errors.with(|e| e.get(&field).cloned())
    }

    /// For `aria-invalid`.
    pub fn invalid(&self, field: &'static str) -> impl Fn() -> String + Copy {
        let errors = self.0;
        move || errors.with(|e| e.contains_key(field)).to_string()
    }
}

impl Default for FieldErrors {
    fn default() -> Self {
        Self::new()
    }
}

/// The message under a field, tied to it by `aria-describedby="{id}-error"`.
pub fn field_error(id: &'static str, errors: FieldErrors) -> impl IntoView {
    field_error_as(id, id, errors)
}

/// [`field_error`] when the element's id differs from the API's field name
/// (two forms on a page with a field of the same name).
pub fn field_error_as(
    dom_id: &'static str,
    field: &'static str,
    errors: FieldErrors,
) -> impl IntoView {
    view! { <p id=format!("{dom_id}-error") class="field-error">{errors.message(field)}</p> }
}

/// Fetch a stored file with the session's token and hand it to the browser as
/// a download: a plain link cannot carry the `Authorization` header.
pub async fn save_download(ctx: Ctx, path: String, filename: String) -> Result<(), String> {
    let bytes = ctx
        .call(|c| {
            let path = path.clone();
            async move { c.download(&path).await }
        })
        .await
        .map_err(|e| ctx.say(&e))?;
    save_bytes(ctx, &bytes, &filename)
}

/// Hand bytes the app already holds to the browser as a download.
pub fn save_bytes(ctx: Ctx, bytes: &[u8], filename: &str) -> Result<(), String> {
    let fail = |_| ctx.t().err_server.to_owned();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| ctx.t().err_server.to_owned())?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoking at once can cancel the download in some browsers.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// A form's sending state: one send at a time, field errors under their
/// fields, the sentence for the whole form above its button.
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: FieldErrors,
    pub error: RwSignal<Option<String>>,
    pub pending: RwSignal<bool>,
}

impl FormState {
    pub fn new() -> Self {
        Self {
            errors: FieldErrors::new(),
            error: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    /// Start a send unless one is under way; clears what the last one said.
    pub fn begin(&self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.pending.set(true);
        self.errors.clear();
        self.error.set(None);
        true
    }

    /// Show what went wrong, field by field and as a sentence.
    pub fn fail(&self, ctx: Ctx, e: &ClientError) {
        self.pending.set(false);
        self.errors.take_from(e, ctx.lang.get_untracked());
        self.error.set(Some(ctx.say(e)));
    }

    /// A field's own problem found before sending.
    pub fn refuse(&self, field: &str, message: &str) {
        self.errors
            .set(HashMap::from([(field.to_owned(), message.to_owned())]));
    }

    /// Send with the session; a success goes to `done`, a failure to the form.
    pub fn send<T, F, Fut>(self, ctx: Ctx, call: F, done: impl FnOnce(T) + 'static)
    where
        T: 'static,
        F: Fn(onestop_client::Client) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, ClientError>> + 'static,
    {
        if !self.begin() {
            return;
        }
        leptos::task::spawn_local(async move {
            match ctx.call(call).await {
                Ok(v) => {
                    self.pending.set(false);
                    done(v);
                }
                Err(e) => self.fail(ctx, &e),
            }
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// Arrow keys, Home and End move between the tabs of a `role="tablist"` (and
/// choose the tab, as the tabs here load their panel at once); only the
/// chosen tab is in the Tab order (`tabindex` 0, the others -1).
pub fn tab_keys(ev: leptos::ev::KeyboardEvent) {
    let key = ev.key();
    let Some(current) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(list) = current.closest("[role=tablist]").ok().flatten() else {
        return;
    };
    let Ok(nodes) = list.query_selector_all("[role=tab]") else {
        return;
    };
    let tabs: Vec<web_sys::HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.get(i)?.dyn_into().ok())
        .collect();
    let Some(at) = tabs.iter().position(|t| *t == current) else {
        return;
    };
    let next = match key.as_str() {
        "ArrowRight" | "ArrowDown" => (at + 1) % tabs.len(),
        "ArrowLeft" | "ArrowUp" => (at + tabs.len() - 1) % tabs.len(),
        "Home" => 0,
        "End" => tabs.len() - 1,
        _ => return,
    };
    ev.prevent_default();
    let _ = tabs[next].focus();
    tabs[next].click();
}

/// One tab of a `role="tablist"` (see [`tab_keys`]): selected while
/// `selected` says so, in the Tab order only then.
pub fn tab(
    selected: impl Fn() -> bool + Copy + Send + Sync + 'static,
    choose: impl Fn() + 'static,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button type="button" role="tab" aria-selected=move || selected().to_string()
            tabindex=move || if selected() { "0" } else { "-1" }
            on:click=move |_| choose()>{label}</button>
    }
}

/// Ask before something that cannot be taken back.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}
