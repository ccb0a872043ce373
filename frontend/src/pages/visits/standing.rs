//! Who has met the visit minimum this month or semester, beside the reform
//! tasks on the oversight board: by person (the furthest behind first), by
//! unit and by community, and the same as CSV for a meeting's papers.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::forms::{save_bytes, tab, tab_keys};
use crate::i18n::visits::{duty_kind, period, texts, VisitTexts};
use crate::i18n::Lang;
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::ComplianceQuery;
use onestop_domain::community::period::Per;
use onestop_domain::community::wire::{Compliance, StandingRow, TallyRow};

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    People,
    Units,
    Communities,
}

fn people(lang: Lang, v: &'static VisitTexts, rows: Vec<StandingRow>) -> impl IntoView {
    view! {
        <table class="board standing">
            <thead><tr><th>{v.person}</th><th>{v.duty}</th><th>{v.community}"/"{lang.texts().unit}</th><th>{v.done}"/"{v.minimum}</th><th>{v.short_by}</th></tr></thead>
            <tbody>
            {rows.into_iter().map(|r| { let behind = !r.met; view! {
                <tr class:flag=behind>
                    <td>{r.person.display_name.clone()}</td>
                    <td>{duty_kind(lang, r.duty)}</td>
                    <td>{r.community.as_ref().map(|c| c.name.clone()).or_else(|| r.unit.as_ref().map(|u| labels::unit(lang, u))).unwrap_or_default()}</td>
                    <td>{r.visits}" / "{r.minimum}</td>
                    <td class:late=behind>{if behind { r.shortfall.to_string() } else { v.met.to_owned() }}</td>
                </tr>
            }}).collect_view()}
            </tbody>
        </table>
    }
}

fn tallies(
    v: &'static VisitTexts,
    name: impl Fn(&TallyRow) -> String,
    rows: Vec<TallyRow>,
    head: &'static str,
) -> impl IntoView {
    view! {
        <table class="board standing">
            <thead><tr><th>{head}</th><th>{v.bound}</th><th>{v.met}</th><th>{v.behind}</th><th>{v.short_by}</th></tr></thead>
            <tbody>
            {rows.into_iter().map(|r| { let behind = r.behind > 0; view! {
                <tr class:flag=behind>
                    <td>{name(&r)}</td><td>{r.bound}</td><td>{r.met}</td>
                    <td class:late=behind>{r.behind}</td><td>{r.shortfall}</td>
                </tr>
            }}).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn VisitStanding() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let per = RwSignal::new(Per::Month);
    let shown = RwSignal::new(View::People);
    let only_behind = RwSignal::new(false);
    let report = api_resource(
        move || per.get(),
        |c, per| async move {
            c.visit_compliance(&ComplianceQuery {
                on: None,
                per: Some(per),
            })
            .await
        },
    );
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let per = per.get_untracked();
        spawn_local(async move {
            let q = ComplianceQuery {
                on: None,
                per: Some(per),
            };
            let r = ctx
                .call(|c| {
                    let q = q.clone();
                    async move { c.visit_compliance_csv(&q).await }
                })
                .await
                .map_err(|e| ctx.say(&e))
                .and_then(|bytes| {
                    save_bytes(
                        ctx,
                        &bytes,
                        &format!(
                            "visits-{}.csv",
                            if per == Per::Month {
                                "month"
                            } else {
                                "semester"
                            }
                        ),
                    )
                });
            error.set(r.err());
        });
    };
    let per_button = move |which: Per, label: fn(&'static VisitTexts) -> &'static str| {
        tab(
            move || per.get() == which,
            move || per.set(which),
            move || label(v()),
        )
    };
    let view_button = move |which: View, label: fn(&'static VisitTexts) -> &'static str| {
        tab(
            move || shown.get() == which,
            move || shown.set(which),
            move || label(v()),
        )
    };
    view! {
        <section class="card wide" aria-labelledby="standing-title">
            <h2 id="standing-title">{move || v().standing_title}</h2>
            <p class="muted small">{move || v().standing_hint}</p>
            <div class="tabs" role="tablist" aria-label=move || v().standing_title on:keydown=tab_keys>
                {per_button(Per::Month, |v| v.per_month)}
                {per_button(Per::Semester, |v| v.per_semester)}
            </div>
            <div class="tabs" role="tablist" on:keydown=tab_keys>
                {view_button(View::People, |v| v.by_person)}
                {view_button(View::Units, |v| v.by_unit)}
                {view_button(View::Communities, |v| v.by_community)}
            </div>
            <Loaded resource=report show=move |r: Compliance| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                let unit_names: Vec<_> = r.rows.iter().filter_map(|x| x.unit.clone()).collect();
                let unit_name = move |t: &TallyRow| unit_names.iter().find(|u| u.code == t.key).map(|u| labels::unit(lang, u)).unwrap_or_else(|| t.name.clone());
                let term = r.rows.first().map(|x| period(lang, &x.period)).unwrap_or_default();
                let behind = r.rows.iter().filter(|x| !x.met).count();
                let total = r.rows.len();
                view! {
                    <p class="totals">{term}" · "{v.behind}" "<strong class="late">{behind}</strong>" / "{total}</p>
                    <div class="table-wrap">
                    {move || match shown.get() {
                        View::People => view! {
                            <label class="check"><input type="checkbox" bind:checked=only_behind/>{v.only_behind}</label>
                            {people(lang, v, r.rows.iter().filter(|x| !only_behind.get() || !x.met).cloned().collect())}
                        }.into_any(),
                        View::Units => tallies(v, unit_name.clone(), r.by_unit.clone(), lang.texts().unit).into_any(),
                        View::Communities => tallies(v, |t| t.name.clone(), r.by_community.clone(), v.community).into_any(),
                    }}
                    </div>
                }
            }/>
            <p class="actions"><button type="button" on:click=export>{move || v().csv}</button></p>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </section>
    }
}
