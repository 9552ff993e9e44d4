//! [`open_enum!`]: string enums that stay forward compatible.
//!
//! A real server may send an enum value this crate does not know yet. Each enum made here
//! has an `Unknown(String)` variant that keeps such a value, so a response still decodes and
//! re-encodes exactly as it came.

/// Declares a string enum with known variants and an `Unknown(String)` fallback.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, kept exactly as received.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, in the contract's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            /// Whether this is a value this version knows (not [`Self::Unknown`]).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        // TypeScript: the known values as a closed union (`Known...`, for an exhaustive
        // `switch`), and the type of the field: those, plus any other string (kept, not
        // rejected).
        #[cfg(target_arch = "wasm32")]
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &str = concat!(
                "/** The values of `", stringify!($name), "` this version knows. */\n",
                "export type Known", stringify!($name), " = ", $( "\"", $wire, "\"", " | ", )+ "never;\n",
                "/** See the Rust docs of `", stringify!($name), "`; unknown values arrive as they were sent. */\n",
                "export type ", stringify!($name), " = Known", stringify!($name), " | (string & {});"
            );
        };

        impl From<&str> for $name {
            fn from(wire: &str) -> Self {
                match wire {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire = std::borrow::Cow::<str>::deserialize(deserializer)?;
                Ok($name::from(wire.as_ref()))
            }
        }
    };
}

pub(crate) use open_enum;
