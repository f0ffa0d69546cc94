//! Saving a form's data into the user's YAML text without losing the text:
//! [`patch`] changes only the parts of the old text whose values changed,
//! so the comments, key order, quoting, flow or block style and blank lines
//! of everything else stay byte for byte. The web page sends the whole
//! document as JSON after each edit; a clerk's comments must survive that.
//!
//! The old text is read twice: by serde_yaml (its values) and by
//! saphyr-parser (where each node is). The two are walked together against
//! the new value, and each difference becomes a text edit at a position of
//! the old text. The edited text is parsed again and compared with the new
//! value: whatever the edits missed, the answer is never wrong (it then
//! falls back to writing the document anew under its leading comments).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Value};

/// The text of `old` changed to hold `new`: it parses to exactly `new`,
/// and keeps the old text outside what changed. An error (in Vietnamese)
/// only when `old` is not YAML that the program reads.
pub fn patch(old: &str, new: &Value) -> Result<String, String> {
    let old_value = read(old)?;
    if &old_value == new {
        return Ok(old.to_owned());
    }
    if let Some(text) = fine(old, &old_value, new).filter(|t| parses_to(t, new)) {
        return Ok(text);
    }
    let order = tree(old).map(|root| Order::of(&root)).unwrap_or_default();
    let text = format!("{}{}", leading_comments(old), emit_document(new, &order));
    if parses_to(&text, new) {
        return Ok(text);
    }
    serde_yaml::to_string(new).map_err(|e| format!("không ghi được dữ liệu thành YAML: {e}"))
}

fn read(text: &str) -> Result<Value, String> {
    // serde_yaml's own value refuses a key given twice; serde_json's would
    // keep the last one silently.
    match serde_yaml::from_str::<serde_yaml::Value>(text).and_then(|_| serde_yaml::from_str::<Value>(text)) {
        Ok(v) => Ok(v),
        // A file of comments only is an empty document.
        Err(_) if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => {
            Ok(Value::Null)
        }
        Err(e) => Err(format!("nội dung YAML hiện tại không đọc được: {e}")),
    }
}

fn parses_to(text: &str, value: &Value) -> bool {
    read(text).is_ok_and(|v| &v == value)
}

/// The comment and blank lines the text starts with (its header).
fn leading_comments(text: &str) -> String {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || t.starts_with('#')) {
            break;
        }
        end += line.len();
    }
    let head = &text[..end];
    if head.is_empty() || head.ends_with('\n') { head.to_owned() } else { format!("{head}\n") }
}

// ---------------------------------------------------------------- the tree

/// One node of the old text: where its value is, in bytes.
struct Node {
    kind: Kind,
    start: usize,
    end: usize,
    col: usize,
}

enum Kind {
    /// `empty`: a plain scalar with no text (`key:` alone).
    Scalar {
        style: ScalarStyle,
        empty: bool,
    },
    Alias,
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
    Seq {
        flow: bool,
        items: Vec<Node>,
    },
}

struct Entry {
    key: String,
    key_start: usize,
    key_end: usize,
    col: usize,
    value: Node,
}

struct Reader<'t> {
    text: &'t str,
    /// The byte offset of each character (the parser counts characters).
    bytes: Vec<usize>,
    events: std::vec::IntoIter<(Event<'t>, Span)>,
}

impl<'t> Reader<'t> {
    fn byte(&self, char_index: usize) -> usize {
        self.bytes.get(char_index).copied().unwrap_or(self.text.len())
    }

    fn node(&mut self) -> Option<Node> {
        let (event, span) = self.events.next()?;
        self.node_from(event, span)
    }

    fn node_from(&mut self, event: Event<'t>, span: Span) -> Option<Node> {
        let start = self.byte(span.start.index());
        let col = span.start.col();
        let mut end = self.byte(span.end.index()).max(start);
        let kind = match event {
            Event::Scalar(value, style, _, _) => {
                if matches!(style, ScalarStyle::Folded | ScalarStyle::Literal) {
                    // The parser's span takes in the blank lines after the scalar.
                    end = start + self.text[start..end].trim_end().len();
                }
                if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                    && let Some(close) = closing_quote(&self.text[start..])
                {
                    // The parser's span of an empty quoted string runs past
                    // it, over a comment after it: to its closing quote.
                    end = start + close;
                }
                // The parser gives a missing value as `~` with an empty span.
                let empty = style == ScalarStyle::Plain && (value.is_empty() || end == start);
                // An empty string is quoted only because it is empty: once it
                // holds text it is written as any new value is.
                let style = if value.is_empty()
                    && matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                {
                    ScalarStyle::Plain
                } else {
                    style
                };
                Kind::Scalar { style, empty }
            }
            Event::Alias(_) => Kind::Alias,
            Event::SequenceStart(..) => {
                let flow = self.text[start..].starts_with('[');
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.events.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        end = self.collection_end(flow, b']', span, items.last().map(|n: &Node| n.end))?;
                        break;
                    }
                    items.push(self.node_from(event, span)?);
                }
                Kind::Seq { flow, items }
            }
            Event::MappingStart(..) => {
                let flow = self.text[start..].starts_with('{');
                let mut entries = Vec::new();
                loop {
                    let (event, span) = self.events.next()?;
                    if matches!(event, Event::MappingEnd) {
                        end = self.collection_end(
                            flow,
                            b'}',
                            span,
                            entries.last().map(|e: &Entry| e.value.end),
                        )?;
                        break;
                    }
                    let Event::Scalar(key, ..) = &event else { return None };
                    let key = key.to_string();
                    let key_node = self.node_from(event, span)?;
                    let value = self.node()?;
                    entries.push(Entry {
                        key,
                        key_start: key_node.start,
                        key_end: key_node.end,
                        col: key_node.col,
                        value,
                    });
                }
                Kind::Map { flow, entries }
            }
            _ => return None,
        };
        Some(Node { kind, start, end, col })
    }

    /// A flow collection ends after its bracket; a block one with its last child.
    fn collection_end(&self, flow: bool, bracket: u8, span: Span, last: Option<usize>) -> Option<usize> {
        if flow {
            let at = self.byte(span.start.index());
            (self.text.as_bytes().get(at) == Some(&bracket)).then_some(at + 1)
        } else {
            last
        }
    }
}

/// The root node of `text`, or None when the parser reads it otherwise
/// than serde_yaml did (the caller then writes the document anew).
fn tree(text: &str) -> Option<Node> {
    let mut events = Vec::new();
    for e in Parser::new_from_str(text) {
        events.push(e.ok()?);
    }
    let mut reader =
        Reader { text, bytes: text.char_indices().map(|(b, _)| b).collect(), events: events.into_iter() };
    loop {
        let (event, span) = reader.events.next()?;
        match event {
            Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::StreamEnd | Event::DocumentEnd => return None,
            event => return reader.node_from(event, span),
        }
    }
}

// ---------------------------------------------------------------- the edits

struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Where a node stands, which decides how its replacement is written.
#[derive(Clone, Copy)]
enum Ctx {
    Root,
    /// A block mapping's value: `after` is just past the key's colon, `col`
    /// the key's column.
    Value {
        after: usize,
        col: usize,
    },
    /// A block sequence's item: `after` is just past its dash, `col` the
    /// dash's column.
    Item {
        after: usize,
        col: usize,
    },
    /// Inside a flow collection.
    Flow,
}

struct Patcher<'t> {
    text: &'t str,
    edits: Vec<Edit>,
    order: Order,
}

/// The order new keys are written in: as the old text orders them (the
/// least place each key has in a mapping there), then by name. serde_json
/// keeps keys sorted, which would put `cung_dong` before `muc`.
#[derive(Default)]
struct Order {
    place: HashMap<String, usize>,
}

impl Order {
    fn of(node: &Node) -> Order {
        fn walk(node: &Node, place: &mut HashMap<String, usize>) {
            match &node.kind {
                Kind::Map { entries, .. } => {
                    for (i, e) in entries.iter().enumerate() {
                        let p = place.entry(e.key.clone()).or_insert(i);
                        *p = (*p).min(i);
                        walk(&e.value, place);
                    }
                }
                Kind::Seq { items, .. } => items.iter().for_each(|n| walk(n, place)),
                _ => {}
            }
        }
        let mut place = HashMap::new();
        walk(node, &mut place);
        Order { place }
    }

    fn sorted<'v>(&self, m: &'v Map<String, Value>) -> impl Iterator<Item = (&'v String, &'v Value)> {
        let mut entries: Vec<_> = m.iter().collect();
        entries.sort_by_key(|(k, _)| (self.place.get(*k).copied().unwrap_or(usize::MAX), *k));
        entries.into_iter()
    }
}

fn fine(old: &str, old_value: &Value, new: &Value) -> Option<String> {
    let root = tree(old)?;
    let order = Order::of(&root);
    let mut p = Patcher { text: old, edits: Vec::new(), order };
    p.change(&root, old_value, new, Ctx::Root).ok()?;
    p.apply()
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

impl Patcher<'_> {
    fn push(&mut self, start: usize, end: usize, text: impl Into<String>) {
        self.edits.push(Edit { start, end: end.max(start), text: text.into() });
    }

    /// A value written after its colon or dash, in the place of
    /// `after..end`. A block scalar takes the old value's trailing comment
    /// onto its header line (after its last line it would be text).
    fn push_after(&mut self, after: usize, end: usize, text: String) {
        let eol = self.text[end..].find('\n').map_or(self.text.len(), |i| end + i);
        let rest = &self.text[end..eol];
        match text.split_once('\n') {
            Some((header, body))
                if text.starts_with([' '])
                    && text[1..].starts_with(['|', '>'])
                    && rest.trim_start().starts_with('#') =>
            {
                self.push(after, eol, format!("{header}{rest}\n{body}"));
            }
            _ => self.push(after, end, text),
        }
    }

    /// The edited text: the edits in order of position (insertions at one
    /// place in the order they were made); overlapping deletions merge, any
    /// other overlap gives up.
    fn apply(mut self) -> Option<String> {
        let mut order: Vec<usize> = (0..self.edits.len()).collect();
        order.sort_by_key(|&i| (self.edits[i].start, self.edits[i].end, i));
        let mut out = String::with_capacity(self.text.len());
        let mut cursor = 0;
        let mut last_deleted = false;
        for i in order {
            let e = &self.edits[i];
            if e.start < cursor {
                if !(last_deleted && e.text.is_empty()) {
                    return None;
                }
                cursor = cursor.max(e.end);
                continue;
            }
            out.push_str(self.text.get(cursor..e.start)?);
            out.push_str(&e.text);
            cursor = e.end;
            last_deleted = e.text.is_empty() && e.end > e.start;
        }
        out.push_str(self.text.get(cursor..)?);
        self.edits.clear();
        Some(out)
    }

    fn line_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just past the end of the line `pos` is on (its comment included).
    fn line_after(&self, pos: usize) -> usize {
        self.text[pos..].find('\n').map_or(self.text.len(), |i| pos + i + 1)
    }

    fn first_on_line(&self, pos: usize) -> bool {
        self.text[self.line_start(pos)..pos].bytes().all(|b| b == b' ' || b == b'\t')
    }

    /// Just past the colon that follows a key.
    fn colon_after(&self, key_end: usize) -> Result<usize, ()> {
        let rest = &self.text[key_end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[gap..].starts_with(':') { Ok(key_end + gap + 1) } else { Err(()) }
    }

    /// The dash of a block sequence's item that starts at `start`.
    fn dash_before(&self, start: usize) -> Result<usize, ()> {
        let before = self.text[..start].trim_end_matches([' ', '\t', '\n', '\r']);
        if before.ends_with('-') { Ok(before.len() - 1) } else { Err(()) }
    }

    /// The end of the blank lines from `pos` (a line start).
    fn blank_lines_after(&self, pos: usize) -> usize {
        let mut end = pos;
        for line in self.text[pos..].split_inclusive('\n') {
            if !line.trim().is_empty() || !line.ends_with('\n') {
                break;
            }
            end += line.len();
        }
        end
    }

    /// The start of the blank lines that end at `pos` (a line start).
    fn blank_lines_before(&self, pos: usize) -> usize {
        let mut start = pos;
        while start > 0 {
            let prev = self.line_start(start - 1);
            if !self.text[prev..start].trim().is_empty() {
                break;
            }
            start = prev;
        }
        start
    }

    /// Makes `node` (holding `old`) hold `new`: finely when the shapes
    /// agree, else by writing the node anew where it stands.
    fn change(&mut self, node: &Node, old: &Value, new: &Value, ctx: Ctx) -> Result<(), ()> {
        if old == new {
            return Ok(());
        }
        let mark = self.edits.len();
        let finely = match (&node.kind, old, new) {
            (Kind::Map { flow: false, entries }, Value::Object(o), Value::Object(n)) if !n.is_empty() => {
                self.block_map(entries, o, n)
            }
            (Kind::Map { flow: true, entries }, Value::Object(o), Value::Object(n))
                if entries.len() == n.len() && entries.iter().all(|e| n.contains_key(&e.key)) =>
            {
                entries.iter().try_for_each(|e| {
                    let old = o.get(&e.key).ok_or(())?;
                    self.change(&e.value, old, &n[&e.key], Ctx::Flow)
                })
            }
            (Kind::Seq { flow: false, items }, Value::Array(o), Value::Array(n)) if !n.is_empty() => {
                self.block_seq(items, o, n)
            }
            (Kind::Seq { flow: true, items }, Value::Array(o), Value::Array(n))
                if items.len() == n.len() && o.len() == n.len() =>
            {
                items
                    .iter()
                    .zip(o.iter().zip(n))
                    .try_for_each(|(item, (o, n))| self.change(item, o, n, Ctx::Flow))
            }
            (Kind::Scalar { style, empty }, _, new) if is_scalar(new) => {
                self.scalar(node, *style, *empty, new, ctx)
            }
            _ => Err(()),
        };
        if finely.is_ok() {
            return Ok(());
        }
        self.edits.truncate(mark);
        self.replace(node, new, ctx)
    }

    fn scalar(
        &mut self,
        node: &Node,
        style: ScalarStyle,
        empty: bool,
        new: &Value,
        ctx: Ctx,
    ) -> Result<(), ()> {
        let (after, indent) = match ctx {
            Ctx::Value { after, col } | Ctx::Item { after, col } => (Some(after), Some(col + 2)),
            Ctx::Flow => (None, None),
            Ctx::Root => return Err(()),
        };
        let text = scalar_text(new, Some(style), ctx_is_flow(ctx), indent);
        let block = matches!(style, ScalarStyle::Folded | ScalarStyle::Literal);
        if block || empty || text.starts_with(['|', '>']) {
            // The block scalar's header, or the missing value, is just after
            // the colon or dash.
            let after = after.ok_or(())?;
            self.push_after(after, value_end(node, after), format!(" {text}"));
        } else {
            self.push(node.start, node.end, text);
        }
        Ok(())
    }

    /// Writes `new` anew in the place of `node`.
    fn replace(&mut self, node: &Node, new: &Value, ctx: Ctx) -> Result<(), ()> {
        let (after, col, is_value) = match ctx {
            Ctx::Root => return Err(()),
            Ctx::Flow => {
                if node.start == node.end {
                    return Err(());
                }
                self.push(node.start, node.end, flow(new, &self.order));
                return Ok(());
            }
            Ctx::Value { after, col } => (after, col, true),
            Ctx::Item { after, col } => (after, col, false),
        };
        let end = value_end(node, after);
        let same_flow = match (&node.kind, new) {
            (Kind::Map { flow: true, .. }, Value::Object(m)) => !m.is_empty(),
            (Kind::Seq { flow: true, .. }, Value::Array(a)) => !a.is_empty(),
            _ => false,
        };
        let block_old = matches!(node.kind, Kind::Map { flow: false, .. } | Kind::Seq { flow: false, .. });
        if same_flow {
            // The user's flow style stays.
            self.push(node.start, node.end, flow(new, &self.order));
        } else if !is_block_collection(new) {
            self.push_after(after, end, format!(" {}", inline(new, Some(col + 2), &self.order)));
        } else if block_old && (node.col > col || (is_value && new.is_array())) {
            // The new block where the old one stood (comments after the colon kept).
            self.push(node.start, node.end, block(new, node.col, &self.order));
        } else if is_value {
            self.push(after, end, format!("\n{}{}", spaces(col + 2), block(new, col + 2, &self.order)));
        } else {
            self.push(after, end, format!(" {}", block(new, col + 2, &self.order)));
        }
        Ok(())
    }

    fn block_map(
        &mut self,
        entries: &[Entry],
        old: &Map<String, Value>,
        new: &Map<String, Value>,
    ) -> Result<(), ()> {
        let kept: Vec<bool> = entries.iter().map(|e| new.contains_key(&e.key)).collect();
        let (first, last) = (entries.first().ok_or(())?, entries.last().ok_or(())?);
        if !kept.contains(&true) || entries.iter().any(|e| e.col != first.col) {
            return Err(());
        }
        let mut i = 0;
        while i < entries.len() {
            let e = &entries[i];
            let old_value = old.get(&e.key).ok_or(())?;
            if kept[i] {
                let ctx = Ctx::Value { after: self.colon_after(e.key_end)?, col: e.col };
                self.change(&e.value, old_value, &new[&e.key], ctx)?;
                i += 1;
            } else if self.first_on_line(e.key_start) {
                // The key's lines with their trailing comment; the blank
                // lines after it when it stood between blank lines.
                let start = self.line_start(e.key_start);
                let mut end = self.line_after(e.value.end);
                if i + 1 < entries.len() && self.blank_lines_before(start) < start {
                    end = self.blank_lines_after(end);
                }
                self.push(start, end, "");
                i += 1;
            } else {
                // The first key after a dash: the next kept key moves up to
                // the dash, at the same column.
                let j = (i + 1..entries.len()).find(|&j| kept[j]).ok_or(())?;
                self.push(e.key_start, entries[j].key_start, "");
                i = j;
            }
        }
        let mut added = String::new();
        for (key, value) in self.order.sorted(new).filter(|(k, _)| !old.contains_key(*k)) {
            let value = after_colon(value, first.col, &self.order);
            added.push_str(&format!("{}{}:{value}\n", spaces(first.col), key_text(key)));
        }
        if !added.is_empty() {
            let at = self.line_after(last.value.end);
            if at == self.text.len() && !self.text.ends_with('\n') {
                added.insert(0, '\n');
            }
            self.push(at, at, added);
        }
        Ok(())
    }

    fn block_seq(&mut self, items: &[Node], old: &[Value], new: &[Value]) -> Result<(), ()> {
        if items.len() != old.len() || old.len().saturating_mul(new.len()) > 4_000_000 {
            return Err(());
        }
        let dashes: Vec<usize> = items.iter().map(|n| self.dash_before(n.start)).collect::<Result<_, _>>()?;
        if !dashes.iter().all(|&d| self.first_on_line(d)) {
            return Err(());
        }
        let col = dashes[0] - self.line_start(dashes[0]);
        // Items separated by blank lines keep being so.
        let sep = if items.len() >= 2 {
            let gap = &self.text[self.line_after(items[0].end)..self.line_start(dashes[1])];
            if !gap.is_empty() && gap.trim().is_empty() { "\n" } else { "" }
        } else {
            ""
        };
        let role = align(old, new);
        // Old items that no new item keeps or edits in place: deleted (a
        // moved one is copied to its new place).
        let mut used = vec![false; old.len()];
        for r in &role {
            if let Role::Kept(i) | Role::Changed(i) = *r {
                used[i] = true;
            }
        }
        let mut anchor: Option<usize> = None;
        for (j, r) in role.iter().enumerate() {
            match *r {
                Role::Kept(i) => anchor = Some(i),
                Role::Changed(i) => {
                    let ctx = Ctx::Item { after: dashes[i] + 1, col };
                    self.change(&items[i], &old[i], &new[j], ctx)?;
                    anchor = Some(i);
                }
                Role::Moved(_) | Role::New => {
                    let mut item = match *r {
                        Role::Moved(i) => {
                            self.text[self.line_start(dashes[i])..self.line_after(items[i].end)].to_owned()
                        }
                        _ => format!("{}-{}\n", spaces(col), after_dash(&new[j], col, &self.order)),
                    };
                    if !item.ends_with('\n') {
                        item.push('\n');
                    }
                    match anchor {
                        Some(a) => {
                            let at = self.line_after(items[a].end);
                            let lead =
                                if at == self.text.len() && !self.text.ends_with('\n') { "\n" } else { "" };
                            self.push(at, at, format!("{lead}{sep}{item}"));
                        }
                        None => {
                            let at = self.line_start(dashes[0]);
                            self.push(at, at, format!("{item}{sep}"));
                        }
                    }
                }
            }
        }
        let n = items.len();
        for i in (0..n).filter(|&i| !used[i]) {
            let mut start = self.line_start(dashes[i]);
            let mut end = self.line_after(items[i].end);
            if !sep.is_empty() {
                if i + 1 < n {
                    end = self.blank_lines_after(end);
                } else if i > 0 {
                    start = self.blank_lines_before(start);
                }
            }
            self.push(start, end, "");
        }
        Ok(())
    }
}

/// The end of a value written after a colon or dash at `after`; a missing
/// value ends there (the parser places it elsewhere).
fn value_end(node: &Node, after: usize) -> usize {
    match node.kind {
        Kind::Scalar { empty: true, .. } => after,
        _ => node.end.max(after),
    }
}

fn ctx_is_flow(ctx: Ctx) -> bool {
    matches!(ctx, Ctx::Flow)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// The old item, unchanged and in its order.
    Kept(usize),
    /// The old item at this place, edited.
    Changed(usize),
    /// An unchanged old item from another place.
    Moved(usize),
    New,
}

/// What each new item is: the longest common subsequence of equal items
/// stays; an item equal to an old one that left its place has moved; the
/// others, between two kept items, edit the old ones there in order.
fn align(old: &[Value], new: &[Value]) -> Vec<Role> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if old[i] == new[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut role = vec![Role::New; m];
    let mut matched_old = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old[i] == new[j] {
            role[j] = Role::Kept(i);
            matched_old[i] = true;
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let mut taken = matched_old.clone();
    for j in 0..m {
        if role[j] == Role::New
            && let Some(i) = (0..n).find(|&i| !taken[i] && old[i] == new[j])
        {
            role[j] = Role::Moved(i);
            taken[i] = true;
        }
    }
    // Between two kept items, the remaining new items edit the remaining old ones.
    let mut next_old = 0;
    let mut j = 0;
    while j < m {
        if let Role::Kept(i) = role[j] {
            next_old = i + 1;
            j += 1;
            continue;
        }
        let gap_end = (j..m).find(|&k| matches!(role[k], Role::Kept(_))).unwrap_or(m);
        let old_end = match role.get(gap_end) {
            Some(Role::Kept(i)) => *i,
            _ => n,
        };
        let free: Vec<usize> = (next_old..old_end).filter(|&i| !taken[i]).collect();
        let mut free = free.into_iter();
        for r in &mut role[j..gap_end] {
            if *r == Role::New
                && let Some(i) = free.next()
            {
                *r = Role::Changed(i);
                taken[i] = true;
            }
        }
        j = gap_end;
    }
    role
}

// ---------------------------------------------------------------- writing

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn is_block_collection(v: &Value) -> bool {
    match v {
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
        _ => false,
    }
}

/// A whole document: block style, ending with a newline.
fn emit_document(v: &Value, o: &Order) -> String {
    if is_block_collection(v) { format!("{}\n", block(v, 0, o)) } else { format!("{}\n", inline(v, None, o)) }
}

/// `v` in block style, its first line at the cursor (at column `col`), the
/// following lines indented to `col`; no newline at the end.
fn block(v: &Value, col: usize, o: &Order) -> String {
    let lines: Vec<String> = match v {
        Value::Object(m) if !m.is_empty() => {
            o.sorted(m).map(|(k, v)| format!("{}:{}", key_text(k), after_colon(v, col, o))).collect()
        }
        Value::Array(a) if !a.is_empty() => a.iter().map(|v| format!("-{}", after_dash(v, col, o))).collect(),
        _ => return inline(v, Some(col), o),
    };
    lines.join(&format!("\n{}", spaces(col)))
}

/// A mapping value after its key's colon (the key at column `col`).
fn after_colon(v: &Value, col: usize, o: &Order) -> String {
    if is_block_collection(v) {
        format!("\n{}{}", spaces(col + 2), block(v, col + 2, o))
    } else {
        format!(" {}", inline(v, Some(col + 2), o))
    }
}

/// A sequence item after its dash (the dash at column `col`).
fn after_dash(v: &Value, col: usize, o: &Order) -> String {
    if is_block_collection(v) {
        format!(" {}", block(v, col + 2, o))
    } else {
        format!(" {}", inline(v, Some(col + 2), o))
    }
}

/// A scalar or an empty collection where a line continues; a block scalar
/// when `indent` allows one and the text needs it.
fn inline(v: &Value, indent: Option<usize>, o: &Order) -> String {
    match v {
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Array(_) | Value::Object(_) => flow(v, o),
        _ => scalar_text(v, None, false, indent),
    }
}

/// `v` in flow style, `{ ma: CT2-1, huyen: [Tràng Định, Văn Lãng] }`.
fn flow(v: &Value, o: &Order) -> String {
    match v {
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Object(m) => {
            let parts: Vec<String> =
                o.sorted(m).map(|(k, v)| format!("{}: {}", flow_key(k), flow(v, o))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(|v| flow(v, o)).collect::<Vec<_>>().join(", ")),
        _ => scalar_text(v, None, true, None),
    }
}

fn key_text(k: &str) -> String {
    string_text(k, None, false, None)
}

fn flow_key(k: &str) -> String {
    string_text(k, None, true, None)
}

/// A scalar's text; `old` is the style the text had, kept when it can hold
/// the new value.
fn scalar_text(v: &Value, old: Option<ScalarStyle>, in_flow: bool, indent: Option<usize>) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s, old, in_flow, indent),
        Value::Array(_) | Value::Object(_) => flow(v, &Order::default()),
    }
}

fn string_text(s: &str, old: Option<ScalarStyle>, in_flow: bool, indent: Option<usize>) -> String {
    if let (Some(indent), false) = (indent, in_flow) {
        if old == Some(ScalarStyle::Folded) && folded_ok(s) {
            return folded(s, indent);
        }
        if (s.contains('\n') || old == Some(ScalarStyle::Literal)) && literal_ok(s) {
            return literal(s, indent);
        }
    }
    match old {
        Some(ScalarStyle::DoubleQuoted) => double_quoted(s),
        Some(ScalarStyle::SingleQuoted) if single_ok(s) => single_quoted(s),
        _ if plain_ok(s, in_flow) => s.to_owned(),
        _ if single_ok(s) => single_quoted(s),
        _ => double_quoted(s),
    }
}

fn printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn single_ok(s: &str) -> bool {
    s.chars().all(printable)
}

/// The byte just after the closing quote of the quoted scalar `text` starts
/// with ('…' with '' inside, or "…" with \" inside).
fn closing_quote(text: &str) -> Option<usize> {
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                } else {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !printable(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can stand unquoted and still read back as this string: no
/// indicator first, no `: ` or ` #`, not a number, boolean, null or date.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s.trim() != s || !s.chars().all(printable) || s.contains(": ") || s.contains(" #") || s.ends_with(':')
    {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}', ':', '#']) {
        return false;
    }
    let second_is_space = s.chars().nth(1).is_none_or(|c| c == ' ');
    match first {
        '-' | '?' | ':' if second_is_space || in_flow => return false,
        '-' | '?' | ':' => {}
        ',' | '[' | ']' | '{' | '}' | '#' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => {
            return false;
        }
        _ => {}
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    let lower = s.to_lowercase();
    let special = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    if special.contains(&lower.as_str()) || lower.parse::<f64>().is_ok() || looks_like_date(s) {
        return false;
    }
    // Whatever else the reader would make of it (0x1F, .inf, 1_000).
    matches!(serde_yaml::from_str::<serde_yaml::Value>(s), Ok(serde_yaml::Value::String(t)) if t == s)
}

/// `2025-06-17…`: a timestamp to YAML 1.1 readers.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5].is_ascii_digit()
}

fn folded_ok(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && s.chars().all(printable)
}

/// `>-` with the text wrapped at single spaces (a line break folds into one).
fn folded(s: &str, indent: usize) -> String {
    const WIDTH: usize = 92;
    let mut out = String::from(">-");
    let chars: Vec<char> = s.chars().collect();
    let mut line_start = 0;
    let mut last_break = None;
    let mut i = 0;
    while i < chars.len() {
        let breakable =
            chars[i] == ' ' && i > 0 && chars[i - 1] != ' ' && chars.get(i + 1).is_some_and(|&c| c != ' ');
        if breakable {
            last_break = Some(i);
        }
        if indent + (i - line_start) >= WIDTH
            && let Some(b) = last_break.take()
        {
            out.push('\n');
            out.push_str(&spaces(indent));
            out.extend(&chars[line_start..b]);
            line_start = b + 1;
        }
        i += 1;
    }
    out.push('\n');
    out.push_str(&spaces(indent));
    out.extend(&chars[line_start..]);
    out
}

fn literal_ok(s: &str) -> bool {
    let body = s.strip_suffix('\n').unwrap_or(s);
    !body.trim().is_empty()
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\t', '\n'])
        && s.chars().all(|c| c == '\n' || printable(c))
}

/// `|-` (or `|` when the text ends with its line break).
fn literal(s: &str, indent: usize) -> String {
    let (header, body) = match s.strip_suffix('\n') {
        Some(body) => ("|", body),
        None => ("|-", s),
    };
    let mut out = String::from(header);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&spaces(indent));
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quoting_follows_what_yaml_would_read() {
        for (s, text) in [
            ("Lạng Sơn", "Lạng Sơn"),
            ("4/2025", "4/2025"),
            ("CT2-1", "CT2-1"),
            ("(Số lượng học viên)", "(Số lượng học viên)"),
            ("true", "'true'"),
            ("Có", "Có"),
            ("no", "'no'"),
            ("12", "'12'"),
            ("1.5", "'1.5'"),
            ("0x1F", "'0x1F'"),
            ("2025-06-17", "'2025-06-17'"),
            ("Mục tiêu: cán bộ", "'Mục tiêu: cán bộ'"),
            ("a #b", "'a #b'"),
            ("- gạch", "'- gạch'"),
            ("* sao", "'* sao'"),
            ("Bà 'Hoa'", "Bà 'Hoa'"),
            ("'Hoa' bà", "'''Hoa'' bà'"),
            ("", "''"),
            (" lề", "' lề'"),
            ("~", "'~'"),
            ("null", "'null'"),
            ("tab\there", "\"tab\\there\""),
        ] {
            assert_eq!(string_text(s, None, false, None), text, "{s:?}");
        }
        let o = Order::default();
        assert_eq!(flow(&json!(["a, b", "c"]), &o), "['a, b', c]");
        assert_eq!(
            flow(&json!({"ma": "CT2-1", "huyen": ["Tràng Định"]}), &o),
            "{ huyen: [Tràng Định], ma: CT2-1 }"
        );
    }

    #[test]
    fn an_emptied_field_filled_again_is_written_plain() {
        // A field cleared in the form (`''`), then typed into again; the
        // comment after it stays.
        let emptied = patch("a: x # ghi chú\nb: 1\n", &json!({"a": "", "b": 1})).unwrap();
        assert_eq!(emptied, "a: '' # ghi chú\nb: 1\n");
        let filled = patch(&emptied, &json!({"a": "CHẾ ĐỘ BÁO CÁO", "b": 1})).unwrap();
        assert_eq!(filled, "a: CHẾ ĐỘ BÁO CÁO # ghi chú\nb: 1\n");
        let escaped = patch("a: 'it''s' # c\nb: \"x\\\"y\" # d\n", &json!({"a": "z", "b": "w"})).unwrap();
        assert_eq!(escaped, "a: 'z' # c\nb: \"w\" # d\n");
        // A value that needs its quotes keeps them.
        let quoted = patch("a: 'x: y'\n", &json!({"a": "x: z"})).unwrap();
        assert_eq!(quoted, "a: 'x: z'\n");
    }

    #[test]
    fn block_scalars_keep_their_style() {
        assert_eq!(literal("a\nb", 4), "|-\n    a\n    b");
        assert_eq!(literal("a\n\nb\n", 2), "|\n  a\n\n  b");
        let long = "từ ".repeat(50);
        let text = folded(long.trim(), 2);
        assert!(text.starts_with(">-\n  từ"));
        assert!(text.lines().all(|l| l.chars().count() <= 95), "{text}");
        let doc = format!("k: {text}\n");
        assert_eq!(serde_yaml::from_str::<Value>(&doc).unwrap(), json!({"k": long.trim()}));
    }

    #[test]
    fn align_finds_kept_changed_moved_and_new() {
        let old = [json!(1), json!(2), json!(3)];
        assert_eq!(
            align(&old, &[json!(1), json!(9), json!(3)]),
            [Role::Kept(0), Role::Changed(1), Role::Kept(2)]
        );
        assert_eq!(
            align(&old, &[json!(2), json!(1), json!(3)]),
            [Role::Kept(1), Role::Moved(0), Role::Kept(2)]
        );
        assert_eq!(align(&old, &[json!(1), json!(3)]), [Role::Kept(0), Role::Kept(2)]);
        assert_eq!(align(&old, &[json!(1), json!(2), json!(4), json!(3)])[2], Role::New);
    }
}
