//! The walk: validates a value against a [`Plan`] node by node, calling
//! the same keyword checks (and so building the same messages) as the
//! compiled validators, at the same locations and schema paths, in the
//! same cases. Each `match`/`if` mirrors a choice the emitter
//! (`codegen/src/emit/validators/`) makes at generation time.

use super::plan::{
    AdditionalItems, AdditionalProperties, ArrayPlan, EnumPlan, ItemsPlan, Ix, NodePlan,
    NumberCheck, ObjectPlan, Plan, StringCheck,
};
use crate::private::keywords as kw;
use crate::validate::{Checker, Loc, Sink};
use serde_json::{Map, Number, Value};

/// The plan of `name` in `modules` (sorted by name).
fn find(modules: &[(String, Ix)], name: &str) -> Option<Ix> {
    modules
        .binary_search_by(|(m, _)| m.as_str().cmp(name))
        .ok()
        .map(|i| modules[i].1)
}

impl Plan {
    /// Whether `module` is one of the schemas' modules.
    pub(crate) fn module(&self, module: &str) -> Option<Ix> {
        find(&self.modules, module)
    }

    /// The module names, in name order.
    pub(crate) fn module_names(&self) -> impl Iterator<Item = &str> {
        self.modules.iter().map(|(m, _)| m.as_str())
    }

    /// Validates `data` against `callflows.<module>`; `false` when no
    /// schema has that name.
    pub(crate) fn module_data<S: Sink>(
        &self,
        module: &str,
        data: &Value,
        at: &Loc<'_>,
        s: &mut S,
    ) -> bool {
        match self.module(module) {
            Some(root) => {
                self.value(root, data, at, s);
                true
            }
            None => false,
        }
    }

    /// Reports that `module` names no schema.
    pub(crate) fn unknown_module<S: Sink>(&self, module: &str, at: &Loc<'_>, s: &mut S) {
        kw::unknown_module_among(s, at, &self.module_schema_path, module, self.module_names());
    }

    /// Kazoo's rule on a metaflow node `x`: `module` names a metaflow
    /// schema, `data` is checked against it.
    fn metaflow<S: Sink>(&self, x: &Map<String, Value>, at: &Loc<'_>, s: &mut S) {
        let Some(Value::String(module)) = x.get("module") else {
            return;
        };
        let found = find(&self.metaflow_modules, module);
        match (found, x.get("data")) {
            (Some(root), Some(d)) => self.value(root, d, &at.key("data"), s),
            (Some(_), None) => {}
            (None, _) => kw::unknown_metaflow_module(
                s,
                &at.key("module"),
                &self.metaflow_schema_path,
                module,
                self.metaflow_modules.iter().map(|(m, _)| m.as_str()),
            ),
        }
    }

    /// Whether `v` at `at` is valid against plan `ix`.
    fn check<S: Sink>(&self, ix: Ix, v: &Value, at: &Loc<'_>, s: &S) -> bool {
        if self.nodes[ix].trivial {
            return true;
        }
        let mut c = Checker::within(s);
        self.value(ix, v, at, &mut c);
        c.is_valid()
    }

    /// Validates `v` at `at` against plan `ix`.
    pub(crate) fn value<S: Sink>(&self, ix: Ix, v: &Value, at: &Loc<'_>, s: &mut S) {
        let p: &NodePlan = &self.nodes[ix];
        if p.trivial {
            return;
        }
        if let Some(sp) = &p.depth_check
            && kw::too_deep(s, at, sp)
        {
            return;
        }
        if let Some(t) = &p.types {
            kw::check_type(s, at, &t.path, t.value, v);
        }
        if let Some(e) = &p.enumeration {
            match &e.value {
                EnumPlan::Strings(list) => {
                    let listed = matches!(v, Value::String(x) if list.iter().any(|a| a == x));
                    if !listed {
                        let allowed: Vec<&str> = list.iter().map(String::as_str).collect();
                        kw::enum_miss(s, at, &e.path, v, &allowed);
                    }
                }
                EnumPlan::Values(list) => kw::enum_values(s, at, &e.path, v, list),
            }
        }
        match v {
            Value::String(x) => self.string(p, x, at, s),
            Value::Number(x) => number(p, x, at, s),
            Value::Array(x) => {
                if let Some(a) = &p.array {
                    self.array(a, x, at, s);
                }
            }
            Value::Object(x) => {
                if let Some(o) = &p.object {
                    self.object(o, x, at, s);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
        self.combinators(p, v, at, s);
    }

    fn string<S: Sink>(&self, p: &NodePlan, x: &str, at: &Loc<'_>, s: &mut S) {
        for c in &p.strings {
            match c {
                StringCheck::MinLength(k) => kw::min_length(s, at, &k.path, x, k.value),
                StringCheck::MaxLength(k) => kw::max_length(s, at, &k.path, x, k.value),
                StringCheck::Pattern(k) => kw::pattern(s, at, &k.path, &self.patterns[k.value], x),
                StringCheck::Format(k) => kw::format(s, at, &k.path, &k.value, x),
                StringCheck::ClientUrl(k) => kw::client_url(s, at, &k.path, x),
            }
        }
    }

    fn array<S: Sink>(&self, a: &ArrayPlan, x: &[Value], at: &Loc<'_>, s: &mut S) {
        if let Some(k) = &a.min_items {
            kw::min_items(s, at, &k.path, x.len(), k.value);
        }
        if let Some(k) = &a.max_items {
            kw::max_items(s, at, &k.path, x.len(), k.value);
        }
        if let Some(sp) = &a.unique {
            kw::unique(s, at, sp, kw::first_duplicate(x));
        }
        match &a.items {
            ItemsPlan::None => {}
            ItemsPlan::All(item) => {
                if !self.nodes[*item].trivial {
                    for (i, y) in x.iter().enumerate() {
                        self.value(*item, y, &at.index(i), s);
                    }
                }
            }
            ItemsPlan::Tuple(list, additional) => {
                for (k, (item, y)) in list.iter().zip(x).enumerate() {
                    self.value(*item, y, &at.index(k), s);
                }
                match additional {
                    None => {}
                    Some(AdditionalItems::Forbidden(k)) => {
                        kw::max_items_tuple(s, at, &k.path, x.len(), k.value);
                    }
                    Some(AdditionalItems::Schema(extra)) => {
                        for (i, y) in x.iter().enumerate().skip(list.len()) {
                            self.value(*extra, y, &at.index(i), s);
                        }
                    }
                }
            }
        }
    }

    fn object<S: Sink>(&self, o: &ObjectPlan, x: &Map<String, Value>, at: &Loc<'_>, s: &mut S) {
        if let Some(k) = &o.min_properties {
            kw::min_properties(s, at, &k.path, x.len(), k.value);
        }
        if let Some(k) = &o.max_properties {
            kw::max_properties(s, at, &k.path, x.len(), k.value);
        }
        if o.walk {
            for (key, y) in x {
                let key: &str = key;
                let mut matched = false;
                if let Ok(i) = o
                    .properties
                    .binary_search_by(|(name, _)| name.as_str().cmp(key))
                {
                    matched = true;
                    self.value(o.properties[i].1, y, &at.key(key), s);
                }
                for (pattern, pp) in &o.pattern_properties {
                    if kw::key_matches(&self.patterns[*pattern], key) {
                        matched = true;
                        self.value(*pp, y, &at.key(key), s);
                    }
                }
                if !matched {
                    match &o.additional {
                        None => {}
                        Some(AdditionalProperties::Forbidden(k)) => {
                            let known: Vec<&str> = k.value.iter().map(String::as_str).collect();
                            kw::not_allowed(s, at, &k.path, key, &known);
                        }
                        Some(AdditionalProperties::Schema(a)) => {
                            self.value(*a, y, &at.key(key), s);
                        }
                    }
                }
            }
        }
        for r in &o.required.value {
            if !x.contains_key(r) {
                kw::missing(s, at, &o.required.path, r);
            }
        }
        for d in &o.dependencies {
            let (name, needs) = &d.value;
            if !x.contains_key(name) {
                continue;
            }
            for need in needs {
                if !x.contains_key(need) {
                    kw::dependency(s, at, &d.path, name, need);
                }
            }
        }
        if o.metaflow {
            self.metaflow(x, at, s);
        }
        if let Some(rule) = &o.kazoo {
            if let Some(Value::String(module)) = x.get("module") {
                let known = match x.get("data") {
                    Some(d) => self.module_data(module, d, &at.key("data"), s),
                    None => self.module(module).is_some(),
                };
                if !known {
                    self.unknown_module(module, &at.key("module"), s);
                }
            }
            if let Some(node) = rule.children
                && let Some(Value::Object(children)) = x.get("children")
            {
                let at = &at.key("children");
                for (k, y) in children {
                    self.value(node, y, &at.key(k), s);
                }
            }
        }
    }

    fn combinators<S: Sink>(&self, p: &NodePlan, v: &Value, at: &Loc<'_>, s: &mut S) {
        for b in &p.all_of {
            self.value(*b, v, at, s);
        }
        if let Some(k) = &p.any_of {
            let matched = k.value.iter().any(|b| self.check(*b, v, at, s));
            if !matched {
                kw::any_of_failed(s, at, &k.path, k.value.len());
            }
        }
        if let Some(k) = &p.one_of {
            let matched: Vec<bool> = k.value.iter().map(|b| self.check(*b, v, at, s)).collect();
            kw::one_of(s, at, &k.path, &matched);
        }
        if let Some(k) = &p.not
            && self.check(k.value, v, at, s)
        {
            kw::not_failed(s, at, &k.path);
        }
        for d in &p.schema_dependencies {
            let (name, schema) = &d.value;
            if let Value::Object(m) = v
                && m.contains_key(name)
                && !self.check(*schema, v, at, s)
            {
                kw::dependency_schema(s, at, &d.path, name);
            }
        }
    }
}

fn number<S: Sink>(p: &NodePlan, x: &Number, at: &Loc<'_>, s: &mut S) {
    for c in &p.numbers {
        match c {
            NumberCheck::Minimum(k) => kw::minimum(s, at, &k.path, x, k.value.0, k.value.1),
            NumberCheck::Maximum(k) => kw::maximum(s, at, &k.path, x, k.value.0, k.value.1),
            NumberCheck::MultipleOf(k) => kw::multiple_of(s, at, &k.path, x, k.value),
        }
    }
}
