//! Demo requests: a few hundred across kinds, states and buildings, made
//! through the same workflow as real ones, so the queues look lived in.

use super::SeedError;
use crate::app::service::transition::{apply, Params};
use crate::app::service::{create::create, Actor};
use crate::app::AppError;
use crate::db::repo::users;
use crate::db::schema::residencies;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use onestop_domain::dates::Day;
use onestop_domain::grid::Scope;
use onestop_domain::service::forms::*;
use onestop_domain::service::{Action, Form, Priority};
use onestop_domain::{Role, Roles, UserId};

const REPAIRS: &[(RepairCategory, &str)] = &[
    (RepairCategory::Water, "卫生间水龙头一直滴水"),
    (RepairCategory::Electricity, "书桌上方插座没电"),
    (RepairCategory::Furniture, "床板断了一根"),
    (RepairCategory::DoorLock, "寝室门锁打不开"),
    (RepairCategory::Network, "宿舍网口没有信号"),
    (RepairCategory::Appliance, "空调不制冷"),
    (RepairCategory::Other, "阳台晾衣杆松动"),
];

fn form(i: usize, today: chrono::NaiveDate) -> Result<Form, SeedError> {
    Ok(match i % 20 {
        0..=11 => {
            let (category, text) = REPAIRS[i % REPAIRS.len()];
            Form::Repair(RepairForm {
                category,
                description: text.into(),
                place_id: None,
                preferred_time: i.is_multiple_of(3).then(|| "工作日晚上".into()),
            })
        }
        12..=14 => Form::Stamp(StampForm {
            document_title: ["在读证明", "实习协议", "奖学金申请表"][i % 3].into(),
            document_kind: [
                DocumentKind::Certificate,
                DocumentKind::Agreement,
                DocumentKind::Application,
            ][i % 3],
            seal: [Seal::School, Seal::StudentAffairs, Seal::College][i % 3],
            copies: (i % 4) as i32 + 1,
            purpose: "办理相关手续".into(),
        }),
        15..=17 => Form::InsuranceClaim(InsuranceClaimForm {
            policy_kind: [PolicyKind::Accident, PolicyKind::Medical][i % 2],
            incident_date: Day::try_from(today - Duration::days((i % 60) as i64 + 1))
                .map_err(|e| SeedError::Account("request", e.to_string()))?,
            description: "体育课上扭伤脚踝，门诊治疗".into(),
            hospital: Some("校医院".into()),
            amount_fen: 10_000 + (i as i64 % 50) * 1_000,
        }),
        _ => Form::CheckOut(CheckOutForm {
            term: "2026-2027-1".into(),
            reason: "校外实习".into(),
        }),
    })
}

/// How far along the lifecycle request `i` goes.
fn steps(i: usize) -> Vec<Action> {
    use Action::*;
    let full = [Triage, Assign, Start, Resolve, Confirm];
    // Stepped by 7 so that states do not line up with kinds.
    match (i * 7 + 3) % 20 {
        0..=3 => vec![],
        4..=6 => full[..1].to_vec(),
        7..=9 => full[..2].to_vec(),
        10..=12 => full[..3].to_vec(),
        13 => vec![Triage, Ask],
        14 | 15 => full[..4].to_vec(),
        16 | 17 => full.to_vec(),
        18 => vec![Reject],
        _ => vec![Cancel],
    }
}

pub fn build(c: &mut DbConn, count: usize, now: DateTime<Utc>) -> Result<usize, SeedError> {
    if count == 0 {
        return Ok(0);
    }
    let students: Vec<UserId> = residencies::table
        .filter(residencies::checked_out_at.is_null())
        .order(residencies::id)
        .select(residencies::student_id)
        .load(c)?;
    // Spread over every building rather than the first few.
    let stride = (students.len() / count).max(1);
    let admin = users::find_by_username(c, "admin")?
        .ok_or(SeedError::Account("admin", "missing".into()))?;
    let admin = Actor {
        id: admin.row.id,
        roles: admin.roles,
        unit_id: None,
        scope: Scope::everything(),
    };
    let handler_for = |c: &mut DbConn, unit: &str| -> Result<Option<UserId>, SeedError> {
        let name = match unit {
            "logistics" => "handler1",
            "general-office" => "handler3",
            _ => "handler2",
        };
        Ok(users::find_by_username(c, name)?.map(|a| a.row.id))
    };
    let mut made = 0;
    for (i, student) in students.iter().step_by(stride).take(count).enumerate() {
        // Spread over the last 30 days, oldest first, so ids still sort by time.
        let at = now - Duration::minutes(((count - i) * 30 * 24 * 60 / count) as i64);
        let me = Actor {
            id: *student,
            roles: Roles::one(Role::Student),
            unit_id: None,
            scope: Scope::default(),
        };
        let f = form(i, onestop_domain::grid::local_date(at))?;
        let unit = f.kind().default_unit();
        let mut row = match create(c, &me, f, i64::MAX, at) {
            Ok(r) => r,
            Err(AppError::Conflict { .. }) => continue,
            Err(e) => return Err(SeedError::Account("request", e.to_string())),
        };
        let steps = steps(i);
        // Three hours a step, closer together for the newest, so nothing lies in the future.
        let gap = Duration::hours(3).min((now - at) / (steps.len() as i32 + 1));
        let mut t = at;
        for action in steps {
            t += gap;
            let actor = if matches!(action, Action::Confirm | Action::Cancel) {
                &me
            } else {
                &admin
            };
            let params = Params {
                version: row.version,
                note: matches!(action, Action::Ask).then(|| "请补充照片".into()),
                priority: Some(
                    [
                        Priority::Low,
                        Priority::Normal,
                        Priority::High,
                        Priority::Urgent,
                    ][i % 4],
                ),
                unit: Some(unit.into()),
                assignee: handler_for(c, unit)?,
                reason: matches!(action, Action::Reject).then(|| "不属于一站式服务范围".into()),
            };
            row = apply(c, actor, row, action, &params, t)
                .map_err(|e| SeedError::Account("request", e.to_string()))?;
        }
        made += 1;
    }
    Ok(made)
}
