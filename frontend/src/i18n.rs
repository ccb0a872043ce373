//! Every string the app shows, once per language. zh-CN is the default.

use onestop_client::ClientError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Anything but English means Chinese: the app is Chinese first.
    pub fn from_code(code: &str) -> Self {
        if code.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub app_name: &'static str,
    /// The label of the language switch: the name of the *other* language.
    pub switch_to: &'static str,
    pub switch_hint: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub welcome: &'static str,
    pub roles: &'static str,
    pub unit: &'static str,
    pub loading: &'static str,
    pub api_docs: &'static str,
    pub err_invalid_credentials: &'static str,
    pub err_locked: &'static str,
    pub err_inactive: &'static str,
    pub err_session_over: &'static str,
    pub err_check_fields: &'static str,
    pub err_network: &'static str,
    pub err_server: &'static str,
    pub err_required: &'static str,
    pub role_student: &'static str,
    pub role_grid_member: &'static str,
    pub role_counsellor: &'static str,
    pub role_handler: &'static str,
    pub role_office: &'static str,
    pub role_admin: &'static str,
    pub nav_home: &'static str,
    pub nav_queue: &'static str,
    pub nav_plan: &'static str,
    pub nav_grid: &'static str,
    pub nav_users: &'static str,
    pub my_room: &'static str,
    pub bed: &'static str,
    pub roommates: &'static str,
    pub contacts: &'static str,
    pub no_room: &'static str,
    pub new_request: &'static str,
    pub my_requests: &'static str,
    pub none_yet: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub category: &'static str,
    pub description: &'static str,
    pub preferred_time: &'static str,
    pub photos: &'static str,
    pub photos_hint: &'static str,
    pub policy_kind: &'static str,
    pub incident_date: &'static str,
    pub hospital: &'static str,
    pub amount_yuan: &'static str,
    pub document_title: &'static str,
    pub document_kind: &'static str,
    pub seal: &'static str,
    pub copies: &'static str,
    pub purpose: &'static str,
    pub term: &'static str,
    pub reason: &'static str,
    pub room_id_label: &'static str,
    pub timeline: &'static str,
    pub attachments: &'static str,
    pub comment: &'static str,
    pub add_comment: &'static str,
    pub note: &'static str,
    pub priority: &'static str,
    pub unit_to: &'static str,
    pub assignee: &'static str,
    pub rate: &'static str,
    pub rating: &'static str,
    pub overdue: &'static str,
    pub due: &'static str,
    pub place: &'static str,
    pub student: &'static str,
    pub submitted_at: &'static str,
    pub pickup_code: &'static str,
    pub all: &'static str,
    pub open_only: &'static str,
    pub kind: &'static str,
    pub sort: &'static str,
    pub newest: &'static str,
    pub oldest: &'static str,
    pub load_more: &'static str,
    pub auto_refresh: &'static str,
    pub filters: &'static str,
    pub only_overdue: &'static str,
    pub by_task: &'static str,
    pub by_unit: &'static str,
    pub progress: &'static str,
    pub silent: &'static str,
    pub overdue_milestones: &'static str,
    pub lead: &'static str,
    pub cooperating: &'static str,
    pub changes_since: &'static str,
    pub period: &'static str,
    pub standing: &'static str,
    pub posts: &'static str,
    pub residents: &'static str,
    pub search: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub username_col: &'static str,
    pub name_col: &'static str,
    pub not_found: &'static str,
}

pub const ZH: Texts = Texts {
    app_name: "一站式学生社区",
    switch_to: "English",
    switch_hint: "Switch to English",
    login_title: "登录",
    login_intro: "使用学号或工号登录，办理报修、保险理赔、用印和寝室入住等事务。",
    username: "用户名",
    password: "密码",
    sign_in: "登录",
    signing_in: "正在登录…",
    sign_out: "退出登录",
    welcome: "欢迎，",
    roles: "身份",
    unit: "所属单位",
    loading: "加载中…",
    api_docs: "接口文档",
    err_invalid_credentials: "用户名或密码错误。",
    err_locked: "登录失败次数过多，请稍后再试。",
    err_inactive: "该账号已停用，请联系学生处。",
    err_session_over: "登录已过期，请重新登录。",
    err_check_fields: "请检查标出的内容。",
    err_network: "无法连接服务器，请检查网络后重试。",
    err_server: "服务器出错了，请稍后再试。",
    err_required: "请填写此项。",
    role_student: "学生",
    role_grid_member: "网格员",
    role_counsellor: "驻楼辅导员",
    role_handler: "办理人员",
    role_office: "社区办公室",
    role_admin: "管理员",
    nav_home: "首页",
    nav_queue: "工单队列",
    nav_plan: "改革任务",
    nav_grid: "网格",
    nav_users: "用户",
    my_room: "我的寝室",
    bed: "床位",
    roommates: "室友",
    contacts: "网格联系人",
    no_room: "暂无住宿记录。",
    new_request: "办理事项",
    my_requests: "我的事项",
    none_yet: "暂无内容。",
    submit: "提交",
    submitting: "正在提交…",
    category: "类别",
    description: "情况说明",
    preferred_time: "方便上门时间",
    photos: "照片或材料",
    photos_hint: "可从手机拍照或相册选择，最多 10 个，每个不超过 10 MB。",
    policy_kind: "保险类型",
    incident_date: "出险日期",
    hospital: "就诊医院",
    amount_yuan: "申请金额（元）",
    document_title: "文件名称",
    document_kind: "文件类型",
    seal: "用印",
    copies: "份数",
    purpose: "用途",
    term: "学期",
    reason: "原因",
    room_id_label: "房间",
    timeline: "办理进度",
    attachments: "附件",
    comment: "留言",
    add_comment: "发送留言",
    note: "说明（可选）",
    priority: "优先级",
    unit_to: "办理单位",
    assignee: "办理人",
    rate: "评价",
    rating: "满意度",
    overdue: "已超时",
    due: "期限",
    place: "地点",
    student: "学生",
    submitted_at: "提交时间",
    pickup_code: "取件码",
    all: "全部",
    open_only: "未办结",
    kind: "事项",
    sort: "排序",
    newest: "最新",
    oldest: "最早",
    load_more: "加载更多",
    auto_refresh: "每 20 秒自动刷新",
    filters: "筛选",
    only_overdue: "仅超时",
    by_task: "按任务",
    by_unit: "按单位",
    progress: "进度",
    silent: "未报送",
    overdue_milestones: "逾期节点",
    lead: "牵头",
    cooperating: "配合",
    changes_since: "近期动态",
    period: "周期",
    standing: "状态",
    posts: "岗位",
    residents: "住宿学生",
    search: "搜索",
    active: "启用",
    inactive: "停用",
    username_col: "用户名",
    name_col: "姓名",
    not_found: "页面不存在。",
};

pub const EN: Texts = Texts {
    app_name: "One-stop Student Community",
    switch_to: "中文",
    switch_hint: "切换到中文",
    login_title: "Sign in",
    login_intro: "Sign in with your student or staff number to request repairs, insurance claims, stamps and dorm check-in.",
    username: "Username",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    welcome: "Welcome, ",
    roles: "Roles",
    unit: "Unit",
    loading: "Loading…",
    api_docs: "API docs",
    err_invalid_credentials: "The username or password is wrong.",
    err_locked: "Too many failed sign-ins. Please wait a moment and try again.",
    err_inactive: "This account has been deactivated. Please contact the Student Affairs Office.",
    err_session_over: "Your session has ended. Please sign in again.",
    err_check_fields: "Please check the highlighted fields.",
    err_network: "Cannot reach the server. Check your connection and try again.",
    err_server: "Something went wrong on the server. Please try again later.",
    err_required: "Please fill this in.",
    role_student: "Student",
    role_grid_member: "Grid member",
    role_counsellor: "Resident counsellor",
    role_handler: "Handler",
    role_office: "Community office",
    role_admin: "Administrator",
    nav_home: "Home",
    nav_queue: "Queue",
    nav_plan: "Reform plan",
    nav_grid: "Grid",
    nav_users: "Users",
    my_room: "My room",
    bed: "Bed",
    roommates: "Roommates",
    contacts: "Grid contacts",
    no_room: "No room on record.",
    new_request: "New request",
    my_requests: "My requests",
    none_yet: "Nothing here yet.",
    submit: "Submit",
    submitting: "Submitting…",
    category: "Category",
    description: "Description",
    preferred_time: "Preferred time",
    photos: "Photos or documents",
    photos_hint: "Take or choose photos (up to 10, 10 MB each).",
    policy_kind: "Policy",
    incident_date: "Date of incident",
    hospital: "Hospital",
    amount_yuan: "Amount (yuan)",
    document_title: "Document title",
    document_kind: "Document kind",
    seal: "Seal",
    copies: "Copies",
    purpose: "Purpose",
    term: "Term",
    reason: "Reason",
    room_id_label: "Room",
    timeline: "Timeline",
    attachments: "Attachments",
    comment: "Comment",
    add_comment: "Send comment",
    note: "Note (optional)",
    priority: "Priority",
    unit_to: "Handling unit",
    assignee: "Assignee",
    rate: "Rate",
    rating: "Rating",
    overdue: "Overdue",
    due: "Due",
    place: "Place",
    student: "Student",
    submitted_at: "Submitted",
    pickup_code: "Pickup code",
    all: "All",
    open_only: "Open",
    kind: "Kind",
    sort: "Sort",
    newest: "Newest first",
    oldest: "Oldest first",
    load_more: "Load more",
    auto_refresh: "Refreshes every 20 seconds",
    filters: "Filters",
    only_overdue: "Overdue only",
    by_task: "By task",
    by_unit: "By unit",
    progress: "Progress",
    silent: "Silent",
    overdue_milestones: "Overdue milestones",
    lead: "Lead",
    cooperating: "Cooperating",
    changes_since: "Recent changes",
    period: "Period",
    standing: "Standing",
    posts: "Posts",
    residents: "Residents",
    search: "Search",
    active: "Active",
    inactive: "Inactive",
    username_col: "Username",
    name_col: "Name",
    not_found: "Page not found.",
};

impl Texts {
    pub fn role(&self, role: onestop_domain::Role) -> &'static str {
        use onestop_domain::Role::*;
        match role {
            Student => self.role_student,
            GridMember => self.role_grid_member,
            Counsellor => self.role_counsellor,
            Handler => self.role_handler,
            Office => self.role_office,
            Admin => self.role_admin,
        }
    }

    /// A sentence for a person, never a status code.
    pub fn describe(&self, e: &ClientError) -> String {
        match e {
            ClientError::Transport(_) => self.err_network.into(),
            ClientError::Unexpected { .. } => self.err_server.into(),
            ClientError::Api(p) => match p.code.as_str() {
                "invalid_credentials" => self.err_invalid_credentials.into(),
                "too_many_attempts" => self.err_locked.into(),
                "account_inactive" => self.err_inactive.into(),
                "token_expired"
                | "session_ended"
                | "refresh_token_expired"
                | "refresh_token_revoked"
                | "refresh_token_reused"
                | "invalid_refresh_token"
                | "invalid_token"
                | "missing_token" => self.err_session_over.into(),
                "validation" => self.err_check_fields.into(),
                _ if p.status >= 500 => self.err_server.into(),
                _ => p.detail.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_domain::problem::Problem;

    fn api(code: &str, status: u16) -> ClientError {
        ClientError::Api(Problem {
            kind: String::new(),
            title: String::new(),
            status,
            detail: "detail from the server".into(),
            code: code.into(),
            request_id: None,
            errors: vec![],
        })
    }

    #[test]
    fn language_codes_default_to_chinese() {
        assert_eq!(Lang::from_code("en-US"), Lang::En);
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code(""), Lang::Zh);
        assert_eq!(Lang::Zh.other(), Lang::En);
    }

    #[test]
    fn api_errors_become_sentences_in_each_language() {
        assert_eq!(
            ZH.describe(&api("invalid_credentials", 401)),
            "用户名或密码错误。"
        );
        assert_eq!(EN.describe(&api("too_many_attempts", 429)), EN.err_locked);
        assert_eq!(ZH.describe(&api("internal", 500)), ZH.err_server);
        assert_eq!(
            EN.describe(&api("something_new", 409)),
            "detail from the server"
        );
        let unexpected = ClientError::Unexpected {
            status: 502,
            body: "<html>".into(),
        };
        assert_eq!(ZH.describe(&unexpected), ZH.err_server);
    }

    #[test]
    fn every_text_is_filled_in_both_languages() {
        for t in [&ZH, &EN] {
            for s in [
                t.app_name,
                t.login_title,
                t.username,
                t.password,
                t.sign_in,
                t.sign_out,
                t.switch_to,
            ] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_ne!(ZH.sign_in, EN.sign_in);
    }
}
