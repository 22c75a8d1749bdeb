//! The layering check: in every folder of `src/`, the modules side by side never import each other
//! in a cycle (docs/architecture.md, "Layers"). It reads `crate::`, `super::` and `self::` paths
//! (including `use crate::{a, b::{c, d}}` groups) outside comments and `#[cfg(test)]` modules.
//!
//! A reference counts for the folder where the two paths part: `crate::db::models::post` from
//! `src/routes/posts/show.rs` is an edge routes → db at the top, and nothing inside `routes`.
//! A folder's own `mod.rs` is the folder itself, not one of its children, so children may use what
//! it declares.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type ModPath = Vec<String>;
/// Per folder: child → child it uses → one file that shows the use.
type Edges = BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>>;

#[test]
fn modules_side_by_side_form_no_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = import_edges(&src);
    assert!(
        edges.contains_key(&Vec::new()),
        "no top-level imports found: is {} the crate?",
        src.display()
    );
    let cycles: Vec<String> = edges
        .iter()
        .filter_map(|(folder, graph)| find_cycle(graph).map(|cycle| describe(folder, graph, &cycle)))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_check_finds_a_cycle_between_two_modules() {
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeMap::from([("b".to_string(), "a.rs".to_string())])),
        ("b".to_string(), BTreeMap::from([("a".to_string(), "b.rs".to_string())])),
    ]);
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
    let one_way = BTreeMap::from([("a".to_string(), BTreeMap::from([("b".to_string(), "a.rs".to_string())]))]);
    assert_eq!(find_cycle(&one_way), None);
}

#[test]
fn paths_are_read_from_groups_and_relative_prefixes() {
    let module: ModPath = vec!["routes".into(), "posts".into(), "show".into()];
    let code = "use crate::{db::models::post, domain::{policy, time}};\nuse super::list;\n// use crate::stats;\n";
    let found = referenced_paths(code, &module);
    assert!(found.contains(&vec!["db".into(), "models".into(), "post".into()]));
    assert!(found.contains(&vec!["domain".into(), "time".into()]));
    assert!(found.contains(&vec!["routes".into(), "posts".into(), "list".into()]));
    assert!(
        !found.iter().any(|p| p.first().is_some_and(|m| m == "stats")),
        "comments are not code"
    );
}

fn import_edges(src: &Path) -> Edges {
    let mut edges = Edges::new();
    for file in rust_files(src) {
        let Some(module) = module_path(src, &file) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let shown = file.strip_prefix(src).unwrap_or(&file).display().to_string();
        for target in referenced_paths(&code, &module) {
            // The first segment where the paths part, inside the folder they share.
            let shared = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (module.get(shared), target.get(shared)) else {
                continue;
            };
            let folder = &module[..shared];
            if is_child_module(src, folder, to) {
                let graph = edges.entry(folder.to_vec()).or_default();
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to.clone())
                    .or_insert_with(|| shown.clone());
            }
        }
    }
    edges
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// `src/a/b.rs` → [a, b]; `src/a/mod.rs` → [a]; `src/lib.rs` → []; the binary's `main.rs` → none.
fn module_path(src: &Path, file: &Path) -> Option<ModPath> {
    let relative = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: ModPath = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    match parts.last().map(String::as_str) {
        Some("main") if parts.len() == 1 => return None,
        Some("lib") if parts.len() == 1 => parts.clear(),
        Some("mod") => {
            parts.pop();
        }
        _ => {}
    }
    Some(parts)
}

fn is_child_module(src: &Path, folder: &[String], name: &str) -> bool {
    let dir = folder.iter().fold(src.to_path_buf(), |p, s| p.join(s));
    dir.join(format!("{name}.rs")).exists() || dir.join(name).join("mod.rs").exists()
}

/// Every module path the code names, made absolute from `module` (the file's own module).
fn referenced_paths(code: &str, module: &[String]) -> Vec<ModPath> {
    let code = without_tests(&without_comments(code));
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let word_start =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        let rest = &bytes[i..];
        let base = if !word_start {
            None
        } else if rest.starts_with(b"crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with(b"super::") || rest.starts_with(b"self::") {
            Some((module.to_vec(), 0))
        } else {
            None
        };
        if let Some((mut base, skip)) = base {
            let mut j = i + skip;
            // Leading `self::` and `super::` segments move from the file's module.
            loop {
                if code[j..].starts_with("super::") {
                    base.pop();
                    j += "super::".len();
                } else if code[j..].starts_with("self::") {
                    j += "self::".len();
                } else {
                    break;
                }
            }
            j = read_tree(&code, j, &base, &mut found);
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Reads `a::b::{c, d::e}` at `at` after `prefix`; pushes each full path; returns where it ended.
fn read_tree(code: &str, mut at: usize, prefix: &[String], found: &mut Vec<ModPath>) -> usize {
    let bytes = code.as_bytes();
    let mut path = prefix.to_vec();
    loop {
        if bytes.get(at) == Some(&b'{') {
            at += 1;
            loop {
                while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b',') {
                    at += 1;
                }
                match bytes.get(at) {
                    None => return at,
                    Some(b'}') => return at + 1,
                    Some(_) => {
                        let before = at;
                        at = read_tree(code, at, &path, found);
                        if at == before {
                            at += 1;
                        }
                    }
                }
            }
        }
        let end = at
            + code[at..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
        if end == at {
            break;
        }
        let word = &code[at..end];
        if word != "self" && word != "*" {
            path.push(word.to_string());
        }
        at = end;
        if code[at..].starts_with("::") {
            at += 2;
        } else {
            break;
        }
    }
    if !path.is_empty() {
        found.push(path);
    }
    at
}

fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |n| &after[n + 2..]);
        } else if let Some(after) = rest.strip_prefix("'\"'") {
            // The quote character is no string.
            out.push_str("' '");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("r#\"") {
            rest = after.find("\"#").map_or("", |n| &after[n + 2..]);
            out.push_str("\"\"");
        } else if rest.starts_with('"') {
            // Skip string literals (they may contain `//`), keeping the quotes.
            let body = &rest[1..];
            let mut escaped = false;
            let end = body
                .char_indices()
                .find(|&(_, c)| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
                .map_or(body.len(), |(n, _)| n + 1);
            out.push_str("\"\"");
            rest = body.get(end..).unwrap_or("");
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The code before the first `#[cfg(test)]` (test modules come last in our files).
fn without_tests(code: &str) -> String {
    code.find("#[cfg(test)]").map_or(code, |n| &code[..n]).to_string()
}

fn find_cycle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|targets| targets.keys()) {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

fn describe(folder: &[String], graph: &BTreeMap<String, BTreeMap<String, String>>, cycle: &[String]) -> String {
    let folder = if folder.is_empty() {
        "src".to_string()
    } else {
        format!("src/{}", folder.join("/"))
    };
    let steps: Vec<String> = cycle
        .windows(2)
        .map(|w| format!("{} → {} ({})", w[0], w[1], graph[&w[0]][&w[1]]))
        .collect();
    format!("  in {folder}: {}", steps.join(", "))
}
