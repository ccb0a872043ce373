//! The words of contact visits and follow-ups, per language, and the names
//! of the area's enums: kept beside the area rather than in the app's one
//! big table, as every new area does.

use super::{pick, Lang};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::period::{CampusPeriod, Per, Term};
use onestop_domain::community::visits::{DutyKind, VisitKind};

pub struct VisitTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub record: &'static str,
    pub recording: &'static str,
    pub none: &'static str,
    pub visitor: &'static str,
    pub myself: &'static str,
    pub companions: &'static str,
    pub companions_hint: &'static str,
    pub at: &'static str,
    pub place: &'static str,
    pub community: &'static str,
    pub building: &'static str,
    pub room: &'static str,
    pub whole_community: &'static str,
    pub whole_building: &'static str,
    pub kind: &'static str,
    pub students_met: &'static str,
    pub note: &'static str,
    pub recorded_by: &'static str,
    pub problems: &'static str,
    pub no_problems: &'static str,
    pub add_problem: &'static str,
    pub remove_problem: &'static str,
    pub problem_text: &'static str,
    pub route: &'static str,
    pub route_repair: &'static str,
    pub route_follow_up: &'static str,
    pub owner_unit: &'static str,
    pub answer_by: &'static str,
    pub became_request: &'static str,
    pub follow_ups: &'static str,
    pub to_answer: &'static str,
    pub raised_by_me: &'static str,
    pub all_seen: &'static str,
    pub no_follow_ups: &'static str,
    pub raised_by: &'static str,
    pub answer: &'static str,
    pub send_answer: &'static str,
    pub answered_by: &'static str,
    pub from_visit: &'static str,
    pub from_talk: &'static str,
    pub photos: &'static str,
    pub no_photos: &'static str,
    pub show_photo: &'static str,
    pub add_photos: &'static str,
    pub photo_rules: &'static str,
    pub upload_photos: &'static str,
    pub standing_title: &'static str,
    pub standing_hint: &'static str,
    pub per_month: &'static str,
    pub per_semester: &'static str,
    pub person: &'static str,
    pub duty: &'static str,
    pub done: &'static str,
    pub minimum: &'static str,
    pub short_by: &'static str,
    pub met: &'static str,
    pub behind: &'static str,
    pub bound: &'static str,
    pub by_person: &'static str,
    pub by_unit: &'static str,
    pub by_community: &'static str,
    pub csv: &'static str,
    pub only_behind: &'static str,
    pub my_standing: &'static str,
    pub not_bound: &'static str,
    pub rules_title: &'static str,
    pub rules: &'static str,
    pub counts: &'static str,
    pub effective_from: &'static str,
    pub in_force: &'static str,
    pub new_rule: &'static str,
    pub add_rule: &'static str,
    pub duties: &'static str,
    pub new_duty: &'static str,
    pub add_duty: &'static str,
    pub leader_account: &'static str,
    pub starts_on: &'static str,
    pub ends_on: &'static str,
    pub end_duty: &'static str,
    pub current: &'static str,
    pub choose: &'static str,
}

pub const ZH: VisitTexts = VisitTexts {
    nav: "联系走访",
    title: "走访记录",
    record: "记录走访",
    recording: "正在保存…",
    none: "还没有走访记录。",
    visitor: "走访人",
    myself: "本人",
    companions: "同行人员",
    companions_hint: "同行的领导或负责人，这次走访同样计入他们的次数。",
    at: "走访时间",
    place: "走访地点",
    community: "社区",
    building: "楼栋",
    room: "寝室",
    whole_community: "整个社区",
    whole_building: "整栋楼",
    kind: "走访形式",
    students_met: "接触学生人数",
    note: "走访情况",
    recorded_by: "记录人",
    problems: "发现的问题",
    no_problems: "未发现需要处理的问题。",
    add_problem: "添加问题",
    remove_problem: "删除此问题",
    problem_text: "问题描述",
    route: "处理方式",
    route_repair: "转为报修工单",
    route_follow_up: "交责任单位跟进",
    owner_unit: "责任单位",
    answer_by: "答复期限",
    became_request: "报修工单",
    follow_ups: "问题跟进",
    to_answer: "待本单位答复",
    raised_by_me: "我提出的",
    all_seen: "全部",
    no_follow_ups: "没有需要跟进的问题。",
    raised_by: "提出人",
    answer: "答复",
    send_answer: "提交答复",
    answered_by: "答复人",
    from_visit: "来自走访",
    from_talk: "来自思政课堂",
    photos: "照片",
    no_photos: "没有照片。",
    show_photo: "查看",
    add_photos: "添加照片",
    photo_rules: "JPEG、PNG、WebP 或 HEIC，每张不超过 10 MB，每次走访最多 10 张。",
    upload_photos: "上传照片",
    standing_title: "联系走访达标情况",
    standing_hint:
        "校领导每学期到所联系社区走访至少 1 次；机关部处、二级学院负责人每月深入社区不少于 1 次。",
    per_month: "本月",
    per_semester: "本学期",
    person: "人员",
    duty: "类别",
    done: "已走访",
    minimum: "要求",
    short_by: "还差",
    met: "已达标",
    behind: "未达标",
    bound: "应走访",
    by_person: "按人员",
    by_unit: "按单位",
    by_community: "按社区",
    csv: "导出 CSV（Excel 可打开）",
    only_behind: "只看未达标",
    my_standing: "我的走访",
    not_bound: "您目前没有走访任务。",
    rules_title: "走访要求与责任人",
    rules: "走访要求",
    counts: "计入的形式",
    effective_from: "生效日期",
    in_force: "现行",
    new_rule: "新版本要求",
    add_rule: "保存要求",
    duties: "走访责任人",
    new_duty: "新增责任人",
    add_duty: "保存责任人",
    leader_account: "账号（须具有校领导／单位负责人身份）",
    starts_on: "起始日期",
    ends_on: "结束日期",
    end_duty: "结束",
    current: "在任",
    choose: "请选择",
};

pub const EN: VisitTexts = VisitTexts {
    nav: "Visits",
    title: "Visit records",
    record: "Record a visit",
    recording: "Saving…",
    none: "No visits recorded yet.",
    visitor: "Visitor",
    myself: "Myself",
    companions: "Came along",
    companions_hint: "Leaders or heads who came along: the visit counts for them too.",
    at: "When",
    place: "Where",
    community: "Community",
    building: "Building",
    room: "Room",
    whole_community: "The whole community",
    whole_building: "The whole building",
    kind: "Kind of visit",
    students_met: "Students met",
    note: "What happened",
    recorded_by: "Recorded by",
    problems: "Problems raised",
    no_problems: "No problems needing action.",
    add_problem: "Add a problem",
    remove_problem: "Remove this problem",
    problem_text: "The problem",
    route: "What happens to it",
    route_repair: "A repair request",
    route_follow_up: "A follow-up for a unit",
    owner_unit: "Unit to answer",
    answer_by: "Answer by",
    became_request: "Repair request",
    follow_ups: "Follow-ups",
    to_answer: "For my unit to answer",
    raised_by_me: "Raised by me",
    all_seen: "All",
    no_follow_ups: "No follow-ups here.",
    raised_by: "Raised by",
    answer: "Answer",
    send_answer: "Send the answer",
    answered_by: "Answered by",
    from_visit: "From a visit",
    from_talk: "From a session",
    photos: "Photos",
    no_photos: "No photos.",
    show_photo: "Show",
    add_photos: "Add photos",
    photo_rules: "JPEG, PNG, WebP or HEIC, up to 10 MB each and 10 per visit.",
    upload_photos: "Upload",
    standing_title: "Contact visits: who has met the minimum",
    standing_hint: "School leaders visit their linked community at least once a semester; heads of departments and colleges work in the community at least once a month.",
    per_month: "This month",
    per_semester: "This semester",
    person: "Person",
    duty: "Duty",
    done: "Visits",
    minimum: "Minimum",
    short_by: "Short by",
    met: "Met",
    behind: "Behind",
    bound: "Bound",
    by_person: "By person",
    by_unit: "By unit",
    by_community: "By community",
    csv: "Export CSV (opens in Excel)",
    only_behind: "Behind only",
    my_standing: "My visits",
    not_bound: "You have no visits to make at present.",
    rules_title: "Visit rules and who must visit",
    rules: "Visit rules",
    counts: "Kinds that count",
    effective_from: "Effective from",
    in_force: "In force",
    new_rule: "A new version of a rule",
    add_rule: "Save the rule",
    duties: "Who must visit",
    new_duty: "Add a person",
    add_duty: "Save",
    leader_account: "Account (with the role leader)",
    starts_on: "From",
    ends_on: "To",
    end_duty: "End",
    current: "Current",
    choose: "Choose…",
};

pub fn texts(lang: Lang) -> &'static VisitTexts {
    pick(lang, &ZH, &EN)
}

pub fn visit_kind(lang: Lang, k: VisitKind) -> &'static str {
    match k {
        VisitKind::DormVisit => pick(lang, "走访寝室", "Dorm visit"),
        VisitKind::ThemeActivity => pick(lang, "参与主题活动", "Theme activity"),
        VisitKind::FieldWork => pick(lang, "开展工作", "Work in the community"),
        VisitKind::Forum => pick(lang, "座谈", "Forum"),
    }
}

pub fn duty_kind(lang: Lang, d: DutyKind) -> &'static str {
    match d {
        DutyKind::SchoolLeader => pick(lang, "校领导", "School leader"),
        DutyKind::UnitHead => pick(lang, "部门／学院负责人", "Head of a unit"),
    }
}

pub fn per(lang: Lang, p: Per) -> &'static str {
    match p {
        Per::Semester => pick(lang, "每学期", "per semester"),
        Per::Month => pick(lang, "每月", "per month"),
    }
}

pub fn follow_up_state(lang: Lang, s: FollowUpState) -> &'static str {
    match s {
        FollowUpState::Open => pick(lang, "待答复", "Open"),
        FollowUpState::Answered => pick(lang, "已答复", "Answered"),
    }
}

/// `2026年秋季学期` / `Autumn 2026`; the key itself when it is not one.
pub fn period(lang: Lang, key: &str) -> String {
    let Some(p) = CampusPeriod::parse(key) else {
        return key.to_owned();
    };
    match (lang, p) {
        (Lang::Zh, p) => p.name_zh(),
        (Lang::En, CampusPeriod::Semester { year, term }) => format!(
            "{} {year}",
            if term == Term::Spring {
                "Spring"
            } else {
                "Autumn"
            }
        ),
        (Lang::En, CampusPeriod::Month(_)) => p.first_day().format("%B %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn periods_read_in_each_language() {
        assert_eq!(period(Lang::Zh, "2026-autumn"), "2026年秋季学期");
        assert_eq!(period(Lang::En, "2026-autumn"), "Autumn 2026");
        assert_eq!(period(Lang::En, "2026-12"), "December 2026");
        assert_eq!(period(Lang::Zh, "nonsense"), "nonsense");
        // Every day of a semester is read with its year as written.
        assert_eq!(
            CampusPeriod::parse("2027-spring")
                .unwrap()
                .first_day()
                .year(),
            2027
        );
    }
}
