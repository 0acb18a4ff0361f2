//! The simulator's sign-in page, `GET /auth/authorize`: one link per demo technician, each going on to
//! `/auth/approve` with the checked request's parameters.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::{escape_html, AuthRequest};
use crate::redirect::with_query;
use crate::sim::Inner;

/// `GET /auth/authorize`: the sign-in page, one link per demo technician.
pub(crate) async fn authorize(State(sim): State<Arc<Inner>>, req: AuthRequest) -> Response {
    let mut items = String::new();
    for agent in &sim.cfg.agents {
        let mut pairs: Vec<(&str, &str)> = req
            .pairs
            .iter()
            .filter(|(k, _)| k != "agent_id")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let id = agent.id.to_string();
        pairs.push(("agent_id", &id));
        // relative, so the page works wherever the router is mounted (e.g. under /_sim)
        let href = with_query("approve", &pairs);
        items.push_str(&format!(
            "<li><a class=\"agent\" href=\"{}\">Sign in as {}</a> <small>{}</small></li>\n",
            escape_html(&href),
            escape_html(&agent.name),
            escape_html(&agent.email)
        ));
    }
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>HaloPSA (simulator) - Sign in</title></head><body>\
         <h1>Sign in to {}</h1><p>Choose a demo technician:</p><ul>\n{}</ul></body></html>\n",
        escape_html(&sim.cfg.tenant),
        items
    ))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href='x'>&</a>"),
            "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
        );
    }
}
