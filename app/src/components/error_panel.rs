//! The panel a page shows instead of its data when something failed.

use crate::errors::AppError;
use leptos::prelude::*;

/// Says what failed in plain words and whether retrying helps; sets the response status on the server.
/// When the failure is the whole page (a record that does not exist), its title is the page's heading.
#[component]
pub fn ErrorPanel(error: AppError, #[prop(optional)] whole_page: bool) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(error.status_code()) {
            opts.set_status(code);
        }
    }
    let retry = error.retryable();
    let retry_after = match &error {
        AppError::Upstream {
            retry_after: Some(s),
            ..
        } => Some(*s),
        _ => None,
    };
    view! {
        <section class="error-panel" role="alert">
            {if whole_page {
                view! { <h1>{error.title()}</h1> }.into_any()
            } else {
                view! { <h2>{error.title()}</h2> }.into_any()
            }}
            <p>{error.to_string()}</p>
            {matches!(error, AppError::SignInRequired).then(|| view! {
                <p class="hint"><a href="/login" class="button" rel="external">"Sign in"</a></p>
            })}
            {retry.then(|| view! {
                <p class="hint">
                    {match retry_after {
                        Some(s) => format!("Trying again in {s} s should help."),
                        None => "Trying again may help.".to_string(),
                    }}
                    " "
                    <a href="" class="button" rel="external">"Retry"</a>
                </p>
            })}
        </section>
    }
}

/// The panel for a part of a page drawn as compiled templates (`maud`): the same markup, and the same
/// response status, as the component.
pub fn markup(error: AppError) -> maud::Markup {
    maud::PreEscaped(view! { <ErrorPanel error/> }.to_html())
}
