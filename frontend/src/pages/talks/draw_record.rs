//! The draw in public: the seed's SHA-256 from the day the session was
//! announced, and once drawn the seed, the method in words and every
//! entrant by application id, weight and order — enough to check it.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::when;
use crate::i18n::talks::texts;
use leptos::prelude::*;
use onestop_domain::community::talks::wire::{DrawView, TalkView};
use onestop_domain::community::talks::TalkState;

fn record(ctx: Ctx, d: DrawView, mine: Option<onestop_domain::ApplicationId>) -> impl IntoView {
    let v = texts(ctx.lang.get_untracked());
    view! {
        <p class="meta">{v.drawn_at}" "{when(d.drawn_at)}</p>
        <h3>{v.method}</h3>
        <p class="method">{d.method.clone()}</p>
        <div class="table-scroll">
            <table class="draw">
                <thead><tr><th scope="col">{v.application}</th><th scope="col">{v.weight}</th><th scope="col">{v.rank}</th><th scope="col">{v.by_draw}</th></tr></thead>
                <tbody>
                    {d.entrants.into_iter().map(|e| {
                        let me = mine == Some(e.application_id);
                        view! {
                            <tr class:me=me>
                                <td><code>{e.application_id.to_string()}</code>{me.then_some(v.you)}</td>
                                <td>{e.weight}</td>
                                <td>{e.rank}</td>
                                <td>{if e.placed_by_draw { v.yes } else { v.no }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn DrawRecord(talk: TalkView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = texts(ctx.lang.get_untracked());
    let id = talk.id;
    let mine = talk.mine.as_ref().map(|a| a.id);
    let drawn = talk.state == TalkState::Drawn;
    view! {
        <section class="card" aria-labelledby="draw-title">
            <h2 id="draw-title">{v.fairness}</h2>
            <p class="muted">{v.fairness_hint}</p>
            <p class="meta">{v.seed_sha256}" "<code class="hash">{talk.seed_sha256.clone()}</code></p>
            {talk.seed.clone().map(|s| view! { <p class="meta">{v.seed}" "<code class="hash">{s}</code></p> })}
            {drawn.then(|| {
                let draw = api_resource(move || id, |c, id| async move { c.talk_draw(id).await });
                view! {
                    <details class="draw-record">
                        <summary>{v.show_draw}</summary>
                        <Loaded resource=draw show={move |d: DrawView| record(ctx, d, mine)}/>
                    </details>
                }
            })}
        </section>
    }
}
