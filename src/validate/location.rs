//! [`Loc`]: where in the instance a validator is, as a chain of segments on
//! the stack. The RFC 6901 pointer is only built when an error is reported,
//! so validating a valid value allocates nothing for paths. [`At`] is what
//! keyword checks take: a `&Loc`, or a [`Member`] or [`Item`] of one (the
//! parent and a name or index), which only becomes a `Loc` when an error is
//! reported, so inlined checks of a member's value write no `Loc` at all on
//! the valid path.

use std::fmt;

/// The location being validated: the parent location plus one member name
/// or array index.
#[derive(Clone, Copy)]
pub struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    segment: Segment<'a>,
    depth: u32,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl Loc<'static> {
    /// The instance itself (pointer `""`).
    pub const fn root() -> Loc<'static> {
        Loc {
            parent: None,
            segment: Segment::Root,
            depth: 0,
        }
    }
}

impl<'a> Loc<'a> {
    /// The member `key` of the object here.
    #[inline]
    pub fn key<'b>(&'b self, key: &'b str) -> Loc<'b> {
        Loc {
            parent: Some(self),
            segment: Segment::Key(key),
            depth: self.depth + 1,
        }
    }

    /// The item `index` of the array here.
    #[inline]
    pub fn index(&self, index: usize) -> Loc<'_> {
        Loc {
            parent: Some(self),
            segment: Segment::Index(index),
            depth: self.depth + 1,
        }
    }

    /// How many members and items deep this is.
    #[inline]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The RFC 6901 JSON pointer (`/children/_/data`; `""` at the root).
    pub fn pointer(&self) -> String {
        let mut segments = Vec::with_capacity(self.depth as usize);
        let mut here = Some(self);
        while let Some(loc) = here {
            segments.push(loc.segment);
            here = loc.parent;
        }
        let mut out = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Key(key) => {
                    out.push('/');
                    for c in key.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
                Segment::Index(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }
}

/// A location keyword checks report errors at.
pub trait At: Copy {
    /// The RFC 6901 pointer to this location.
    fn pointer(self) -> String;
}

impl At for &Loc<'_> {
    fn pointer(self) -> String {
        Loc::pointer(self)
    }
}

/// The member `key` of the object at `parent`, as an [`At`].
#[derive(Clone, Copy)]
pub struct Member<'a> {
    parent: &'a Loc<'a>,
    key: &'a str,
}

impl At for Member<'_> {
    fn pointer(self) -> String {
        self.parent.key(self.key).pointer()
    }
}

/// The item `index` of the array at `parent`, as an [`At`].
#[derive(Clone, Copy)]
pub struct Item<'a> {
    parent: &'a Loc<'a>,
    index: usize,
}

impl At for Item<'_> {
    fn pointer(self) -> String {
        self.parent.index(self.index).pointer()
    }
}

impl<'a> Loc<'a> {
    /// The member `key` of the object here, as an [`At`]: no `Loc` is
    /// written unless an error is reported there. For generated code.
    #[doc(hidden)]
    #[inline]
    pub fn member<'b>(&'b self, key: &'b str) -> Member<'b> {
        Member { parent: self, key }
    }

    /// The item `index` of the array here, as an [`At`]. For generated
    /// code.
    #[doc(hidden)]
    #[inline]
    pub fn item(&self, index: usize) -> Item<'_> {
        Item {
            parent: self,
            index,
        }
    }
}

impl fmt::Debug for Loc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Loc({:?})", self.pointer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_indexes() {
        let root = Loc::root();
        assert_eq!(root.pointer(), "");
        let children = root.key("children");
        let branch = children.key("a/b~c");
        let item = branch.index(3);
        assert_eq!(item.pointer(), "/children/a~1b~0c/3");
        assert_eq!(item.depth(), 3);
        let empty = root.key("");
        assert_eq!(empty.pointer(), "/");
    }

    #[test]
    fn members_and_items_become_the_same_locs() {
        let root = Loc::root();
        let children = root.key("children");
        let member = children.member("a/b");
        assert_eq!(At::pointer(member), "/children/a~1b");
        assert_eq!(At::pointer(children.item(4)), "/children/4");
        assert_eq!(At::pointer(&root), "");
    }
}
