//! A branch for those over it: its members by points this academic year,
//! and each member's ledger, where approved entries are corrected.

use super::ledger;
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::i18n::party::{category, standing, texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_domain::party::wire::{LedgerView, StandingsView};
use onestop_domain::{BranchId, UserId};

#[component]
pub fn BranchPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<BranchId>().ok()));
    let standings = api_resource(id, |c, id| async move {
        c.branch_standings(id.unwrap_or_default(), None).await
    });
    view! {
        <section class="card wide" aria-labelledby="standings-title">
            <h1 id="standings-title">{move || v().standings_title}</h1>
            <Loaded resource=standings show={move |s: StandingsView| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let b = s.branch.clone();
                view! {
                    <p class="meta">{b.name.clone()}" · "{b.place.name.clone()}
                        {b.secretary.clone().map(|p| format!(" · {}：{}", v.secretary, p.display_name))}
                        {(!b.station.is_empty()).then(|| format!(" · {}：{}", v.station, b.station))}</p>
                    <p class="meta">{v.year}" "{format!("{}–{}", s.year, s.year + 1)}</p>
                    <div class="table-scroll">
                        <table class="standings">
                            <thead><tr><th scope="col">{v.member}</th><th scope="col">{v.standing}</th>
                                <th scope="col" class="num">{v.approved_total}</th><th scope="col" class="num">{v.pending_total}</th>
                                <th scope="col">{v.by_category}</th></tr></thead>
                            <tbody>
                                {s.members.into_iter().map(|m| {
                                    let sums = m.by_category.iter().filter(|c| c.points != 0)
                                        .map(|c| format!("{} {}", category(lang, c.category), c.points))
                                        .collect::<Vec<_>>().join(" · ");
                                    view! {
                                        <tr>
                                            <td><A href=format!("/party/members/{}", m.member.person.id)>{m.member.person.display_name.clone()}</A></td>
                                            <td>{standing(lang, m.member.standing)}</td>
                                            <td class="num">{m.approved}</td>
                                            <td class="num">{m.pending}</td>
                                            <td>{sums}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}/>
            <p><A href="/party">{move || v().back}</A></p>
        </section>
    }
}

#[component]
pub fn MemberLedgerPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let changed = RwSignal::new(0_u64);
    let who = move || {
        (
            params.with(|p| p.get("id").and_then(|s| s.parse::<UserId>().ok())),
            changed.get(),
        )
    };
    let ledger = api_resource(who, |c, (id, _)| async move {
        c.party_ledger(Some(id.unwrap_or_default()), None).await
    });
    view! {
        <section class="card wide" aria-labelledby="ledger-title">
            <Loaded resource=ledger show={move |l: LedgerView| {
                ctx.lang.track();
                view! {
                    <h1 id="ledger-title">{l.person.display_name.clone()}" · "{v().ledger_of}</h1>
                    {ledger::sheet(ctx, l, true, changed)}
                }
            }}/>
            <p><A href="/party">{move || v().back}</A></p>
        </section>
    }
}
