//! What every page shares: the language, the session, who is signed in, and
//! the one way to call the API with the session's token.

use crate::i18n::{Lang, Texts};
use crate::session::{self, Session};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::{is_unauthorized, Client, ClientError};
use onestop_domain::user::UserView;
use onestop_domain::Role;
use std::rc::Rc;

type Refresh = Shared<LocalBoxFuture<'static, Result<Session, Rc<ClientError>>>>;

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub session: RwSignal<Option<Session>>,
    /// A message for the sign-in page, e.g. why the user was signed out.
    pub notice: RwSignal<Option<String>>,
    /// Who is signed in, once known.
    pub me: RwSignal<Option<UserView>>,
    /// The refresh in flight, which every call that found its token expired waits for.
    refreshing: StoredValue<Option<Refresh>, LocalStorage>,
}

impl Ctx {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang: RwSignal::new(lang),
            session: RwSignal::new(session::load()),
            notice: RwSignal::new(None),
            me: RwSignal::new(None),
            refreshing: StoredValue::new_local(None),
        }
    }

    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    pub fn has(&self, role: Role) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|u| u.roles.contains(role)))
    }

    pub fn is_staff(&self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|u| u.roles.is_staff()))
    }

    /// An API error as a sentence in the current language.
    pub fn say(&self, e: &ClientError) -> String {
        self.lang.get_untracked().texts().describe(e)
    }

    /// Run an API call with the access token; when it has expired, refresh
    /// the session and retry once, and when that fails, sign the user out.
    pub async fn call<T, F, Fut>(&self, f: F) -> Result<T, ClientError>
    where
        F: Fn(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let Some(s) = self.session.get_untracked() else {
            return Err(signed_out());
        };
        match f(api().with_token(&s.access_token)).await {
            Err(e) if is_unauthorized(&e) => {
                let fresh = self.renewed(&s).await?;
                f(api().with_token(&fresh.access_token)).await
            }
            other => other,
        }
    }

    /// A session newer than `stale`. A refresh token works once: when several
    /// calls find the token expired together (a page loading two lists), one
    /// refresh runs and the others wait for its result; when another tab has
    /// refreshed already, its session is taken over instead.
    async fn renewed(&self, stale: &Session) -> Result<Session, ClientError> {
        match self.session.get_untracked() {
            Some(now) if now.access_token != stale.access_token => return Ok(now),
            None => return Err(signed_out()),
            Some(_) => {}
        }
        if let Some(other_tab) = session::load().filter(|s| s.refresh_token != stale.refresh_token)
        {
            self.session.set(Some(other_tab.clone()));
            return Ok(other_tab);
        }
        let pending = self.refreshing.get_value().unwrap_or_else(|| {
            let token = stale.refresh_token.clone();
            let started: Refresh = async move {
                api()
                    .refresh(&token)
                    .await
                    .map(Session::from)
                    .map_err(Rc::new)
            }
            .boxed_local()
            .shared();
            self.refreshing.set_value(Some(started.clone()));
            started
        });
        let outcome = pending.clone().await;
        // The first waiter to wake clears the slot (unless a newer refresh took it).
        if self
            .refreshing
            .get_value()
            .is_some_and(|p| p.ptr_eq(&pending))
        {
            self.refreshing.set_value(None);
        }
        match outcome {
            Ok(fresh) => match self.session.get_untracked() {
                // Signed out while the refresh was on its way: stay signed out.
                None => Err(signed_out()),
                Some(current) => {
                    if current != fresh {
                        self.session.set(Some(fresh.clone()));
                    }
                    Ok(fresh)
                }
            },
            Err(e) => {
                if self.session.get_untracked().is_some() {
                    self.sign_out_with(Some(self.say(&e)));
                }
                Err(copy(&e))
            }
        }
    }

    pub fn sign_out_with(&self, notice: Option<String>) {
        self.notice.set(notice);
        self.me.set(None);
        self.session.set(None);
    }

    pub fn sign_out(&self) {
        if let Some(s) = self.session.get_untracked() {
            spawn_local(async move {
                // Signing out locally must not wait on, or fail with, the network.
                let _ = api().logout(&s.refresh_token).await;
            });
        }
        self.sign_out_with(None);
    }
}

fn signed_out() -> ClientError {
    ClientError::Unexpected {
        status: 401,
        body: String::new(),
    }
}

/// The same failure for each waiter (transport errors cannot be cloned; their text can).
fn copy(e: &ClientError) -> ClientError {
    match e {
        ClientError::Api(p) => ClientError::Api(p.clone()),
        ClientError::Unexpected { status, body } => ClientError::Unexpected {
            status: *status,
            body: body.clone(),
        },
        ClientError::Transport(t) => ClientError::Unexpected {
            status: 0,
            body: t.to_string(),
        },
    }
}

/// A client for the server that served this page.
pub fn api() -> Client {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    Client::new(origin)
}
