//! [`Operation`]: the twelve endpoints of the session API, and [`Spec`], all the wire says of
//! each: its name, method, path, what the request carries, the success status and what it
//! answers, whether a success changes state and which field of its answer is secret.
//!
//! Everything that speaks the wire reads it from here: the client builds each request
//! (`src/client/request.rs`) and checks each answer (`src/wasm/client.rs`) by it; the mock routes by its methods and paths,
//! decodes JSON payloads as it says and answers its success status (`src/mock/router.rs`,
//! `src/mock/handlers.rs`). `tests/mock/wire.rs` holds the rest to it, and it to
//! CONTRACT.md: the table against the contract's, the mock's answer to a valid call of each
//! operation (status, and exactly the model's fields), docs/client.md's table of calls, and the
//! TypeScript signatures of `SessionClient`.

use crate::schema::{self, Field, Kind};

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What a request carries besides its path parameters.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    /// Nothing.
    Nothing,
    /// A JSON object with these fields: always (`required`), or only when given.
    Json {
        /// The model's name, as in TypeScript (`SessionPayload`).
        model: &'static str,
        /// Its fields.
        fields: &'static [Field],
        /// Whether the call always sends it.
        required: bool,
    },
    /// A `text/plain` body: always (`required`), or only when given.
    Text {
        /// Whether the call always sends it.
        required: bool,
    },
    /// A boolean query parameter with this name, only when given.
    BoolQuery(&'static str),
}

/// What a successful call answers.
#[derive(Debug, Clone, Copy)]
pub enum Output {
    /// No body (a client ignores any).
    Nothing,
    /// JSON: one `model`, or a list of them.
    Json {
        /// The model's name, as in TypeScript (`Session`).
        model: &'static str,
        /// Its shape: `Kind::Object` of its fields, or `Kind::Array` of that for a list.
        shape: Kind,
    },
}

impl Output {
    /// What a call resolves to in TypeScript: `void`, `Session`, or `Session[]` for a list.
    pub fn typescript(&self) -> String {
        match self {
            Output::Nothing => "void".into(),
            Output::Json {
                model,
                shape: Kind::Array(_),
            } => format!("{model}[]"),
            Output::Json { model, .. } => (*model).into(),
        }
    }
}

/// Whether a success changes the state (what a persisted mock writes to storage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    /// Every success does (the default of every method but `GET`).
    Always,
    /// None does (the default of `GET`: a read).
    Never,
    /// Only when its [`Input::BoolQuery`] is `true` (`getSession?keepAlive=true` moves
    /// `suspend`).
    WhenQueryTrue,
}

/// All the wire says of one operation.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The name in the API reference and in JS (`createSession`).
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{uuid}` and `{tokenId}` placeholders.
    pub path: &'static str,
    /// What the request carries besides its path parameters.
    pub input: Input,
    /// The status of a success, exactly as the mock answers it (a client takes any `2xx`).
    pub status: u16,
    /// What a success answers.
    pub output: Output,
    /// Whether a success changes the state.
    pub writes: Writes,
    /// The field of a success's answer that is secret (an SSO token's `value`): the
    /// mock's journal shows it redacted unless asked.
    pub secret: Option<&'static str>,
}

impl Spec {
    /// Whether a success changes the state, given `query_is_true(name)`: whether the
    /// request's boolean query parameter `name` is `true`.
    pub fn changes_state(&self, query_is_true: impl FnOnce(&str) -> bool) -> bool {
        match (self.writes, self.input) {
            (Writes::Always, _) => true,
            (Writes::WhenQueryTrue, Input::BoolQuery(name)) => query_is_true(name),
            (Writes::Never | Writes::WhenQueryTrue, _) => false,
        }
    }

    const fn writing(mut self, writes: Writes) -> Spec {
        self.writes = writes;
        self
    }

    const fn with_secret(mut self, field: &'static str) -> Spec {
        self.secret = Some(field);
        self
    }
}

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

const SESSION: Output = Output::Json {
    model: "Session",
    shape: Kind::Object(schema::SESSION),
};
const SSO_TOKEN: Output = Output::Json {
    model: "SsoToken",
    shape: Kind::Object(schema::SSO_TOKEN),
};

/// A [`Spec`], in a line: a `GET` changes nothing, every other method does (see
/// [`Spec::writing`] for an exception), and no field is secret.
const fn spec(
    name: &'static str,
    method: Method,
    path: &'static str,
    input: Input,
    status: u16,
    output: Output,
) -> Spec {
    let writes = match method {
        Method::Get => Writes::Never,
        Method::Post | Method::Put | Method::Delete => Writes::Always,
    };
    Spec {
        name,
        method,
        path,
        input,
        status,
        output,
        writes,
        secret: None,
    }
}

const NOTHING: Input = Input::Nothing;
const VOID: Output = Output::Nothing;
const fn text(required: bool) -> Input {
    Input::Text { required }
}
const fn json(model: &'static str, fields: &'static [Field], required: bool) -> Input {
    Input::Json {
        model,
        fields,
        required,
    }
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

    /// All the wire says of this operation.
    pub fn spec(self) -> &'static Spec {
        use schema::{CONNECT_PAYLOAD, IMPERSONATE_PAYLOAD, SESSION_PAYLOAD};
        use Method::*;
        use Operation::*;
        const UUID_TOKEN: &str = "/sessions/{uuid}/tokens/{tokenId}";
        match self {
            CreateSession => {
                const {
                    &spec(
                        "createSession",
                        Post,
                        "/sessions",
                        json("SessionPayload", SESSION_PAYLOAD, true),
                        201,
                        SESSION,
                    )
                }
            }
            DeleteAllSessions => {
                const { &spec("deleteAllSessions", Delete, "/sessions", NOTHING, 204, VOID) }
            }
            DeleteExpiredSessions => {
                const {
                    &spec(
                        "deleteExpiredSessions",
                        Delete,
                        "/sessions/expired",
                        NOTHING,
                        204,
                        VOID,
                    )
                }
            }
            DeleteSession => {
                const {
                    &spec(
                        "deleteSession",
                        Delete,
                        "/sessions/{uuid}",
                        NOTHING,
                        204,
                        VOID,
                    )
                }
            }
            GetSession => {
                const {
                    let keep_alive = Input::BoolQuery("keepAlive");
                    &spec(
                        "getSession",
                        Get,
                        "/sessions/{uuid}",
                        keep_alive,
                        200,
                        SESSION,
                    )
                    .writing(Writes::WhenQueryTrue)
                }
            }
            EnableSession => {
                const {
                    &spec(
                        "enableSession",
                        Post,
                        "/sessions/{uuid}/enable",
                        text(false),
                        204,
                        VOID,
                    )
                }
            }
            EnableSessionForEquisoftConnect => {
                const {
                    let path = "/sessions/{uuid}/enable/EQUISOFT_CONNECT";
                    let payload =
                        json("EnableEquisoftConnectPayloadSchema", CONNECT_PAYLOAD, false);
                    &spec(
                        "enableSessionForEquisoftConnect",
                        Post,
                        path,
                        payload,
                        202,
                        VOID,
                    )
                }
            }
            Impersonate => {
                const {
                    let path = "/sessions/{uuid}/impersonate";
                    &spec(
                        "impersonate",
                        Post,
                        path,
                        json("ImpersonatePayload", IMPERSONATE_PAYLOAD, true),
                        200,
                        SESSION,
                    )
                }
            }
            RevertIdentity => {
                const {
                    let path = "/sessions/{uuid}/revertIdentity";
                    &spec("revertIdentity", Post, path, text(false), 200, SESSION)
                }
            }
            GetSessionSsoToken => {
                const {
                    &spec(
                        "getSessionSsoToken",
                        Get,
                        UUID_TOKEN,
                        NOTHING,
                        200,
                        SSO_TOKEN,
                    )
                    .with_secret("value")
                }
            }
            SetSessionSsoToken => {
                const { &spec("setSessionSsoToken", Put, UUID_TOKEN, text(true), 200, VOID) }
            }
            DeleteSessionSsoToken => {
                const {
                    &spec(
                        "deleteSessionSsoToken",
                        Delete,
                        UUID_TOKEN,
                        NOTHING,
                        204,
                        VOID,
                    )
                }
            }
        }
    }

    /// The operation's name in the API reference (`createSession`, ...).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        self.spec().method
    }

    /// Whether sending the request twice does what sending it once does (every method but
    /// `POST` here): what decides whether a failed call may be retried blindly.
    pub fn idempotent(self) -> bool {
        self.method() != Method::Post
    }

    /// The path template, with `{uuid}` and `{tokenId}` placeholders.
    pub fn path_template(self) -> &'static str {
        self.spec().path
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
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_reads_as_its_typescript_type() {
        let list = Output::Json {
            model: "SsoToken",
            shape: Kind::Array(&Kind::Object(schema::SSO_TOKEN)),
        };
        assert_eq!(
            [Output::Nothing, SESSION, list].map(|output| output.typescript()),
            ["void", "Session", "SsoToken[]"]
        );
    }

    /// Reads change nothing (but a keep-alive), every other call does; only an SSO token's
    /// answer has a secret.
    #[test]
    fn what_changes_state_and_what_is_secret() {
        for op in Operation::ALL {
            let spec = op.spec();
            let (plain, flagged) = (spec.changes_state(|_| false), spec.changes_state(|_| true));
            let expected = match op {
                Operation::GetSession => (false, true),
                Operation::GetSessionSsoToken => (false, false),
                Operation::CreateSession
                | Operation::DeleteAllSessions
                | Operation::DeleteExpiredSessions
                | Operation::DeleteSession
                | Operation::EnableSession
                | Operation::EnableSessionForEquisoftConnect
                | Operation::Impersonate
                | Operation::RevertIdentity
                | Operation::SetSessionSsoToken
                | Operation::DeleteSessionSsoToken => (true, true),
            };
            assert_eq!((plain, flagged), expected, "{}", spec.name);
            let secret = (op == Operation::GetSessionSsoToken).then_some("value");
            assert_eq!(spec.secret, secret, "{}", spec.name);
        }
    }

    /// A path's parameters are its placeholders, in order (what a client method takes first).
    #[test]
    fn path_params_are_the_placeholders_in_order() {
        assert_eq!(Operation::CreateSession.path_params(), Vec::<&str>::new());
        assert_eq!(Operation::GetSession.path_params(), ["uuid"]);
        assert_eq!(
            Operation::GetSessionSsoToken.path_params(),
            ["uuid", "tokenId"]
        );
    }

    /// Only a `POST` may do something new when sent twice.
    #[test]
    fn every_method_but_post_is_idempotent() {
        let posts: Vec<&str> = Operation::ALL
            .iter()
            .filter(|op| !op.idempotent())
            .map(|op| op.name())
            .collect();
        assert_eq!(
            posts,
            [
                "createSession",
                "enableSession",
                "enableSessionForEquisoftConnect",
                "impersonate",
                "revertIdentity"
            ]
        );
    }
}
