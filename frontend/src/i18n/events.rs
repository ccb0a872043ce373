//! The names of events and delivery states, in each language.

use super::{Lang, Texts};
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::webhooks::DeliveryState;

impl Texts {
    pub fn event_type(&self, e: EventType) -> &'static str {
        use EventType::*;
        match (self.lang, e) {
            (Lang::Zh, RequestCreated) => "新的服务请求",
            (Lang::Zh, RequestStateChanged) => "请求状态变化",
            (Lang::Zh, RequestCommented) => "请求有新评论",
            (Lang::Zh, RequestEscalated) => "请求超时升级",
            (Lang::Zh, RequestRated) => "请求被评价",
            (Lang::Zh, ReportFiled) => "提交进展报告",
            (Lang::Zh, ReportReviewed) => "进展报告被审核",
            (Lang::Zh, MilestoneOverdue) => "节点逾期",
            (Lang::Zh, ReportMissing) => "当月未报送",
            (Lang::Zh, FollowUpRaised) => "走访问题交办",
            (Lang::Zh, FollowUpAnswered) => "交办问题已答复",
            (Lang::Zh, VisitsBehind) => "走访未达标提醒",
            (Lang::Zh, BookingCreated) => "场地预约",
            (Lang::Zh, BookingDecided) => "场地预约审批",
            (Lang::Zh, BookingCancelled) => "场地预约取消",
            (Lang::Zh, TalkCreated) => "思政课堂发布",
            (Lang::Zh, TalkDrawn) => "思政课堂抽签",
            (Lang::Zh, TalkCancelled) => "思政课堂取消",
            (Lang::Zh, ActivityProposed) => "第二课堂活动申报",
            (Lang::Zh, ActivityReviewed) => "第二课堂活动审核",
            (Lang::Zh, ActivityPlacesChanged) => "第二课堂候补递补",
            (Lang::Zh, ActivityCancelled) => "第二课堂活动取消",
            (Lang::En, RequestCreated) => "Request submitted",
            (Lang::En, RequestStateChanged) => "Request changed state",
            (Lang::En, RequestCommented) => "Request commented on",
            (Lang::En, RequestEscalated) => "Request escalated",
            (Lang::En, RequestRated) => "Request rated",
            (Lang::En, ReportFiled) => "Progress report filed",
            (Lang::En, ReportReviewed) => "Progress report reviewed",
            (Lang::En, MilestoneOverdue) => "Milestone overdue",
            (Lang::En, ReportMissing) => "Monthly report missing",
            (Lang::En, FollowUpRaised) => "Visit problem given to a unit",
            (Lang::En, FollowUpAnswered) => "Follow-up answered",
            (Lang::En, VisitsBehind) => "Leader behind the visit rule",
            (Lang::En, BookingCreated) => "Space booked",
            (Lang::En, BookingDecided) => "Booking decided",
            (Lang::En, BookingCancelled) => "Booking cancelled",
            (Lang::En, TalkCreated) => "Session announced",
            (Lang::En, TalkDrawn) => "Session places drawn",
            (Lang::En, TalkCancelled) => "Session cancelled",
            (Lang::En, ActivityProposed) => "Activity proposed",
            (Lang::En, ActivityReviewed) => "Activity reviewed",
            (Lang::En, ActivityPlacesChanged) => "Activity place moved up",
            (Lang::En, ActivityCancelled) => "Activity cancelled",
        }
    }

    pub fn delivery_state(&self, s: DeliveryState) -> &'static str {
        use DeliveryState::*;
        match (self.lang, s) {
            (Lang::Zh, Pending) => "等待重试",
            (Lang::Zh, Delivering) => "推送中",
            (Lang::Zh, Delivered) => "已送达",
            (Lang::Zh, Failed) => "失败",
            (Lang::En, Pending) => "Waiting",
            (Lang::En, Delivering) => "Sending",
            (Lang::En, Delivered) => "Delivered",
            (Lang::En, Failed) => "Failed",
        }
    }
}
