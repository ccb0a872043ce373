//! Names of the API's enums, per language, beside the other strings.

use crate::i18n::Lang;
use onestop_domain::grid::PostType;
use onestop_domain::reform::board::Standing;
use onestop_domain::reform::progress::{ReportStatus, ReviewState, Verdict};
use onestop_domain::reform::wire::ReformEventKind;
use onestop_domain::reform::UnitRole;
use onestop_domain::service::forms::{DocumentKind, PolicyKind, RepairCategory, Seal};
use onestop_domain::service::wire::EventKind;
use onestop_domain::service::{Action, Kind, Priority, State};
use onestop_domain::unit::UnitView;

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A unit's name in the language shown.
pub fn unit(lang: Lang, u: &UnitView) -> String {
    match lang {
        Lang::Zh => u.name_zh.clone(),
        Lang::En => u.name_en.clone(),
    }
}

pub fn age(lang: Lang, a: crate::format::Age) -> &'static str {
    use crate::format::Age;
    match a {
        Age::Day => pick(lang, "24 小时内", "Last 24 hours"),
        Age::ThreeDays => pick(lang, "3 天内", "Last 3 days"),
        Age::Week => pick(lang, "7 天内", "Last 7 days"),
        Age::Older => pick(lang, "超过 7 天", "Older than 7 days"),
    }
}

pub fn kind(lang: Lang, k: Kind) -> &'static str {
    match k {
        Kind::Repair => pick(lang, "物品报修", "Repair"),
        Kind::InsuranceClaim => pick(lang, "保险理赔", "Insurance claim"),
        Kind::Stamp => pick(lang, "用印申请", "Stamp"),
        Kind::CheckIn => pick(lang, "寝室入住", "Dorm check-in"),
        Kind::CheckOut => pick(lang, "退宿", "Check-out"),
        Kind::RoomChange => pick(lang, "调换寝室", "Room change"),
    }
}

pub fn state(lang: Lang, s: State) -> &'static str {
    match s {
        State::Submitted => pick(lang, "已提交", "Submitted"),
        State::Triaged => pick(lang, "已分派", "Triaged"),
        State::Assigned => pick(lang, "已指派", "Assigned"),
        State::InProgress => pick(lang, "办理中", "In progress"),
        State::WaitingOnStudent => pick(lang, "待补充", "Waiting on student"),
        State::Resolved => pick(lang, "已办结待确认", "Resolved"),
        State::Closed => pick(lang, "已完成", "Closed"),
        State::Rejected => pick(lang, "未通过", "Rejected"),
        State::Cancelled => pick(lang, "已撤销", "Cancelled"),
        State::Reopened => pick(lang, "已重新打开", "Reopened"),
    }
}

pub fn action(lang: Lang, a: Action) -> &'static str {
    match a {
        Action::Triage => pick(lang, "分派", "Triage"),
        Action::Assign => pick(lang, "指派", "Assign"),
        Action::Start => pick(lang, "开始办理", "Start"),
        Action::Ask => pick(lang, "请学生补充", "Ask the student"),
        Action::Answer => pick(lang, "补充说明", "Answer"),
        Action::Resolve => pick(lang, "办结", "Resolve"),
        Action::Confirm => pick(lang, "确认完成", "Confirm"),
        Action::Reject => pick(lang, "驳回", "Reject"),
        Action::Cancel => pick(lang, "撤销", "Cancel request"),
        Action::Reopen => pick(lang, "重新打开", "Reopen"),
    }
}

pub fn priority(lang: Lang, p: Priority) -> &'static str {
    match p {
        Priority::Low => pick(lang, "低", "Low"),
        Priority::Normal => pick(lang, "普通", "Normal"),
        Priority::High => pick(lang, "高", "High"),
        Priority::Urgent => pick(lang, "紧急", "Urgent"),
    }
}

pub fn repair_category(lang: Lang, c: RepairCategory) -> &'static str {
    match c {
        RepairCategory::Water => pick(lang, "水路", "Water"),
        RepairCategory::Electricity => pick(lang, "电路", "Electricity"),
        RepairCategory::Furniture => pick(lang, "家具", "Furniture"),
        RepairCategory::DoorLock => pick(lang, "门锁", "Door lock"),
        RepairCategory::Network => pick(lang, "网络", "Network"),
        RepairCategory::Appliance => pick(lang, "电器", "Appliance"),
        RepairCategory::Other => pick(lang, "其他", "Other"),
    }
}

pub fn policy(lang: Lang, p: PolicyKind) -> &'static str {
    match p {
        PolicyKind::Accident => pick(lang, "意外伤害", "Accident"),
        PolicyKind::Medical => pick(lang, "医疗", "Medical"),
        PolicyKind::Property => pick(lang, "财产", "Property"),
        PolicyKind::Other => pick(lang, "其他", "Other"),
    }
}

pub fn document(lang: Lang, d: DocumentKind) -> &'static str {
    match d {
        DocumentKind::Transcript => pick(lang, "成绩单", "Transcript"),
        DocumentKind::Certificate => pick(lang, "证明", "Certificate"),
        DocumentKind::Application => pick(lang, "申请表", "Application"),
        DocumentKind::Agreement => pick(lang, "协议", "Agreement"),
        DocumentKind::Other => pick(lang, "其他", "Other"),
    }
}

pub fn seal(lang: Lang, s: Seal) -> &'static str {
    match s {
        Seal::School => pick(lang, "学校公章", "School seal"),
        Seal::StudentAffairs => pick(lang, "学生处章", "Student Affairs seal"),
        Seal::College => pick(lang, "学院章", "College seal"),
    }
}

pub fn post(lang: Lang, p: PostType) -> &'static str {
    match p {
        PostType::CommunityHead => pick(lang, "社区负责人", "Community head"),
        PostType::CollegeHead => pick(lang, "学院学工负责人", "College head"),
        PostType::ResidentCounsellor => pick(lang, "驻楼辅导员", "Resident counsellor"),
        PostType::StudentCadre => pick(lang, "学生干部", "Student cadre"),
        PostType::DormHead => pick(lang, "寝室长", "Dorm head"),
        PostType::PartyPioneer => pick(lang, "党员先锋岗", "Party pioneer"),
        PostType::Volunteer => pick(lang, "志愿服务岗", "Volunteer"),
        PostType::WorkStudy => pick(lang, "勤工助学岗", "Work-study"),
    }
}

pub fn standing(lang: Lang, s: Standing) -> &'static str {
    match s {
        Standing::Blocked => pick(lang, "受阻", "Blocked"),
        Standing::AtRisk => pick(lang, "有风险", "At risk"),
        Standing::NotStarted => pick(lang, "未启动", "Not started"),
        Standing::OnTrack => pick(lang, "正常", "On track"),
        Standing::Done => pick(lang, "已完成", "Done"),
    }
}

/// A timeline entry that is not a step of the lifecycle.
pub fn event(lang: Lang, k: EventKind) -> &'static str {
    match k {
        EventKind::Created => pick(lang, "提交", "Submitted"),
        EventKind::Transition => pick(lang, "状态变更", "State changed"),
        EventKind::Comment => pick(lang, "留言", "Comment"),
        EventKind::Attachment => pick(lang, "上传附件", "File attached"),
        EventKind::Overdue => pick(lang, "已超时", "Went overdue"),
        EventKind::Escalated => pick(lang, "超时升级", "Escalated"),
        EventKind::Rated => pick(lang, "评价", "Rated"),
    }
}

pub fn reform_event(lang: Lang, k: ReformEventKind) -> &'static str {
    use ReformEventKind::*;
    match k {
        AssignmentUpdated => pick(lang, "调整责任人或期限", "Responsible or due date changed"),
        MilestoneAdded => pick(lang, "新增节点", "Milestone added"),
        MilestoneUpdated => pick(lang, "更新节点", "Milestone updated"),
        MilestoneRemoved => pick(lang, "删除节点", "Milestone removed"),
        ReportFiled => pick(lang, "报送进展", "Report filed"),
        EvidenceAdded => pick(lang, "上传佐证材料", "Evidence added"),
        ReportCommented => pick(lang, "校准意见", "Review comment"),
        ReportAccepted => pick(lang, "审核通过", "Report accepted"),
        ReportReturned => pick(lang, "退回整改", "Returned for rework"),
        MilestoneOverdue => pick(lang, "节点逾期", "Milestone overdue"),
        Silent => pick(lang, "未按期报送", "No report for the month"),
    }
}

/// An event's note as shown: a filed report's note names its status by its
/// wire name (`at_risk 40%`), which reads better in the language shown.
pub fn reform_note(lang: Lang, kind: ReformEventKind, note: &str) -> String {
    if kind == ReformEventKind::ReportFiled {
        if let Some((status, rest)) = note.split_once(' ') {
            if let Some(s) = ReportStatus::parse(status) {
                return format!("{} {rest}", report_status(lang, s));
            }
        }
    }
    note.to_owned()
}

pub fn report_status(lang: Lang, s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::OnTrack => pick(lang, "按计划推进", "On track"),
        ReportStatus::AtRisk => pick(lang, "存在风险", "At risk"),
        ReportStatus::Blocked => pick(lang, "推进受阻", "Blocked"),
        ReportStatus::Done => pick(lang, "已完成", "Done"),
    }
}

pub fn review_state(lang: Lang, s: ReviewState) -> &'static str {
    match s {
        ReviewState::Pending => pick(lang, "待审核", "Awaiting review"),
        ReviewState::Accepted => pick(lang, "已通过", "Accepted"),
        ReviewState::Returned => pick(lang, "已退回", "Returned"),
    }
}

pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Comment => pick(lang, "仅提意见", "Comment only"),
        Verdict::Accept => pick(lang, "通过", "Accept"),
        Verdict::Rework => pick(lang, "退回整改", "Send back for rework"),
    }
}

pub fn unit_role(lang: Lang, r: UnitRole) -> &'static str {
    match r {
        UnitRole::Lead => pick(lang, "牵头单位", "Lead unit"),
        UnitRole::Cooperating => pick(lang, "配合单位", "Cooperating unit"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_kind_has_a_name_in_both_languages() {
        for s in State::ALL {
            assert_ne!(state(Lang::Zh, s), state(Lang::En, s));
        }
        for k in Kind::ALL {
            assert!(!kind(Lang::Zh, k).is_empty() && kind(Lang::Zh, k) != kind(Lang::En, k));
        }
        for k in ReformEventKind::ALL {
            assert_ne!(reform_event(Lang::Zh, k), reform_event(Lang::En, k));
        }
        assert_eq!(
            reform_note(Lang::Zh, ReformEventKind::ReportFiled, "at_risk 40%"),
            "存在风险 40%"
        );
        assert_eq!(
            reform_note(
                Lang::En,
                ReformEventKind::ReportReturned,
                "at_risk: add dates"
            ),
            "at_risk: add dates"
        );
        for s in ReportStatus::ALL {
            assert_ne!(report_status(Lang::Zh, s), report_status(Lang::En, s));
        }
    }
}
