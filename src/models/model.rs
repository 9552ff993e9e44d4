//! [`model!`]: each model of the API declared once. One declaration gives the struct, its
//! serde encoding (the wire names), its TypeScript (tsify, from the same serde attributes
//! and doc comments), and the field table ([`schema::Field`](crate::schema::Field)s) the
//! client checks payloads and answers with and the mock checks scenarios with.
//!
//! ```ignore
//! model! {
//!     /// Who initiated a single sign-on.
//!     #[derive(Debug, Clone, PartialEq, Eq)]
//!     pub struct SsoProvider, table SSO_PROVIDER {
//!         /// The provider's code.
//!         provider "provider": String = Kind::Str,
//!     } optional {
//!         /// Written `Option<String>`, left out when absent.
//!         hint "hint": String = Kind::Str,
//!     }
//! }
//! ```
//!
//! Required fields come first, then optional ones (the contract's order for every model):
//! an optional field is an `Option`, omitted from JSON when `None` and `field?` in
//! TypeScript. A new field is one line here; the compiler then shows every place that builds
//! the struct.

/// See the [module](self).
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, table $table:ident {
            $(
                $(#[$req_meta:meta])*
                $req:ident $req_wire:literal : $req_ty:ty = $req_kind:expr
            ),* $(,)?
        } optional {
            $(
                $(#[$opt_meta:meta])*
                $opt:ident $opt_wire:literal : $opt_ty:ty = $opt_kind:expr
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $name {
            $(
                $(#[$req_meta])*
                #[serde(rename = $req_wire)]
                pub $req: $req_ty,
            )*
            $(
                $(#[$opt_meta])*
                #[serde(rename = $opt_wire, default, skip_serializing_if = "Option::is_none")]
                pub $opt: Option<$opt_ty>,
            )*
        }

        #[doc = concat!("The fields of [`", stringify!($name), "`], as `schema::check` reads them.")]
        pub const $table: &[$crate::schema::Field] = &[
            $($crate::schema::req($req_wire, $req_kind),)*
            $($crate::schema::opt($opt_wire, $opt_kind),)*
        ];
    };
}

pub(crate) use model;
