//! Every problem the server can send, said in Chinese. The match has no
//! catch-all: a new `ProblemCode` does not compile until it has its sentence.
//! English keeps the server's own `detail`, which names the specifics.

use onestop_domain::problem::ProblemCode;

pub fn zh(code: ProblemCode) -> &'static str {
    use ProblemCode::*;
    match code {
        Validation => "请检查标出的内容。",
        MalformedJson | UnreadableBody | BadPath => "请求无法读取，请刷新页面后重试。",
        BadMultipart => "文件没有上传完整，请重新选择文件后再试。",
        BadIdempotencyKey => "请求标识无效，请刷新页面后重试。",
        MissingToken | InvalidToken | TokenExpired | SessionEnded | InvalidRefreshToken
        | RefreshTokenExpired | RefreshTokenRevoked => "登录已过期，请重新登录。",
        RefreshTokenReused => "为保护账号安全，本次登录已结束，请重新登录。",
        AccountInactive => "该账号已停用，请联系学生处。",
        InvalidCredentials => "用户名或密码错误。",
        Forbidden => "您没有权限进行此操作。",
        NotFound => "找不到这项内容，或您无权查看。",
        MethodNotAllowed => "不支持这种操作，请刷新页面后重试。",
        PayloadTooLarge => "文件或内容太大：单个文件不超过 10 MB。",
        UnsupportedMediaType => "只能上传照片（JPEG、PNG、WebP、HEIC）或 PDF 文件。",
        TooManyAttempts => "尝试次数过多，请稍后再试。",
        Unavailable => "服务暂时不可用，请一分钟后再试。",
        Internal => "服务器出错了，请稍后再试。",
        StaleVersion => "内容已被他人修改，请刷新后再试。",
        IllegalTransition => "当前状态下不能进行此操作，请刷新查看最新状态。",
        ReopenWindowPassed => "办结已超过 7 天，不能再重新打开，请新提交一个申请。",
        NotTriaged => "请先分派办理单位，再指派办理人。",
        RequestFinished => "该申请已结束，不能再添加附件。",
        AlreadyRated => "您已经评价过了。",
        TooManyOpenRequests => "您未办结的申请已达上限，请等待办理完成或撤销一项后再提交。",
        TooManyComments => "该申请的留言已达上限，请新提交一个申请或直接联系办理部门。",
        TooManyAttachments => "每个申请最多 10 个附件。",
        IdempotencyKeyReused => "该请求已提交过其他内容，请刷新页面后重新填写。",
        IdempotencyKeyBusy => "正在处理刚才的提交，请稍候再试。",
        NoRoom => "系统中没有您的寝室记录，请选择地点，或联系辅导员办理入住。",
        StudentHoused => "该学生已有床位，请改为调换寝室或先办理退宿。",
        BedTaken => "该床位已有人入住，请换一个床位。",
        RoomArchived => "该寝室已停用。",
        RoomOccupied => "还有学生住在要减少的床位上，请先调整他们的床位。",
        RoomGenderConflict => "寝室里有性别不符的学生，请先调整住宿后再修改性别。",
        RoomNotAllowed => "该学生不能入住这个寝室（学院包干区或性别不符）。",
        NodeExists => "同一位置已有相同编号或名称，请换一个。",
        NodeOccupied => "这里还有学生居住，请先为他们办理退宿或调换。",
        ParentArchived => "上级节点已停用，请先恢复它。",
        PostHeld => "该岗位在这段时间已有人担任。",
        UsernameTaken => "该用户名已被使用，请换一个。",
        SelfLockout => "不能停用自己的账号或去掉自己的管理员角色。",
        ReportSettled => "该报告已审核，不能再修改；请提交新的报告。",
        TooMuchEvidence => "每份报告最多 10 个佐证材料。",
        ServiceAccountUser => "这是对接系统自己的账号，不能设置密码；请为该系统轮换密钥。",
        InvalidClient => "对接系统的 client_id 或密钥不对，或该账号已停用、过期。",
        InvalidScope => "申请的权限范围（scope）不在该对接系统的授权之内。",
        UnsupportedGrantType => "只支持 client_credentials 方式获取令牌。",
        DeliveryUnderway => "这次推送还在进行中（等待重试或正在发送），结束后才能重新推送。",
        CursorExpired => "变更记录只保留 30 天，这个位置已过期；请重新读取全部请求后再从头同步。",
        RuleExists => "这类职责在该日期已有一条走访规则；请换一个生效日期。",
        DutyOverlaps => "此人在这段时间已有同类走访职责；请先结束原来的职责。",
        AlreadyAnswered => "该事项已经答复过了。",
        BookingOverlaps => "这个时段已被预约，请换一个时间。",
        NotPending => "这条预约已经处理过了，请刷新查看。",
        NotCancellable => "这条预约已被拒绝、取消或已结束，无需再取消。",
        ApplicationsClosed => "报名已截止或活动已取消，不能再报名。",
        AlreadyApplied => "您已经报名了这场活动，每人限报一次。",
        ApplicationsOpen => "报名还没截止、还没抽签，请在抽签后再试。",
        AlreadyDrawn => "这场活动已经抽过签了，请刷新查看结果。",
        NotWithdrawable => "活动已开始或报名已撤回，不能再撤回。",
        TalkNotStarted => "活动还没开始，开始后才能登记出席或填写反馈。",
        TalkStarted => "活动已经开始，不能再取消。",
        TalkCancelled => "这场活动已取消。",
        TooManyPhotos => "每次走访最多 10 张照片。",
        SignupClosed => "报名已结束或活动未获批准，不能报名。",
        AlreadySignedUp => "您已经报名了这个活动。",
        NotSignedUp => "您没有报名这个活动；请先报名，或请组织者为您补登。",
        ActivityStarted => "活动已经开始，不能再进行此操作。",
        ActivityNotRunning => "活动不在进行中：签到码只在活动期间有效。",
        CodeExpired => "签到码已更新，请输入屏幕上现在显示的数字。",
        CodeWrong => "签到码不对，请核对屏幕上的六位数字。",
        AlreadyCheckedIn => "您已经签到过了。",
        NotAttended => "只有出席了活动的同学才能填写反馈。",
        FeedbackGiven => "您已经填写过反馈了。",
        FollowUpExists => "这个问题已经交办给单位跟进了。",
        BranchExists => "这个社区或楼栋已经设有党组织。",
        AlreadyMember => "此人已是某个党支部的成员；请先结束原有的组织关系。",
        CorrectionPending => "这条积分已有一条更正在等待审核，请待其审核后再更正。",
        EntryNotApproved => "只有已通过的积分可以更正；待审核的请直接审核。",
        MonthNotOver => "这个月还没有结束（按校园时间），月底之后才能评比。",
        MonthClosed => "这个月的评比已经结束，结果不再改变。",
        RectificationClosed => "这个整改项已经复查通过，无需再复查。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_the_server_can_send_reads_in_chinese() {
        for code in ProblemCode::ALL {
            let text = zh(code);
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{code}: {text}"
            );
        }
    }
}
