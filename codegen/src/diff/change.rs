//! The change kinds `diff` reports and how each is classified: what it
//! means for the generated Rust API (`rust`) and for callflows stored under
//! the old schemas (`data`).
//!
//! # Rust API (`breaking` / `additive` / `none`)
//!
//! Judged against the code the generator emits today, by the rules of the
//! Cargo SemVer reference:
//!
//! - `module_added`: additive (`Action` is `#[non_exhaustive]`, the new type
//!   is new). `module_removed`, `property_removed`, `type_changed`: breaking.
//! - `property_added`: breaking. Generated structs have only public fields
//!   and no `#[non_exhaustive]`, so a struct literal or an exhaustive
//!   pattern in user code stops compiling ([`GENERATED_STRUCTS_EXHAUSTIVE`]);
//!   a *required* new property also changes `new(..)`.
//! - `enum_value_added` of a string value: breaking, because generated
//!   string enums are exhaustive ([`GENERATED_ENUMS_EXHAUSTIVE`]) and a
//!   `match` without a wildcard stops compiling; values of other types are
//!   not Rust variants (`none`). `enum_value_removed` of a string: breaking.
//! - `required_added` (`Option<T>` → `T`, and `new(..)` gains a parameter)
//!   and `required_removed` (`T` → `Option<T>`): breaking.
//! - `default_changed`: a default that appears adds an accessor (additive),
//!   one that disappears removes it (breaking), a changed value is `none`.
//! - `constraint_changed`: `none` (validators change, signatures do not),
//!   except where the Rust type follows the constraint: an `enum` that
//!   appears or disappears on strings (`String` ↔ an enum), `items` that
//!   appear or disappear (`Vec<Value>` ↔ `Vec<T>`), an
//!   `additionalProperties` schema on an object without properties
//!   (`Map<String, T>`): breaking.
//! - `description_changed`: `none` (rustdoc only).
//!
//! If the emitter marks its structs and enums `#[non_exhaustive]`, flip the
//! two constants and `property_added` (optional) and `enum_value_added`
//! become additive.
//!
//! # Stored callflows (`may_reject` / `accepts_more` / `none`)
//!
//! Whether a callflow valid under the old schemas may fail the new ones:
//! `may_reject` for a module removed, a property added as required or with
//! constraints where any member was allowed, a property removed where
//! unknown members are forbidden, a type narrowed or changed, an enum value
//! removed, a required added, a constraint tightened or changed in a way
//! that is not a loosening (a new `pattern` or `format`); `accepts_more` for
//! the opposites; `none` for defaults and descriptions (they do not
//! validate).

use serde::Serialize;
use serde_json::Value;

/// Generated structs have only public fields and no `#[non_exhaustive]`:
/// a new field breaks struct literals and exhaustive patterns in user code.
/// A test checks this against the emitter's output.
pub const GENERATED_STRUCTS_EXHAUSTIVE: bool = true;

/// Generated string enums have no `#[non_exhaustive]`: a new variant breaks
/// `match`es without a wildcard. A test checks this against the emitter's
/// output.
pub const GENERATED_ENUMS_EXHAUSTIVE: bool = true;

/// What changed, with exactly the names the JSON output uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A `callflows.<name>.json` module appeared.
    ModuleAdded,
    /// A module disappeared.
    ModuleRemoved,
    /// A named property appeared.
    PropertyAdded,
    /// A named property disappeared.
    PropertyRemoved,
    /// The accepted JSON types changed.
    TypeChanged,
    /// An `enum` gained a value.
    EnumValueAdded,
    /// An `enum` lost a value.
    EnumValueRemoved,
    /// A property became required.
    RequiredAdded,
    /// A property stopped being required.
    RequiredRemoved,
    /// `default` changed, appeared or disappeared.
    DefaultChanged,
    /// A constraint keyword changed (min/max, lengths, items, pattern,
    /// format, uniqueItems, additionalProperties, an `enum` appearing or
    /// disappearing).
    ConstraintChanged,
    /// `description` changed (reported only when asked for).
    DescriptionChanged,
}

impl ChangeKind {
    /// Every kind, in report order.
    pub const ALL: [ChangeKind; 12] = [
        ChangeKind::ModuleAdded,
        ChangeKind::ModuleRemoved,
        ChangeKind::PropertyAdded,
        ChangeKind::PropertyRemoved,
        ChangeKind::TypeChanged,
        ChangeKind::EnumValueAdded,
        ChangeKind::EnumValueRemoved,
        ChangeKind::RequiredAdded,
        ChangeKind::RequiredRemoved,
        ChangeKind::DefaultChanged,
        ChangeKind::ConstraintChanged,
        ChangeKind::DescriptionChanged,
    ];

    /// The name used in every output format (`enum_value_added`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::ModuleAdded => "module_added",
            ChangeKind::ModuleRemoved => "module_removed",
            ChangeKind::PropertyAdded => "property_added",
            ChangeKind::PropertyRemoved => "property_removed",
            ChangeKind::TypeChanged => "type_changed",
            ChangeKind::EnumValueAdded => "enum_value_added",
            ChangeKind::EnumValueRemoved => "enum_value_removed",
            ChangeKind::RequiredAdded => "required_added",
            ChangeKind::RequiredRemoved => "required_removed",
            ChangeKind::DefaultChanged => "default_changed",
            ChangeKind::ConstraintChanged => "constraint_changed",
            ChangeKind::DescriptionChanged => "description_changed",
        }
    }
}

/// What a change means for the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RustImpact {
    /// Code written against the old types may stop compiling.
    Breaking,
    /// New items only.
    Additive,
    /// No signature changes.
    None,
}

impl RustImpact {
    /// `breaking`, `additive` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            RustImpact::Breaking => "breaking",
            RustImpact::Additive => "additive",
            RustImpact::None => "none",
        }
    }
}

/// What a change means for callflows that were valid under the old schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataImpact {
    /// Some of them may now be rejected.
    MayReject,
    /// All of them still pass, and more values do.
    AcceptsMore,
    /// Validation is unchanged.
    None,
}

impl DataImpact {
    /// `may_reject`, `accepts_more` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataImpact::MayReject => "may_reject",
            DataImpact::AcceptsMore => "accepts_more",
            DataImpact::None => "none",
        }
    }
}

/// Which way a constraint moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Fewer values pass.
    Tighter,
    /// More values pass.
    Looser,
    /// Neither is a subset of the other (a different `pattern`).
    Different,
}

/// What classification needs to know besides the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Nothing more (modules, required, descriptions).
    Plain,
    /// A property added or removed.
    Property {
        /// Whether it is required (in the release that has it).
        required: bool,
        /// Whether the parent object forbids unknown members (in the
        /// release that lacks the property).
        parent_closed: bool,
        /// Whether its schema constrains anything (types or keywords).
        constrained: bool,
    },
    /// A type change: whether the new types include the old ones.
    Types {
        /// New types ⊇ old types.
        widened: bool,
    },
    /// An enum value: whether it is a string (a Rust enum variant).
    EnumValue {
        /// A string value.
        string: bool,
    },
    /// A default: whether one exists before and after.
    Default {
        /// Old release has a default.
        before: bool,
        /// New release has a default.
        after: bool,
    },
    /// A constraint keyword.
    Constraint {
        /// Which way it moved.
        direction: Direction,
        /// Whether the generated Rust type follows this keyword here.
        shapes_rust_type: bool,
    },
}

/// Classifies one change (see the module docs for the rules).
pub fn classify(kind: ChangeKind, detail: Detail) -> (RustImpact, DataImpact) {
    use ChangeKind as K;
    use DataImpact as D;
    use RustImpact as R;
    let field_added = if GENERATED_STRUCTS_EXHAUSTIVE {
        R::Breaking
    } else {
        R::Additive
    };
    let variant_added = if GENERATED_ENUMS_EXHAUSTIVE {
        R::Breaking
    } else {
        R::Additive
    };
    match (kind, detail) {
        (K::ModuleAdded, _) => (R::Additive, D::AcceptsMore),
        (K::ModuleRemoved, _) => (R::Breaking, D::MayReject),
        (
            K::PropertyAdded,
            Detail::Property {
                required,
                parent_closed,
                constrained,
            },
        ) => {
            let rust = if required { R::Breaking } else { field_added };
            let data = if required {
                D::MayReject
            } else if parent_closed {
                D::AcceptsMore
            } else if constrained {
                D::MayReject
            } else {
                D::None
            };
            (rust, data)
        }
        (K::PropertyAdded, _) => (field_added, D::MayReject),
        (
            K::PropertyRemoved,
            Detail::Property {
                parent_closed,
                constrained,
                ..
            },
        ) => {
            let data = if parent_closed {
                D::MayReject
            } else if constrained {
                D::AcceptsMore
            } else {
                D::None
            };
            (R::Breaking, data)
        }
        (K::PropertyRemoved, _) => (R::Breaking, D::MayReject),
        (K::TypeChanged, Detail::Types { widened: true }) => (R::Breaking, D::AcceptsMore),
        (K::TypeChanged, _) => (R::Breaking, D::MayReject),
        (K::EnumValueAdded, Detail::EnumValue { string: true }) => (variant_added, D::AcceptsMore),
        (K::EnumValueAdded, _) => (R::None, D::AcceptsMore),
        (K::EnumValueRemoved, Detail::EnumValue { string: false }) => (R::None, D::MayReject),
        (K::EnumValueRemoved, _) => (R::Breaking, D::MayReject),
        (K::RequiredAdded, _) => (R::Breaking, D::MayReject),
        (K::RequiredRemoved, _) => (R::Breaking, D::AcceptsMore),
        (K::DefaultChanged, Detail::Default { before, after }) => match (before, after) {
            (false, true) => (R::Additive, D::None),
            (true, false) => (R::Breaking, D::None),
            _ => (R::None, D::None),
        },
        (K::DefaultChanged, _) => (R::None, D::None),
        (
            K::ConstraintChanged,
            Detail::Constraint {
                direction,
                shapes_rust_type,
            },
        ) => {
            let rust = if shapes_rust_type {
                R::Breaking
            } else {
                R::None
            };
            let data = match direction {
                Direction::Looser => D::AcceptsMore,
                Direction::Tighter | Direction::Different => D::MayReject,
            };
            (rust, data)
        }
        (K::ConstraintChanged, _) => (R::None, D::MayReject),
        (K::DescriptionChanged, _) => (R::None, D::None),
    }
}

/// One change at one instance path of one module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The callflow module.
    pub module: String,
    /// JSON pointer into the module's `data` (`*` for any item or member).
    pub path: String,
    /// The old value (`null` when there was none).
    pub old: Value,
    /// The new value (`null` when there is none).
    pub new: Value,
    /// Impact on the generated Rust API.
    pub rust: RustImpact,
    /// Impact on callflows valid under the old schemas.
    pub data: DataImpact,
}

impl Change {
    /// A classified change.
    pub fn new(
        kind: ChangeKind,
        module: &str,
        path: &str,
        old: Value,
        new: Value,
        detail: Detail,
    ) -> Change {
        let (rust, data) = classify(kind, detail);
        Change {
            kind,
            module: module.to_string(),
            path: path.to_string(),
            old,
            new,
            rust,
            data,
        }
    }
}
