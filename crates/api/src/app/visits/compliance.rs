//! Who has met the minimum in the periods containing a day, who is behind
//! and by how much, by person, unit and community; and the same as CSV.

use super::Caller;
use crate::app::grid::export::safe_cell;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::visits::{duties, records, rules};
use crate::db::repo::{units, users};
use crate::db::rows::VisitDutyRow;
use crate::db::DbConn;
use chrono::NaiveDate;
use onestop_domain::community::period::{CampusPeriod, Per};
use onestop_domain::community::visits::{standing, Duty, DutyKind, Rule, Standing, Tally, Visited};
use onestop_domain::community::wire::{Compliance, PlaceRef, StandingRow, TallyRow};
use onestop_domain::grid::Level;
use std::collections::{BTreeMap, HashMap};

/// Every duty held in the periods containing `on` (a campus date) with its
/// standing there; duties no rule judges on that day are left out.
pub fn standings(c: &mut DbConn, on: NaiveDate) -> AppResult<Vec<(VisitDutyRow, Standing)>> {
    let all: Vec<Rule> = rules::all(c)?
        .iter()
        .map(rules::rule)
        .collect::<Result<_, _>>()?;
    // A semester holds every month in it: one read covers both kinds of period.
    let window = CampusPeriod::containing(Per::Semester, on);
    let (first, last) = (window.first_day(), window.last_day());
    let held = duties::during(c, first, last, None)?;
    let visits = records::between(c, first, last)?;
    let ids: Vec<_> = visits.iter().map(|v| v.id).collect();
    let mut companions = records::companions(c, &ids)?;
    let visited: Vec<Visited> = visits
        .iter()
        .map(|v| Visited {
            people: std::iter::once(v.visitor_id)
                .chain(companions.remove(&v.id).unwrap_or_default())
                .collect(),
            day: v.day,
            kind: v.kind,
            community: v.community_id,
        })
        .collect();
    Ok(held
        .into_iter()
        .filter_map(|d| {
            let duty = Duty {
                person: d.user_id,
                kind: d.duty,
                community: d.community_id,
                starts_on: d.starts_on,
                ends_on: d.ends_on,
            };
            standing(&duty, &all, &visited, on).map(|s| (d, s))
        })
        .collect())
}

/// The standing of every duty held in the periods containing `on` (a campus
/// date); `per` keeps the rules of that kind only.
pub fn compute(
    c: &mut DbConn,
    caller: &Caller,
    on: NaiveDate,
    per: Option<Per>,
) -> AppResult<Compliance> {
    caller.require_staff()?;
    let held: Vec<(VisitDutyRow, Standing)> = standings(c, on)?
        .into_iter()
        .filter(|(_, s)| per.is_none_or(|p| p == s.period.per()))
        .collect();
    let names = users::names(c, held.iter().map(|(d, _)| d.user_id))?;
    let places = nodes::names(c, held.iter().filter_map(|(d, _)| d.community_id))?;
    let unit_ids: Vec<_> = held.iter().filter_map(|(d, _)| d.unit_id).collect();
    let units: HashMap<_, _> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, units::view(&u)))
        .collect();

    let mut rows = Vec::new();
    let mut by_unit: BTreeMap<String, (String, Tally)> = BTreeMap::new();
    let mut by_community: BTreeMap<String, (String, Tally)> = BTreeMap::new();
    for (d, s) in &held {
        let unit = d.unit_id.and_then(|u| units.get(&u)).cloned();
        if let Some(u) = &unit {
            by_unit
                .entry(u.code.clone())
                .or_insert_with(|| (u.name_zh.clone(), Tally::default()))
                .1
                .add(s);
        }
        let community = d.community_id.map(|id| PlaceRef {
            id,
            level: Level::Community,
            name: places.get(&id).cloned().unwrap_or_default(),
        });
        if let (DutyKind::SchoolLeader, Some(p)) = (d.duty, &community) {
            by_community
                .entry(p.id.to_string())
                .or_insert_with(|| (p.name.clone(), Tally::default()))
                .1
                .add(s);
        }
        rows.push(StandingRow {
            duty_id: d.id,
            person: names.person(d.user_id),
            duty: d.duty,
            unit,
            community,
            period: s.period.to_string(),
            first_day: s.period.first_day(),
            last_day: s.period.last_day(),
            visits: s.visits,
            minimum: s.minimum,
            shortfall: s.shortfall,
            met: s.met(),
        });
    }
    rows.sort_by(|a, b| {
        b.shortfall
            .cmp(&a.shortfall)
            .then_with(|| a.person.display_name.cmp(&b.person.display_name))
    });
    let tallies = |m: BTreeMap<String, (String, Tally)>| {
        m.into_iter()
            .map(|(key, (name, t))| TallyRow {
                key,
                name,
                bound: t.bound,
                met: t.met,
                behind: t.behind,
                shortfall: t.shortfall,
            })
            .collect()
    };
    Ok(Compliance {
        on,
        rows,
        by_unit: tallies(by_unit),
        by_community: tallies(by_community),
    })
}

/// The standing rows as CSV (UTF-8 with a BOM, so Excel reads it).
pub fn csv(report: &Compliance) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "姓名",
        "职责",
        "单位",
        "联系社区",
        "周期",
        "起",
        "止",
        "走访次数",
        "最低要求",
        "差额",
        "达标",
    ])
    .map_err(err)?;
    for r in &report.rows {
        let duty = match r.duty {
            DutyKind::SchoolLeader => "校领导",
            DutyKind::UnitHead => "部门/学院负责人",
        };
        let period =
            CampusPeriod::parse(&r.period).map_or_else(|| r.period.clone(), |p| p.name_zh());
        w.write_record(
            [
                r.person.display_name.clone(),
                duty.to_owned(),
                r.unit
                    .as_ref()
                    .map(|u| u.name_zh.clone())
                    .unwrap_or_default(),
                r.community
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                period,
                r.first_day.to_string(),
                r.last_day.to_string(),
                r.visits.to_string(),
                r.minimum.to_string(),
                r.shortfall.to_string(),
                if r.met { "是" } else { "否" }.to_owned(),
            ]
            .map(safe_cell),
        )
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(e.to_string()))
}
