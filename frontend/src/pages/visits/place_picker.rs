//! Where a visit was, a level at a time: a community, then (if the visit
//! was narrower) a building, then a room. Each level is fetched when the
//! one above is chosen, so a phone loads a few names, not the whole grid.

use crate::components::api_resource;
use crate::ctx::Ctx;
use crate::forms::{field_error, FieldErrors};
use crate::i18n::visits::texts;
use leptos::prelude::*;
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::NodeId;

/// The chosen place, the narrowest level picked.
#[derive(Clone, Copy)]
pub struct PlaceChoice {
    pub community: RwSignal<String>,
    pub building: RwSignal<String>,
    pub room: RwSignal<String>,
}

impl PlaceChoice {
    pub fn new() -> Self {
        Self {
            community: RwSignal::new(String::new()),
            building: RwSignal::new(String::new()),
            room: RwSignal::new(String::new()),
        }
    }

    pub fn place_id(&self) -> Option<NodeId> {
        [self.room, self.building, self.community]
            .iter()
            .find_map(|s| s.get_untracked().parse().ok())
    }
}

impl Default for PlaceChoice {
    fn default() -> Self {
        Self::new()
    }
}

/// The places under `parent` (the communities when empty); nothing while
/// `parent` is not chosen and `top` is false.
fn places_under(
    parent: impl Fn() -> String + 'static,
    top: bool,
) -> LocalResource<Result<Vec<PlaceRef>, onestop_client::ClientError>> {
    api_resource(parent, move |c, id: String| async move {
        match id.parse::<NodeId>() {
            Ok(id) => c.visit_places(Some(id)).await,
            Err(_) if top => c.visit_places(None).await,
            Err(_) => Ok(Vec::new()),
        }
    })
}

fn options(
    list: LocalResource<Result<Vec<PlaceRef>, onestop_client::ClientError>>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    move || {
        list.with(|r| match r {
            Some(Ok(places)) => places
                .iter()
                .map(|p| {
                    let id = p.id.to_string();
                    let this = id.clone();
                    view! { <option value=id prop:selected=move || chosen.get() == this>{p.name.clone()}</option> }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    }
}

#[component]
pub fn PlacePicker(
    choice: PlaceChoice,
    errors: FieldErrors,
    /// Stop at buildings (an activity names its room in words).
    #[prop(optional)]
    no_rooms: bool,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let PlaceChoice {
        community,
        building,
        room,
    } = choice;
    let communities = places_under(String::new, true);
    let buildings = places_under(move || community.get(), false);
    let rooms = places_under(move || building.get(), false);
    let failed = move || {
        [communities, buildings, rooms].iter().find_map(|r| {
            r.with(|r| match r {
                Some(Err(e)) => Some(ctx.say(e)),
                _ => None,
            })
        })
    };
    view! {
        <fieldset class="picker">
            <legend>{move || v().place}</legend>
            <label for="community">{move || v().community}</label>
            <select id="community" aria-invalid=errors.invalid("place_id") aria-describedby="place_id-error"
                on:change=move |ev| { community.set(event_target_value(&ev)); building.set(String::new()); room.set(String::new()); }>
                <option value="" prop:selected=move || community.get().is_empty()>{move || v().choose}</option>
                {options(communities, community)}
            </select>
            <Show when=move || !community.get().is_empty()>
                <label for="building">{move || v().building}</label>
                <select id="building" on:change=move |ev| { building.set(event_target_value(&ev)); room.set(String::new()); }>
                    <option value="" prop:selected=move || building.get().is_empty()>{move || v().whole_community}</option>
                    {options(buildings, building)}
                </select>
            </Show>
            <Show when=move || !no_rooms && !building.get().is_empty()>
                <label for="room">{move || v().room}</label>
                <select id="room" on:change=move |ev| room.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || room.get().is_empty()>{move || v().whole_building}</option>
                    {options(rooms, room)}
                </select>
            </Show>
            {field_error("place_id", errors)}
            <p class="form-error" role="alert">{failed}</p>
        </fieldset>
    }
}
