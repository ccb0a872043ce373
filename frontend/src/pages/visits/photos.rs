//! A visit's photos: each shown when asked for (a phone on a slow network
//! does not fetch ten photos it was not going to look at), fetched with the
//! session's token; and, for those who were there or recorded it, adding more.

use crate::ctx::Ctx;
use crate::forms::read_files;
use crate::i18n::visits::texts;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::community::visits::{may_add_photos, MAX_PHOTOS};
use onestop_domain::community::wire::{PhotoView, VisitView};
use wasm_bindgen::JsCast;

/// The bytes as an address an `<img>` can show (revoked with the page).
fn object_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

#[component]
fn Photo(p: PhotoView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let src = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    on_cleanup(move || {
        if let Some(u) = src.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let (visit, id, kind) = (p.visit_id, p.id, p.content_type.clone());
    let show = move |_| {
        if pending.get_untracked() || src.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        let kind = kind.clone();
        spawn_local(async move {
            match ctx
                .call(|c| async move { c.visit_photo(visit, id).await })
                .await
            {
                Ok(bytes) => src.set(object_url(&bytes, &kind)),
                Err(e) => error.set(Some(ctx.say(&e))),
            }
            pending.set(false);
        });
    };
    let name = p.filename.clone();
    view! {
        <li class="photo">
            {move || match src.get() {
                Some(url) => view! { <img src=url alt=name.clone()/> }.into_any(),
                None => view! {
                    <button type="button" on:click=show.clone() disabled=move || pending.get()>
                        {move || v().show_photo}" "{p.filename.clone()}
                    </button>
                }.into_any(),
            }}
            <p class="meta">{p.uploaded_by.display_name.clone()}" · "{(p.size / 1024).max(1)}" KB"</p>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </li>
    }
}

/// Whether this person adds photos to the visit (the server decides again, by the same rule).
fn adds(ctx: Ctx, visit: &VisitView) -> bool {
    ctx.me.with_untracked(|me| {
        me.as_ref().is_some_and(|u| {
            let came_along = visit.companions.iter().any(|c| c.id == u.id);
            may_add_photos(
                u.id,
                visit.visitor.id,
                visit.recorded_by.id,
                came_along,
                &u.roles,
            )
        })
    })
}

#[component]
fn AddPhotos(visit: VisitView, added: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let input = NodeRef::<Input>::new();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = visit.id;
    let upload = move |_| {
        if pending.get_untracked() {
            return;
        }
        let Some(el) = input.get_untracked() else {
            return;
        };
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let chosen = read_files(el.unchecked_ref()).await;
            for (name, bytes) in chosen {
                let r = ctx
                    .call(|c| {
                        let (name, bytes) = (name.clone(), bytes.clone());
                        async move { c.add_visit_photo(id, &name, bytes).await }
                    })
                    .await;
                if let Err(e) = r {
                    error.set(Some(ctx.say(&e)));
                    break;
                }
            }
            el.set_value("");
            pending.set(false);
            added.update(|n| *n += 1);
        });
    };
    view! {
        <div class="add-photos">
            <label for="visit-photos">{move || v().add_photos}</label>
            <input id="visit-photos" type="file" accept="image/jpeg,image/png,image/webp,image/heic" multiple node_ref=input/>
            <p class="muted">{move || v().photo_rules}</p>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="button" class="primary" on:click=upload disabled=move || pending.get()>{move || v().upload_photos}</button>
        </div>
    }
}

pub fn photos(ctx: Ctx, visit: &VisitView, added: RwSignal<u64>) -> impl IntoView {
    let v = texts(ctx.lang.get_untracked());
    let room = (visit.photos.len() as i64) < MAX_PHOTOS;
    let may_add = room && adds(ctx, visit);
    view! {
        <h2>{v.photos}</h2>
        {if visit.photos.is_empty() {
            view! { <p class="muted">{v.no_photos}</p> }.into_any()
        } else {
            view! { <ul class="plain photos">{visit.photos.iter().cloned().map(|p| view! { <Photo p=p/> }).collect_view()}</ul> }.into_any()
        }}
        {may_add.then(|| view! { <AddPhotos visit=visit.clone() added=added/> })}
    }
}
