//! Queries of second-classroom activities: the activities, sign-ups and
//! attendance (which is the transcript: an activity's hours go to each
//! student present).

pub mod activities;
pub mod attendance;
pub mod signups;
