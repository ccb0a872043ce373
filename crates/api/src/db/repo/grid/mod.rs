//! Grid storage. Scope is applied inside every query here through
//! [`in_scope!`], never by filtering rows after loading them.

pub mod duties;
pub mod meetings;
pub mod nodes;
pub mod posts;
pub mod relocate;
pub mod residency;
pub mod transfer;
pub mod vacancy;

use onestop_domain::NodeId;

/// Ids as stored (TEXT).
pub fn keys(ids: &[NodeId]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

/// Restrict a query on a grid-located table to a [`Scope`]: rows whose
/// community, zone, building or room is one the scope covers. Each branch is
/// an `IN (...)` on an indexed column; an empty list renders as false.
///
/// [`Scope`]: onestop_domain::grid::Scope
#[macro_export]
macro_rules! in_scope {
    ($query:expr, $scope:expr, $table:ident, $room:expr) => {{
        let scope: &onestop_domain::grid::Scope = $scope;
        let mut q = $query;
        if !scope.all {
            use $crate::db::repo::grid::keys;
            q = q.filter(
                $table::community_id
                    .eq_any(keys(&scope.communities))
                    .or($table::zone_id.eq_any(keys(&scope.zones)))
                    .or($table::building_id.eq_any(keys(&scope.buildings)))
                    .or($room.eq_any(keys(&scope.rooms))),
            );
        }
        q
    }};
}
