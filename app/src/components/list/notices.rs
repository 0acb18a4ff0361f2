//! Notices about values the server clamped (e.g. a page size over 100).

use maud::{html, Markup};

/// A polite note per clamped value (nothing when there are none).
pub fn markup(notices: &[String]) -> Markup {
    html! {
        @if !notices.is_empty() {
            div role="status" data-testid="notices" {
                ul class="notices" { @for n in notices { li { (n) } } }
            }
        }
    }
}
