use crate::i18n::{Lang, Texts};
use crate::pages::{home::Home, login::Login};
use crate::session::{self, Session};
use leptos::prelude::*;
use onestop_client::{is_unauthorized, Client, ClientError};

/// What every page shares: the language and the session.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub session: RwSignal<Option<Session>>,
    /// A message for the sign-in page, e.g. why the user was signed out.
    pub notice: RwSignal<Option<String>>,
}

impl Ctx {
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// Run an API call with the access token; when it has expired, refresh
    /// the session once and retry, and when that fails, sign the user out.
    pub async fn call<T, F, Fut>(&self, f: F) -> Result<T, ClientError>
    where
        F: Fn(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let Some(s) = self.session.get_untracked() else {
            return Err(ClientError::Unexpected {
                status: 401,
                body: String::new(),
            });
        };
        match f(api().with_token(&s.access_token)).await {
            Err(e) if is_unauthorized(&e) => {
                let refreshed = match api().refresh(&s.refresh_token).await {
                    Ok(t) => Session::from(t),
                    Err(e) => {
                        self.sign_out_with(Some(self.lang.get_untracked().texts().describe(&e)));
                        return Err(e);
                    }
                };
                self.session.set(Some(refreshed.clone()));
                f(api().with_token(&refreshed.access_token)).await
            }
            other => other,
        }
    }

    pub fn sign_out_with(&self, notice: Option<String>) {
        self.notice.set(notice);
        self.session.set(None);
    }
}

/// A client for the server that served this page.
pub fn api() -> Client {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    Client::new(origin)
}

fn set_document_lang(code: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", code);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(
        session::load_lang()
            .map(|c| Lang::from_code(&c))
            .unwrap_or(Lang::Zh),
    );
    let ctx = Ctx {
        lang,
        session: RwSignal::new(session::load()),
        notice: RwSignal::new(None),
    };
    provide_context(ctx);
    Effect::new(move |_| {
        let code = lang.get().code();
        session::save_lang(code);
        set_document_lang(code);
    });
    Effect::new(move |_| session::save(ctx.session.get().as_ref()));
    let signed_in = Memo::new(move |_| ctx.session.with(Option::is_some));

    view! {
        <a class="skip" href="#main">{move || if lang.get() == Lang::Zh { "跳到正文" } else { "Skip to content" }}</a>
        <header class="topbar">
            <span class="brand">{move || ctx.t().app_name}</span>
            <button
                type="button"
                class="lang"
                lang=move || lang.get().other().code()
                aria-label=move || ctx.t().switch_hint
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                {move || ctx.t().switch_to}
            </button>
        </header>
        <main id="main" tabindex="-1">
            {move || if signed_in.get() { view! { <Home/> }.into_any() } else { view! { <Login/> }.into_any() }}
        </main>
    }
}
