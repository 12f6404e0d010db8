//! Issue 9 item 5: the register screen's window of the tree, computed by the
//! service (`Request::TreeWindow`), and a TUI that never loads the whole tree.

mod common;
use common::tui::{options, Drive};
use common::{d, small_demo, small_register};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use thuky::domain::text::fold;
use thuky::domain::{Lang, OrgId, OrgKind};
use thuky::service::api::{
    Event, NodeView, OrgAdd, RegisterImport, RegisterImportRow, Request, Response, TreeView, TreeWindow, TreeWindowQuery,
};
use thuky::service::backend::{Backend, Local};
use thuky::service::tree_window::MAX_HEIGHT;
use thuky::service::Service;
use thuky::tui::App;

fn window(s: &mut Service, q: TreeWindowQuery) -> TreeWindow {
    match s.call("tester", Request::TreeWindow(q)) {
        Ok(Response::TreeWindow(w)) => *w,
        other => panic!("{other:?}"),
    }
}

fn query(at: chrono::NaiveDate, height: usize) -> TreeWindowQuery {
    TreeWindowQuery {
        at,
        year: 2024,
        height,
        ..Default::default()
    }
}

fn whole_tree(s: &mut Service, at: chrono::NaiveDate) -> TreeView {
    match s.call("tester", Request::Tree { at, year: None }) {
        Ok(Response::Tree(t)) => t,
        other => panic!("{other:?}"),
    }
}

fn id_of(t: &TreeView, code: &str) -> OrgId {
    t.nodes.iter().find(|n| n.code == code).unwrap_or_else(|| panic!("{code}")).id
}

/// The visible lines as the client computed them from the whole tree before
/// (the reference): (id, depth, context only).
fn reference(t: &TreeView, open: &HashSet<OrgId>, top: Option<OrgId>, filter: &str) -> Vec<(OrgId, u16, bool)> {
    let node = |id: OrgId| t.nodes.iter().find(|n| n.id == id);
    let q = fold(filter.trim());
    let matched = |n: &NodeView| fold(&n.name).contains(&q) || fold(&n.code).contains(&q);
    let mut keep: HashSet<OrgId> = HashSet::new();
    if !q.is_empty() {
        for n in t.nodes.iter().filter(|n| matched(n)) {
            let mut cur = Some(n.id);
            while let Some(c) = cur {
                keep.insert(c);
                cur = node(c).and_then(|n| n.parent);
            }
        }
    }
    let tops: Vec<OrgId> = match top {
        Some(id) => vec![id],
        None => t.nodes.iter().filter(|n| n.parent.is_none()).map(|n| n.id).collect(),
    };
    let mut out = Vec::new();
    let mut stack: Vec<(OrgId, u16)> = tops.iter().rev().map(|id| (*id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        let n = node(id).unwrap();
        if !q.is_empty() && !keep.contains(&id) {
            continue;
        }
        out.push((id, depth, !q.is_empty() && !matched(n)));
        if !q.is_empty() || open.contains(&id) {
            stack.extend(n.children.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    out
}

fn lines(w: &TreeWindow) -> Vec<(OrgId, u16, bool)> {
    w.rows.iter().map(|r| (r.id, r.depth, r.context_only)).collect()
}

#[test]
fn closed_and_open_branches() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let at = d(2024, 6, 1);
    let t = whole_tree(&mut s, at);
    let (hn, bd, p) = (id_of(&t, "HN"), id_of(&t, "BD"), id_of(&t, "BD.01"));
    // The first window: the roots opened by the service, named for the client.
    let w = window(
        &mut s,
        TreeWindowQuery {
            open_roots: true,
            ..query(at, 20)
        },
    );
    assert_eq!(w.opened, vec![hn]);
    assert_eq!((w.total, w.start, w.tree_len), (2, 0, 5));
    assert_eq!(lines(&w), vec![(hn, 0, false), (bd, 1, false)]);
    assert!(w.rows[0].open && w.rows[0].has_children && !w.rows[1].open && w.rows[1].has_children);
    assert_eq!(w.rows[1].parent_kind, Some(OrgKind::City));
    // Everything open: the same lines as the whole tree flattened.
    let open: HashSet<OrgId> = [hn, bd, p].into();
    let w = window(
        &mut s,
        TreeWindowQuery {
            open: open.iter().copied().collect(),
            ..query(at, 20)
        },
    );
    assert_eq!(lines(&w), reference(&t, &open, None, ""));
    assert_eq!(w.total, 5);
    assert_eq!(w.rows[3].total_members, 25, "{:?}", w.rows[3]);
    assert_eq!(w.rows[2].total_members, 55);
}

#[test]
fn a_drill_shows_the_organisation_with_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let at = d(2024, 6, 1);
    let t = whole_tree(&mut s, at);
    let (bd, p) = (id_of(&t, "BD"), id_of(&t, "BD.01"));
    let w = window(
        &mut s,
        TreeWindowQuery {
            open: vec![p],
            drill: vec![bd, p, 999_999],
            ..query(at, 20)
        },
    );
    // An id not in the tree is left out of the drill.
    assert_eq!(
        w.drill,
        vec![(bd, "Quận ủy Ba Đình".to_string()), (p, "Đảng bộ Phường Điện Biên".to_string())]
    );
    assert_eq!(lines(&w), reference(&t, &[p].into(), Some(p), ""));
    assert_eq!((w.total, w.rows[0].depth, w.rows[1].depth), (3, 0, 1));
}

#[test]
fn a_filter_shows_the_ancestors_of_matches_as_context() {
    let (_dir, mut s) = small_demo();
    let at = d(2025, 6, 1);
    let t = whole_tree(&mut s, at);
    for f in ["khu dan cu so 1", "Chi bộ", "BD.01", "zzz"] {
        let w = window(
            &mut s,
            TreeWindowQuery {
                filter: f.into(),
                ..query(at, MAX_HEIGHT)
            },
        );
        let want = reference(&t, &HashSet::new(), None, f);
        assert_eq!(w.total, want.len(), "{f}");
        assert_eq!(lines(&w), want[..want.len().min(MAX_HEIGHT)], "{f}");
        assert_eq!(w.matches, want.iter().filter(|l| !l.2).count(), "{f}");
        assert!(w.rows.iter().all(|r| r.open || !r.has_children), "{f}: every branch open");
    }
    let w = window(
        &mut s,
        TreeWindowQuery {
            filter: "khu dan cu so 1".into(),
            ..query(at, 50)
        },
    );
    assert!(w.matches > 0 && w.rows[0].context_only, "the city is context");
}

#[test]
fn the_anchor_is_in_the_window_and_the_offset_is_clamped() {
    let (_dir, mut s) = small_demo();
    let at = d(2025, 6, 1);
    let t = whole_tree(&mut s, at);
    let open: HashSet<OrgId> = t.nodes.iter().map(|n| n.id).collect();
    let all = reference(&t, &open, None, "");
    assert!(all.len() > 100, "{}", all.len());
    let q = |offset, anchor| TreeWindowQuery {
        open: open.iter().copied().collect(),
        anchor,
        offset,
        ..query(at, 10)
    };
    // Far below the offset: the window is centred on it.
    let target = all[80].0;
    let w = window(&mut s, q(0, Some(target)));
    assert_eq!((w.anchor, w.start), (Some(80), 75));
    assert_eq!(lines(&w), all[75..85]);
    // Within the lines asked for: the offset stays (the cursor does not jump).
    let w = window(&mut s, q(78, Some(target)));
    assert_eq!((w.anchor, w.start), (Some(80), 78));
    // Past the end: the last page.
    let w = window(&mut s, q(1_000_000, None));
    assert_eq!((w.start, w.rows.len(), w.anchor), (all.len() - 10, 10, None));
    // An anchor not shown (inside a closed branch) is not placed.
    let w = window(
        &mut s,
        TreeWindowQuery {
            anchor: Some(target),
            ..query(at, 10)
        },
    );
    assert_eq!(w.anchor, None);
}

#[test]
fn reveal_opens_the_ancestors_and_leaves_a_drill_that_does_not_hold_it() {
    let (_dir, mut s) = small_demo();
    let at = d(2025, 6, 1);
    let t = whole_tree(&mut s, at);
    let deep = t.nodes.iter().rev().find(|n| n.depth >= 3).expect("a deep organisation");
    let other_top = t.nodes.iter().find(|n| n.depth == 1 && !deep_under(&t, deep.id, n.id)).unwrap();
    let w = window(
        &mut s,
        TreeWindowQuery {
            drill: vec![other_top.id],
            anchor: Some(deep.id),
            reveal: true,
            ..query(at, 20)
        },
    );
    assert!(w.drill.is_empty(), "{:?}", w.drill);
    let mut ancestors = Vec::new();
    let mut cur = deep.parent;
    while let Some(p) = cur {
        ancestors.insert(0, p);
        cur = t.nodes.iter().find(|n| n.id == p).unwrap().parent;
    }
    assert_eq!(w.opened, ancestors);
    let a = w.anchor.expect("shown");
    assert_eq!(w.rows[a - w.start].id, deep.id);
}

fn deep_under(t: &TreeView, id: OrgId, top: OrgId) -> bool {
    let mut cur = Some(id);
    while let Some(c) = cur {
        if c == top {
            return true;
        }
        cur = t.nodes.iter().find(|n| n.id == c).unwrap().parent;
    }
    false
}

#[test]
fn the_height_is_capped_and_a_past_date_has_its_own_tree() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    // 600 more cells under the grassroots committee, in one import.
    let rows = (0..600)
        .map(|i| RegisterImportRow {
            row: i + 2,
            code: None,
            name: format!("Chi bộ số {}", i + 3),
            kind: OrgKind::Cell,
            parent: Some("BD.01".into()),
            members: 3,
            founding_ref: None,
            founding_date: None,
        })
        .collect();
    s.call(
        "tester",
        Request::RegisterImport(RegisterImport {
            file_name: "cells.xlsx".into(),
            sheet: "1".into(),
            columns: Default::default(),
            at: d(2010, 1, 1),
            rows,
            dry_run: false,
        }),
    )
    .unwrap();
    let at = d(2024, 6, 1);
    let t = whole_tree(&mut s, at);
    assert_eq!(t.nodes.len(), 605);
    let w = window(
        &mut s,
        TreeWindowQuery {
            open: t.nodes.iter().map(|n| n.id).collect(),
            ..query(at, 1_000_000)
        },
    );
    assert_eq!((w.rows.len(), w.total), (MAX_HEIGHT, 605));
    // Before the city was founded: nothing; at past dates, the tree of the day.
    let w = window(&mut s, query(d(1920, 1, 1), 10));
    assert_eq!((w.tree_len, w.total), (0, 0));
    let w = window(
        &mut s,
        TreeWindowQuery {
            open_roots: true,
            ..query(d(1999, 1, 1), 10)
        },
    );
    assert_eq!((w.tree_len, w.total), (1, 1));
    assert!(!w.rows[0].has_children, "the district came in 2000");
    let w = window(
        &mut s,
        TreeWindowQuery {
            open: t.nodes.iter().map(|n| n.id).collect(),
            ..query(d(2005, 1, 1), 10)
        },
    );
    assert_eq!((w.tree_len, w.total), (5, 5), "the 600 cells came in 2010");
}

#[test]
fn a_register_change_is_in_the_next_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let at = d(2024, 6, 1);
    let open_q = || TreeWindowQuery {
        open_roots: true,
        ..query(at, 10)
    };
    assert_eq!(window(&mut s, open_q()).total, 2);
    s.call(
        "tester",
        Request::OrgAdd(OrgAdd {
            parent: "HN".into(),
            kind: OrgKind::Superior,
            name: "Quận ủy Hoàn Kiếm".into(),
            code: Some("HK".into()),
            members: 0,
            at: d(2010, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap();
    let w = window(&mut s, open_q());
    assert_eq!(w.total, 3);
    assert_eq!(w.rows[2].code, "HK", "siblings in Vietnamese order");
}

#[test]
fn bad_queries_are_refused_with_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let at = d(2024, 6, 1);
    let refused = |s: &mut Service, q: TreeWindowQuery, field: &str| {
        let e = s.call("tester", Request::TreeWindow(q)).unwrap_err();
        assert!(e.en.starts_with(&format!("{field} = ")), "{}", e.en);
        assert!(e.vi.starts_with(&format!("{field} = ")), "{}", e.vi);
    };
    refused(&mut s, query(at, 0), "height");
    refused(
        &mut s,
        TreeWindowQuery {
            year: 1800,
            ..query(at, 10)
        },
        "year",
    );
    refused(
        &mut s,
        TreeWindowQuery {
            filter: "x".repeat(201),
            ..query(at, 10)
        },
        "filter",
    );
}

/// A backend that records every request the App sends.
struct Recording {
    inner: Local,
    sent: Arc<Mutex<Vec<Request>>>,
}

impl Backend for Recording {
    fn call(&mut self, request: Request) -> thuky::service::Result<Response> {
        self.sent.lock().unwrap().push(request.clone());
        self.inner.call(request)
    }
    fn events(&mut self) -> Vec<Event> {
        self.inner.events()
    }
    fn user(&self) -> &str {
        self.inner.user()
    }
}

fn trees_asked(sent: &Arc<Mutex<Vec<Request>>>) -> usize {
    sent.lock().unwrap().iter().filter(|r| matches!(r, Request::Tree { .. })).count()
}

#[test]
fn the_app_never_asks_for_the_whole_tree_and_a_change_elsewhere_keeps_the_cursor() {
    std::env::set_var("TZ", "UTC");
    let (dir, s) = small_demo();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let backend = Recording {
        inner: Local::new(s, "thu.ky"),
        sent: sent.clone(),
    };
    let mut app = App::new(Box::new(backend), options(Lang::Vi, dir.path(), d(2026, 3, 15), 2026));
    let screen = app.draw(120, 40);
    assert!(screen.contains("Đảng bộ Thành phố Hà Nội"), "{screen}");
    assert!(sent.lock().unwrap().iter().any(|r| matches!(r, Request::TreeWindow(_))));
    // Down into a district, open it, and a few rows in.
    app.keys("j<right>jjj");
    let (id, code) = app.selected_org().unwrap();
    // A change of the register through the screen (the selected
    // organisation renamed today: the form, then Enter).
    app.keys("r<c-u>Tên mới<enter>");
    assert!(app.msg().starts_with('✓'), "{}", app.msg());
    assert_eq!(app.window_row(&code).unwrap().name, "Tên mới");
    assert_eq!(app.selected_org().map(|s| s.0), Some(id));
    // A year change there and back.
    app.keys("[");
    app.draw(120, 40);
    assert_eq!(app.window().unwrap().year, 2025);
    app.keys("]");
    app.draw(120, 40);
    assert_eq!(app.window().unwrap().year, 2026);
    assert_eq!(app.selected_org().map(|s| s.0), Some(id));
    // Another clerk adds an organisation under the city, above the cursor.
    let city = app.window().unwrap().rows[0].code.clone();
    app.backend()
        .call(Request::OrgAdd(OrgAdd {
            parent: city,
            kind: OrgKind::Superior,
            name: "Đảng bộ A mới".into(),
            code: Some("AMOI".into()),
            members: 0,
            at: d(2020, 1, 1),
            founding_ref: None,
            founding_date: None,
        }))
        .unwrap();
    app.poll_background();
    let screen = app.draw(120, 40);
    assert!(screen.contains("Đảng bộ A mới"), "{screen}");
    assert_eq!(app.selected_org().map(|s| s.0), Some(id), "the cursor stays on {code}");
    assert_eq!(trees_asked(&sent), 0, "the whole tree was never asked for");
}

/// The detail pane's counts below an organisation and the merges into it come
/// from the kept tree (one pass per tree): the same as walking the tree.
#[test]
fn the_detail_counts_below_and_the_merges_into_follow_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let at = d(2024, 6, 1);
    let detail = |s: &mut Service, code: &str| match s.call(
        "tester",
        Request::Org {
            code: code.into(),
            at,
            year: 2024,
        },
    ) {
        Ok(Response::Org(o)) => o,
        other => panic!("{other:?}"),
    };
    let t = whole_tree(&mut s, at);
    for code in ["HN", "BD", "BD.01"] {
        let d = detail(&mut s, code);
        let top = id_of(&t, code);
        let mut want = std::collections::BTreeMap::new();
        for n in t.nodes.iter().filter(|n| n.id != top && deep_under(&t, n.id, top)) {
            *want.entry(n.kind.snake().to_string()).or_insert(0) += 1;
        }
        assert_eq!(d.subtree_by_kind, want, "{code}");
    }
    let cells: Vec<String> = t.nodes.iter().filter(|n| n.kind == OrgKind::Cell).map(|n| n.code.clone()).collect();
    s.call(
        "tester",
        Request::OrgMerge {
            code: cells[1].clone(),
            into: cells[0].clone(),
            at: d(2024, 1, 1),
            decision: None,
            base_version: None,
            later_counts_include: false,
        },
    )
    .unwrap();
    // The status's counts by kind today, the same way.
    let today = chrono::Local::now().date_naive();
    let now = whole_tree(&mut s, today);
    let mut want = std::collections::BTreeMap::new();
    for n in &now.nodes {
        *want.entry(n.kind.snake().to_string()).or_insert(0) += 1;
    }
    match s.call("tester", Request::Status) {
        Ok(Response::Status(st)) => assert_eq!(st.by_kind_now, want),
        other => panic!("{other:?}"),
    }
    let d = detail(&mut s, &cells[0]);
    assert!(
        d.history
            .iter()
            .any(|h| h.label_en == "merged in from" && h.detail.starts_with(&cells[1])),
        "{:?}",
        d.history
    );
    assert_eq!(d.total_members, 55);
    assert_eq!(detail(&mut s, "BD").subtree_by_kind.get("cell"), Some(&1));
}

fn windows_asked(sent: &Arc<Mutex<Vec<Request>>>) -> usize {
    sent.lock().unwrap().iter().filter(|r| matches!(r, Request::TreeWindow(_))).count()
}

/// Cursor moves inside the rows the screen holds ask for no window; moving
/// past them asks for the next one, and the row selected is the right one.
#[test]
fn moves_inside_the_window_ask_nothing_and_moves_out_ask_the_next_window() {
    std::env::set_var("TZ", "UTC");
    let (dir, mut s) = small_demo();
    let at = d(2026, 3, 15);
    let t = whole_tree(&mut s, at);
    let all = reference(&t, &HashSet::new(), None, "chi");
    let sent = Arc::new(Mutex::new(Vec::new()));
    let backend = Recording {
        inner: Local::new(s, "thu.ky"),
        sent: sent.clone(),
    };
    let mut app = App::new(Box::new(backend), options(Lang::Vi, dir.path(), at, 2026));
    app.draw(120, 40);
    app.keys("/chi<enter>");
    app.draw(120, 40);
    let w = app.window().unwrap().clone();
    assert_eq!(w.total, all.len());
    assert!(
        w.total > w.rows.len(),
        "the filter shows more than one window: {} of {}",
        w.rows.len(),
        w.total
    );
    let asked = windows_asked(&sent);
    app.keys("jjjjj");
    assert_eq!(windows_asked(&sent), asked, "moves inside the window");
    assert_eq!(app.selected_org().unwrap().0, all[5].0);
    app.keys("G");
    assert_eq!(windows_asked(&sent), asked + 1, "the last line is past the window");
    assert_eq!(app.selected_org().unwrap().0, all[all.len() - 1].0);
    let screen = app.draw(120, 40);
    let last = t.nodes.iter().find(|n| n.id == all[all.len() - 1].0).unwrap();
    assert!(
        screen.contains(&format!("› {}", last.name)) || screen.contains(&last.code),
        "{screen}"
    );
    app.keys("g");
    assert_eq!(app.selected_org().unwrap().0, all[0].0);
    assert_eq!(trees_asked(&sent), 0);
}
