//! Pieces more than one page uses: a file link that downloads with the
//! session, the bed picker, a list of requests, a unit's reform inbox, the
//! loading/error line, loaded data, and a page's view kept in the address.

pub mod address;
pub mod file_link;
pub mod inbox;
pub mod loaded;
pub mod request_list;
pub mod room_picker;
pub mod status_line;

pub use address::{query_of, AddressView, InAddress};
pub use loaded::{api_resource, Loaded};
pub use status_line::status_line;
