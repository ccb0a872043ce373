//! Names of the API's enums, per language, beside the other strings.

use crate::i18n::Lang;
use onestop_domain::grid::PostType;
use onestop_domain::reform::board::Standing;
use onestop_domain::service::forms::{DocumentKind, PolicyKind, RepairCategory, Seal};
use onestop_domain::service::{Action, Kind, Priority, State};

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
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
    }
}
