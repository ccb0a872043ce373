//! Who is responsible for a place: the grid's chain from a node up to its community.

use crate::db::repo::grid::{nodes, posts};
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use chrono::NaiveDate;
use diesel::QueryResult;
use onestop_domain::grid::wire::ResponsibleLevel;
use onestop_domain::NodeId;

/// From the node up to its community, each with its active holders: three queries in all.
pub fn chain(c: &mut DbConn, row: NodeRow, today: NaiveDate) -> QueryResult<Vec<ResponsibleLevel>> {
    let mut chain = nodes::ancestors(c, &row)?;
    chain.push(row);
    chain.reverse();
    let ids: Vec<NodeId> = chain.iter().map(|n| n.id).collect();
    let held = posts::active_on_nodes(c, &ids, today)?;
    let views = posts::views(c, &held, today)?;
    Ok(chain
        .iter()
        .map(|n| ResponsibleLevel {
            node: nodes::view(n, None),
            holders: views
                .iter()
                .filter(|v| v.node_id == n.id)
                .cloned()
                .collect(),
        })
        .collect())
}
