//! Pieces more than one page uses: a file link that downloads with the
//! session, the bed picker, the loading/error line, and loaded data.

pub mod file_link;
pub mod loaded;
pub mod room_picker;
pub mod status_line;

pub use loaded::{api_resource, Loaded};
pub use status_line::status_line;
