//! [`Operation`]: the twelve endpoints of the session API, as one table.
//!
//! The client builds its URLs from this table and the mock routes requests with it, so the
//! two can never disagree about a method or a path.

/// One endpoint of the session API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST /sessions`
    CreateSession,
    /// `DELETE /sessions`
    DeleteAllSessions,
    /// `DELETE /sessions/expired`
    DeleteExpiredSessions,
    /// `DELETE /sessions/{uuid}`
    DeleteSession,
    /// `GET /sessions/{uuid}`
    GetSession,
    /// `POST /sessions/{uuid}/enable`
    EnableSession,
    /// `POST /sessions/{uuid}/enable/EQUISOFT_CONNECT`
    EnableSessionForEquisoftConnect,
    /// `POST /sessions/{uuid}/impersonate`
    Impersonate,
    /// `POST /sessions/{uuid}/revertIdentity`
    RevertIdentity,
    /// `GET /sessions/{uuid}/tokens/{tokenId}`
    GetSessionSsoToken,
    /// `PUT /sessions/{uuid}/tokens/{tokenId}`
    SetSessionSsoToken,
    /// `DELETE /sessions/{uuid}/tokens/{tokenId}`
    DeleteSessionSsoToken,
}

impl Operation {
    /// Every operation. Where two paths could match one request, the one with more literal
    /// segments comes first (`DELETE /sessions/expired` before `DELETE /sessions/{uuid}`).
    pub const ALL: [Operation; 12] = [
        Operation::CreateSession,
        Operation::DeleteAllSessions,
        Operation::DeleteExpiredSessions,
        Operation::DeleteSession,
        Operation::GetSession,
        Operation::EnableSession,
        Operation::EnableSessionForEquisoftConnect,
        Operation::Impersonate,
        Operation::RevertIdentity,
        Operation::GetSessionSsoToken,
        Operation::SetSessionSsoToken,
        Operation::DeleteSessionSsoToken,
    ];

    /// The operation's name in the API reference (`createSession`, ...).
    pub fn name(self) -> &'static str {
        self.spec().0
    }

    /// The HTTP method.
    pub fn method(self) -> &'static str {
        self.spec().1
    }

    /// Whether sending the request twice does what sending it once does (every method but
    /// `POST` here): what decides whether a failed call may be retried blindly.
    pub fn idempotent(self) -> bool {
        self.method() != "POST"
    }

    /// The path template, with `{uuid}` and `{tokenId}` placeholders.
    pub fn path_template(self) -> &'static str {
        self.spec().2
    }

    /// The names of the path's placeholders, in order: none, `uuid`, or `uuid` and `tokenId`.
    pub fn path_params(self) -> Vec<&'static str> {
        self.path_template()
            .split('/')
            .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
            .collect()
    }

    /// The operation named `name` (as in [`Self::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.name() == name)
    }

    fn spec(self) -> (&'static str, &'static str, &'static str) {
        use Operation::*;
        match self {
            CreateSession => ("createSession", "POST", "/sessions"),
            DeleteAllSessions => ("deleteAllSessions", "DELETE", "/sessions"),
            DeleteExpiredSessions => ("deleteExpiredSessions", "DELETE", "/sessions/expired"),
            DeleteSession => ("deleteSession", "DELETE", "/sessions/{uuid}"),
            GetSession => ("getSession", "GET", "/sessions/{uuid}"),
            EnableSession => ("enableSession", "POST", "/sessions/{uuid}/enable"),
            EnableSessionForEquisoftConnect => (
                "enableSessionForEquisoftConnect",
                "POST",
                "/sessions/{uuid}/enable/EQUISOFT_CONNECT",
            ),
            Impersonate => ("impersonate", "POST", "/sessions/{uuid}/impersonate"),
            RevertIdentity => ("revertIdentity", "POST", "/sessions/{uuid}/revertIdentity"),
            GetSessionSsoToken => (
                "getSessionSsoToken",
                "GET",
                "/sessions/{uuid}/tokens/{tokenId}",
            ),
            SetSessionSsoToken => (
                "setSessionSsoToken",
                "PUT",
                "/sessions/{uuid}/tokens/{tokenId}",
            ),
            DeleteSessionSsoToken => (
                "deleteSessionSsoToken",
                "DELETE",
                "/sessions/{uuid}/tokens/{tokenId}",
            ),
        }
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
