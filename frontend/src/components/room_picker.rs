//! Choosing a bed step by step (building, floor, room, bed) among the rooms
//! with free beds the server offers this student.

use crate::components::status_line;
use crate::ctx::Ctx;
use crate::forms::{field_error, FieldErrors};
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::grid::wire::VacantRoom;

/// Buildings in the order the rooms come (the server sorts by name).
fn buildings(rooms: &[VacantRoom]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rooms {
        let id = r.building_id.to_string();
        if !out.iter().any(|(b, _)| *b == id) {
            out.push((id, r.building_name.clone()));
        }
    }
    out
}

fn floor_key(f: Option<i32>) -> String {
    f.map(|f| f.to_string()).unwrap_or_default()
}

fn floors(rooms: &[VacantRoom], building: &str) -> Vec<Option<i32>> {
    let mut out: Vec<Option<i32>> = rooms
        .iter()
        .filter(|r| r.building_id.to_string() == building)
        .map(|r| r.floor)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn on_floor<'a>(rooms: &'a [VacantRoom], building: &str, floor: &str) -> Vec<&'a VacantRoom> {
    rooms
        .iter()
        .filter(|r| r.building_id.to_string() == building && floor_key(r.floor) == floor)
        .collect()
}

/// Fills `room` (an id) and `bed` (a number) as text, like the form's other fields.
#[component]
pub fn RoomPicker(
    room: RwSignal<String>,
    bed: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let rooms = RwSignal::new(None::<Result<Vec<VacantRoom>, String>>);
    let building = RwSignal::new(String::new());
    let floor = RwSignal::new(String::new());
    let list = move || match rooms.get() {
        Some(Ok(r)) => r,
        _ => Vec::new(),
    };
    // Each choice narrows the next and picks its first option, so two taps
    // usually suffice on a phone.
    let pick_room = move |id: String| {
        let first_bed = rooms.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|r| r.iter().find(|x| x.id.to_string() == id))
                .and_then(|x| x.free_beds.first().copied())
        });
        room.set(id);
        bed.set(first_bed.map(|b| b.to_string()).unwrap_or_default());
    };
    let pick_floor = move |f: String| {
        let first = on_floor(&list(), &building.get_untracked(), &f)
            .first()
            .map(|r| r.id.to_string())
            .unwrap_or_default();
        floor.set(f);
        pick_room(first);
    };
    let pick_building = move |b: String| {
        let first = floors(&list(), &b).first().copied().flatten();
        building.set(b);
        pick_floor(floor_key(first));
    };
    spawn_local(async move {
        let r = ctx.call(|c| async move { c.vacancies(None).await }).await;
        let first = r.as_ref().ok().and_then(|r| buildings(r).first().cloned());
        rooms.set(Some(r.map_err(|e| ctx.say(&e))));
        if let Some((b, _)) = first {
            pick_building(b);
        }
    });
    view! {
        {move || match rooms.get() {
            None => status_line(ctx, true, None).into_any(),
            Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
            Some(Ok(r)) if r.is_empty() => view! { <p class="form-error" role="alert">{t().no_vacancy}</p> }.into_any(),
            Some(Ok(_)) => ().into_any(),
        }}
        <div class="picker">
            <label for="building">{move || t().building}</label>
            <select id="building" on:change=move |ev| pick_building(event_target_value(&ev)) prop:value=move || building.get()>
                {move || buildings(&list()).into_iter().map(|(id, name)| { let this = id.clone(); view! { <option value=id prop:selected=move || building.get() == this>{name}</option> } }).collect_view()}
            </select>
            <label for="floor">{move || t().floor}</label>
            <select id="floor" on:change=move |ev| pick_floor(event_target_value(&ev)) prop:value=move || floor.get()>
                {move || floors(&list(), &building.get()).into_iter().map(|f| view! { <option value=floor_key(f) prop:selected=move || floor.get() == floor_key(f)>{f.map(|f| f.to_string()).unwrap_or_else(|| "—".into())}</option> }).collect_view()}
            </select>
            <label for="room_id">{move || t().room}</label>
            <select id="room_id" on:change=move |ev| pick_room(event_target_value(&ev)) prop:value=move || room.get()
                aria-invalid=errors.invalid("room_id") aria-describedby="room_id-error">
                {move || on_floor(&list(), &building.get(), &floor.get()).into_iter().map(|r| view! {
                    <option value=r.id.to_string() prop:selected={ let id = r.id.to_string(); move || room.get() == id }>{format!("{} · {} {}", r.name, r.free_beds.len(), t().free_label)}</option>
                }).collect_view()}
            </select>
            {field_error("room_id", errors)}
            <label for="bed">{move || t().bed}</label>
            <select id="bed" on:change=move |ev| bed.set(event_target_value(&ev)) prop:value=move || bed.get()
                aria-invalid=errors.invalid("bed") aria-describedby="bed-error">
                {move || {
                    let id = room.get();
                    list().into_iter().find(|r| r.id.to_string() == id).map(|r| r.free_beds).unwrap_or_default()
                        .into_iter().map(|b| view! { <option value=b.to_string() prop:selected=move || bed.get() == b.to_string()>{b}</option> }).collect_view()
                }}
            </select>
            {field_error("bed", errors)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_domain::NodeId;

    fn room(building: NodeId, bname: &str, floor: i32, name: &str) -> VacantRoom {
        VacantRoom {
            id: NodeId::new(),
            name: name.into(),
            floor: Some(floor),
            building_id: building,
            building_name: bname.into(),
            gender: None,
            capacity: 4,
            free_beds: vec![2, 3],
        }
    }

    #[test]
    fn choices_narrow_by_building_then_floor() {
        let (a, b) = (NodeId::new(), NodeId::new());
        let rooms = vec![
            room(a, "X1", 1, "101"),
            room(a, "X1", 2, "201"),
            room(a, "X1", 1, "102"),
            room(b, "X2", 3, "301"),
        ];
        let names: Vec<String> = buildings(&rooms).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["X1", "X2"]);
        assert_eq!(floors(&rooms, &a.to_string()), [Some(1), Some(2)]);
        let first: Vec<&str> = on_floor(&rooms, &a.to_string(), "1")
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(first, ["101", "102"]);
        assert!(on_floor(&rooms, &b.to_string(), "1").is_empty());
    }
}
