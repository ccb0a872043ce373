//! The month's ranking and its titles. Pure: the server feeds it every room
//! inspected that month with its scores and whether a safety problem was
//! open, and stores what it answers when the month is closed.
//!
//! The rules (方案任务9 asks for 月度文明寝室评比 and 书香寝室评比 "by rule"):
//! - a room's score of a kind is the mean of that month's inspections of it;
//! - rooms are ranked by hygiene score within their building and within
//!   their zone, and by reading score within their zone (equal scores share
//!   a rank: 1, 1, 3);
//! - 文明寝室: hygiene ≥ 90 %, no safety problem open at any moment of the
//!   month, and a building rank within the best 30 % of the building's
//!   ranked rooms (rounded up, so every building can award one);
//! - 书香寝室: reading ≥ 85 % and a zone rank within the best 20 % of the
//!   zone's reading-ranked rooms (rounded up).

use super::Title;
use crate::ids::NodeId;
use std::collections::HashMap;

/// What a title asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleRule {
    pub title: Title,
    /// The least score, in tenths of a percent.
    pub min_tenths: i32,
    /// The share of the ranked rooms that may hold it, in percent.
    pub share_percent: i32,
}

pub const CIVILIZED: TitleRule = TitleRule {
    title: Title::Civilized,
    min_tenths: 900,
    share_percent: 30,
};
pub const READING: TitleRule = TitleRule {
    title: Title::Reading,
    min_tenths: 850,
    share_percent: 20,
};

/// One room's month, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomMonth {
    pub room: NodeId,
    pub building: NodeId,
    pub zone: Option<NodeId>,
    /// Each hygiene inspection's percent, in tenths.
    pub hygiene: Vec<i32>,
    pub reading: Vec<i32>,
    /// A safety problem was open at some moment of the month.
    pub safety_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomResult {
    pub room: NodeId,
    pub building: NodeId,
    pub zone: Option<NodeId>,
    pub hygiene: Option<i32>,
    pub reading: Option<i32>,
    pub safety_blocked: bool,
    /// By hygiene score among the building's hygiene-inspected rooms.
    pub building_rank: Option<i32>,
    /// By hygiene score among the zone's hygiene-inspected rooms.
    pub zone_rank: Option<i32>,
    /// By reading score among the zone's reading-inspected rooms.
    pub reading_rank: Option<i32>,
    pub titles: Vec<Title>,
}

/// The mean of scores in tenths, rounded half up; none without scores.
pub fn mean(scores: &[i32]) -> Option<i32> {
    if scores.is_empty() {
        return None;
    }
    let n = scores.len() as i64;
    let sum: i64 = scores.iter().map(|&s| i64::from(s)).sum();
    Some(((sum * 2 + n) / (n * 2)) as i32)
}

/// How many of `ranked` rooms a title may go to: the share, rounded up.
pub fn places(ranked: usize, share_percent: i32) -> i32 {
    let r = ranked as i64;
    ((r * i64::from(share_percent) + 99) / 100) as i32
}

/// Competition ranks (1, 1, 3) of scored rooms within each group.
fn ranks<K: std::hash::Hash + Eq + Copy>(
    items: &[(NodeId, K, Option<i32>)],
) -> (HashMap<NodeId, i32>, HashMap<K, usize>) {
    let mut groups: HashMap<K, Vec<(NodeId, i32)>> = HashMap::new();
    for (room, key, score) in items {
        if let Some(s) = score {
            groups.entry(*key).or_default().push((*room, *s));
        }
    }
    let mut out = HashMap::new();
    let mut sizes = HashMap::new();
    for (key, mut rooms) in groups {
        rooms.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
        sizes.insert(key, rooms.len());
        let mut rank = 0;
        let mut last = None;
        for (i, (room, s)) in rooms.into_iter().enumerate() {
            if last != Some(s) {
                rank = i as i32 + 1;
                last = Some(s);
            }
            out.insert(room, rank);
        }
    }
    (out, sizes)
}

pub fn evaluate(rooms: &[RoomMonth]) -> Vec<RoomResult> {
    let scored: Vec<_> = rooms
        .iter()
        .map(|r| {
            (
                r.room,
                r.zone,
                r.building,
                mean(&r.hygiene),
                mean(&r.reading),
            )
        })
        .collect();
    let by_building: Vec<_> = scored.iter().map(|s| (s.0, s.2, s.3)).collect();
    let by_zone: Vec<_> = scored.iter().map(|s| (s.0, s.1, s.3)).collect();
    let reading_by_zone: Vec<_> = scored.iter().map(|s| (s.0, s.1, s.4)).collect();
    let (b_rank, b_size) = ranks(&by_building);
    let (z_rank, _) = ranks(&by_zone);
    let (r_rank, r_size) = ranks(&reading_by_zone);
    rooms
        .iter()
        .zip(scored)
        .map(|(r, (_, _, _, hygiene, reading))| {
            let building_rank = b_rank.get(&r.room).copied();
            let reading_rank = r_rank.get(&r.room).copied();
            let mut titles = Vec::new();
            let civilized = hygiene.is_some_and(|h| h >= CIVILIZED.min_tenths)
                && !r.safety_open
                && building_rank
                    .is_some_and(|k| k <= places(b_size[&r.building], CIVILIZED.share_percent));
            if civilized {
                titles.push(Title::Civilized);
            }
            let bookish = reading.is_some_and(|s| s >= READING.min_tenths)
                && reading_rank
                    .is_some_and(|k| k <= places(r_size[&r.zone], READING.share_percent));
            if bookish {
                titles.push(Title::Reading);
            }
            RoomResult {
                room: r.room,
                building: r.building,
                zone: r.zone,
                hygiene,
                reading,
                safety_blocked: r.safety_open,
                building_rank,
                zone_rank: z_rank.get(&r.room).copied(),
                reading_rank,
                titles,
            }
        })
        .collect()
}
