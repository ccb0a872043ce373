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

/// The branches of a [`Scope`] on a grid-located table, as SQL conditions:
/// one `IN (...)` per non-empty list, each on an indexed column (community,
/// zone, building, room). Lists that are empty add no branch: an OR with
/// always-false branches would stop SQLite from using the indexes. The one
/// scope-to-SQL builder: [`in_scope!`] and the service hall's visibility
/// both start from it.
///
/// [`Scope`]: onestop_domain::grid::Scope
#[macro_export]
macro_rules! scope_branches {
    ($scope:expr, $table:ident, $room:expr) => {{
        use diesel::prelude::*;
        let s: &onestop_domain::grid::Scope = $scope;
        let mut conds: Vec<$crate::scope_cond!($table)> = Vec::new();
        if !s.communities.is_empty() {
            conds.push(Box::new(
                $table::community_id
                    .eq_any(s.communities.clone())
                    .nullable(),
            ));
        }
        if !s.zones.is_empty() {
            conds.push(Box::new($table::zone_id.eq_any(s.zones.clone()).nullable()));
        }
        if !s.buildings.is_empty() {
            conds.push(Box::new(
                $table::building_id.eq_any(s.buildings.clone()).nullable(),
            ));
        }
        if !s.rooms.is_empty() {
            conds.push(Box::new($room.eq_any(s.rooms.clone()).nullable()));
        }
        conds
    }};
}

/// The type of one branch of [`scope_branches!`] on `$table`.
#[macro_export]
macro_rules! scope_cond {
    ($table:ident) => {
        Box<
            dyn diesel::BoxableExpression<
                $table::table,
                $crate::db::MultiBackend,
                SqlType = diesel::sql_types::Nullable<diesel::sql_types::Bool>,
            >,
        >
    };
}

/// Branches joined by OR; none at all matches nothing.
#[macro_export]
macro_rules! any_of {
    ($conds:expr, $table:ident) => {{
        use diesel::prelude::*;
        let mut it = $conds.into_iter();
        // No branch: nothing matches. A literal, so that tables without an
        // `id` column (keyed by month and room) can be scoped too.
        let first: $crate::scope_cond!($table) = it.next().unwrap_or_else(|| {
            Box::new(diesel::dsl::sql::<
                diesel::sql_types::Nullable<diesel::sql_types::Bool>,
            >("1 = 0"))
        });
        it.fold(first, |acc, c| -> $crate::scope_cond!($table) {
            Box::new(acc.or(c))
        })
    }};
}

/// Restrict a boxed query on a grid-located table to a [`Scope`]: rows whose
/// community, zone, building or room is one the scope covers.
///
/// [`Scope`]: onestop_domain::grid::Scope
#[macro_export]
macro_rules! in_scope {
    ($query:expr, $scope:expr, $table:ident, $room:expr) => {{
        let scope: &onestop_domain::grid::Scope = $scope;
        let mut q = $query;
        if !scope.all {
            q = q.filter($crate::any_of!(
                $crate::scope_branches!(scope, $table, $room),
                $table
            ));
        }
        q
    }};
}
