//! Every assignment on the plan as one list, narrowed by task, unit and
//! "needs attention"; each opens the assignment's page.

use super::place::Place;
use crate::components::AddressView;
use crate::ctx::Ctx;
use crate::labels;
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::reform::progress::ReportStatus;
use onestop_domain::reform::wire::AssignmentView;
use onestop_domain::unit::UnitView;

/// Late, silent, a missed milestone, sent back, or the unit says it is in trouble.
pub fn needs_attention(a: &AssignmentView) -> bool {
    a.late
        || a.silent
        || a.overdue_milestones > 0
        || a.review_state == Some(onestop_domain::reform::progress::ReviewState::Returned)
        || matches!(a.status, Some(ReportStatus::Blocked | ReportStatus::AtRisk))
}

#[component]
pub fn AssignmentList(
    all: Vec<AssignmentView>,
    units: Vec<UnitView>,
    /// The board's place: its task, unit and "flagged" narrow this list
    /// (the board's other tabs set them when a row is picked).
    place: AddressView<Place>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let all = StoredValue::new(all);
    let shown = move || {
        let Place {
            task,
            unit,
            flagged,
            ..
        } = place.get();
        all.with_value(|all| {
            all.iter()
                .filter(|a| task.is_none_or(|n| a.task_no == n))
                .filter(|a| unit.is_empty() || a.unit.code == unit)
                .filter(|a| !flagged || needs_attention(a))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="filters">
            <label>{move || t().unit}" "
                <select on:change=move |ev| place.update(|p| p.unit = event_target_value(&ev)) prop:value=move || place.get().unit>
                    <option value="">{move || t().all_units}</option>
                    {units.into_iter().map(|u| { let code = u.code.clone(); view! { <option value=code>{move || labels::unit(lang(), &u)}</option> } }).collect_view()}
                </select>
            </label>
            <label class="check"><input type="checkbox" prop:checked=move || place.get().flagged on:change=move |ev| place.update(|p| p.flagged = event_target_checked(&ev))/>{move || t().only_flagged}</label>
            {move || place.get().task.map(|n| view! {
                <button type="button" class="chip" on:click=move |_| place.update(|p| p.task = None) aria-label=move || format!("{} #{n} ×", t().nav_plan)>"#"{n}" ×"</button>
            })}
        </div>
        {move || {
            let rows = shown();
            if rows.is_empty() {
                return view! { <p class="muted">{t().none_yet}</p> }.into_any();
            }
            view! {
                <table class="board">
                    <thead><tr><th>"#"</th><th>{t().unit}</th><th>{t().responsible}</th><th>{t().due_on}</th><th>{t().progress}</th><th>{t().latest_report}</th></tr></thead>
                    <tbody>
                    {rows.into_iter().map(|a| {
                        let flag = needs_attention(&a);
                        let status = a.status.map(|s| labels::report_status(lang(), s)).unwrap_or("—");
                        view! {
                            <tr class:flag=flag>
                                <td>{a.task_no}"."{a.part_position}</td>
                                <td><A href=format!("/assignments/{}", a.id)>{labels::unit(lang(), &a.unit)}</A><span class="meta">" · "{labels::unit_role(lang(), a.role)}</span></td>
                                <td>{a.responsible.as_ref().map(|p| p.display_name.clone()).unwrap_or_else(|| "—".into())}</td>
                                <td class:late=a.late>{a.due_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td><progress max="100" value=a.percent></progress>" "{a.percent}"% · "{status}</td>
                                <td class:late=a.silent>{a.last_period.clone().unwrap_or_else(|| "—".into())}
                                    {(a.overdue_milestones > 0).then(|| view! { <span class="late">" · "{t().overdue_milestones}" "{a.overdue_milestones}</span> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
