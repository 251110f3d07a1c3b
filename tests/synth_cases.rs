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

/// (author, badge, parent) of every comment, replies after their parent.
fn headers(page: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    fn walk(
        comment: &article_dump::Comment<'_>,
        to: Option<&str>,
        out: &mut Vec<(Option<String>, Option<String>, Option<String>)>,
    ) {
        out.push((
            comment.author.as_deref().map(str::to_owned),
            comment.role.as_deref().map(str::to_owned),
            to.map(str::to_owned),
        ));
        for reply in &comment.replies {
            walk(reply, Some(&reply.to), out);
        }
    }
    let dump = parse(page).unwrap();
    let mut out = Vec::new();
    for comment in &dump.discussion.as_ref().expect("a discussion").comments {
        walk(comment, None, &mut out);
    }
    out
}

fn header(
    author: &str,
    role: Option<&str>,
    to: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    (Some(author.to_owned()), role.map(str::to_owned), to.map(str::to_owned))
}

/// w3m, layout 1 (alt text, badge, name, date, `Reply to`): an editor whose display name
/// is the German badge word `Redakteur` is the author; the line with other text is the badge.
#[test]
fn an_author_named_like_a_badge_after_its_alt_text_layout_1() {
    let page = "The article.\n\nNotify of\n\n\
                Mary\nAuthor\nMary\n26 de marzo de 2024 16:20\n\nPrimer comentario.\n\n0\nReply\n\
                Redakteur\nEditor\nRedakteur\n26 de marzo de 2024 16:22\n\u{a0}\nReply to\u{a0} Mary\n\n\
                Una respuesta.\n\n0\nReply\n\
                Admin\nAdmin\nAdmin\n26 de marzo de 2024 16:23\n\u{a0}\nReply to\u{a0} Redakteur\n\n\
                Otra respuesta.\n\n0\nReply\n";
    assert_eq!(
        headers(page),
        [
            header("Mary", Some("Author"), None),
            header("Redakteur", Some("Editor"), Some("Mary")),
            header("Admin", Some("Admin"), Some("Redakteur")),
        ]
    );
}

/// w3m, layout 2 (alt text, name, badge, `Reply to`, date): `Admin` / `Admin` / `Autor`.
#[test]
fn an_author_named_like_a_badge_after_its_alt_text_layout_2() {
    let page = "The article.\n\nBenachrichtige mich bei\n\n\
                Katrin Weiß\nKatrin Weiß\n\n11 Stunden zuvor\n\nErster Kommentar.\n\n0\nAntworten\n\
                Admin\nAdmin\nAutor\n\nAntwort auf\u{a0} Katrin Weiß\n9 Stunden zuvor\n\n\
                Eine Antwort.\n\n0\nAntworten\n";
    assert_eq!(
        headers(page),
        [header("Katrin Weiß", None, None), header("Admin", Some("Autor"), Some("Katrin Weiß"))]
    );
}

/// inscriptis and BeautifulSoup drop alt texts: badge and name alone. Layout 1 prints the
/// badge first; the page's other headers (a badge above a name, the date above `Reply to`)
/// tell the layout.
#[test]
fn an_author_named_like_a_badge_without_alt_text_layout_1() {
    let page = "The article.\n\nNotify of\n\n\
                Author\nMary\n26 de marzo de 2024 16:20\n\nPrimer comentario.\n\n0\nReply\n\
                Editor\nRedakteur\n26 de marzo de 2024 16:22\nReply to Mary\n\nUna respuesta.\n\n0\nReply\n";
    assert_eq!(
        headers(page),
        [header("Mary", Some("Author"), None), header("Redakteur", Some("Editor"), Some("Mary"))]
    );
    // No other badge: `Reply to` below a date is layout 1.
    let page = "The article.\n\nNotify of\n\n\
                Sofía\n26 de marzo de 2024 16:20\n\nPrimer comentario.\n\n0\nReply\n\
                Pedro\n26 de marzo de 2024 16:21\nReply to Sofía\n\nUna respuesta.\n\n0\nReply\n\
                Author\nAdmin\n26 de marzo de 2024 16:23\nReply to Pedro\n\nOtra respuesta.\n\n0\nReply\n";
    assert_eq!(headers(page)[2], header("Admin", Some("Author"), Some("Pedro")));
}

/// The same without alt texts in layout 2: the name comes before the badge, and `Reply to`
/// before the date (BeautifulSoup puts the parent's name on a line of its own).
#[test]
fn an_author_named_like_a_badge_without_alt_text_layout_2() {
    let page = "The article.\n\nBenachrichtige mich bei\n\n\
                Katrin Weiß\n11 Stunden zuvor\nErster Kommentar.\n0\nAntworten\n\
                Admin\nAutor\nAntwort auf\nKatrin Weiß\n9 Stunden zuvor\nEine Antwort.\n0\nAntworten\n\
                Uwe\nAntwort auf\nAdmin\n7 Stunden zuvor\nNoch eine Antwort.\n0\nAntworten\n";
    assert_eq!(
        headers(page),
        [
            header("Katrin Weiß", None, None),
            header("Admin", Some("Autor"), Some("Katrin Weiß")),
            header("Uwe", None, Some("Admin")),
        ]
    );
}

/// html2text: the linked avatar, then the name's link, then the badge, all badge words.
#[test]
fn an_author_named_like_a_badge_in_markdown_links() {
    let page = "The article.\n\nNotify of\n\n\
                ![Bence](https://secure.gravatar.com/avatar/1b42?s=64&r=x)\n\nBence \n\n\
                __2 years ago\n\nFirst comment.\n\n0\n\nReply\n\n__\n\n\
                [![Admin](https://secure.gravatar.com/avatar/1b75?s=64&r=x)](/author/admin/)\n\n\
                [Admin](/author/admin/)\n\nAuthor\n\n__Reply to   Bence  __1 year ago\n\n\
                An answer.\n\n0\n\nReply\n";
    let dump = parse(page).unwrap();
    let comments = &dump.discussion.as_ref().expect("a discussion").comments;
    assert_eq!(comments.len(), 1, "{comments:#?}");
    let reply = &comments[0].replies[0];
    assert_eq!((reply.author.as_deref(), reply.role.as_deref()), (Some("Admin"), Some("Author")));
    assert_eq!(reply.author_url.as_deref(), Some("/author/admin/"));
}
