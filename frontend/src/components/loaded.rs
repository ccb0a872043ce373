//! Data a page shows, loaded as a Leptos resource: the answer for the
//! latest inputs only (an answer to inputs since changed is asked again),
//! a line while loading, and the error said in the page's language when the
//! call fails, never an empty space that looks like "nothing here".

use crate::ctx::Ctx;
use leptos::prelude::*;
use onestop_client::{Client, ClientError};
use std::future::Future;
use std::rc::Rc;

/// An API call with the session (a token about to expire is refreshed), as a
/// resource. `inputs` is read where the resource tracks it: when a signal it
/// reads changes, the call runs again with the new inputs, and the answer to
/// the old ones is dropped.
pub fn api_resource<S, T, I, F, Fut>(inputs: I, call: F) -> LocalResource<Result<T, ClientError>>
where
    S: Clone + PartialEq + 'static,
    T: 'static,
    I: Fn() -> S + 'static,
    F: Fn(Client, S) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ClientError>> + 'static,
{
    let ctx = expect_context::<Ctx>();
    let inputs = Rc::new(inputs);
    // Disposed with the page: past that, its inputs are not read again.
    let alive = RwSignal::new(());
    LocalResource::new(move || {
        let used = inputs();
        let inputs = inputs.clone();
        async move {
            let mut used = used;
            loop {
                let asked = used.clone();
                let answer = ctx.call(move |c| call(c, asked.clone())).await;
                // An input that changed while the answer was on its way can be
                // missed by the resource (it reruns only once this call ends,
                // and not always): the answer shown is for the inputs as they are.
                if alive.is_disposed() {
                    return answer;
                }
                let now = untrack(|| inputs());
                if now == used {
                    return answer;
                }
                used = now;
            }
        }
    })
}

/// The resource's value through `show`, inside `Suspense`; its error as a
/// sentence (`role="alert"`).
#[component]
pub fn Loaded<T, V, F>(resource: LocalResource<Result<T, ClientError>>, show: F) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
{
    let ctx = expect_context::<Ctx>();
    view! {
        <Suspense fallback=move || view! { <p class="muted" aria-live="polite">{ctx.t().loading}</p> }>
            {move || resource.with(|r| r.as_ref().map(|r| match r {
                Ok(v) => show(v.clone()).into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{ctx.say(e)}</p> }.into_any(),
            }))}
        </Suspense>
    }
}
