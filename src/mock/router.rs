//! Matching a request to an [`Operation`] and its decoded path parameters.

use super::wire::{ApiError, MockResponse};
use crate::operation::Operation;
use crate::percent;

/// A matched request: the operation and its path parameters, percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Which endpoint.
    pub operation: Operation,
    /// The `{uuid}` segment (empty when the path has none).
    pub uuid: String,
    /// The `{tokenId}` segment (empty when the path has none).
    pub token_id: String,
}

/// Finds the operation for `method` and the percent-encoded `path`.
///
/// An unknown path is `404 NOT_FOUND`; a known path with another method is `405` with an
/// `Allow` header; a segment that does not decode to UTF-8 is `400 BAD_REQUEST`.
///
/// # Errors
///
/// The answer to give instead, as above (`404`, `405` or `400`).
pub fn route(method: &str, path: &str) -> Result<Route, MockResponse> {
    let segments = decode_segments(path).map_err(MockResponse::from)?;
    let mut allowed: Vec<&'static str> = Vec::new();
    for operation in Operation::ALL {
        let Some(route) = match_template(operation, &segments) else {
            continue;
        };
        let spelled = operation.method().as_str();
        if spelled.eq_ignore_ascii_case(method) {
            return Ok(route);
        }
        if !allowed.contains(&spelled) {
            allowed.push(spelled);
        }
    }
    if allowed.is_empty() {
        return Err(ApiError::not_found(format!("no endpoint at {path}")).into());
    }
    // In alphabetical order, whichever methods the table has.
    allowed.sort_unstable();
    Err(MockResponse::method_not_allowed(method, path, &allowed))
}

fn decode_segments(path: &str) -> Result<Vec<String>, ApiError> {
    let path = path.strip_prefix('/').unwrap_or(path);
    path.split('/')
        .map(|segment| {
            String::from_utf8(percent::decode(segment)).map_err(|_| {
                ApiError::bad_request(format!("path segment `{segment}` is not UTF-8"))
            })
        })
        .collect()
}

fn match_template(operation: Operation, segments: &[String]) -> Option<Route> {
    let template = operation.path_template().trim_start_matches('/');
    if template.split('/').count() != segments.len() {
        return None;
    }
    let mut route = Route {
        operation,
        uuid: String::new(),
        token_id: String::new(),
    };
    for (part, segment) in template.split('/').zip(segments) {
        match part {
            "{uuid}" => route.uuid = segment.clone(),
            "{tokenId}" => route.token_id = segment.clone(),
            literal if literal == segment => {}
            _ => return None,
        }
    }
    Some(route)
}

/// The value of query parameter `name` (percent-decoded, `+` as space), if present.
pub(super) fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query(key) == name).then(|| decode_query(value))
        })
        .next_back()
}

fn decode_query(part: &str) -> String {
    percent::decode_lossy(&part.replace('+', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_paths_win_over_parameters() {
        let r = route("DELETE", "/sessions/expired").unwrap();
        assert_eq!(r.operation, Operation::DeleteExpiredSessions);
        let r = route("GET", "/sessions/expired").unwrap();
        assert_eq!(
            (r.operation, r.uuid.as_str()),
            (Operation::GetSession, "expired")
        );
    }

    #[test]
    fn parameters_are_decoded_as_one_segment() {
        let r = route("GET", "/sessions/s1/tokens/a%2Fb%3Fc%23d%25%20%C3%A9").unwrap();
        assert_eq!(r.operation, Operation::GetSessionSsoToken);
        assert_eq!(r.token_id, "a/b?c#d% é");
        assert!(route("GET", "/sessions/s1/tokens/a/b").is_err());
    }

    #[test]
    fn wrong_method_lists_the_allowed_ones() {
        let resp = route("PATCH", "/sessions/abc").unwrap_err();
        assert_eq!(resp.status, 405);
        assert_eq!(resp.header("allow"), Some("DELETE, GET"));
        assert_eq!(route("GET", "/nope").unwrap_err().status, 404);
        assert_eq!(route("GET", "/sessions/%FF").unwrap_err().status, 400);
    }

    #[test]
    fn query_parameters() {
        assert_eq!(
            query_param("a=1&keepAlive=true", "keepAlive").as_deref(),
            Some("true")
        );
        assert_eq!(query_param("keepAlive", "keepAlive").as_deref(), Some(""));
        assert_eq!(query_param("x=%20y+z", "x").as_deref(), Some(" y z"));
        assert_eq!(query_param("", "keepAlive"), None);
    }
}
