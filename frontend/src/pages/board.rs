//! The reform plan's board: by task and by unit, overdue and silent highlighted,
//! and the latest changes. One request.

use crate::app::Ctx;
use crate::format::when;
use crate::i18n::Lang;
use crate::labels;
use crate::pages::status_line;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::reform::wire::Board;

#[component]
pub fn BoardPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let board = RwSignal::new(None::<Result<Board, String>>);
    let by_unit = RwSignal::new(false);
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
    view! {
        <section class="card wide" aria-labelledby="board-title">
            {move || match board.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(b)) => {
                    let lang = ctx.lang.get();
                    let zh = lang == Lang::Zh;
                    view! {
                        <h1 id="board-title">{if zh { b.plan.title_zh.clone() } else { b.plan.title_en.clone() }}</h1>
                        <p class="muted">{b.plan.doc_number.clone()}" · "{t().period}" "{b.current_period.clone()}</p>
                        <p class="totals">
                            {t().progress}" "<strong>{b.totals.percent}"%"</strong>" · "
                            {t().overdue_milestones}" "<strong class="late">{b.totals.overdue_milestones}</strong>" · "
                            {t().silent}" ("{b.last_closed_period.clone()}") "<strong class="late">{b.totals.silent}</strong>
                        </p>
                        <div class="tabs" role="tablist">
                            <button type="button" role="tab" aria-selected=move || (!by_unit.get()).to_string() on:click=move |_| by_unit.set(false)>{t().by_task}</button>
                            <button type="button" role="tab" aria-selected=move || by_unit.get().to_string() on:click=move |_| by_unit.set(true)>{t().by_unit}</button>
                        </div>
                        <div class="table-wrap">
                        {if !by_unit.get() {
                            view! {
                                <table class="board">
                                    <thead><tr><th>"#"</th><th>{t().nav_plan}</th><th>{t().lead}</th><th>{t().progress}</th><th>{t().standing}</th><th>{t().overdue_milestones}</th><th>{t().silent}</th></tr></thead>
                                    <tbody>
                                    {b.by_task.iter().map(|l| { let flag = l.overdue || l.tally.silent > 0; let late_m = l.tally.overdue_milestones > 0; let late_s = l.tally.silent > 0; view! {
                                        <tr class:flag=flag>
                                            <td>{l.no}</td>
                                            <td>{if zh { l.title_zh.clone() } else { l.title_en.clone() }}</td>
                                            <td>{l.lead_units.iter().map(|u| if zh { u.name_zh.clone() } else { u.name_en.clone() }).collect::<Vec<_>>().join("、")}</td>
                                            <td><progress max="100" value=l.tally.percent></progress>" "{l.tally.percent}"%"</td>
                                            <td class=format!("standing-{:?}", l.standing)>{labels::standing(lang, l.standing)}</td>
                                            <td class:late=late_m>{l.tally.overdue_milestones}</td>
                                            <td class:late=late_s>{l.tally.silent}"/"{l.tally.assignments}</td>
                                        </tr>
                                    }}).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        } else {
                            view! {
                                <table class="board">
                                    <thead><tr><th>{t().unit}</th><th>{t().lead}"/"{t().cooperating}</th><th>{t().progress}</th><th>{t().standing}</th><th>{t().overdue_milestones}</th><th>{t().silent}</th></tr></thead>
                                    <tbody>
                                    {b.by_unit.iter().map(|l| { let flag = l.overdue || l.tally.silent > 0; let late_m = l.tally.overdue_milestones > 0; let late_s = l.tally.silent > 0; view! {
                                        <tr class:flag=flag>
                                            <td>{if zh { l.unit.name_zh.clone() } else { l.unit.name_en.clone() }}</td>
                                            <td>{l.leads}"/"{l.cooperates}</td>
                                            <td><progress max="100" value=l.tally.percent></progress>" "{l.tally.percent}"%"</td>
                                            <td>{labels::standing(lang, l.standing)}</td>
                                            <td class:late=late_m>{l.tally.overdue_milestones}</td>
                                            <td class:late=late_s>{l.tally.silent}</td>
                                        </tr>
                                    }}).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        </div>
                        <h2>{t().changes_since}</h2>
                        <ul class="plain">
                            {b.changes.iter().take(30).map(|c| view! {
                                <li><span class="meta">{when(c.at)}</span>" "{c.unit.name_zh.clone()}" · #"{c.task_no}" · "{format!("{:?}", c.kind)}{c.note.clone().map(|n| format!(" — {n}"))}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
