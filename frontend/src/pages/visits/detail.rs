//! One visit: who went, when, where, what was found, and where each problem
//! went — the repair request as it stands, the follow-up and its answer —
//! and the photos taken.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::i18n::visits::{follow_up_state, texts, visit_kind};
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_client::ClientError;
use onestop_domain::community::wire::{PlaceRef, ProblemView, VisitView};
use onestop_domain::VisitId;

/// `庠园 · 庠园1栋`: the community, then the place when it is narrower.
pub fn where_(community: &PlaceRef, place: &PlaceRef) -> String {
    if community.id == place.id {
        community.name.clone()
    } else {
        format!("{} · {}", community.name, place.name)
    }
}

#[component]
fn Problem(p: ProblemView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let lang = ctx.lang.get_untracked();
    view! {
        <li class="problem">
            <p>{p.text.clone()}</p>
            {p.request.map(|r| view! {
                <p class="meta"><A href=format!("/requests/{}", r.id)>{move || v().became_request}</A>
                    " · "<span class="state">{labels::state(lang, r.state)}</span></p>
            })}
            {p.follow_up.map(|f| view! {
                <p class="meta"><A href=format!("/follow-ups?id={}", f.id)>{labels::unit(lang, &f.unit)}</A>
                    " · "{v().answer_by}" "{f.due_on.to_string()}" · "
                    <span class="state" class:late=f.overdue>{follow_up_state(lang, f.state)}</span></p>
                {f.answer.map(|a| view! { <blockquote class="answer">{a}</blockquote> })}
            })}
        </li>
    }
}

#[component]
pub fn VisitPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<VisitId>().ok())
    };
    // A photo added shows the visit anew.
    let added = RwSignal::new(0u64);
    let visit = api_resource(
        move || (id(), added.get()),
        |c, (id, _)| async move {
            match id {
                Some(id) => c.get_visit(id).await,
                None => Err(ClientError::Unexpected {
                    status: 404,
                    body: String::new(),
                }),
            }
        },
    );
    let v = move || texts(ctx.lang.get());
    view! {
        <section class="card" aria-labelledby="visit-title">
            <Loaded resource=visit show=move |visit: VisitView| {
                let lang = ctx.lang.get();
                let companions = visit.companions.iter().map(|p| p.display_name.clone()).collect::<Vec<_>>().join("、");
                view! {
                    <h1 id="visit-title">{visit_kind(lang, visit.kind)}" · "{where_(&visit.community, &visit.place)}</h1>
                    <dl class="facts">
                        <dt>{v().visitor}</dt><dd>{visit.visitor.display_name.clone()}</dd>
                        {(!companions.is_empty()).then(|| view! { <dt>{v().companions}</dt><dd>{companions}</dd> })}
                        <dt>{v().at}</dt><dd>{when(visit.at)}</dd>
                        <dt>{v().students_met}</dt><dd>{visit.students_met}</dd>
                        {(visit.recorded_by.id != visit.visitor.id).then(|| view! {
                            <dt>{v().recorded_by}</dt><dd>{visit.recorded_by.display_name.clone()}</dd>
                        })}
                    </dl>
                    {(!visit.note.is_empty()).then(|| view! { <p class="note">{visit.note.clone()}</p> })}
                    <h2>{v().problems}</h2>
                    {if visit.problems.is_empty() {
                        view! { <p class="muted">{v().no_problems}</p> }.into_any()
                    } else {
                        view! { <ol class="plain">{visit.problems.iter().cloned().map(|p| view! { <Problem p=p/> }).collect_view()}</ol> }.into_any()
                    }}
                    {super::photos::photos(ctx, &visit, added)}
                }
            }/>
            <p class="actions"><A href="/visits">{move || v().title}</A></p>
        </section>
    }
}
