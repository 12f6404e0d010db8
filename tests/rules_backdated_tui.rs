//! Issue 12 item 10 in the register's forms: a backdated merge over a later
//! member count opens the "ask" popup listing the record; Esc writes nothing
//! (back to the form), Enter writes the change with the choice under the cursor.

mod common;

use common::tui::{day, lang_tag, Drive, TuiApp};
use thuky::domain::Lang;
use thuky::service::api::{Request, Response};

fn members_at(app: &mut TuiApp, code: &str, at: chrono::NaiveDate) -> (bool, u32) {
    let Ok(Response::Org(d)) = app.backend().call(Request::Org {
        code: code.into(),
        at,
        year: 2024,
    }) else {
        panic!("{code}")
    };
    (d.alive, d.members)
}

/// The fixture register with BD.01.02's count set again on 01/03/2025, and
/// the merge form of BD.01.01 into it filled in, dated 20/12/2024.
fn merge_form(lang: Lang) -> TuiApp {
    let mut app = TuiApp::fixture(lang);
    app.backend()
        .call(Request::OrgSetMembers {
            code: "BD.01.02".into(),
            members: 33,
            probationary: None,
            at: day(2025, 3, 1),
            base_version: None,
        })
        .unwrap();
    app.poll_background();
    app.keys("<c-f>");
    app.keys("BD.01.01");
    app.settle();
    app.keys("<enter>");
    assert_eq!(app.selected_org().unwrap().1, "BD.01.01");
    app.keys("M");
    app.keys("BD.01.02<tab><c-u>20/12/2024");
    app
}

#[test]
fn a_backdated_merge_asks_and_esc_writes_nothing() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = merge_form(lang);
        app.keys("<enter>");
        let screen = app.draw(100, 30);
        assert!(screen.contains("01/03/2025") && screen.contains("BD.01.02 33"), "{screen}");
        insta::assert_snapshot!(format!("backdated_ask_{}_100x30", lang_tag(lang)), screen);
        // Esc: nothing written, the form is back.
        app.keys("<esc>");
        assert!(app.capturing(), "the form stays open");
        assert!(!app.draw(100, 30).contains("01/03/2025 "), "the question is gone");
        assert_eq!(members_at(&mut app, "BD.01.01", day(2024, 12, 21)), (true, 25));
        assert_eq!(members_at(&mut app, "BD.01.02", day(2025, 3, 15)), (true, 33));
    }
}

#[test]
fn the_clerks_choice_is_sent_with_the_change() {
    // The first choice: add the merged members to the later count.
    let mut app = merge_form(Lang::Vi);
    app.keys("<enter>");
    app.keys("<enter>");
    assert!(!app.capturing(), "{:?}", app.message());
    assert!(!members_at(&mut app, "BD.01.01", day(2024, 12, 21)).0);
    assert_eq!(members_at(&mut app, "BD.01.02", day(2024, 12, 21)).1, 56);
    assert_eq!(members_at(&mut app, "BD.01.02", day(2025, 3, 15)).1, 58);
    // The second (↓): the later count already includes them.
    let mut app = merge_form(Lang::En);
    app.keys("<enter>");
    app.keys("<down>");
    assert!(app.draw(100, 30).contains("› 2. Keep the later records"));
    app.keys("<enter>");
    assert!(!app.capturing(), "{:?}", app.message());
    assert_eq!(members_at(&mut app, "BD.01.02", day(2025, 3, 15)).1, 33);
    // The target's detail shows the merge in its history.
    app.keys("<c-f>");
    app.keys("BD.01.02");
    app.settle();
    app.keys("<enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("merged in from") && screen.contains("BD.01.01"), "{screen}");
}
