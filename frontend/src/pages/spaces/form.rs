//! A space's details, new or changed: administrators and the community
//! office of its place. The place is chosen a level at a time (a community,
//! then one of its buildings if the space is in one) and stays once made.

use super::space::{quarters, time_select};
use crate::components::api_resource;
use crate::ctx::Ctx;
use crate::forms::{code_of, enum_of, enum_select, field_error, FormState};
use crate::i18n::spaces::{booker, space_kind, texts};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onestop_domain::community::spaces::wire::{CreateSpaceRequest, SpaceView, UpdateSpaceRequest};
use onestop_domain::community::spaces::{Booker, SpaceKind};
use onestop_domain::NodeId;

#[component]
pub fn SpaceForm(editing: Option<SpaceView>, saved: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let lang = move || ctx.lang.get();
    let navigate = use_navigate();
    let navigate = StoredValue::new_local(navigate);
    let e = editing.clone();
    let name = RwSignal::new(e.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(code_of(
        &e.as_ref().map_or(SpaceKind::MultiPurpose, |s| s.kind),
    ));
    let capacity = RwSignal::new(e.as_ref().map_or("40".into(), |s| s.capacity.to_string()));
    let equipment = RwSignal::new(e.as_ref().map(|s| s.equipment.clone()).unwrap_or_default());
    let opens = RwSignal::new(e.as_ref().map_or("08:00".into(), |s| s.opens.clone()));
    let closes = RwSignal::new(e.as_ref().map_or("22:00".into(), |s| s.closes.clone()));
    let open_to = RwSignal::new(
        e.as_ref()
            .map_or(Booker::ALL.to_vec(), |s| s.open_to.clone()),
    );
    let approval = RwSignal::new(e.as_ref().is_none_or(|s| s.needs_approval));
    let active = RwSignal::new(e.as_ref().is_none_or(|s| s.active));
    let community = RwSignal::new(String::new());
    let building = RwSignal::new(String::new());
    let communities = api_resource(|| (), |c, _| async move { c.visit_places(None).await });
    let buildings = api_resource(
        move || community.get().parse::<NodeId>().ok(),
        |c, id| async move {
            match id {
                Some(id) => c.visit_places(Some(id)).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let state = FormState::new();
    let errors = state.errors;
    let all_times = quarters("00:00", "23:45");
    let done = RwSignal::new(false);
    let editing_id = editing.as_ref().map(|s| (s.id, s.version));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        if name.get_untracked().trim().is_empty() {
            state.refuse("name", ctx.t().err_required);
            return;
        }
        let kind = enum_of(&kind.get_untracked()).unwrap_or(SpaceKind::Other);
        let capacity = capacity.get_untracked().trim().parse().unwrap_or(0);
        match editing_id {
            Some((id, version)) => {
                let req = UpdateSpaceRequest {
                    name: name.get_untracked(),
                    kind,
                    capacity,
                    equipment: equipment.get_untracked(),
                    opens: opens.get_untracked(),
                    closes: closes.get_untracked(),
                    open_to: open_to.get_untracked(),
                    needs_approval: approval.get_untracked(),
                    active: active.get_untracked(),
                    version,
                };
                state.send(
                    ctx,
                    move |c| {
                        let req = req.clone();
                        async move { c.update_space(id, &req).await }
                    },
                    move |_| {
                        done.set(true);
                        saved.update(|n| *n += 1);
                    },
                );
            }
            None => {
                let place = building
                    .get_untracked()
                    .parse::<NodeId>()
                    .ok()
                    .or_else(|| community.get_untracked().parse::<NodeId>().ok());
                let Some(place_id) = place else {
                    state.refuse("place_id", ctx.t().err_required);
                    return;
                };
                let req = CreateSpaceRequest {
                    name: name.get_untracked(),
                    kind,
                    place_id,
                    capacity,
                    equipment: equipment.get_untracked(),
                    opens: opens.get_untracked(),
                    closes: closes.get_untracked(),
                    open_to: open_to.get_untracked(),
                    needs_approval: approval.get_untracked(),
                };
                state.send(
                    ctx,
                    move |c| {
                        let req = req.clone();
                        async move { c.create_space(&req).await }
                    },
                    move |s: SpaceView| {
                        navigate.with_value(|n| n(&format!("/spaces/{}", s.id), Default::default()))
                    },
                );
            }
        }
    };
    let options = |list: &[onestop_domain::community::wire::PlaceRef]| {
        list.iter()
            .map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> })
            .collect_view()
    };
    view! {
        <form on:submit=submit novalidate class="space-form">
            {editing.is_none().then(|| view! {
                <label for="place_id">{move || v().place}</label>
                <select id="place_id" on:change=move |ev| { community.set(event_target_value(&ev)); building.set(String::new()); }
                    aria-invalid=errors.invalid("place_id") aria-describedby="place_id-error">
                    <option value="">{move || v().choose}</option>
                    {move || communities.with(|r| match r { Some(Ok(l)) => options(l).into_any(), _ => ().into_any() })}
                </select>
                <select id="space-building" aria-label=move || v().place on:change=move |ev| building.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || buildings.with(|r| match r { Some(Ok(l)) => options(l).into_any(), _ => ().into_any() })}
                </select>
                {field_error("place_id", errors)}
            })}
            <label for="name">{move || v().name}</label>
            <input id="name" type="text" maxlength="60" bind:value=name aria-invalid=errors.invalid("name") aria-describedby="name-error"/>
            {field_error("name", errors)}
            <label for="space-kind">{move || v().kind}</label>
            {enum_select("space-kind", &SpaceKind::ALL, space_kind, kind)}
            <label for="capacity">{move || v().capacity}</label>
            <input id="capacity" type="number" min="1" max="2000" inputmode="numeric" bind:value=capacity aria-invalid=errors.invalid("capacity") aria-describedby="capacity-error"/>
            {field_error("capacity", errors)}
            <label for="equipment">{move || v().equipment}</label>
            <input id="equipment" type="text" maxlength="200" bind:value=equipment/>
            <div class="row">
                <span><label for="opens">{move || v().opens}</label>{time_select("opens", all_times.clone(), opens)}</span>
                <span><label for="closes">{move || v().closes}</label>{time_select("closes", all_times.clone(), closes)}</span>
            </div>
            {field_error("opens", errors)}
            {field_error("closes", errors)}
            <fieldset class="choice"><legend>{move || v().open_to}</legend>
                {Booker::ALL.into_iter().map(|b| view! { <label><input type="checkbox" prop:checked=move || open_to.with(|o| o.contains(&b))
                    on:change=move |ev| { let on = event_target_checked(&ev); open_to.update(|o| { o.retain(|x| *x != b); if on { o.push(b); } }); }/>
                    {move || booker(lang(), b)}</label> }).collect_view()}
                {field_error("open_to", errors)}
            </fieldset>
            <label class="check"><input type="checkbox" bind:checked=approval/>{move || v().needs_approval}</label>
            {editing.is_some().then(|| view! { <label class="check"><input type="checkbox" bind:checked=active/>{move || v().active}</label> })}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <p class="ok" role="status">{move || done.get().then(|| v().saved)}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().save}</button>
        </form>
    }
}
