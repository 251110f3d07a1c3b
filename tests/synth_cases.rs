//! Shapes found by the synthetic wpDiscuz pages of `tests/tools/synth_html.py` that the
//! real dev pages did not show, each reduced to a small page.

use article_dump::parse;

/// BeautifulSoup puts `Reply to` + NBSP and the parent's link on lines of their own; a
/// parent whose display name is also a badge word (`Admin`) is still the reply's target.
#[test]
fn a_parent_named_like_a_badge_is_the_reply_target() {
    let page = "The article.\n\n\
                Notify of\n\n\
                Admin\n\nAdmin\n\n2 years ago\n\nFirst comment.\n\n0\n\nReply\n\n\
                Lotte\n\nReply to\u{a0}\n\nAdmin\n\n1 year ago\n\nAn answer.\n\n0\n\nReply\n";
    let dump = parse(page).unwrap();
    let comments = &dump.discussion.as_ref().expect("a discussion").comments;
    assert_eq!(comments.len(), 1, "{comments:#?}");
    let reply = &comments[0].replies[0];
    assert_eq!(reply.to, "Admin");
    assert_eq!(reply.author.as_deref(), Some("Lotte"));
    assert_eq!(reply.posted.as_ref().map(|p| &*p.text), Some("1 year ago"));
}

/// html2text, layout 3: `Reply to NAME` and the date share a line, the date escaped as
/// markdown (`9\.`) behind icon residue.
#[test]
fn a_layout_3_reply_line_with_an_escaped_date_dates_the_reply() {
    let page = "The article.\n\n\
                Benachrichtige mich bei\n\n\
                Anja \n\n__1\\. Februar 2024 10:46\n\nErster Kommentar.\n\n0\n\nAntworten\n\n\
                Bernd \n\n__Antwort an   Anja  __2\\. Februar 2024 00:40\n\nEine Antwort.\n\n0\n\nAntworten\n";
    let dump = parse(page).unwrap();
    let comments = &dump.discussion.as_ref().expect("a discussion").comments;
    assert_eq!(comments.len(), 1, "{comments:#?}");
    let reply = &comments[0].replies[0];
    assert_eq!((&*reply.to, reply.author.as_deref()), ("Anja", Some("Bernd")));
    assert_eq!(reply.posted.as_ref().map(|p| &*p.text), Some("2\\. Februar 2024 00:40"));
    assert_eq!(reply.body, ["Eine Antwort."]);
}
