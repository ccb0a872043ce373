//! Announcing a session: what and who for, in which community space and
//! when (the time is booked there at once), how many places and until when
//! students apply. The seed of the draw is fixed by the server now.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::{from_campus_input, today};
use crate::forms::{code_of, enum_of, enum_select, field_error, FormState};
use crate::i18n::talks::{host_role, talk_kind, texts};
use crate::labels;
use crate::pages::spaces::{quarters, time_select};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onestop_client::SpaceQuery;
use onestop_domain::community::spaces::wire::SpaceView;
use onestop_domain::community::talks::wire::{CreateTalkRequest, TalkView};
use onestop_domain::community::talks::{HostRole, TalkKind};
use onestop_domain::dates::Moment;
use onestop_domain::grid::wire::BuildingRef;
use onestop_domain::unit::{UnitKind, UnitView};
use onestop_domain::{NodeId, SpaceId, UnitId};

/// The audience select's value: `""` (all), `unit:<id>` or `building:<id>`.
fn audience_of(s: &str) -> (Option<UnitId>, Option<NodeId>) {
    match s.split_once(':') {
        Some(("unit", id)) => (id.parse().ok(), None),
        Some(("building", id)) => (None, id.parse().ok()),
        _ => (None, None),
    }
}

fn moment(s: &str) -> Option<Moment> {
    from_campus_input(s).and_then(|t| Moment::try_from(t).ok())
}

#[component]
fn Form(
    spaces: Vec<SpaceView>,
    units: Vec<UnitView>,
    buildings: Vec<BuildingRef>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let navigate = use_navigate();
    let kind = RwSignal::new(code_of(&TalkKind::PrincipalMeeting));
    let role = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let space = RwSignal::new(spaces.first().map(|s| s.id.to_string()).unwrap_or_default());
    let first_day = today() + Duration::days(7);
    let date = RwSignal::new(first_day.to_string());
    let starts = RwSignal::new("19:00".to_owned());
    let ends = RwSignal::new("20:30".to_owned());
    let apply_by = RwSignal::new(format!("{}T20:00", first_day - Duration::days(2)));
    // The deadline follows the date until it is changed by hand.
    let deadline_set = RwSignal::new(false);
    Effect::new(move |_| {
        if let Ok(d) = date.get().parse::<NaiveDate>() {
            if !deadline_set.get_untracked() {
                apply_by.set(format!("{}T20:00", d - Duration::days(2)));
            }
        }
    });
    let places = RwSignal::new("20".to_owned());
    let audience = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors;
    let all_spaces = StoredValue::new(spaces);
    let chosen = Memo::new(move |_| {
        let id = space.get().parse::<SpaceId>().ok();
        all_spaces.with_value(|all| all.iter().find(|s| Some(s.id) == id).cloned())
    });
    let times = move || {
        chosen
            .get()
            .map(|s| quarters(&s.opens, &s.closes))
            .unwrap_or_default()
    };
    // A time the chosen space does not offer becomes one it does.
    Effect::new(move |_| {
        let t = times();
        for (sig, at) in [(starts, t.len() * 2 / 3), (ends, t.len() * 2 / 3 + 6)] {
            if !t.is_empty() && !t.contains(&sig.get_untracked()) {
                sig.set(t[at.min(t.len() - 1)].clone());
            }
        }
    });
    let navigate = StoredValue::new_local(navigate);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if topic.get_untracked().trim().is_empty() {
            state.refuse("topic", ctx.t().err_required);
            return;
        }
        let Some(space_id) = chosen.get_untracked().map(|s| s.id) else {
            state.refuse("space_id", ctx.t().err_required);
            return;
        };
        let at = |t: String| moment(&format!("{}T{t}", date.get_untracked()));
        let (Some(starts_at), Some(ends_at)) =
            (at(starts.get_untracked()), at(ends.get_untracked()))
        else {
            state.refuse("starts_at", ctx.t().err_date);
            return;
        };
        let Some(deadline) = moment(&apply_by.get_untracked()) else {
            state.refuse("apply_by", ctx.t().err_date);
            return;
        };
        let Some(kind) = enum_of::<TalkKind>(&kind.get_untracked()) else {
            return;
        };
        let (audience_unit_id, audience_building_id) = audience_of(&audience.get_untracked());
        let req = CreateTalkRequest {
            kind,
            topic: topic.get_untracked(),
            description: description.get_untracked(),
            host_role: enum_of::<HostRole>(&role.get_untracked()),
            hosts: Vec::new(),
            space_id,
            starts_at,
            ends_at,
            apply_by: deadline,
            places: places.get_untracked().trim().parse().unwrap_or(0),
            audience_unit_id,
            audience_building_id,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.create_talk(&req).await }
            },
            move |t: TalkView| {
                navigate.with_value(|n| n(&format!("/talks/{}", t.id), Default::default()))
            },
        );
    };
    let lang = ctx.lang.get_untracked();
    let colleges: Vec<_> = units
        .into_iter()
        .filter(|u| u.kind == UnitKind::College)
        .collect();
    view! {
        <form class="talk-form" on:submit=submit novalidate>
            <label for="talk-kind">{move || v().kind}</label>
            {enum_select("talk-kind", &TalkKind::ALL, talk_kind, kind)}
            <label for="talk-role">{move || v().host_role}</label>
            <select id="talk-role" on:change=move |ev| role.set(event_target_value(&ev))>
                <option value="">{move || v().no_host_role}</option>
                {HostRole::ALL.into_iter().map(|r| view! { <option value=code_of(&r)>{move || host_role(ctx.lang.get(), r)}</option> }).collect_view()}
            </select>
            <label for="topic">{move || v().topic}</label>
            <input id="topic" type="text" maxlength="100" bind:value=topic aria-invalid=errors.invalid("topic") aria-describedby="topic-error"/>
            {field_error("topic", errors)}
            <label for="description">{move || v().description}</label>
            <textarea id="description" rows="3" maxlength="1000" bind:value=description></textarea>
            {field_error("description", errors)}
            <label for="space_id">{move || v().space}</label>
            <select id="space_id" on:change=move |ev| space.set(event_target_value(&ev)) aria-describedby="space_id-error">
                {all_spaces.with_value(|all| all.iter().map(|s| {
                    let (id, this) = (s.id.to_string(), s.id.to_string());
                    view! { <option value=id prop:selected=move || space.get() == this>{format!("{} · {} · {}", s.community.name, s.name, s.capacity)}</option> }
                }).collect_view())}
            </select>
            {field_error("space_id", errors)}
            <label for="talk-date">{move || v().date}</label>
            <input id="talk-date" type="date" bind:value=date/>
            <div class="row">
                <span><label for="starts_at">{move || v().starts}</label>{move || time_select("starts_at", times(), starts)}</span>
                <span><label for="ends_at">{move || v().ends}</label>{move || time_select("ends_at", times(), ends)}</span>
            </div>
            {field_error("starts_at", errors)}
            {field_error("ends_at", errors)}
            <label for="apply_by">{move || v().apply_by}</label>
            <input id="apply_by" type="datetime-local" prop:value=move || apply_by.get()
                on:input=move |ev| { deadline_set.set(true); apply_by.set(event_target_value(&ev)); }
                aria-invalid=errors.invalid("apply_by") aria-describedby="apply_by-error"/>
            {field_error("apply_by", errors)}
            <label for="places">{move || v().places}</label>
            <input id="places" type="number" min="1" max="500" inputmode="numeric" bind:value=places aria-invalid=errors.invalid("places") aria-describedby="places-error"/>
            {field_error("places", errors)}
            <label for="audience">{move || v().audience}</label>
            <select id="audience" on:change=move |ev| audience.set(event_target_value(&ev))>
                <option value="">{move || v().everyone}</option>
                <optgroup label=move || v().college>
                    {colleges.into_iter().map(|u| view! { <option value=format!("unit:{}", u.id)>{labels::unit(lang, &u)}</option> }).collect_view()}
                </optgroup>
                <optgroup label=move || v().building>
                    {buildings.into_iter().map(|b| view! { <option value=format!("building:{}", b.id)>{b.name.clone()}</option> }).collect_view()}
                </optgroup>
            </select>
            {field_error("audience_unit_id", errors)}
            {field_error("audience_building_id", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>
                {move || if state.pending.get() { v().announcing } else { v().announce }}
            </button>
        </form>
    }
}

#[component]
pub fn AnnounceTalk() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    // Everything the form chooses from, in one load: it shows when all is here.
    let choices = api_resource(
        || (),
        |c, _| async move {
            let spaces = c.list_spaces(&SpaceQuery::default()).await?;
            let units = c.units().await?;
            let buildings = c.buildings().await?;
            Ok((spaces, units, buildings))
        },
    );
    view! {
        <section class="card wide" aria-labelledby="announce-title">
            <h1 id="announce-title">{move || v().announce_title}</h1>
            <p class="muted">{move || v().announce_hint}</p>
            <Loaded resource=choices show={move |(spaces, units, buildings): (Vec<SpaceView>, Vec<UnitView>, Vec<BuildingRef>)| {
                let spaces: Vec<_> = spaces.into_iter().filter(|s| s.active && s.may_book).collect();
                view! { <Form spaces=spaces units=units buildings=buildings/> }
            }}/>
        </section>
    }
}
