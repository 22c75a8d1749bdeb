//! The request layer every handler uses: the device, the visitor and its session, forms decoded in
//! the device's charset, rendering for the device, the shared state, page-view counting and the
//! access log.
//! It uses nothing of the handlers'. Inside, the order is state ← device ← visitor ← form, render.

pub mod access_log;
pub mod device;
pub mod form;
pub mod page_views;
pub mod render;
pub mod request_counts;
pub mod state;
pub mod visitor;

pub use device::device_of;
pub use form::{id_field, KeitaiForm, KeitaiQuery, Posted, MAX_FORM_BYTES};
pub use render::{csv_download, error_page, image, ok, page, paged_list, redirect};
pub use state::AppState;
pub use visitor::{ctx, Visitor};
