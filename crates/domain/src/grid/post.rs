//! Posts on the grid: a grid leader (网格长) at every level and grid members
//! (网格员) with the post types of the plan.

use super::node::Level;
use crate::validation::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PostType {
    /// 社区负责人: leads a community.
    CommunityHead = "community_head",
    /// 二级学院学生工作负责人: leads a college zone.
    CollegeHead = "college_head",
    /// 驻楼辅导员: leads a building.
    ResidentCounsellor = "resident_counsellor",
    /// 学生干部: leads a room (the fourth-level grid leader).
    StudentCadre = "student_cadre",
    /// 寝室长
    DormHead = "dorm_head",
    /// 党员先锋岗
    PartyPioneer = "party_pioneer",
    /// 志愿服务岗
    Volunteer = "volunteer",
    /// 勤工助学岗
    WorkStudy = "work_study",
}
}

impl PostType {
    pub fn name_zh(self) -> &'static str {
        match self {
            PostType::CommunityHead => "社区负责人",
            PostType::CollegeHead => "二级学院学生工作负责人",
            PostType::ResidentCounsellor => "驻楼辅导员",
            PostType::StudentCadre => "学生干部",
            PostType::DormHead => "寝室长",
            PostType::PartyPioneer => "党员先锋岗",
            PostType::Volunteer => "志愿服务岗",
            PostType::WorkStudy => "勤工助学岗",
        }
    }

    /// The grid leader's post at a level.
    pub fn leader_of(level: Level) -> PostType {
        match level {
            Level::Community => PostType::CommunityHead,
            Level::CollegeZone => PostType::CollegeHead,
            Level::Building => PostType::ResidentCounsellor,
            Level::Room => PostType::StudentCadre,
        }
    }

    /// Leaders lead their node's whole subtree; members serve where they are.
    pub fn is_leader(self) -> bool {
        matches!(
            self,
            PostType::CommunityHead
                | PostType::CollegeHead
                | PostType::ResidentCounsellor
                | PostType::StudentCadre
        )
    }

    /// Where a post may be held: leaders only at their level; a dorm head in
    /// a room; pioneer posts per building or room (the plan sets them up by
    /// building); volunteers and work-study anywhere.
    pub fn allowed_at(self, level: Level) -> bool {
        match self {
            PostType::CommunityHead => level == Level::Community,
            PostType::CollegeHead => level == Level::CollegeZone,
            PostType::ResidentCounsellor => level == Level::Building,
            PostType::StudentCadre => level == Level::Room,
            PostType::DormHead => level == Level::Room,
            PostType::PartyPioneer => matches!(level, Level::Building | Level::Room),
            PostType::Volunteer | PostType::WorkStudy => true,
        }
    }
}

/// Check an appointment: the post fits the node's level and the term is a real interval.
pub fn check_appointment(
    post: PostType,
    level: Level,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
) -> Result<(), Vec<FieldError>> {
    let mut errs = Vec::new();
    if !post.allowed_at(level) {
        errs.push(FieldError::new(
            "post_type",
            "wrong_level",
            format!(
                "a {} post cannot be held at a {}",
                post.as_str(),
                level.as_str()
            ),
        ));
    }
    if ends_on.is_some_and(|e| e < starts_on) {
        errs.push(FieldError::new(
            "ends_on",
            "before_start",
            "the term cannot end before it starts",
        ));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// Whether a term covers a day.
pub fn is_active(starts_on: NaiveDate, ends_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    starts_on <= today && ends_on.is_none_or(|e| today <= e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn leaders_hold_posts_only_at_their_level() {
        for level in Level::ALL {
            let leader = PostType::leader_of(level);
            assert!(leader.is_leader());
            for other in Level::ALL {
                assert_eq!(leader.allowed_at(other), other == level);
            }
        }
        assert!(PostType::DormHead.allowed_at(Level::Room));
        assert!(!PostType::DormHead.allowed_at(Level::Building));
        assert!(PostType::Volunteer.allowed_at(Level::Community));
    }

    #[test]
    fn appointments_check_level_and_term() {
        assert!(check_appointment(
            PostType::ResidentCounsellor,
            Level::Building,
            d("2026-09-01"),
            None
        )
        .is_ok());
        let errs = check_appointment(
            PostType::ResidentCounsellor,
            Level::Room,
            d("2026-09-01"),
            Some(d("2026-08-01")),
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn terms_include_both_ends() {
        let (s, e) = (d("2026-09-01"), Some(d("2027-01-31")));
        assert!(is_active(s, e, d("2026-09-01")));
        assert!(is_active(s, e, d("2027-01-31")));
        assert!(!is_active(s, e, d("2027-02-01")));
        assert!(!is_active(s, None, d("2026-08-31")));
    }
}
