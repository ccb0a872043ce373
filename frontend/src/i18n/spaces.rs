//! The words of community spaces and bookings, per language, and the names
//! of the area's enums.

use super::Lang;
use onestop_domain::community::spaces::{Booker, BookingState, SpaceKind};

pub struct SpaceTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub spaces: &'static str,
    pub mine: &'static str,
    pub to_decide: &'static str,
    pub calendar: &'static str,
    pub none: &'static str,
    pub no_bookings: &'static str,
    pub nothing_to_decide: &'static str,
    pub all_communities: &'static str,
    pub community: &'static str,
    pub capacity: &'static str,
    pub people: &'static str,
    pub equipment: &'static str,
    pub hours: &'static str,
    pub open_to: &'static str,
    pub needs_approval: &'static str,
    pub no_approval: &'static str,
    pub closed: &'static str,
    pub day: &'static str,
    pub week: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub today: &'static str,
    pub free_all_day: &'static str,
    pub book: &'static str,
    pub book_title: &'static str,
    pub booking: &'static str,
    pub date: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub purpose: &'static str,
    pub attendees: &'static str,
    pub booked: &'static str,
    pub booked_pending: &'static str,
    pub may_not_book: &'static str,
    pub cancel: &'static str,
    pub cancel_reason: &'static str,
    pub approve: &'static str,
    pub refuse: &'static str,
    pub refuse_reason: &'static str,
    pub by: &'static str,
    pub new_space: &'static str,
    pub edit_space: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub place: &'static str,
    pub opens: &'static str,
    pub closes: &'static str,
    pub active: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub choose: &'static str,
    pub slot_rules: &'static str,
}

pub const ZH: SpaceTexts = SpaceTexts {
    nav: "社区场地",
    title: "社区场地",
    spaces: "场地",
    mine: "我的预约",
    to_decide: "待审批",
    calendar: "社区日历",
    none: "还没有可预约的场地。",
    no_bookings: "这段时间没有预约。",
    nothing_to_decide: "没有待审批的预约。",
    all_communities: "全部社区",
    community: "社区",
    capacity: "容纳",
    people: "人",
    equipment: "设施",
    hours: "开放时间",
    open_to: "可预约",
    needs_approval: "需社区办公室审批",
    no_approval: "预约即生效",
    closed: "已停用",
    day: "日",
    week: "周",
    previous: "上一段",
    next: "下一段",
    today: "今天",
    free_all_day: "全天空闲",
    book: "预约",
    book_title: "预约这个场地",
    booking: "正在提交…",
    date: "日期",
    starts: "开始",
    ends: "结束",
    purpose: "用途",
    attendees: "人数",
    booked: "预约成功。",
    booked_pending: "已提交，等待社区办公室审批；时段已为您保留。",
    may_not_book: "这个场地不对您的身份开放预约。",
    cancel: "取消预约",
    cancel_reason: "取消理由（会告知预约人）",
    approve: "批准",
    refuse: "不批准",
    refuse_reason: "不批准的理由",
    by: "预约人",
    new_space: "新增场地",
    edit_space: "修改场地",
    name: "名称",
    kind: "类型",
    place: "所在社区或楼栋",
    opens: "开放",
    closes: "关闭",
    active: "开放预约",
    save: "保存",
    saved: "已保存。",
    choose: "请选择",
    slot_rules: "按整刻钟预约，一次最多 8 小时，最远 60 天。",
};

pub const EN: SpaceTexts = SpaceTexts {
    nav: "Spaces",
    title: "Community spaces",
    spaces: "Spaces",
    mine: "My bookings",
    to_decide: "To approve",
    calendar: "Community calendar",
    none: "No spaces to book yet.",
    no_bookings: "No bookings in these days.",
    nothing_to_decide: "Nothing waits for approval.",
    all_communities: "All communities",
    community: "Community",
    capacity: "Holds",
    people: "people",
    equipment: "Equipment",
    hours: "Open",
    open_to: "Open to",
    needs_approval: "Approved by the community office",
    no_approval: "Booked at once",
    closed: "Closed",
    day: "Day",
    week: "Week",
    previous: "Earlier",
    next: "Later",
    today: "Today",
    free_all_day: "Free all day",
    book: "Book",
    book_title: "Book this space",
    booking: "Booking…",
    date: "Date",
    starts: "From",
    ends: "To",
    purpose: "Purpose",
    attendees: "People",
    booked: "Booked.",
    booked_pending: "Sent; the slot is held for you until the community office decides.",
    may_not_book: "This space is not open to bookings in your role.",
    cancel: "Cancel booking",
    cancel_reason: "Reason (the booker is told)",
    approve: "Approve",
    refuse: "Refuse",
    refuse_reason: "Why it is refused",
    by: "Booked by",
    new_space: "New space",
    edit_space: "Edit space",
    name: "Name",
    kind: "Kind",
    place: "Community or building",
    opens: "Opens",
    closes: "Closes",
    active: "Takes bookings",
    save: "Save",
    saved: "Saved.",
    choose: "Choose",
    slot_rules: "Quarter hours, at most 8 hours, up to 60 days ahead.",
};

pub fn texts(lang: Lang) -> &'static SpaceTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn space_kind(lang: Lang, k: SpaceKind) -> &'static str {
    use SpaceKind::*;
    match k {
        CounsellorOffice => pick(lang, "驻楼辅导员办公室", "Counsellor's office"),
        MultiPurpose => pick(lang, "社区多功能室", "Multi-purpose room"),
        PartyMembersHome => pick(lang, "党员之家", "Party members' home"),
        PartyActivityRoom => pick(lang, "党建活动室", "Party activity room"),
        RedCinema => pick(lang, "红色影院", "Red cinema"),
        RedLibrary => pick(lang, "红色书屋", "Red library"),
        Other => pick(lang, "其他", "Other"),
    }
}

pub fn booker(lang: Lang, b: Booker) -> &'static str {
    match b {
        Booker::Staff => pick(lang, "教职工", "Staff"),
        Booker::Students => pick(lang, "学生", "Students"),
    }
}

pub fn booking_state(lang: Lang, s: BookingState) -> &'static str {
    use BookingState::*;
    match s {
        Pending => pick(lang, "待审批", "Waiting for approval"),
        Approved => pick(lang, "已预约", "Booked"),
        Rejected => pick(lang, "未批准", "Refused"),
        Cancelled => pick(lang, "已取消", "Cancelled"),
    }
}

pub fn weekday(lang: Lang, d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}
