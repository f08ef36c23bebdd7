//! Test inputs generated from the schemas: for every module, sample data
//! (required members only, and every member), then at every location of
//! that data the mutations that probe each keyword — wrong types, enum
//! misses and case changes, bounds and fractions, lengths in multi-byte
//! characters, patterns, missing required members, additional members,
//! duplicate and missing items — plus node- and document-level mutations,
//! nesting as children, and the corpus with its nodes mutated.

use kazoo_callflows_codegen::SchemaGraph;
use kazoo_callflows_codegen::ir::schema::{Additional, Items, JsonType, NodeId};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// How a case is validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A callflow document.
    Document,
    /// A callflow node.
    Node,
    /// The bare data of a module.
    Module(String),
}

/// One input.
#[derive(Debug, Clone)]
pub struct Case {
    /// What it is (`ring_group: /data/timeout minimum-1`).
    pub name: String,
    /// How it is validated.
    pub kind: Kind,
    /// The JSON.
    pub value: Value,
}

/// One change to a value.
enum Change {
    Replace(Value),
    Remove(String),
    Add(String, Value),
}

struct Gen<'g> {
    graph: &'g SchemaGraph,
}

fn regex_matches(pattern: &str, text: &str) -> bool {
    regress::Regex::new(pattern).is_ok_and(|re| re.find(text).is_some())
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Gen<'_> {
    fn d(&self, n: NodeId) -> NodeId {
        self.graph.deref(n)
    }

    fn sample_string(&self, n: NodeId) -> String {
        let node = self.graph.node(n);
        let mut s = match node.format.as_deref() {
            Some("email") => String::from("user@example.com"),
            Some("uri") => String::from("http://example.com/x"),
            Some("date-time") => String::from("2024-01-01T00:00:00Z"),
            Some("ipv4") => String::from("10.0.0.1"),
            Some("ipv6") => String::from("::1"),
            _ => String::from("sample"),
        };
        if let Some(p) = &node.pattern {
            let candidates = [
                "1234",
                "http://example.com",
                "en-US",
                "abc_1",
                "a",
                "sample",
            ];
            if let Some(c) = candidates.iter().find(|c| regex_matches(p, c)) {
                s = c.to_string();
            }
        }
        let len = s.chars().count() as u64;
        if let Some(min) = node.min_length
            && len < min
        {
            s.push_str(&"x".repeat((min - len) as usize));
        }
        if let Some(max) = node.max_length
            && (s.chars().count() as u64) > max
        {
            s = s.chars().take(max as usize).collect();
        }
        s
    }

    fn sample_number(&self, n: NodeId, integer: bool) -> Value {
        let node = self.graph.node(n);
        let lo = node.minimum.as_ref().and_then(|m| m.as_f64());
        let hi = node.maximum.as_ref().and_then(|m| m.as_f64());
        let mut x = match (lo, hi) {
            (Some(l), _) if node.exclusive_minimum => l + 1.0,
            (Some(l), _) => l,
            (None, Some(h)) if h < 1.0 => h - 1.0,
            _ => 1.0,
        };
        if let Some(h) = hi
            && x > h
        {
            x = h;
        }
        if integer || x.fract() == 0.0 {
            json!(x as i64)
        } else {
            json!(x)
        }
    }

    /// A value for `n`: `full` fills every property, otherwise only the
    /// required ones.
    fn sample(&self, n: NodeId, full: bool, depth: usize) -> Value {
        let n = self.d(n);
        let node = self.graph.node(n);
        if depth > 6 {
            return json!({});
        }
        if let Some(values) = &node.enumeration {
            return values[values.len() - 1].clone();
        }
        if let Some(b) = node
            .one_of
            .first()
            .or(node.any_of.first())
            .or(node.all_of.first())
        {
            return self.sample(*b, full, depth + 1);
        }
        let t = match &node.types {
            Some(ts) => [
                JsonType::Object,
                JsonType::String,
                JsonType::Integer,
                JsonType::Number,
                JsonType::Boolean,
                JsonType::Array,
                JsonType::Null,
            ]
            .into_iter()
            .find(|t| ts.contains(t))
            .unwrap_or(JsonType::Null),
            None if !node.properties.is_empty() => JsonType::Object,
            None if node.items.is_some() => JsonType::Array,
            None => JsonType::String,
        };
        match t {
            JsonType::String => Value::String(self.sample_string(n)),
            JsonType::Integer => self.sample_number(n, true),
            JsonType::Number => self.sample_number(n, false),
            JsonType::Boolean => json!(true),
            JsonType::Null => Value::Null,
            JsonType::Array => {
                let count = node.min_items.unwrap_or(0).max(u64::from(full)) as usize;
                let item = match &node.items {
                    Some(Items::All(i)) => Some(*i),
                    _ => None,
                };
                let items: Vec<Value> = (0..count)
                    .map(|i| {
                        let v = item.map_or(json!("item"), |it| self.sample(it, full, depth + 1));
                        distinct(v, i)
                    })
                    .collect();
                Value::Array(items)
            }
            JsonType::Object => {
                let mut m = Map::new();
                for (name, p) in &node.properties {
                    if full || node.is_required(name) {
                        m.insert(name.clone(), self.sample(*p, full, depth + 1));
                    }
                }
                for r in &node.required {
                    if !m.contains_key(r) {
                        m.insert(r.clone(), json!("required"));
                    }
                }
                Value::Object(m)
            }
        }
    }

    /// The schema nodes that apply to member `key` of an object under `n`.
    fn member_nodes(&self, n: NodeId, key: &str) -> Vec<NodeId> {
        let node = self.graph.node(n);
        let mut out: Vec<NodeId> = node.property(key).into_iter().collect();
        for (p, pp) in &node.pattern_properties {
            if regex_matches(p, key) {
                out.push(*pp);
            }
        }
        if out.is_empty()
            && let Some(Additional::Schema(a)) = &node.additional_properties
        {
            out.push(*a);
        }
        out
    }

    /// Every location of `v` with the schema node that applies there.
    fn locations(&self, v: &Value, n: NodeId, ptr: &str, out: &mut Vec<(String, NodeId)>) {
        let n = self.d(n);
        out.push((ptr.to_string(), n));
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    for a in self.member_nodes(n, k) {
                        self.locations(x, a, &format!("{ptr}/{}", escape(k)), out);
                    }
                }
            }
            Value::Array(items) => {
                if let Some(Items::All(i)) = &self.graph.node(n).items {
                    for (idx, x) in items.iter().enumerate() {
                        self.locations(x, *i, &format!("{ptr}/{idx}"), out);
                    }
                }
            }
            _ => {}
        }
    }

    /// The mutations probing `n`'s keywords at a location holding `cur`.
    fn changes(&self, n: NodeId, cur: &Value, seed: usize) -> Vec<(String, Change)> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        let others = [
            json!("text"),
            json!(7),
            json!(2.5),
            json!(true),
            Value::Null,
            json!([]),
            json!({}),
        ];
        let mut picked = 0;
        for i in 0..others.len() {
            let alt = &others[(i + seed) % others.len()];
            if type_of(alt) != type_of(cur) && picked < 3 {
                out.push((
                    format!("type {}", type_of(alt)),
                    Change::Replace(alt.clone()),
                ));
                picked += 1;
            }
        }
        if let Some(values) = &node.enumeration {
            out.push((
                String::from("enum miss"),
                Change::Replace(json!("zzz-not-a-value")),
            ));
            if let Some(Value::String(first)) = values.first() {
                let upper = first.to_uppercase();
                if upper != *first {
                    out.push((String::from("enum case"), Change::Replace(json!(upper))));
                }
                let mut near: String = first.clone();
                near.pop();
                out.push((String::from("enum near miss"), Change::Replace(json!(near))));
            }
            for v in values.iter().take(3) {
                out.push((String::from("enum value"), Change::Replace(v.clone())));
            }
            if values.iter().any(Value::is_number) {
                out.push((
                    String::from("enum number as float"),
                    Change::Replace(json!(8000.0)),
                ));
            }
        }
        let numeric = node
            .types
            .as_ref()
            .is_some_and(|t| t.contains(&JsonType::Integer) || t.contains(&JsonType::Number));
        if numeric || node.minimum.is_some() || node.maximum.is_some() {
            if let Some(min) = node.minimum.as_ref().and_then(|m| m.as_i64()) {
                out.push((String::from("minimum-1"), Change::Replace(json!(min - 1))));
                out.push((String::from("minimum"), Change::Replace(json!(min))));
                out.push((
                    String::from("minimum-0.5"),
                    Change::Replace(json!(min as f64 - 0.5)),
                ));
            }
            if let Some(max) = node.maximum.as_ref().and_then(|m| m.as_i64()) {
                out.push((String::from("maximum+1"), Change::Replace(json!(max + 1))));
                out.push((String::from("maximum"), Change::Replace(json!(max))));
                out.push((
                    String::from("maximum as float"),
                    Change::Replace(json!(max as f64)),
                ));
            }
            out.push((String::from("fraction"), Change::Replace(json!(1.5))));
            out.push((String::from("integral float"), Change::Replace(json!(2.0))));
            out.push((String::from("negative"), Change::Replace(json!(-5))));
            out.push((String::from("u64 max"), Change::Replace(json!(u64::MAX))));
            out.push((String::from("exponent"), Change::Replace(json!(1e3))));
        }
        let stringy = node
            .types
            .as_ref()
            .is_some_and(|t| t.contains(&JsonType::String))
            || node.min_length.is_some()
            || node.max_length.is_some()
            || node.pattern.is_some();
        if stringy {
            if let Some(min) = node.min_length {
                let short = "é".repeat(min.saturating_sub(1) as usize);
                out.push((String::from("minLength-1"), Change::Replace(json!(short))));
                out.push((
                    String::from("minLength multibyte"),
                    Change::Replace(json!("😀".repeat(min as usize))),
                ));
            }
            if let Some(max) = node.max_length {
                out.push((
                    String::from("maxLength+1"),
                    Change::Replace(json!("é".repeat(max as usize + 1))),
                ));
                out.push((
                    String::from("maxLength multibyte"),
                    Change::Replace(json!("日".repeat(max as usize))),
                ));
            }
            if node.pattern.is_some() {
                out.push((
                    String::from("pattern miss"),
                    Change::Replace(json!("no match!")),
                ));
                out.push((String::from("pattern digits"), Change::Replace(json!("٣٤"))));
                out.push((
                    String::from("pattern newline"),
                    Change::Replace(json!("1234\n")),
                ));
                out.push((
                    String::from("pattern url"),
                    Change::Replace(json!("https://example.com")),
                ));
            }
            if let Some(f) = &node.format {
                out.push((
                    format!("format {f} miss"),
                    Change::Replace(json!("not@valid@format")),
                ));
            }
            out.push((String::from("empty string"), Change::Replace(json!(""))));
        }
        if let Value::Object(m) = cur {
            for r in &node.required {
                if m.contains_key(r) {
                    out.push((format!("missing {r}"), Change::Remove(r.clone())));
                }
            }
            if let Some(k) = m.keys().find(|k| !node.is_required(k)) {
                out.push((format!("optional {k} removed"), Change::Remove(k.clone())));
            }
            out.push((
                String::from("additional member"),
                Change::Add(String::from("unexpected_member"), json!("x")),
            ));
            out.push((
                String::from("additional typo"),
                Change::Add(
                    typo(node.properties.first().map(|(k, _)| k.as_str())),
                    json!(1),
                ),
            ));
            if !node.pattern_properties.is_empty() {
                out.push((
                    String::from("pattern key miss"),
                    Change::Add(String::from("bad key!"), json!("x")),
                ));
                out.push((
                    String::from("pattern key match"),
                    Change::Add(String::from("1234"), json!("x")),
                ));
                out.push((
                    String::from("pattern key empty"),
                    Change::Add(String::new(), json!("x")),
                ));
            }
        }
        // The keywords of `allOf`/`anyOf`/`oneOf`/`not` branches, probed at
        // the same location.
        let branches: Vec<NodeId> = node
            .all_of
            .iter()
            .chain(&node.any_of)
            .chain(&node.one_of)
            .chain(node.not.iter())
            .copied()
            .collect();
        for b in branches {
            let b = self.d(b);
            if b != n {
                for (what, change) in self.changes(b, cur, seed + 1) {
                    out.push((format!("branch: {what}"), change));
                }
            }
        }
        if let Value::Array(items) = cur {
            out.push((String::from("empty array"), Change::Replace(json!([]))));
            if let Some(first) = items.first() {
                out.push((
                    String::from("duplicate item"),
                    Change::Replace(json!([first, first])),
                ));
                out.push((
                    String::from("wrong item"),
                    Change::Replace(json!([first, {"x": [1]}])),
                ));
            }
            out.push((
                String::from("numbers equal by value"),
                Change::Replace(json!([1, 1.0])),
            ));
            out.push((
                String::from("strings"),
                Change::Replace(json!(["a", "b", "a"])),
            ));
        }
        out
    }
}

/// `v` made distinct from earlier items (`i`-th).
fn distinct(v: Value, i: usize) -> Value {
    if i == 0 {
        return v;
    }
    match v {
        Value::String(s) => Value::String(format!("{s}{i}")),
        Value::Number(n) => json!(n.as_i64().unwrap_or(0) + i as i64),
        other => other,
    }
}

/// A likely misspelling of a property name.
fn typo(name: Option<&str>) -> String {
    match name {
        Some(n) if n.len() > 2 => {
            let mut c: Vec<char> = n.chars().collect();
            c.swap(1, 2);
            c.into_iter().collect()
        }
        _ => String::from("tiemout"),
    }
}

/// Applies `change` at `ptr` of a copy of `v`.
fn apply(v: &Value, ptr: &str, change: &Change) -> Option<Value> {
    let mut out = v.clone();
    let target = out.pointer_mut(ptr)?;
    match change {
        Change::Replace(x) => *target = x.clone(),
        Change::Remove(k) => {
            target.as_object_mut()?.remove(k)?;
        }
        Change::Add(k, x) => {
            target.as_object_mut()?.insert(k.clone(), x.clone());
        }
    }
    Some(out)
}

fn node(module: &str, data: Value) -> Value {
    json!({"module": module, "data": data})
}

/// Every case for the schemas in `graph`, with the corpus.
pub fn cases(graph: &SchemaGraph, corpus: &[(String, String)]) -> Vec<Case> {
    let g = Gen { graph };
    let mut out = Vec::new();
    let modules: Vec<(String, NodeId)> = graph
        .modules()
        .filter_map(|f| Some((f.module.clone()?, f.root)))
        .collect();
    let mut seed = 0usize;
    let mut module_cases = Vec::new();
    for (m, root) in &modules {
        for full in [false, true] {
            let data = g.sample(*root, full, 0);
            let label = if full { "full" } else { "minimal" };
            module_cases.push(Case {
                name: format!("{m} {label}"),
                kind: Kind::Node,
                value: node(m, data.clone()),
            });
            let mut locs = Vec::new();
            g.locations(&data, *root, "", &mut locs);
            let mut seen = BTreeSet::new();
            for (ptr, n) in locs {
                if !seen.insert((ptr.clone(), n)) {
                    continue;
                }
                let Some(cur) = data.pointer(&ptr) else {
                    continue;
                };
                for (what, change) in g.changes(n, cur, seed) {
                    seed += 1;
                    let Some(mutated) = apply(&data, &ptr, &change) else {
                        continue;
                    };
                    let name = format!("{m} {label}: {ptr} {what}");
                    if seed.is_multiple_of(3) {
                        module_cases.push(Case {
                            name: format!("{name} (bare data)"),
                            kind: Kind::Module(m.clone()),
                            value: mutated.clone(),
                        });
                    }
                    module_cases.push(Case {
                        name,
                        kind: Kind::Node,
                        value: node(m, mutated),
                    });
                }
            }
        }
    }
    // Node-level mutations of each module's minimal node.
    for (i, (m, root)) in modules.iter().enumerate() {
        let data = g.sample(*root, false, 0);
        let base = node(m, data.clone());
        let mut upper = m.to_uppercase();
        if upper == *m {
            upper.push('X');
        }
        let mut shorter = m.clone();
        shorter.pop();
        let variants: Vec<(&str, Value)> = vec![
            ("module plural", node(&format!("{m}s"), data.clone())),
            ("module truncated", node(&shorter, data.clone())),
            ("module upper case", node(&upper, data.clone())),
            ("module empty", node("", data.clone())),
            ("module too long", node(&"m".repeat(65), data.clone())),
            ("module number", json!({"module": 5, "data": data.clone()})),
            ("no data", json!({"module": m})),
            ("no module", json!({"data": data.clone()})),
            ("data array", json!({"module": m, "data": []})),
            ("data string", json!({"module": m, "data": "x"})),
            (
                "children string",
                json!({"module": m, "data": data.clone(), "children": "x"}),
            ),
            (
                "child string",
                json!({"module": m, "data": data.clone(), "children": {"_": "x"}}),
            ),
            (
                "child unknown",
                json!({"module": m, "data": data.clone(), "children": {"_": node("nosuchmodule", json!({}))}}),
            ),
            (
                "child empty key",
                json!({"module": m, "data": data.clone(), "children": {"": {"module": 7}}}),
            ),
            (
                "child newline key",
                json!({"module": m, "data": data.clone(), "children": {"\n": {"module": 7}}}),
            ),
            (
                "child line separator key",
                json!({"module": m, "data": data.clone(), "children": {"\u{2028}x": {"module": 7}}}),
            ),
            (
                "node extra member",
                json!({"module": m, "data": data.clone(), "extra": {"a": 1}}),
            ),
            ("node valid", base.clone()),
        ];
        for (what, v) in variants {
            out.push(Case {
                name: format!("{m}: {what}"),
                kind: Kind::Node,
                value: v,
            });
        }
        // The node in a document, and as a child of another module's node.
        let parent = &modules[(i + 1) % modules.len()];
        let parent_data = g.sample(parent.1, false, 0);
        out.push(Case {
            name: format!("{m}: in a document"),
            kind: Kind::Document,
            value: json!({"flow": base.clone(), "numbers": ["1000"], "name": m}),
        });
        out.push(Case {
            name: format!("{m}: child of {}", parent.0),
            kind: Kind::Node,
            value: json!({"module": parent.0, "data": parent_data, "children": {"_": base.clone(), "1": base}}),
        });
    }
    // Module mutants, some nested as children in documents.
    for (i, c) in module_cases.into_iter().enumerate() {
        if c.kind == Kind::Node && i.is_multiple_of(5) {
            let (pm, proot) = &modules[i % modules.len()];
            out.push(Case {
                name: format!("{} (child of {pm} in a document)", c.name),
                kind: Kind::Document,
                value: json!({
                    "flow": {
                        "module": pm,
                        "data": g.sample(*proot, false, 0),
                        "children": {"_": c.value.clone(), "timeout": {"module": "tts", "data": {"text": "x"}}}
                    },
                    "numbers": ["1000"]
                }),
            });
        }
        out.push(c);
    }
    // Document-level mutations.
    if let Some(doc) = graph.file_by_id("callflows") {
        let flow = node("tts", json!({"text": "hello"}));
        let base = json!({"flow": flow, "numbers": ["1000", "1001"], "patterns": ["^\\*7$"], "name": "x", "flags": ["a"], "featurecode": {"name": "n", "number": "1"}, "ringback": {"early": "a", "transfer": "b"}});
        let mut locs = Vec::new();
        g.locations(&base, doc.root, "", &mut locs);
        for (ptr, n) in locs {
            if ptr.starts_with("/flow") {
                continue;
            }
            let Some(cur) = base.pointer(&ptr) else {
                continue;
            };
            for (what, change) in g.changes(n, cur, seed) {
                seed += 1;
                if let Some(v) = apply(&base, &ptr, &change) {
                    out.push(Case {
                        name: format!("document: {ptr} {what}"),
                        kind: Kind::Document,
                        value: v,
                    });
                }
            }
        }
        for (what, v) in [
            ("no flow", json!({"numbers": ["1"]})),
            ("flow string", json!({"flow": "x"})),
            (
                "metaflow",
                json!({"flow": flow, "metaflow": {"numbers": {"12": {"module": "hold"}}, "patterns": {"": {}}, "binding_digit": "x"}}),
            ),
            (
                "metaflow bad key",
                json!({"flow": flow, "metaflow": {"numbers": {"x1": {"module": "hold"}}}}),
            ),
            ("valid", base.clone()),
        ] {
            out.push(Case {
                name: format!("document: {what}"),
                kind: Kind::Document,
                value: v,
            });
        }
    }
    // The corpus, and its nodes' data mutated.
    for (name, text) in corpus {
        let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (kind, flow_ptr) = if v.get("flow").is_some() {
            (Kind::Document, "/flow")
        } else {
            (Kind::Node, "")
        };
        let mut nodes = Vec::new();
        collect_nodes(&v, flow_ptr, &mut nodes);
        for node_ptr in nodes {
            let Some(module) = v
                .pointer(&format!("{node_ptr}/module"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let Some((_, root)) = modules.iter().find(|(m, _)| m == module) else {
                continue;
            };
            let data_ptr = format!("{node_ptr}/data");
            let Some(data) = v.pointer(&data_ptr) else {
                continue;
            };
            let mut locs = Vec::new();
            g.locations(data, *root, &data_ptr, &mut locs);
            for (ptr, n) in locs {
                let Some(cur) = v.pointer(&ptr) else { continue };
                for (what, change) in g.changes(n, cur, seed) {
                    seed += 1;
                    if let Some(m) = apply(&v, &ptr, &change) {
                        out.push(Case {
                            name: format!("{name}: {ptr} {what}"),
                            kind: kind.clone(),
                            value: m,
                        });
                    }
                }
            }
        }
        out.push(Case {
            name: name.clone(),
            kind,
            value: v,
        });
    }
    out
}

/// Pointers of every node of the tree at `ptr`.
fn collect_nodes(v: &Value, ptr: &str, out: &mut Vec<String>) {
    let Some(node) = v.pointer(ptr) else { return };
    out.push(ptr.to_string());
    if let Some(Value::Object(children)) = node.get("children") {
        for k in children.keys() {
            collect_nodes(v, &format!("{ptr}/children/{}", escape(k)), out);
        }
    }
}
