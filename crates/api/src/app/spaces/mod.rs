//! Community spaces (任务3、8) and their bookings: spaces kept by
//! administrators and the community office, slots booked by staff and
//! students, approved where the space asks for it, never overlapping.

pub mod bookings;
mod effects;
pub mod venues;
mod views;

use crate::app::visits::Caller;
use onestop_domain::community::spaces::keeps;

pub use views::{booking_views, space_views};

/// Whether the caller keeps the space at this place.
fn keeper(
    caller: &Caller,
    community: onestop_domain::NodeId,
    building: Option<onestop_domain::NodeId>,
) -> bool {
    keeps(&caller.roles, &caller.scope, community, building)
}
