//! The reform plan's board: by task, by unit and assignment by assignment,
//! overdue and silent highlighted, the caller's unit's to-do and the latest
//! changes. One request for the board, one for the to-do.

mod assignments;
mod place;

use crate::components::inbox::Inbox;
use crate::components::{status_line, AddressView};
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::tab_keys;
use crate::i18n::Lang;
use crate::labels;
use crate::pages::visits::VisitStanding;
use assignments::AssignmentList;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_domain::reform::wire::Board;
use place::{Place, Tab};

#[component]
pub fn BoardPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let board = RwSignal::new(None::<Result<Board, String>>);
    let place = AddressView::<Place>::new("/plan");
    let tab = place.part(|p| p.tab);
    spawn_local(async move {
        let r = async {
            let plans = ctx.call(|c| async move { c.plans().await }).await?;
            let Some(p) = plans.first() else {
                return Err(onestop_client::ClientError::Unexpected {
                    status: 404,
                    body: String::new(),
                });
            };
            let id = p.id;
            ctx.call(|c| async move { c.board(id, None).await }).await
        }
        .await;
        board.set(Some(r.map_err(|e| ctx.say(&e))));
    });
    let t = move || ctx.t();
    let open_task = move |no: i32| {
        place.update(|p| {
            p.task = Some(no);
            p.unit.clear();
            p.tab = Tab::Assignments;
        })
    };
    let open_unit = move |code: String| {
        place.update(|p| {
            p.task = None;
            p.unit = code;
            p.tab = Tab::Assignments;
        })
    };
    let tab_button = move |which: Tab, label: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <button type="button" role="tab" aria-selected=move || (tab.get() == which).to_string()
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                on:click=move |_| place.update(|p| p.tab = which)>{move || label(t())}</button>
        }
    };
    view! {
        <Inbox/>
        <section class="card wide" aria-labelledby="board-title">
            {move || match board.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(b)) => {
                    let lang = ctx.lang.get();
                    let zh = lang == Lang::Zh;
                    // The tables follow the tab on their own, so choosing a tab keeps
                    // the tab buttons (and the keyboard focus on them) in place.
                    let shown = StoredValue::new(b.clone());
                    view! {
                        <h1 id="board-title">{if zh { b.plan.title_zh.clone() } else { b.plan.title_en.clone() }}</h1>
                        <p class="muted">{b.plan.doc_number.clone()}" · "{t().period}" "{b.current_period.clone()}</p>
                        <p class="totals">
                            {t().progress}" "<strong>{b.totals.percent}"%"</strong>" · "
                            {t().overdue_milestones}" "<strong class="late">{b.totals.overdue_milestones}</strong>" · "
                            {t().silent}" ("{b.last_closed_period.clone()}") "<strong class="late">{b.totals.silent}</strong>
                        </p>
                        <div class="tabs" role="tablist" on:keydown=tab_keys>
                            {tab_button(Tab::Tasks, |t| t.by_task)}
                            {tab_button(Tab::Units, |t| t.by_unit)}
                            {tab_button(Tab::Assignments, |t| t.assignments_tab)}
                        </div>
                        <div class="table-wrap">
                        {move || { let b = shown.get_value(); let units = b.by_unit.iter().map(|l| l.unit.clone()).collect::<Vec<_>>(); match tab.get() {
                            Tab::Tasks => view! {
                                <table class="board">
                                    <thead><tr><th>"#"</th><th>{t().nav_plan}</th><th>{t().lead}</th><th>{t().progress}</th><th>{t().standing}</th><th>{t().overdue_milestones}</th><th>{t().silent}</th></tr></thead>
                                    <tbody>
                                    {b.by_task.iter().map(|l| { let flag = l.overdue || l.tally.silent > 0; let late_m = l.tally.overdue_milestones > 0; let late_s = l.tally.silent > 0; let no = l.no; view! {
                                        <tr class:flag=flag>
                                            <td>{l.no}</td>
                                            <td><button type="button" class="link" on:click=move |_| open_task(no)>{if zh { l.title_zh.clone() } else { l.title_en.clone() }}</button></td>
                                            <td>{l.lead_units.iter().map(|u| labels::unit(lang, u)).collect::<Vec<_>>().join("、")}</td>
                                            <td><progress max="100" value=l.tally.percent></progress>" "{l.tally.percent}"%"</td>
                                            <td class=format!("standing-{:?}", l.standing)>{labels::standing(lang, l.standing)}</td>
                                            <td class:late=late_m>{l.tally.overdue_milestones}</td>
                                            <td class:late=late_s>{l.tally.silent}"/"{l.tally.assignments}</td>
                                        </tr>
                                    }}).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any(),
                            Tab::Units => view! {
                                <table class="board">
                                    <thead><tr><th>{t().unit}</th><th>{t().lead}"/"{t().cooperating}</th><th>{t().progress}</th><th>{t().standing}</th><th>{t().overdue_milestones}</th><th>{t().silent}</th></tr></thead>
                                    <tbody>
                                    {b.by_unit.iter().map(|l| { let flag = l.overdue || l.tally.silent > 0; let late_m = l.tally.overdue_milestones > 0; let late_s = l.tally.silent > 0; let code = l.unit.code.clone(); view! {
                                        <tr class:flag=flag>
                                            <td><button type="button" class="link" on:click=move |_| open_unit(code.clone())>{labels::unit(lang, &l.unit)}</button></td>
                                            <td>{l.leads}"/"{l.cooperates}</td>
                                            <td><progress max="100" value=l.tally.percent></progress>" "{l.tally.percent}"%"</td>
                                            <td>{labels::standing(lang, l.standing)}</td>
                                            <td class:late=late_m>{l.tally.overdue_milestones}</td>
                                            <td class:late=late_s>{l.tally.silent}</td>
                                        </tr>
                                    }}).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any(),
                            Tab::Assignments => view! { <AssignmentList all=b.assignments.clone() units=units place=place/> }.into_any(),
                        }}}
                        </div>
                        <h2>{t().changes_since}</h2>
                        <ul class="plain">
                            {b.changes.into_iter().take(30).map(|c| view! {
                                <li><span class="meta">{when(c.at)}</span>" "
                                    <A href=format!("/assignments/{}", c.assignment_id)>{labels::unit(lang, &c.unit)}" · #"{c.task_no}" · "{labels::reform_event(lang, c.kind)}</A>
                                    {c.note.clone().map(|n| format!(" — {}", labels::reform_note(lang, c.kind, &n)))}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        <VisitStanding/>
    }
}
