//! Moving a node: every row located on the grid carries the ids of the
//! community, zone and building above it (so that scope is one indexed
//! equality), and a move rewrites them for the whole subtree in the same
//! transaction — in every table that carries them, listed once here.

use crate::db::rows::{to_db, NodeRow};
use crate::db::schema::{
    activities, evaluation_results, follow_ups, grid_nodes, grid_posts, inspections,
    rectifications, residencies, service_requests, spaces, visits,
};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::Level;
use onestop_domain::NodeId;

/// For each located table, the column naming the node a row sits on (for room moves).
macro_rules! located {
    ($($table:ident . $node:ident),+ $(,)?) => {
        /// Every table whose rows carry `community_id`, `zone_id` and `building_id`.
        pub const LOCATED_TABLES: &[&str] = &[$(stringify!($table)),+];

        fn rewrite(conn: &mut DbConn, row: &NodeRow, to: &Ancestors) -> QueryResult<()> {
            $(
                match to {
                    Ancestors::Zone { community } => {
                        diesel::update($table::table.filter($table::zone_id.eq(row.id)))
                            .set($table::community_id.eq(community))
                            .execute(conn)?;
                    }
                    Ancestors::Building { community, zone } => {
                        diesel::update($table::table.filter($table::building_id.eq(row.id)))
                            .set(($table::community_id.eq(community), $table::zone_id.eq(zone)))
                            .execute(conn)?;
                    }
                    Ancestors::Room { community, zone, building } => {
                        diesel::update($table::table.filter($table::$node.eq(row.id)))
                            .set((
                                $table::community_id.eq(community),
                                $table::zone_id.eq(zone),
                                $table::building_id.eq(building),
                            ))
                            .execute(conn)?;
                    }
                }
            )+
            Ok(())
        }
    };
}

located!(
    grid_nodes.id,
    grid_posts.node_id,
    residencies.room_id,
    service_requests.place_id,
    visits.place_id,
    follow_ups.place_id,
    spaces.place_id,
    activities.place_id,
    // A closed month's rows move too: the grid is corrected, not history re-ranked.
    inspections.room_id,
    rectifications.room_id,
    evaluation_results.room_id,
);

/// The ids a moved node's rows take from their new parent.
enum Ancestors {
    Zone {
        community: NodeId,
    },
    Building {
        community: NodeId,
        zone: NodeId,
    },
    Room {
        community: NodeId,
        zone: NodeId,
        building: NodeId,
    },
}

/// Hang `row` under `parent` and bring the ancestor columns of everything
/// located in its subtree up to date.
pub fn move_under(
    conn: &mut DbConn,
    row: &NodeRow,
    parent: &NodeRow,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let broken = || {
        diesel::result::Error::QueryBuilderError(
            "the new parent is not where the grid's rules put it".into(),
        )
    };
    let community = parent.community_id;
    let to = match row.level {
        Level::Community => None,
        Level::CollegeZone => Some(Ancestors::Zone { community }),
        Level::Building => Some(Ancestors::Building {
            community,
            zone: parent.zone_id.ok_or_else(broken)?,
        }),
        Level::Room => Some(Ancestors::Room {
            community,
            zone: parent.zone_id.ok_or_else(broken)?,
            building: parent.building_id.ok_or_else(broken)?,
        }),
    };
    if let Some(to) = to {
        rewrite(conn, row, &to)?;
    }
    diesel::update(grid_nodes::table.find(row.id))
        .set((
            grid_nodes::parent_id.eq(parent.id),
            grid_nodes::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}
