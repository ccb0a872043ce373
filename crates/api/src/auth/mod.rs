//! Authentication: password hashing, access tokens, refresh tokens, and the
//! extractors that make a handler require a signed-in user or an admin.

pub mod address;
pub mod extractor;
pub mod grid;
pub mod jwt;
pub mod password;
pub mod refresh;
pub mod scopes;

pub use address::ClientAddr;
pub use extractor::{AdminUser, AuthUser, StaffUser, StreamUser};
pub use grid::GridActor;
