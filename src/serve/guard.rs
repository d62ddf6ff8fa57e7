//! What every request passes: the `Host` and `Origin` checks, the body limit's message,
//! and the security headers of every response.

use super::{MAX_BODY_BYTES, State};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::IpAddr;

/// The page's policy: its own styles, forms and frames only; no script at all, no plugin
/// and no other site may frame it.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/// The PDF preview's policy: nothing but being shown in the page's own frame. Chromium's
/// PDF viewer runs inside the response's document, so `default-src 'none'` or a sandbox
/// would leave the frame blank.
pub(super) const PDF_POLICY: &str = "frame-ancestors 'self'";

/// The checks' settings.
#[derive(Debug, Clone, Copy)]
pub(super) struct Guard {
    /// The port the server listens on, which every `Host` must name.
    pub(super) port: u16,
}

/// Refuses a request for another host, a cross-site form or an oversized body; adds the
/// security headers to every response.
pub(super) async fn check(
    axum::extract::State((guard, shared)): axum::extract::State<(Guard, State)>,
    request: Request,
    next: Next,
) -> Response {
    let refusal = if !host_allowed(request.headers(), guard.port) {
        Some((
            StatusCode::MISDIRECTED_REQUEST,
            "Feil vertsnavn",
            "Siden svarer bare på adressen den skrev ut da den startet (localhost eller en IP-adresse, med portnummeret).",
        ))
    } else if request.method() != Method::GET && !origin_allowed(request.headers()) {
        Some((
            StatusCode::FORBIDDEN,
            "Skjemaet kom fra en annen side",
            "Siden tar bare imot skjemaer sendt fra seg selv. Åpne adressen siden skrev ut, og send skjemaet derfra.",
        ))
    } else if declared_length(request.headers()).is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        Some(too_large())
    } else {
        None
    };
    let mut response = match refusal {
        Some((status, title, text)) => shared.pages.message(status, title, text),
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        );
    }
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        // Not `no-referrer`: with it a browser sends `Origin: null`, and the page's own
        // forms would be refused.
        (header::REFERRER_POLICY, "same-origin"),
        // The profile holds names and addresses of people: no copy in any cache.
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// The refusal of a body over the limit, also given when the limit is found while reading.
pub(super) fn too_large() -> (StatusCode, &'static str, &'static str) {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        "Filen eller skjemaet er for stort",
        "Siden tar imot høyst 1 MiB om gangen, samme grense som for en profil. En profil er noen få kilobyte: sjekk at du valgte profilfilene (.yaml) og ikke andre filer, eller last opp en pulje i flere deler.",
    )
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// `localhost` or an IP address, with the server's port: a DNS rebinding attack reaches
/// the server under its own domain name, which this refuses.
fn host_allowed(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let Ok(authority) = host.parse::<axum::http::uri::Authority>() else {
        return false;
    };
    let name = authority.host();
    let literal = name.trim_start_matches('[').trim_end_matches(']');
    (name.eq_ignore_ascii_case("localhost") || literal.parse::<IpAddr>().is_ok())
        && authority.port_u16().unwrap_or(80) == port
}

/// A browser names the page a form was sent from; it must be this server as the browser
/// addressed it. A request without `Origin` comes from a program, not another site's page.
fn origin_allowed(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("http://")
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in list {
            h.insert(*name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn only_localhost_and_ip_addresses_on_the_servers_port_are_answered() {
        for ok in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "LOCALHOST:8000",
        ] {
            assert!(host_allowed(&headers(&[("host", ok)]), 8000), "{ok}");
        }
        for bad in [
            "evil.example:8000",
            "localhost:8001",
            "localhost",
            "127.0.0.1.nip.io:8000",
        ] {
            assert!(!host_allowed(&headers(&[("host", bad)]), 8000), "{bad}");
        }
        assert!(!host_allowed(&HeaderMap::new(), 8000));
    }

    #[test]
    fn a_form_from_another_site_is_refused() {
        let host = ("host", "127.0.0.1:8000");
        assert!(origin_allowed(&headers(&[host])));
        assert!(origin_allowed(&headers(&[
            host,
            ("origin", "http://127.0.0.1:8000")
        ])));
        assert!(!origin_allowed(&headers(&[
            host,
            ("origin", "http://evil.example")
        ])));
        assert!(!origin_allowed(&headers(&[host, ("origin", "null")])));
    }
}
