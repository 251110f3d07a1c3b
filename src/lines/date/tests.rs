//! The date rules' tests: unit tests per rule, and the differential tests and property
//! tests that hold each hand-written rule to its nom form.

use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn ago(s: &str) -> Ago {
    s.parse().unwrap()
}

fn hm(hour: u8, minute: u8) -> Option<Clock> {
    Some(Clock { hour, minute, second: 0, pm: None })
}

fn pm(hour: u8, minute: u8) -> Option<Clock> {
    Some(Clock { hour, minute, second: 0, pm: Some(true) })
}

fn am(hour: u8, minute: u8) -> Option<Clock> {
    Some(Clock { hour, minute, second: 0, pm: Some(false) })
}

fn named(year: u16, month: u8, day: u8, clock: Option<Clock>) -> Option<DateToken> {
    Some(DateToken::Named { year, month, day, clock })
}

fn numeric(first: u8, second: u8, year: u16, clock: Option<Clock>) -> Option<DateToken> {
    Some(DateToken::Numeric { first, second, year, year_first: false, clock })
}

fn relative(iso: &str) -> Option<DateToken> {
    Some(DateToken::Relative(age(iso)))
}

/// The [`Age`] of an ISO duration with at most two non-zero fields.
fn age(iso: &str) -> Age {
    let ago = ago(iso);
    let fields = [
        (ago.years, Unit::Year),
        (ago.months, Unit::Month),
        (ago.weeks, Unit::Week),
        (ago.days, Unit::Day),
        (ago.hours, Unit::Hour),
        (ago.minutes, Unit::Minute),
        (ago.seconds, Unit::Second),
    ];
    let mut parts = fields.into_iter().filter(|(n, _)| *n != 0);
    let age = match (parts.next(), parts.next(), parts.next()) {
        (None, ..) => Age::RIGHT_NOW,
        (Some((first, first_unit)), second, None) => {
            Age { first, first_unit, second: second.map_or(0, |s| s.0), second_unit: second.map(|s| s.1) }
        }
        _ => panic!("{iso} has more than two parts"),
    };
    assert_eq!(age.ago(), ago, "{iso}");
    age
}

/// Runs a rule and demands that it consume the whole input.
fn whole<'a, T>(rule: fn(&'a str) -> PResult<'a, T>, input: &'a str) -> Option<T> {
    match rule(input) {
        Ok(("", out)) => Some(out),
        _ => None,
    }
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

// --- the brief's examples --------------------------------------------------------------

#[test]
fn examples_parse() {
    let cases: &[(&str, Option<DateToken>)] = &[
        ("20-08-21 17:27", numeric(20, 8, 21, hm(17, 27))),
        (
            "2021-08-20 17:27",
            Some(DateToken::Numeric {
                first: 8,
                second: 20,
                year: 2021,
                year_first: true,
                clock: hm(17, 27),
            }),
        ),
        ("08/20/2021 5:27 pm", numeric(8, 20, 2021, pm(5, 27))),
        ("20.08.2021 17:27", numeric(20, 8, 2021, hm(17, 27))),
        ("December 12, 2023 8:50 am", named(2023, 12, 12, am(8, 50))),
        ("August 20, 2021 at 5:27 pm", named(2021, 8, 20, pm(5, 27))),
        ("20 août 2021 17 h 27", named(2021, 8, 20, hm(17, 27))),
        ("20. August 2021 um 17:27", named(2021, 8, 20, hm(17, 27))),
        ("2 years ago", relative("P2Y")),
        ("1 month ago", relative("P1M")),
        ("3 months 11 days ago", relative("P3M11D")),
        ("1 year 23 hours ago", relative("P1YT23H")),
        ("14 days 56 minutes ago", relative("P14DT56M")),
        ("right now", relative("PT0S")),
        ("2 Jahre zuvor", relative("P2Y")),
        ("50 Minuten 46 Sekunden her", relative("PT50M46S")),
        ("il y a 2 années", relative("P2Y")),
        ("3 天 之前", relative("P3D")),
        ("3 天之前", relative("P3D")),
        ("2 лет назад", relative("P2Y")),
        ("2 lat temu", relative("P2Y")),
        ("2 anni fa", relative("P2Y")),
        ("2 jaren geleden", relative("P2Y")),
        ("2 yıl önce", relative("P2Y")),
        (
            "Today 5:27 pm",
            Some(DateToken::Today { clock: Clock { hour: 5, minute: 27, second: 0, pm: Some(true) } }),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(date_line(line), *want, "{line}");
    }
}

#[test]
fn non_dates_are_rejected() {
    for line in [
        "2021",
        "5",
        "Reply",
        "August",
        "27 September people came",
        "3 months",
        "ago",
        "0 Comments",
        "4.5 2 votes",
        "12:30",
        "2 years ago by Frank",
        "Last edited 2 years ago by Frank",
        "",
        "Notify of",
        "Frank O'hara",
        "Guest",
        "Article Rating",
        "1 Comment",
        "20-08-21 17:27 Reply",
        "Reply to Frank 20-08-21 17:27",
        "May the force be with you",
        "March 2021",
        "Today",
        "Today is a good day",
        "right now we need help",
        "years ago",
        "1.2.3",
        "192.168.1.1",
        "10/10",
        "3/4 of people",
    ] {
        assert_eq!(date_line(line), None, "{line:?}");
    }
}

// --- numeric dates ------------------------------------------------------------------------

#[test]
fn numeric_date_rule() {
    assert_eq!(whole(numeric_date, "20-08-21"), Some((20, 8, 21, false)));
    assert_eq!(whole(numeric_date, "20-08-2021"), Some((20, 8, 2021, false)));
    assert_eq!(whole(numeric_date, "20/08/2021"), Some((20, 8, 2021, false)));
    assert_eq!(whole(numeric_date, "8/20/2021"), Some((8, 20, 2021, false)));
    assert_eq!(whole(numeric_date, "20.08.2021"), Some((20, 8, 2021, false)));
    assert_eq!(whole(numeric_date, "20.08.21"), Some((20, 8, 21, false)));
    assert_eq!(whole(numeric_date, "20.08.2021."), Some((20, 8, 2021, false)));
    assert_eq!(whole(numeric_date, "2021-08-20"), Some((8, 20, 2021, true)));
    assert_eq!(whole(numeric_date, "2021/8/20"), Some((8, 20, 2021, true)));
    assert_eq!(whole(numeric_date, "2021.08.20"), Some((8, 20, 2021, true)));
    // Out-of-range fields still read as a date; `resolve` reports them.
    assert_eq!(whole(numeric_date, "32-13-21"), Some((32, 13, 21, false)));
    for near_miss in [
        "20-08/21",    // mixed separators
        "20-08-202",   // three-digit year
        "20-08-20211", // five-digit year
        "200-08-21",   // three-digit day
        "20-080-21",   // three-digit month
        "2021-08-2021",
        "21-08-20-19",
        "20 08 21",
        "20-08",
        "20:08:21",
        "2021.08.20.",
        "-08-21",
    ] {
        assert_eq!(whole(numeric_date, near_miss), None, "{near_miss}");
    }
}

#[test]
fn numeric_lines_with_every_time_format() {
    let cases: &[(&str, Option<Clock>)] = &[
        ("20-08-21 17:27", hm(17, 27)),
        ("20-08-21 7:05", hm(7, 5)),
        ("20-08-21 17:27:09", Some(Clock { hour: 17, minute: 27, second: 9, pm: None })),
        ("20-08-21 5:27 pm", pm(5, 27)),
        ("20-08-21 5:27 PM", pm(5, 27)),
        ("20-08-21 5:27pm", pm(5, 27)),
        ("20-08-21 5:27 am", am(5, 27)),
        ("20-08-21 5:27 a.m.", am(5, 27)),
        ("20-08-21   17:27", hm(17, 27)),
        ("20-08-21\u{a0}17:27", hm(17, 27)),
        ("20-08-21, 17:27", hm(17, 27)),
        ("20-08-21 at 17:27", hm(17, 27)),
        ("20.08.2021 um 17:27", hm(17, 27)),
        ("20/08/2021 à 17:27", hm(17, 27)),
        ("20/08/2021 alle 17:27", hm(17, 27)),
        ("20/08/2021 a las 17:27", hm(17, 27)),
        ("20/08/2021 às 17:27", hm(17, 27)),
        ("20.08.2021 в 17:27", hm(17, 27)),
        ("20.08.2021 o 17:27", hm(17, 27)),
        ("20.08.2021 о 17:27", hm(17, 27)),
        ("20-08-2021 om 17:27", hm(17, 27)),
        ("20/08/2021 lúc 17:27", hm(17, 27)),
        ("20.08.2021. у 17:27", hm(17, 27)),
        ("20/08/2021 @ 17:27", hm(17, 27)),
        ("20/08/2021 - 17:27", hm(17, 27)),
        ("20-08-21", None),
    ];
    for (line, clock) in cases {
        let want = DateToken::Numeric { first: 20, second: 8, year: 21, year_first: false, clock: *clock };
        let got = date_line(line);
        let year_agnostic = got.map(|t| match t {
            DateToken::Numeric { first, second, year_first, clock, .. } => {
                DateToken::Numeric { first, second, year: 21, year_first, clock }
            }
            other => other,
        });
        assert_eq!(year_agnostic, Some(want), "{line}");
    }
    for near_miss in [
        "20-08-21 17:2",
        "20-08-21 17:270",
        "20-08-21 17",
        "20-08-21 17:27 p",
        "20-08-21 17:27 pmx",
        "20-08-21 at",
        "20-08-21 at17:27",
        "20-08-2117:27",
        "20-08-21 atx 17:27",
        "20-08-21 17:27:5",
        "20-08-21 17:27 Uhr ist",
    ] {
        assert_eq!(date_line(near_miss), None, "{near_miss}");
    }
}

#[test]
fn numeric_line_rule() {
    assert_eq!(whole(numeric_line, "20-08-21 17:27"), numeric(20, 8, 21, hm(17, 27)));
    assert_eq!(whole(numeric_line, "20-08-21"), numeric(20, 8, 21, None));
    assert_eq!(whole(numeric_line, "20-08-21 17:27 x"), None);
}

// --- clock ----------------------------------------------------------------------------------

#[test]
fn clock_rule() {
    let c = |hour, minute, second, pm| Some(Clock { hour, minute, second, pm });
    assert_eq!(whole(clock, "17:27"), c(17, 27, 0, None));
    assert_eq!(whole(clock, "07:27"), c(7, 27, 0, None));
    assert_eq!(whole(clock, "7:27"), c(7, 27, 0, None));
    assert_eq!(whole(clock, "17:27:59"), c(17, 27, 59, None));
    assert_eq!(whole(clock, "5:27 pm"), c(5, 27, 0, Some(true)));
    assert_eq!(whole(clock, "5:27 PM"), c(5, 27, 0, Some(true)));
    assert_eq!(whole(clock, "5:27pm"), c(5, 27, 0, Some(true)));
    assert_eq!(whole(clock, "5:27 Am"), c(5, 27, 0, Some(false)));
    assert_eq!(whole(clock, "5:27 p.m."), c(5, 27, 0, Some(true)));
    assert_eq!(whole(clock, "5:27:01 am"), c(5, 27, 1, Some(false)));
    assert_eq!(whole(clock, "17:27 Uhr"), c(17, 27, 0, None));
    assert_eq!(whole(clock, "17 h 27"), c(17, 27, 0, None));
    assert_eq!(whole(clock, "17h27"), c(17, 27, 0, None));
    assert_eq!(whole(clock, "17 h 27 min"), c(17, 27, 0, None));
    assert_eq!(whole(clock, "下午5:27"), c(5, 27, 0, Some(true)));
    assert_eq!(whole(clock, "上午 10:05"), c(10, 5, 0, Some(false)));
    assert_eq!(whole(clock, "午後5:27"), c(5, 27, 0, Some(true)));
    // Range is checked later.
    assert_eq!(whole(clock, "25:61"), c(25, 61, 0, None));
    for near_miss in ["17", "17:", "17:2", "1727", "117:27", ":27", "17-27", "17h", "5:27 xm", "下午"] {
        assert_eq!(whole(clock, near_miss), None, "{near_miss}");
    }
}

#[test]
fn number_rules() {
    assert_eq!(whole(small_number, "7"), Some(7));
    assert_eq!(whole(small_number, "07"), Some(7));
    assert_eq!(whole(small_number, "007"), None);
    assert_eq!(whole(two_digits, "05"), Some(5));
    assert_eq!(whole(two_digits, "5"), None);
    assert_eq!(whole(year_number, "21"), Some(21));
    assert_eq!(whole(year_number, "2021"), Some(2021));
    assert_eq!(whole(year_number, "202"), None);
    assert_eq!(whole(year_number, "20211"), None);
    assert_eq!(whole(year4, "2021"), Some(2021));
    assert_eq!(whole(year4, "21"), None);
    assert_eq!(whole(count, "0"), Some(0));
    assert_eq!(whole(count, "4294967295"), Some(u32::MAX));
    assert_eq!(whole(count, "4294967296"), None);
    assert_eq!(whole(count, "x"), None);
}

#[test]
fn ordinal_and_de_rules() {
    for suffix in ["st", "nd", "rd", "th", "TH", "er"] {
        assert!(whole(ordinal, suffix).is_some(), "{suffix}");
    }
    assert_eq!(whole(ordinal, "ht"), None);
    assert_eq!(whole(de, "de "), Some(()));
    assert_eq!(whole(de, "De  "), Some(()));
    assert_eq!(whole(de, "de"), None);
    assert_eq!(whole(de, "dez "), None);
}

#[test]
fn meridiem_and_ordinal_read_like_their_alternatives() {
    for a in ["", "a", "A", "p", "P", "x", "s", "S", "n", "r", "t", "T", "e", "é"] {
        for b in ["", ".", "m", "M", "t", "T", "d", "h", "H", "r", "R", "x", "é"] {
            for c in ["", "m", "M", ".", "x"] {
                for d in ["", ".", "x"] {
                    let input = format!("{a}{b}{c}{d}");
                    assert_eq!(meridiem(&input).ok(), meridiem_alternatives(&input).ok(), "{input:?}");
                    assert_eq!(ordinal(&input).ok(), ordinal_alternatives(&input).ok(), "{input:?}");
                }
            }
        }
    }
}

#[test]
fn meridiem_rule() {
    assert_eq!(whole(meridiem, "am"), Some(false));
    assert_eq!(whole(meridiem, "PM"), Some(true));
    assert_eq!(whole(meridiem, "a.m."), Some(false));
    assert_eq!(whole(meridiem, "P.M."), Some(true));
    assert_eq!(whole(meridiem, "a"), None);
    assert_eq!(whole(meridiem, "nm"), None);
}

#[test]
fn date_time_sep_rule() {
    for sep in [" ", "   ", ",", ", ", " , ", " at ", ", at ", " um ", " À ", " a las ", " בשעה "] {
        assert_eq!(whole(date_time_sep, sep), Some(()), "{sep:?}");
    }
    // A joiner needs spaces around it; a bare word is no separator.
    assert_eq!(whole(date_time_sep, "at "), None);
    assert_eq!(whole(date_time_sep, ""), None);
    assert_eq!(date_time_sep(" atom 5:27").map(|(rest, _)| rest), Ok("atom 5:27"));
}

#[test]
fn joiner_rule() {
    assert_eq!(whole(joiner, "at"), Some(()));
    assert_eq!(whole(joiner, "AT"), Some(()));
    assert_eq!(whole(joiner, "a las"), Some(()));
    assert_eq!(whole(joiner, "atom"), None);
}

// --- named dates ------------------------------------------------------------------------

#[test]
fn month_name_rule() {
    let cases = [
        ("August", 8),
        ("august", 8),
        ("AUGUST", 8),
        ("Aug", 8),
        ("Aug.", 8),
        ("Sept", 9),
        ("März", 3),
        ("MÄRZ", 3),
        ("Jänner", 1),
        ("août", 8),
        ("AOÛT", 8),
        ("févr.", 2),
        ("agosto", 8),
        ("августа", 8),
        ("Август", 8),
        ("sierpnia", 8),
        ("sierpień", 8),
        ("серпня", 8),
        ("Ağustos", 8),
        ("八月", 8),
        ("十一月", 11),
        ("十月", 10),
        ("באוגוסט", 8),
        ("اوت", 8),
        ("أغسطس", 8),
        ("تشرين الثاني", 11),
        ("augusztus", 8),
        ("szept.", 9),
        ("օգոստոսի", 8),
        ("aŭgusto", 8),
        ("Tháng Tám", 8),
        ("tháng 8", 8),
        ("Tháng 12", 12),
        ("Tháng Mười", 10),
        ("Tháng Mười Hai", 12),
        ("август", 8),
        ("avgust", 8),
    ];
    for (name, month) in cases {
        assert_eq!(whole(month_name, name), Some(month), "{name}");
    }
    for near_miss in ["Augus", "Augusts", "Augx", "Mayday", "Tháng", "Tháng 13", "月", ""] {
        assert_eq!(whole(month_name, near_miss), None, "{near_miss}");
    }
    // Longest match first, and only on a word boundary.
    assert_eq!(month_name("Tháng 1 20"), Ok((" 20", 1)));
    assert_eq!(month_name("Tháng 10 20"), Ok((" 20", 10)));
    assert_eq!(month_name("Mar 5"), Ok((" 5", 3)));
}

#[test]
fn month_first_rule() {
    assert_eq!(whole(month_first, "August 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "Aug 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "Aug. 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "August 20th, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "August 1st 2021"), Some((2021, 8, 1)));
    assert_eq!(whole(month_first, "agosto 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "Tháng 8 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(month_first, "Aug 20, 21"), Some((21, 8, 20)));
    for near_miss in [
        "August 20",
        "August, 2021",
        "August 2021",
        "August 200, 2021",
        "Augus 20, 2021",
        "August20, 2021",
        "August 20, 202",
    ] {
        assert_eq!(whole(month_first, near_miss), None, "{near_miss}");
    }
}

#[test]
fn day_first_rule() {
    for (line, want) in [
        ("20 août 2021", (2021, 8, 20)),
        ("27 septembre 2024", (2024, 9, 27)),
        ("20. August 2021", (2021, 8, 20)),
        ("20 August, 2021", (2021, 8, 20)),
        ("05 August 2021", (2021, 8, 5)),
        ("20-Aug-2021", (2021, 8, 20)),
        ("20th August 2021", (2021, 8, 20)),
        ("1er août 2021", (2021, 8, 1)),
        ("20 de agosto de 2021", (2021, 8, 20)),
        ("20 августа 2021", (2021, 8, 20)),
        ("20 sierpnia 2021", (2021, 8, 20)),
        ("20 серпня 2021", (2021, 8, 20)),
        ("20 באוגוסט 2021", (2021, 8, 20)),
        ("20 Tháng Tám, 2021", (2021, 8, 20)),
        ("20 tháng 8, 2021", (2021, 8, 20)),
        ("20 Ağustos 2021", (2021, 8, 20)),
        ("20 أغسطس 2021", (2021, 8, 20)),
        ("20 تشرين الثاني 2021", (2021, 11, 20)),
    ] {
        assert_eq!(whole(day_first, line), Some(want), "{line}");
    }
    for near_miss in [
        "20 août",
        "20 août 202",
        "20août 2021",
        "200 août 2021",
        "20 aout2021",
        "20 de 2021",
        "20 people 2021",
    ] {
        assert_eq!(whole(day_first, near_miss), None, "{near_miss}");
    }
}

#[test]
fn year_first_named_rule() {
    assert_eq!(whole(year_first_named, "2021. augusztus 20."), Some((2021, 8, 20)));
    assert_eq!(whole(year_first_named, "2021. aug. 20."), Some((2021, 8, 20)));
    assert_eq!(whole(year_first_named, "2021. augusztus 20"), Some((2021, 8, 20)));
    assert_eq!(whole(year_first_named, "2021 augusztus 20."), None);
    assert_eq!(whole(year_first_named, "21. augusztus 20."), None);
}

#[test]
fn cjk_date_rule() {
    assert_eq!(whole(cjk_date, "2021年8月20日"), Some((2021, 8, 20)));
    assert_eq!(whole(cjk_date, "2021年08月20日"), Some((2021, 8, 20)));
    assert_eq!(whole(cjk_date, "2021 年 8 月 20 日"), Some((2021, 8, 20)));
    assert_eq!(whole(cjk_date, "2021年8月"), None);
    assert_eq!(whole(cjk_date, "2021年8月20"), None);
    assert_eq!(whole(cjk_date, "2021年120月20日"), None);
}

#[test]
fn named_date_rule() {
    assert_eq!(whole(named_date, "August 20, 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(named_date, "20 août 2021"), Some((2021, 8, 20)));
    assert_eq!(whole(named_date, "2021. augusztus 20."), Some((2021, 8, 20)));
    assert_eq!(whole(named_date, "2021年8月20日"), Some((2021, 8, 20)));
    assert_eq!(whole(named_date, "August"), None);
}

#[test]
fn named_lines() {
    for (line, want) in [
        ("August 20, 2021 5:27 pm", named(2021, 8, 20, pm(5, 27))),
        ("August 20, 2021 at 5:27 pm", named(2021, 8, 20, pm(5, 27))),
        ("August 20, 2021, 5:27 pm", named(2021, 8, 20, pm(5, 27))),
        ("august 20, 2021 AT 5:27 PM", named(2021, 8, 20, pm(5, 27))),
        ("Aug 20, 2021", named(2021, 8, 20, None)),
        ("20 août 2021 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 août 2021 à 17 h 27 min", named(2021, 8, 20, hm(17, 27))),
        ("20 août 2021 à 17h27", named(2021, 8, 20, hm(17, 27))),
        ("20. August 2021 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 de agosto de 2021 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 de agosto de 2021 a las 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 de agosto de 2021 às 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 agosto 2021 alle 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 августа 2021 в 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 августа 2021 г. в 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 серпня 2021 р. о 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 sierpnia 2021 o 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20 augustus 2021 om 17:27", named(2021, 8, 20, hm(17, 27))),
        ("20. август 2021. у 17:27", named(2021, 8, 20, hm(17, 27))),
        ("2021. augusztus 20. 17:27", named(2021, 8, 20, hm(17, 27))),
        ("2021年8月20日 17:27", named(2021, 8, 20, hm(17, 27))),
        ("2021年8月20日下午5:27", named(2021, 8, 20, pm(5, 27))),
        ("2021年8月20日 下午5:27", named(2021, 8, 20, pm(5, 27))),
        ("20 Tháng Tám, 2021 lúc 17:27", named(2021, 8, 20, hm(17, 27))),
        ("Tháng 8 20, 2021", named(2021, 8, 20, None)),
        ("20 באוגוסט 2021 בשעה 17:27", named(2021, 8, 20, hm(17, 27))),
        ("27 septembre 2024", named(2024, 9, 27, None)),
        ("December 12, 2023 8:50 am", named(2023, 12, 12, am(8, 50))),
    ] {
        assert_eq!(date_line(line), want, "{line}");
    }
    for near_miss in [
        "August 20, 2021 5:27 pm Reply",
        "August 20, 2021 at",
        "August 20, 2021 at noon",
        "On August 20, 2021",
        "20 août 2021 17 h",
        "27 September people came",
        "20 de agosto",
        "2021年8月20日 晚上",
        "2021. augusztus",
    ] {
        assert_eq!(date_line(near_miss), None, "{near_miss}");
    }
}

#[test]
fn year_suffix_rule() {
    assert_eq!(whole(year_suffix, "."), Some(()));
    assert_eq!(whole(year_suffix, " г."), Some(()));
    assert_eq!(whole(year_suffix, "р."), Some(()));
    assert_eq!(whole(year_suffix, " года"), None);
}

#[test]
fn every_month_form_parses_in_both_orders() {
    for row in MONTHS_TSV.lines().skip(1).filter(|r| !r.starts_with('#')) {
        let mut cells = row.split('\t');
        let lang = cells.next().unwrap();
        let month: u8 = cells.next().unwrap().parse().unwrap();
        for form in cells.flat_map(|c| c.split('|')).map(str::trim).filter(|f| !f.is_empty()) {
            let day_first_line = format!("20 {form} 2021 17:27");
            assert_eq!(date_line(&day_first_line), named(2021, month, 20, hm(17, 27)), "{lang} {form}");
            let month_first_line = format!("{form} 20, 2021 5:27 pm");
            assert_eq!(date_line(&month_first_line), named(2021, month, 20, pm(5, 27)), "{lang} {form}");
            let upper = format!("20 {} 2021", form.to_uppercase());
            assert_eq!(date_line(&upper), named(2021, month, 20, None), "{lang} {form}");
        }
    }
}

// --- today ------------------------------------------------------------------------------

#[test]
fn today_line_rule() {
    let clock = |c: Option<Clock>| c.map(|clock| DateToken::Today { clock });
    assert_eq!(whole(today_line, "Today 5:27 pm"), clock(pm(5, 27)));
    assert_eq!(whole(today_line, "today 17:27"), clock(hm(17, 27)));
    assert_eq!(whole(today_line, "Today, 17:27"), clock(hm(17, 27)));
    assert_eq!(whole(today_line, "Today at 5:27 pm"), clock(pm(5, 27)));
    assert_eq!(whole(today_line, "Today"), None);
    assert_eq!(whole(today_line, "Todays 17:27"), None);
    assert_eq!(whole(today_line, "Today 17"), None);
}

// --- relative dates ---------------------------------------------------------------------

#[test]
fn unit_word_rule() {
    let unit = |s| whole(unit_word, s).map(|w| w.unit);
    assert_eq!(unit("years"), Some(Unit::Year));
    assert_eq!(unit("year"), Some(Unit::Year));
    assert_eq!(unit("Months"), Some(Unit::Month));
    assert_eq!(unit("weeks"), Some(Unit::Week));
    assert_eq!(unit("mins"), Some(Unit::Minute));
    assert_eq!(unit("Jahre"), Some(Unit::Year));
    assert_eq!(unit("années"), Some(Unit::Year));
    assert_eq!(unit("лет"), Some(Unit::Year));
    assert_eq!(unit("天"), Some(Unit::Day));
    assert_eq!(unit("小时"), Some(Unit::Hour));
    assert_eq!(unit("שנים"), Some(Unit::Year));
    assert_eq!(unit("éve"), Some(Unit::Year));
    assert_eq!(whole(unit_word, "éve").map(|w| w.self_ago), Some(true));
    assert_eq!(whole(unit_word, "years").map(|w| w.self_ago), Some(false));
    for near_miss in ["yearz", "yrs", "Comments", "votes", "fortnight", "d", ""] {
        assert_eq!(unit(near_miss), None, "{near_miss}");
    }
}

#[test]
fn ago_word_rule() {
    for word in [
        "ago",
        "AGO",
        "zuvor",
        "her",
        "il y a",
        "plus tôt",
        "назад",
        "temu",
        "之前",
        "前",
        "לפני",
        "trước",
        "пре",
    ] {
        assert!(whole(ago_word, word).is_some(), "{word}");
    }
    for near_miss in ["agoo", "il y", "before", ""] {
        assert_eq!(whole(ago_word, near_miss), None, "{near_miss}");
    }
}

#[test]
fn right_now_rule() {
    for phrase in [
        "right now",
        "Right Now",
        "gerade eben",
        "à l’instant",
        "à l'instant",
        "прямо сейчас",
        "立即",
        "马上",
    ] {
        assert_eq!(whole(right_now, phrase), Some(()), "{phrase}");
    }
    assert_eq!(whole(right_now, "right"), None);
    assert_eq!(whole(right_now, "right nowhere"), None);
}

#[test]
fn relative_part_rule() {
    let part = |s| whole(relative_part, s).map(|(n, w)| (n, w.unit));
    assert_eq!(part("2 years"), Some((2, Unit::Year)));
    assert_eq!(part("2years"), Some((2, Unit::Year)));
    assert_eq!(part("3天"), Some((3, Unit::Day)));
    assert_eq!(part("4294967295 seconds"), Some((u32::MAX, Unit::Second)));
    assert_eq!(part("4294967296 seconds"), None);
    assert_eq!(part("99999999999 years"), None);
    assert_eq!(part("years"), None);
    assert_eq!(part("2 yearsx"), None);
    assert_eq!(part("-2 years"), None);
}

#[test]
fn relative_parts_rule() {
    let parts = |s| whole(relative_parts, s).and_then(|p| p.age(None)).map(|age| age.ago());
    assert_eq!(parts("3 months 11 days"), Some(ago("P3M11D")));
    assert_eq!(parts("4 月 3 天"), Some(ago("P4M3D")));
    assert_eq!(parts("4月3天"), Some(ago("P4M3D")));
    assert_eq!(parts("1 year 23 hours"), Some(ago("P1YT23H")));
    // Largest unit first, each once, at most two parts.
    assert_eq!(parts("11 days 3 months"), None);
    assert_eq!(parts("3 days 2 days"), None);
    assert_eq!(whole(relative_parts, "1 year 2 months 3 days"), None);
    assert_eq!(whole(relative_parts, "2 years").map(|p| p.self_ago()), Some(false));
    assert_eq!(whole(relative_parts, "2 éve 3 napja").map(|p| p.self_ago()), Some(true));
    assert_eq!(whole(relative_parts, "2 éve 3 days").map(|p| p.self_ago()), Some(false));
}

#[test]
fn ambiguous_unit_words_follow_the_adjective() {
    // Ukrainian hour, Serbian year.
    assert_eq!(date_line("1 година тому"), relative("PT1H"));
    assert_eq!(date_line("1 година ago"), relative("PT1H"));
    assert_eq!(date_line("пре 1 година"), relative("P1Y"));
    assert_eq!(date_line("1 година пре"), relative("P1Y"));
    assert_eq!(date_line("1 година 5 хвилин тому"), relative("PT1H5M"));
    assert_eq!(date_line("пре 1 година 5 дани"), relative("P1Y5D"));
}

#[test]
fn relative_date_rule() {
    for (line, iso) in [
        ("2 years ago", "P2Y"),
        ("1 years ago", "P1Y"),
        ("2 year ago", "P2Y"),
        ("2 Months Ago", "P2M"),
        ("2 MONTHS AGO", "P2M"),
        ("1 week ago", "P1W"),
        ("3 weeks ago", "P3W"),
        ("5 mins ago", "PT5M"),
        ("0 seconds ago", "PT0S"),
        ("right now", "PT0S"),
        ("gerade eben", "PT0S"),
        ("à l’instant", "PT0S"),
        ("2 Jahre zuvor", "P2Y"),
        ("2 années il y a", "P2Y"),
        ("il y a 2 années", "P2Y"),
        ("2 années 3 mois plus tôt", "P2Y3M"),
        ("2 лет 3 месяцев назад", "P2Y3M"),
        ("3 місяців тому", "P3M"),
        ("2 lata temu", "P2Y"),
        ("2 anni fa", "P2Y"),
        ("2 anos atrás", "P2Y"),
        ("2 jaren geleden", "P2Y"),
        ("2 yıl önce", "P2Y"),
        ("3 天 之前", "P3D"),
        ("3 天之前", "P3D"),
        ("3天之前", "P3D"),
        ("3天前", "P3D"),
        ("4 月 3 天 之前", "P4M3D"),
        ("לפני 2 שנים", "P2Y"),
        ("2 שנים לפני", "P2Y"),
        ("2 سال قبل", "P2Y"),
        ("قبل 2 سنوات", "P2Y"),
        ("2 سنوات ago", "P2Y"),
        ("2 éve", "P2Y"),
        ("5 perce", "PT5M"),
        ("2 éve ago", "P2Y"),
        ("2 տարի առաջ", "P2Y"),
        ("2 jaroj pasis", "P2Y"),
        ("2 năm trước", "P2Y"),
        ("пре 2 године", "P2Y"),
        ("2 godziny temu", "PT2H"),
        ("1 year 5 days ago", "P1Y5D"),
    ] {
        assert_eq!(whole(relative_date, line).map(|age| age.ago()), Some(ago(iso)), "{line}");
        assert_eq!(date_line(line), relative(iso), "{line}");
    }
    for near_miss in [
        "3 months",
        "ago",
        "2 years ago by Frank",
        "Last edited 2 years ago by Frank",
        "99999999999 years ago",
        "2 years ago ago",
        "2 years agoo",
        "2 years, ago",
        "2 ans",
        "2 days 2 days ago",
        "2 votes ago",
        "ago ago",
        "right now 2 years ago",
        "2 years 3 months 4 days ago",
        "2 éve 3 days",
    ] {
        assert_eq!(date_line(near_miss), None, "{near_miss}");
    }
}

#[test]
fn every_catalogue_unit_and_adjective_combine() {
    let catalog = crate::phrases::catalog();
    for (key, unit) in UNIT_KEYS {
        for text in catalog.texts(key) {
            if AMBIGUOUS_UNITS.iter().any(|(word, ..)| word == text) {
                continue;
            }
            assert_eq!(whole(unit_word, text).map(|w| w.unit), Some(unit), "{key} {text}");
            for adjective in catalog.texts("wc_ago_text") {
                for line in [format!("2 {text} {adjective}"), format!("{adjective} 2 {text}")] {
                    let Some(DateToken::Relative(age)) = date_line(&line) else {
                        panic!("{line}");
                    };
                    let mut want = Ago::default();
                    set_unit(&mut want, unit, 2);
                    assert_eq!(age.ago(), want, "{line}");
                }
            }
        }
    }
    for text in catalog.texts("wc_right_now_text") {
        assert_eq!(date_line(text), relative("PT0S"), "{text}");
    }
}

#[test]
fn word_tables_do_not_overlap() {
    // No unit word is also a relative adjective or a "right now" phrase.
    let catalog = crate::phrases::catalog();
    for (key, _) in UNIT_KEYS {
        for text in catalog.texts(key) {
            assert_eq!(whole(ago_word, text), None, "{text}");
            assert_eq!(whole(right_now, text), None, "{text}");
        }
    }
}

// --- top level ----------------------------------------------------------------------------

#[test]
fn first_character_dispatch() {
    assert!(words().may_start('a'));
    assert!(words().may_start('A'));
    assert!(words().may_start('Ş'));
    assert!(words().may_start('İ'));
    assert!(words().may_start('ל'));
    assert!(words().may_start('之'));
    assert!(!words().may_start('#'));
    assert!(!words().may_start('😀'));
    assert_eq!(date_line("😀 2 years ago"), None);
}

/// The grammar with no rule ruled out in advance: every rule on every line.
fn date_line_unfiltered(text: &str) -> Option<DateToken> {
    if text.is_empty() || text.len() > MAX_LINE {
        return None;
    }
    all_consuming(alt((numeric_line, named_line, today_line, relative_line))).parse(text).ok().map(|(_, t)| t)
}

/// Lines made of the words of every table and numbers, in many orders.
fn table_lines() -> Vec<String> {
    let catalog = crate::phrases::catalog();
    let mut words: Vec<String> = MONTHS_TSV
        .lines()
        .skip(1)
        .filter(|r| !r.starts_with('#'))
        .flat_map(|r| r.split('\t').skip(2).flat_map(|c| c.split('|')).map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    for key in
        ["wc_ago_text", "wc_right_now_text", "wc_posted_today_text", "wc_year_text", "wc_day_text_plural"]
    {
        words.extend(catalog.texts(key).iter().map(|t| t.to_string()));
    }
    words.extend(JOINERS.iter().map(|j| j.to_string()));
    let mut lines = Vec::new();
    for w in &words {
        for line in [
            w.clone(),
            w.to_uppercase(),
            format!("{w} 20, 2021 5:27 pm"),
            format!("{w} 20 2021"),
            format!("20 {w} 2021 17:27"),
            format!("20. {w} 2021"),
            format!("2021. {w} 20."),
            format!("{w} 2"),
            format!("{w} 2 years"),
            format!("2 {w}"),
            format!("2 years {w}"),
            format!("{w} 5:27 pm"),
            format!("{w}, 17:27"),
            format!("20-08-21 {w} 17:27"),
            format!("{w}x 2 years"),
        ] {
            lines.push(line);
        }
    }
    lines
}

#[test]
fn rules_ruled_out_would_not_match() {
    for line in table_lines() {
        assert_eq!(date_line(&line), date_line_unfiltered(&line), "{line}");
    }
}

#[test]
fn relative_and_today_words_have_no_digits() {
    // A month name may (`1月`, `Tháng 8`); `date_line` relies on no other word starting
    // with a digit.
    let catalog = crate::phrases::catalog();
    let keys =
        UNIT_KEYS.iter().map(|(k, _)| *k).chain(["wc_ago_text", "wc_right_now_text", "wc_posted_today_text"]);
    for key in keys {
        for text in catalog.texts(key) {
            assert!(!text.starts_with(|c: char| c.is_ascii_digit()), "{key} {text}");
        }
    }
}

#[test]
fn digit_helpers() {
    assert_eq!(digits_len("2021-08"), 4);
    assert_eq!(digits_len("x1"), 0);
    assert_eq!(digits_len(""), 0);
    assert!(has_two_numbers("20 August 2021"));
    assert!(has_two_numbers("August 20, 2021"));
    assert!(has_two_numbers("1-2"));
    assert!(!has_two_numbers("2 years ago"));
    assert!(!has_two_numbers("August 2021"));
    assert!(!has_two_numbers("right now"));
    assert!(!has_two_numbers(""));
    for input in ["", "a", "1", "12ab", "١٢", "12 3", "x12"] {
        assert_eq!(digit1(input), nom::character::complete::digit1::<_, NomError<&str>>(input), "{input}");
    }
}

#[test]
fn skip_spaces_skips_what_is_space_says() {
    for input in [
        "",
        "x",
        " x",
        "\t x",
        "\u{a0}x",
        "\u{202f}\u{2009}\u{2007} x",
        "\u{a0}",
        "\u{a1}x",
        "\u{2008}x",
        "\u{2028}x",
        "\u{3000}x",
        "é x",
        "  ",
    ] {
        let want = input.trim_start_matches(is_space);
        assert_eq!(skip_spaces(input), want, "{input:?}");
        assert_eq!(sp0(input), Ok((want, &input[..input.len() - want.len()])), "{input:?}");
        assert_eq!(sp1(input).is_ok(), want.len() < input.len(), "{input:?}");
    }
}

#[test]
fn at_boundary_reads_ascii_as_chars() {
    for rest in ["", "a", "Z", "5", " ", ".", "_", "é", "之前", "\u{a0}", "ж"] {
        for ends_cjk in [false, true] {
            let want = match rest.chars().next() {
                None => true,
                Some(next) => !next.is_alphanumeric() || is_cjk(next) || ends_cjk,
            };
            assert_eq!(at_boundary(ends_cjk, rest), want, "{rest:?} {ends_cjk}");
        }
    }
}

#[test]
fn count_reads_like_str_parse() {
    for input in ["0", "007", "42", "4294967295", "4294967296", "99999999999", "12ab", "x", ""] {
        let want = nom::character::complete::digit1::<_, NomError<&str>>(input)
            .ok()
            .and_then(|(rest, run)| run.parse::<u32>().ok().map(|n| (rest, n)));
        assert_eq!(count(input).ok(), want, "{input}");
    }
}

/// [`date_line_unfiltered`] with every hand-written rule replaced by its nom form.
fn date_line_nom(text: &str) -> Option<DateToken> {
    if text.is_empty() || text.len() > MAX_LINE {
        return None;
    }
    let today_line_nom = |i| {
        let (i, (_, _, clock, _)) =
            (today_word, date_time_sep_alternatives, clock_alternatives, eof).parse(i)?;
        Ok((i, DateToken::Today { clock }))
    };
    let relative_line_nom = relative_date_alternatives.map(DateToken::Relative);
    all_consuming(alt((numeric_line_nom, named_line_nom, today_line_nom, relative_line_nom)))
        .parse(text)
        .ok()
        .map(|(_, t)| t)
}

/// Each hand-written rule gives what its nom form gives on `line` (and on its ends: a
/// clock or a separator is read in the middle of a line).
fn assert_rules_read_like_nom(line: &str) {
    assert_eq!(date_line(line), date_line_nom(line), "{line:?}");
    assert_eq!(named_line(line).ok(), named_line_nom(line).ok(), "{line:?}");
    assert_eq!(numeric_line(line).ok(), numeric_line_nom(line).ok(), "{line:?}");
    assert_eq!(named_date(line).ok(), named_date_alternatives(line).ok(), "{line:?}");
    assert_eq!(month_first(line).ok(), month_first_nom(line).ok(), "{line:?}");
    assert_eq!(day_first(line).ok(), day_first_nom(line).ok(), "{line:?}");
    assert_eq!(numeric_date(line).ok(), numeric_date_nom(line).ok(), "{line:?}");
    for (at, _) in line.char_indices().take(24) {
        let end = &line[at..];
        assert_eq!(clock(end).ok(), clock_alternatives(end).ok(), "{end:?}");
        assert_eq!(date_time_sep(end).ok(), date_time_sep_alternatives(end).ok(), "{end:?}");
        assert_eq!(year_suffix(end).ok(), year_suffix_alternatives(end).ok(), "{end:?}");
        assert_eq!(meridiem(end).ok(), meridiem_alternatives(end).ok(), "{end:?}");
        assert_eq!(ordinal(end).ok(), ordinal_alternatives(end).ok(), "{end:?}");
    }
}

#[test]
fn hand_written_rules_read_like_the_nom_grammar() {
    let mut lines = table_lines();
    lines.extend(
        [
            "20-08-21 17:27",
            "20.08.2021. у 17:27",
            "20.08.2021..",
            "2021.08.20.",
            "20-08/21",
            "20-08-21 at17:27",
            "20-08-21 ,at 17:27",
            "20-08-21 , 17:27 Uhr",
            "20-08-21 17:27:5",
            "20-08-21 17 h 27 min",
            "20-08-21 17 h27min",
            "20-08-21 17h 2",
            "20 août 2021 à 17 h 27 min",
            "August 20, 2021 5:27 p.m.",
            "August 20, 2021 5:27 P.M",
            "August 1st2021",
            "August 1st , 2021",
            "20th-Aug-2021",
            "20.-Aug-2021",
            "20 de agosto de 2021 a las 17:27",
            "20 de agosto , 2021",
            "20 dec 2021",
            "20 августа 2021 г. в 17:27",
            "20 августа 2021г 17:27",
            "20 серпня 2021 р 17:27",
            "20 серпня 2021 Р. 17:27",
            "2021. augusztus 20. 17:27",
            "2021. augusztus 20 .",
            "21 年 8 月 20 日下午5:27",
            "2021年8月20日 午後 5:27:01",
            "1月 20, 2021",
            "12月 20 2021",
            "Today 5:27 pm",
            "Today, at 17:27",
            "2021年8月20日, 17:27",
        ]
        .map(str::to_owned),
    );
    lines.extend(crate::test_pages::lines().into_iter().filter(|l| l.len() <= MAX_LINE));
    for line in &lines {
        assert_rules_read_like_nom(line);
    }
}

#[test]
fn relative_date_reads_like_its_alternatives() {
    for line in table_lines() {
        assert_eq!(relative_date(&line).ok(), relative_date_alternatives(&line).ok(), "{line}");
    }
}

#[test]
fn step_finds_each_edge_of_sorted_lists() {
    fn check<T: Copy>(lexicon: &Lexicon<T>) {
        for (node, chars) in lexicon.edge_chars().into_iter().enumerate() {
            assert!(chars.windows(2).all(|w| w[0] < w[1]), "node {node}: {chars:?}");
            for (&c, &(_, to)) in chars.iter().zip(&lexicon.nodes[node].edges) {
                assert_eq!(lexicon.step(node, c), Some(to as usize), "node {node} {c:?}");
            }
            for c in ['\0', '!', 'ÿ', '\u{10ffff}'] {
                if !chars.contains(&c) {
                    assert_eq!(lexicon.step(node, c), None, "node {node} {c:?}");
                }
            }
        }
    }
    let w = words();
    check(&w.months);
    check(&w.units);
    check(&w.ago);
    check(&w.right_now);
    check(&w.today);
    check(&w.joiners);
    check(&w.first_words);
}

/// The words a walk finds: each one's value (as debug text) and the length of the rest.
type Found = Vec<(String, usize)>;

/// Every prefix the byte trie finds in `input`, for each table, and the character trie's.
fn prefixes_both_ways(input: &str) -> Vec<(Found, Found)> {
    fn both<T: Copy + std::fmt::Debug>(lexicon: &Lexicon<T>, input: &str) -> (Found, Found) {
        let (mut bytes, mut chars) = (Vec::new(), Vec::new());
        lexicon.each_prefix(input, |value, rest| bytes.push((format!("{value:?}"), rest.len())));
        lexicon.each_prefix_by_chars(input, |value, rest| chars.push((format!("{value:?}"), rest.len())));
        (bytes, chars)
    }
    let w = words();
    vec![
        both(&w.months, input),
        both(&w.units, input),
        both(&w.ago, input),
        both(&w.right_now, input),
        both(&w.today, input),
        both(&w.joiners, input),
        both(&w.first_words, input),
    ]
}

#[test]
fn byte_trie_walks_like_the_character_trie() {
    let mut lines: Vec<String> = table_lines();
    lines.extend(table_lines().iter().map(|l| l.to_uppercase()));
    lines.extend(table_lines().iter().map(|l| l.replace(' ', "\u{a0}")));
    lines.extend(crate::test_pages::lines().into_iter().filter(|l| l.len() <= MAX_LINE));
    for line in &lines {
        // Each word of the line, as a rule reads it after a number or a space.
        for (start, _) in line.char_indices().filter(|&(i, c)| i == 0 || c == ' ') {
            let input = line[start..].trim_start();
            for (bytes, chars) in prefixes_both_ways(input) {
                assert_eq!(bytes, chars, "{input:?}");
            }
        }
    }
    // The walk reaches every word of every table.
    assert!(prefixes_both_ways("August").iter().any(|(bytes, _)| !bytes.is_empty()));
    assert_eq!(whole(unit_word, "másodperce").map(|w| w.unit), Some(Unit::Second));
    assert_eq!(whole(ago_word, "ՎԱՅՐԿՅԱՆ"), None);
}

#[test]
fn each_prefix_ends_words_on_boundaries() {
    // The boundary after a word is read from the next byte when it is ASCII or absent,
    // and from the next character otherwise: both must agree with `at_boundary`.
    for (word, ends_cjk) in [("days", false), ("ЛЕТ", false), ("天", true)] {
        for next in ["", " ", ".", "x", "5", "_", "é", "ж", "之前", "\u{a0}"] {
            let input = format!("{word}{next}");
            let rest = words().units.longest(&input).map(|(_, rest)| rest);
            let want = at_boundary(ends_cjk, next).then_some(next);
            assert_eq!(rest, want, "{input:?}");
        }
    }
}

#[test]
fn trie_characters_are_their_own_fold() {
    let w = words();
    let edges = |nodes: Vec<Vec<char>>| nodes.into_iter().flatten().collect::<Vec<char>>();
    for c in edges(w.months.edge_chars())
        .into_iter()
        .chain(edges(w.units.edge_chars()))
        .chain(edges(w.ago.edge_chars()))
        .chain(edges(w.right_now.edge_chars()))
        .chain(edges(w.today.edge_chars()))
        .chain(edges(w.joiners.edge_chars()))
        .chain(edges(w.first_words.edge_chars()))
    {
        assert_eq!(fold(c).collect::<Vec<_>>(), [c], "{c:?}");
    }
    // Stepping with an uppercase character still folds it.
    assert_eq!(whole(month_name, "ÁPRILIS"), whole(month_name, "április"));
    assert_eq!(whole(unit_word, "ЛЕТ").map(|w| w.unit), Some(Unit::Year));
}

#[test]
fn ascii_keys_step_like_step_input() {
    for b in 0u8..128 {
        let c = char::from(b);
        let want = if is_space(c) { ' ' } else { c.to_ascii_lowercase() };
        assert_eq!(char::from(ascii_key(b)), want, "{b}");
    }
}

#[test]
fn first_word_kinds_name_the_tables() {
    assert_eq!(words().first_word_kinds("August 20, 2021"), MONTH);
    assert_eq!(words().first_word_kinds("il y a 2 années"), AGO);
    // Italian `ago` (agosto) is a month too.
    assert_eq!(words().first_word_kinds("ago 2 years"), AGO | MONTH);
    assert_eq!(words().first_word_kinds("right now"), RIGHT_NOW);
    assert_eq!(words().first_word_kinds("Today 5:27 pm"), TODAY);
    assert_eq!(words().first_word_kinds("Very helpful"), 0);
    assert_eq!(words().first_word_kinds("Augusta"), 0);
    // Every pair the two-character filter rejects is one the walk rejects too.
    let pairs = words().first_words.ascii_pairs();
    for a in 0u8..128 {
        for c in 0u8..128 {
            let text = format!("{}{}", char::from(a), char::from(c));
            if pairs[usize::from(ascii_key(a))] >> ascii_key(c) & 1 == 0 {
                let mut kinds = 0;
                words().first_words.each_prefix(&text, |k, _| kinds |= k);
                assert_eq!(kinds, 0, "{text:?}");
                words().first_words.each_prefix(&format!("{text}x y"), |k, _| kinds |= k);
                assert_eq!(kinds, 0, "{text:?}");
            }
        }
    }
}

#[test]
fn triples_the_filter_rejects_are_ones_the_walk_rejects() {
    // Every ASCII start of three characters, and the same with more after it.
    let w = words();
    let mut ruled_out = 0;
    for head in ascii_triples() {
        if w.ascii_start_may_match(&head) {
            continue;
        }
        ruled_out += 1;
        let text = std::str::from_utf8(&head).unwrap();
        for line in [text.to_owned(), format!("{text}x y"), format!("{text} 2"), format!("{text}é")] {
            let mut kinds = 0;
            w.first_words.each_prefix(&line, |k, _| kinds |= k);
            assert_eq!(kinds, 0, "{line:?}");
        }
    }
    assert!(ruled_out > 1_000_000, "{ruled_out}");
    // The third character is looked at: `th` starts `tháng`, `thx` starts nothing.
    assert!(w.ascii_start_may_match(b"th"));
    assert!(!w.ascii_start_may_match(b"thx"));
    assert!(w.ascii_start_may_match("thá".as_bytes()));
    assert!(!w.ascii_start_may_match(b"The"));
}

#[test]
fn first_look_table_is_the_rule() {
    // Every start of three ASCII bytes: the table answers as the tables it is built from.
    let w = words();
    let mut ruled_out = 0;
    for [a, b, c] in ascii_triples() {
        let rule = FirstLook::ascii_may_match(w, a, b, c);
        assert_eq!(w.first_look.may_match(a, b, c), rule, "{:?}", [a, b, c]);
        ruled_out += usize::from(!rule);
    }
    assert!(ruled_out > 1_000_000, "{ruled_out}");
}

/// Every start of three ASCII bytes (2,097,152 of them).
fn ascii_triples() -> impl Iterator<Item = [u8; 3]> {
    (0u8..128).flat_map(|a| (0u8..128).flat_map(move |b| (0u8..128).map(move |c| [a, b, c])))
}

/// The line as `date_line_unescaped` gives it to [`date_line`]: every backslash dropped.
fn unescaped(line: &str) -> String {
    line.chars().filter(|&c| c != '\\').collect()
}

/// Escaped forms of a line: as html2text writes them (a backslash before a dot or a
/// dash), and with backslashes among the first characters, which the first look skips.
fn escapings(line: &str) -> Vec<String> {
    let mut rest = line.chars();
    let first = rest.next().map(String::from).unwrap_or_default();
    let second = rest.next().map(String::from).unwrap_or_default();
    let rest = rest.as_str();
    vec![
        line.to_owned(),
        line.replace('.', "\\.").replace('-', "\\-"),
        format!("\\{line}"),
        format!("{first}\\{second}{rest}"),
        format!("\\\\{first}\\\\{second}\\{rest}"),
    ]
}

#[test]
fn first_look_rules_out_only_lines_that_are_no_date() {
    let mut lines = crate::test_pages::lines();
    lines.extend(table_lines());
    lines.extend(table_lines().iter().map(|l| l.to_uppercase()));
    let (mut ruled_out, mut dates) = (0, 0);
    for line in &lines {
        // The third-character filter alone never rules out a line the walk accepts.
        if !words().ascii_start_may_match(line.as_bytes()) {
            let mut kinds = 0;
            words().first_words.each_prefix(line, |k, _| kinds |= k);
            assert_eq!(kinds, 0, "{line:?}");
        }
        for escaped in escapings(line) {
            let token = date_line(&unescaped(&escaped));
            dates += usize::from(token.is_some());
            if !may_be_date_line(&escaped) {
                ruled_out += 1;
                assert_eq!(token, None, "{escaped:?}");
            }
        }
    }
    // It rules out most lines, and the lines have many dates.
    assert!(ruled_out * 2 > lines.len() * 5, "{ruled_out} of {}", lines.len() * 5);
    assert!(dates > 10_000, "{dates}");
}

/// [`date_line`] as it read a line that does not start with a digit before it looked in the
/// table of shapes first: the walk of the first word, then the rules.
fn date_line_walk_first(text: &str) -> Option<DateToken> {
    let first = text.chars().next()?;
    if text.len() > MAX_LINE {
        return None;
    }
    if first.is_ascii_digit() {
        return digit_first_line(text);
    }
    let kinds = words().first_word_kinds(text);
    if kinds == 0 {
        return None;
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return (kinds & RIGHT_NOW != 0)
            .then(|| all_consuming(right_now).parse(text).ok())
            .flatten()
            .map(|_| DateToken::Relative(Age::RIGHT_NOW));
    }
    first_match(
        text,
        [
            (kinds & MONTH != 0 && has_two_numbers(text), named_line),
            (kinds & TODAY != 0, today_line),
            (kinds & AGO != 0, relative_line),
        ],
    )
}

/// The looks [`date_line`] takes before the table of shapes, and the table before the walk
/// of the first word, read every line as the walk first did: each line of the pages and
/// of the tables, in both cases, read twice (the second time from the table).
#[test]
fn table_before_the_walk_reads_as_the_walk_first() {
    let mut lines = crate::test_pages::lines();
    lines.extend(table_lines());
    lines.extend(table_lines().iter().map(|l| l.to_uppercase()));
    let mut dates = 0;
    for line in &lines {
        let expected = date_line_walk_first(line);
        dates += usize::from(expected.is_some() && !line.starts_with(|c: char| c.is_ascii_digit()));
        assert_eq!(date_line(line), expected, "{line:?}");
        assert_eq!(date_line(line), expected, "{line:?}, again");
    }
    assert!(dates > 1_000, "{dates}");
}

/// The first look's shortcut for lines that start with three plain ASCII bytes reads them as
/// the general way does.
#[test]
fn first_look_shortcut_is_the_general_way() {
    let mut lines = crate::test_pages::lines();
    lines.extend(table_lines());
    lines.extend(table_lines().iter().map(|l| l.to_uppercase()));
    for line in &lines {
        for escaped in escapings(line) {
            assert_eq!(may_be_date_line(&escaped), may_be_date_line_by_chars(&escaped), "{escaped:?}");
        }
    }
}

#[test]
fn first_look_examples() {
    for line in [
        "23\\. August 2021",
        "\\23. August 2021",
        "August 20, 2021",
        "A\\ugust 20, 2021",
        "Th\\áng 8 20, 2021",
        "2 years ago",
        "il y a 2 ans",
        "right now",
        "Today 5:27 pm",
        "之前",
    ] {
        assert!(may_be_date_line(line), "{line:?}");
    }
    for line in ["", "\\", "\\\\", "Reply", "The end", "Th\\e end", "Very good", "#1", "- item", "😀"] {
        assert!(!may_be_date_line(line), "{line:?}");
    }
}

#[test]
fn long_lines_are_rejected_unread() {
    let long = format!("2 years{} ago", " ".repeat(MAX_LINE));
    assert_eq!(date_line(&long), None);
}

#[test]
fn tricky_inputs_do_not_panic() {
    let huge = "9".repeat(90);
    for line in [
        "",
        " ",
        "0",
        "00000000000000000000",
        huge.as_str(),
        "99999999999 years ago",
        "4294967296 days ago",
        "9999-99-99 99:99:99",
        "99/99/9999 99:99 pm",
        "31-02-21",
        "😀",
        "😀😀 years ago",
        "2 😀 ago",
        "לפני",
        "לפני 😀",
        "قبل 2",
        "İ",
        "İstanbul",
        "2 İ ago",
        "ß",
        "ǅ",
        "\u{301}",
        "2\u{301} years ago",
        "年月日",
        "2021年",
        "下午5:27",
        "2021. ",
        "20.",
        "20. ",
        "20 de",
        "Tháng ",
        "1-",
        "1-1-",
        "--",
        "٢ سنوات قبل",
        "\u{200f}2 years ago",
    ] {
        let _ = date_line(line);
    }
}

proptest! {
    #[test]
    fn never_panics_on_any_text(line in "\\PC{0,40}") {
        let _ = date_line(&line);
    }

    #[test]
    fn rules_ruled_out_would_not_match_any_text(line in "\\PC{0,30}") {
        prop_assert_eq!(date_line(&line), date_line_unfiltered(&line));
    }

    #[test]
    fn rules_ruled_out_would_not_match_date_like_text(
        line in "[0-9a-zA-Z .:/,年月日-]{0,6}( ?(am|pm|ago|years|Jahre|天|之前|августа|at|Today|August|il y a|right now|Tháng|1月|[0-9]{1,4}[-/.:]?))*"
    ) {
        prop_assert_eq!(date_line(&line), date_line_unfiltered(&line));
    }

    #[test]
    fn relative_date_reads_like_its_alternatives_on_any_text(
        line in "(\\PC|[0-9 ]){0,12}( ?([0-9]{1,3}|ago|years|éve|napja|il y a|пре|година|天|之前|right now|gerade eben|\u{a0}))*"
    ) {
        prop_assert_eq!(relative_date(&line).ok(), relative_date_alternatives(&line).ok());
    }

    #[test]
    fn byte_trie_walks_like_the_character_trie_on_any_text(
        line in "(\\PC|[ \u{a0}İıKΣς]|Au|AUG|ago|éve|ÉVE|il y a|LÚC|пре|ГОДИНА|天|之前|ապրիլ|ԱՊՐԻԼ|ağustos|AĞUSTOS){0,8}"
    ) {
        for (bytes, chars) in prefixes_both_ways(&line) {
            prop_assert_eq!(bytes, chars);
        }
    }

    #[test]
    fn first_look_shortcut_is_the_general_way_on_any_text(line in "\\\\?([a-zA-Z0-9 .\\\\]|\\PC){0,6}") {
        prop_assert_eq!(may_be_date_line(&line), may_be_date_line_by_chars(&line));
    }

    #[test]
    fn first_look_rules_out_no_date_of_any_text(line in "\\\\?(\\PC|\\\\){0,30}") {
        if !may_be_date_line(&line) {
            prop_assert_eq!(date_line(&unescaped(&line)), None);
        }
    }

    #[test]
    fn first_look_rules_out_no_date_of_date_like_text(
        line in "\\\\?[0-9a-zA-Z .:/,\\\\-]{0,3}( ?(am|pm|ago|years|Jahre|天|之前|at|Today|Tod\\\\ay|August|il y a|right now|Tháng|th\\\\áng|1月|[0-9]{1,4}[-/.:]?))*"
    ) {
        if !may_be_date_line(&line) {
            prop_assert_eq!(date_line(&unescaped(&line)), None);
        }
    }

    #[test]
    fn hand_written_rules_read_like_the_nom_grammar_on_any_text(line in "\\PC{0,30}") {
        assert_rules_read_like_nom(&line);
    }

    #[test]
    fn hand_written_rules_read_like_the_nom_grammar_on_date_like_text(
        line in "([0-9]{1,4}|[ .,:/年月日-]|st|th|de |г\\.|р|h|min|am|p\\.m\\.|Uhr|at|à|a las|下午|August|Aug|août|Tháng 8|1月|августа|\u{a0}){0,12}"
    ) {
        assert_rules_read_like_nom(&line);
    }

    #[test]
    fn never_panics_on_date_like_text(line in "[0-9 .:/,年月日-]{0,24}( ?(am|pm|ago|years|Jahre|天|之前|августа|at))*") {
        if let Some(token) = date_line(&line) {
            for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                let _ = resolve(&token, order, Some(at("2024-01-31 12:00:00")));
                let _ = resolve(&token, order, None);
            }
        }
    }

    #[test]
    fn resolve_never_panics(first in any::<u8>(), second in any::<u8>(), year in any::<u16>(),
                            hour in any::<u8>(), minute in 0u8..100, pm in any::<Option<bool>>(),
                            year_first in any::<bool>(), years in any::<u32>(), days in any::<u32>()) {
        let clock = Some(Clock { hour, minute, second: 0, pm });
        let token = DateToken::Numeric { first, second, year, year_first, clock };
        let _ = resolve(&token, DateOrder::DayFirst, None);
        let age = Age { first: years, first_unit: Unit::Year, second: days, second_unit: Some(Unit::Day) };
        let token = DateToken::Relative(age);
        let _ = resolve(&token, DateOrder::DayFirst, Some(at("2024-01-31 12:00:00")));
    }
}

// --- order hints and resolution ----------------------------------------------------------

#[test]
fn order_hint_from_fields() {
    let hint = |line| date_line(line).and_then(|t| t.order_hint());
    assert_eq!(hint("20-08-21 17:27"), Some(DateOrder::DayFirst));
    assert_eq!(hint("08/20/2021 5:27 pm"), Some(DateOrder::MonthFirst));
    assert_eq!(hint("05-06-21"), None);
    assert_eq!(hint("20-20-21"), None);
    assert_eq!(hint("2021-08-20"), None);
    assert_eq!(hint("2021-12-31"), None);
    assert_eq!(hint("August 20, 2021"), None);
    assert_eq!(hint("2 years ago"), None);
}

#[test]
fn resolve_absolute_dates() {
    let r = |line, order| resolve(&date_line(line).unwrap(), order, None);
    use DateOrder::{DayFirst, MonthFirst};
    assert_eq!(r("20-08-21 17:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
    assert_eq!(r("05-06-21", DayFirst), Ok((Some(at("2021-06-05 00:00:00")), None)));
    assert_eq!(r("05-06-21", MonthFirst), Ok((Some(at("2021-05-06 00:00:00")), None)));
    assert_eq!(r("05-06-99", MonthFirst), Ok((Some(at("1999-05-06 00:00:00")), None)));
    assert_eq!(r("05-06-70", MonthFirst), Ok((Some(at("1970-05-06 00:00:00")), None)));
    assert_eq!(r("05-06-69", MonthFirst), Ok((Some(at("2069-05-06 00:00:00")), None)));
    assert_eq!(r("05-06-00", MonthFirst), Ok((Some(at("2000-05-06 00:00:00")), None)));
    assert_eq!(r("2021-08-20 17:27:09", MonthFirst), Ok((Some(at("2021-08-20 17:27:09")), None)));
    assert_eq!(r("2021-08-20 17:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
    assert_eq!(r("August 20, 2021 5:27 pm", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
    assert_eq!(r("August 20, 2021 12:05 am", DayFirst), Ok((Some(at("2021-08-20 00:05:00")), None)));
    assert_eq!(r("August 20, 2021 12:05 pm", DayFirst), Ok((Some(at("2021-08-20 12:05:00")), None)));
    assert_eq!(r("2021年8月20日 下午5:27", DayFirst), Ok((Some(at("2021-08-20 17:27:00")), None)));
    assert_eq!(r("29.02.2024", DayFirst), Ok((Some(at("2024-02-29 00:00:00")), None)));
}

#[test]
fn resolve_reports_impossible_dates() {
    let err = |line, order| resolve(&date_line(line).unwrap(), order, None).unwrap_err().to_string();
    use DateOrder::{DayFirst, MonthFirst};
    assert_eq!(err("20-13-21", DayFirst), "month 13 is out of range");
    assert_eq!(err("20-08-21", MonthFirst), "month 20 is out of range");
    assert_eq!(err("00-08-21", DayFirst), "day 0 is out of range");
    assert_eq!(err("32-08-21", DayFirst), "day 32 is out of range");
    assert_eq!(err("30-02-21", DayFirst), "February 30 does not exist");
    assert_eq!(err("31.04.2021", DayFirst), "April 31 does not exist");
    assert_eq!(err("29.02.2021", DayFirst), "February 29, 2021 does not exist");
    assert_eq!(err("20-08-21 25:00", DayFirst), "hour 25 is out of range");
    assert_eq!(err("20-08-21 24:00", DayFirst), "hour 24 is out of range");
    assert_eq!(err("20-08-21 13:00 pm", DayFirst), "hour 13 is out of range for a 12-hour clock");
    assert_eq!(err("20-08-21 0:10 am", DayFirst), "hour 0 is out of range for a 12-hour clock");
    assert_eq!(err("20-08-21 17:60", DayFirst), "minute 60 is out of range");
    assert_eq!(err("20-08-21 17:59:61", DayFirst), "second 61 is out of range");
    assert_eq!(err("August 32, 2021", DayFirst), "day 32 is out of range");
    assert_eq!(err("Today 25:00", DayFirst), "hour 25 is out of range");
}

#[test]
fn resolve_relative_and_today() {
    let now = at("2024-03-31 12:00:00");
    let r = |line, now| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, now);
    assert_eq!(r("2 years ago", Some(now)), Ok((Some(at("2022-03-31 12:00:00")), Some(ago("P2Y")))));
    assert_eq!(r("1 month ago", Some(now)), Ok((Some(at("2024-02-29 12:00:00")), Some(ago("P1M")))));
    assert_eq!(r("3 months 11 days ago", None), Ok((None, Some(ago("P3M11D")))));
    assert_eq!(
        r("1 year 23 hours ago", Some(now)),
        Ok((Some(at("2023-03-30 13:00:00")), Some(ago("P1YT23H"))))
    );
    assert_eq!(r("1 week ago", Some(now)), Ok((Some(at("2024-03-24 12:00:00")), Some(ago("P1W")))));
    assert_eq!(r("right now", Some(now)), Ok((Some(now), Some(ago("PT0S")))));
    // Too far back for chrono: the age stays, the timestamp is unknown.
    assert_eq!(r("4000000000 years ago", Some(now)), Ok((None, Some(ago("P4000000000Y")))));
    assert_eq!(r("Today 5:27 pm", Some(now)), Ok((Some(at("2024-03-31 17:27:00")), None)));
    assert_eq!(r("Today 5:27 pm", None), Ok((None, None)));
    let date = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
    assert_eq!(r("Today 00:00", Some(now)).unwrap().0.map(|t| t.date()), Some(date));
}

// --- edge values of the narrow fields ------------------------------------------------------
//
// The grammar bounds each field by its digits: one or two for a day, month or clock field
// (at most 99: a `u8`), two or four for a year (at most 9999: a `u16`). The largest value
// still reads as a date, reported by `resolve` when it is no real one; a digit more and the
// line is no date. A relative count keeps the whole `u32` range.

#[test]
fn largest_years_and_one_past() {
    let r = |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, None);
    assert_eq!(date_line("20-08-9999 17:27"), numeric(20, 8, 9999, hm(17, 27)));
    assert_eq!(r("20-08-9999 17:27"), Ok((Some(at("9999-08-20 17:27:00")), None)));
    assert_eq!(r("9999-12-31"), Ok((Some(at("9999-12-31 00:00:00")), None)));
    assert_eq!(date_line("August 20, 9999 5:27 pm"), named(9999, 8, 20, pm(5, 27)));
    assert_eq!(r("August 20, 9999 5:27 pm"), Ok((Some(at("9999-08-20 17:27:00")), None)));
    assert_eq!(date_line("20. August 9999"), named(9999, 8, 20, None));
    assert_eq!(date_line("9999. augusztus 20."), named(9999, 8, 20, None));
    assert_eq!(date_line("9999年12月31日"), named(9999, 12, 31, None));
    for past in [
        "20-08-99999 17:27",
        "99999-12-31",
        "August 20, 99999 5:27 pm",
        "20. August 99999",
        "99999. augusztus 20.",
        "99999年12月31日",
    ] {
        assert_eq!(date_line(past), None, "{past}");
    }
}

#[test]
fn largest_day_and_month_fields_and_one_past() {
    use DateOrder::{DayFirst, MonthFirst};
    let err = |line, order| resolve(&date_line(line).unwrap(), order, None).unwrap_err().to_string();
    assert_eq!(date_line("99-99-21 17:27"), numeric(99, 99, 21, hm(17, 27)));
    assert_eq!(err("99-99-21 17:27", DayFirst), "month 99 is out of range");
    assert_eq!(err("99-12-21", DayFirst), "day 99 is out of range");
    assert_eq!(err("12-99-21", MonthFirst), "day 99 is out of range");
    assert_eq!(err("2021-99-99", DayFirst), "month 99 is out of range");
    assert_eq!(date_line("August 99, 2021"), named(2021, 8, 99, None));
    assert_eq!(err("August 99, 2021", DayFirst), "day 99 is out of range");
    assert_eq!(date_line("2021年99月99日"), named(2021, 99, 99, None));
    assert_eq!(err("2021年99月99日", DayFirst), "month 99 is out of range");
    for past in [
        "100-08-21 17:27",
        "20-100-21 17:27",
        "2021-100-20",
        "2021-08-100",
        "August 100, 2021",
        "100 août 2021",
        "2021年100月1日",
        "2021年1月100日",
    ] {
        assert_eq!(date_line(past), None, "{past}");
    }
}

#[test]
fn largest_clock_fields_and_one_past() {
    let clock = |hour, minute, second, pm| Some(Clock { hour, minute, second, pm });
    let err = |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, None).unwrap_err().to_string();
    assert_eq!(date_line("20-08-21 99:99:99"), numeric(20, 8, 21, clock(99, 99, 99, None)));
    assert_eq!(err("20-08-21 99:99:99"), "hour 99 is out of range");
    assert_eq!(err("20-08-21 99:00 pm"), "hour 99 is out of range for a 12-hour clock");
    assert_eq!(err("20-08-21 17:99"), "minute 99 is out of range");
    assert_eq!(err("20-08-21 17:27:99"), "second 99 is out of range");
    assert_eq!(err("20 août 2021 99 h 00"), "hour 99 is out of range");
    assert_eq!(err("2021年8月20日 下午99:00"), "hour 99 is out of range for a 12-hour clock");
    assert_eq!(
        date_line("Today 99:00"),
        Some(DateToken::Today { clock: Clock { hour: 99, ..Clock::default() } })
    );
    assert_eq!(err("Today 99:00"), "hour 99 is out of range");
    for past in [
        "20-08-21 100:00",
        "20-08-21 300:00",
        "20-08-21 17:100",
        "20-08-21 17:27:100",
        "20-08-21 100:00 pm",
        "20 août 2021 100 h 00",
        "2021年8月20日 下午100:00",
        "Today 100:00",
        "Today 300:00",
    ] {
        assert_eq!(date_line(past), None, "{past}");
    }
}

#[test]
fn largest_relative_counts_and_one_past() {
    let now = at("2024-03-31 12:00:00");
    let r = |line| resolve(&date_line(line).unwrap(), DateOrder::DayFirst, Some(now));
    assert_eq!(date_line("4294967295 seconds ago"), relative("PT4294967295S"));
    let back = now - chrono::Duration::seconds(i64::from(u32::MAX));
    assert_eq!(r("4294967295 seconds ago"), Ok((Some(back), Some(ago("PT4294967295S")))));
    let both = "4294967295 years 4294967295 days ago";
    assert_eq!(date_line(both), relative("P4294967295Y4294967295D"));
    assert_eq!(r(both), Ok((None, Some(ago("P4294967295Y4294967295D")))));
    assert_eq!(date_line("il y a 4294967295 années"), relative("P4294967295Y"));
    for past in [
        "4294967296 seconds ago",
        "1 year 4294967296 days ago",
        "4294967296 years 1 day ago",
        "il y a 4294967296 années",
        "4294967296 éve",
    ] {
        assert_eq!(date_line(past), None, "{past}");
    }
}

#[test]
fn full_year_window() {
    assert_eq!(full_year(0), 2000);
    assert_eq!(full_year(69), 2069);
    assert_eq!(full_year(70), 1970);
    assert_eq!(full_year(99), 1999);
    assert_eq!(full_year(2021), 2021);
}

#[test]
fn case_insensitive_prefix_match() {
    assert_eq!(ci_prefix("August 20", "august"), Some(6));
    assert_eq!(ci_prefix("AOÛT 20", "août"), Some(5));
    assert_eq!(ci_prefix("Augus", "august"), None);
    assert_eq!(ci_prefix("right\u{a0}now", "right now"), Some(10));
    assert_eq!(ci_prefix("İ", "i"), Some(2));
    assert_eq!(ci_prefix("MAYIS", "mayis"), Some(5));
    assert_eq!(ci_prefix("", "a"), None);
    assert_eq!(ci_prefix("abc", ""), Some(0));
}

#[test]
fn common_letters_are_alphanumeric() {
    let letters = ('\0'..=char::MAX).filter(|&c| is_common_letter(c));
    let mut count = 0;
    for c in letters {
        assert!(c.is_alphanumeric(), "{c:?} U+{:04X}", u32::from(c));
        count += 1;
    }
    assert!(count > 800, "the ranges are there: {count}");
    for c in ['a', 'é', 'ж', 'Ж', 'ա', 'א', 'ب', '5', '٣', '天', '_', '.', '\u{a0}', '҂', '÷'] {
        assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
    }
}

/// Relative date lines of every form, and near misses, for the table of shapes
/// (`shapes.rs`), which tries them with other numbers.
pub(super) fn relative_samples() -> &'static [&'static str] {
    &[
        "2 years ago",
        "3 months 11 days ago",
        "14 days 56 minutes ago",
        "right now",
        "2 Jahre zuvor",
        "50 Minuten 46 Sekunden her",
        "il y a 2 années",
        "il y a 2 années 3 mois",
        "2 années 3 mois plus tôt",
        "4 月 3 天 之前",
        "3天前",
        "לפני 2 שנים",
        "2 éve",
        "7 hónapja 17 órája",
        "7 hónapja 17 órája ago",
        "1 година тому",
        "пре 1 година",
        "пре 2 године",
        "15 секунд назад",
        "About 2 months ago",
        "ago 15 seconds",
        "3 months",
        "2 days 2 days ago",
        "2 years ago 3",
        "2 years 3 ago",
        "2 3 years ago",
        "2 years3 days ago",
        "99999999999 years ago",
        "2 votes ago",
        "5 comments",
        "1 year 5 days ago",
    ]
}

/// The second look ([`rules_out_line`]) rules out only lines that are no date, escaped or
/// not: every line of the test pages and the tables, escaped, after a list number, and
/// run on past a date's length.
#[test]
fn second_look_rules_out_only_lines_that_are_no_date() {
    let mut lines = crate::test_pages::lines();
    lines.extend(table_lines());
    let tail = " and so on, long after any date would have ended on the line";
    let variants: Vec<String> =
        lines.iter().flat_map(|l| [format!("7. {l}"), format!("12 {l}"), format!("{l}{tail}")]).collect();
    lines.extend(variants);
    let (mut ruled_out, mut dates) = (0, 0);
    for line in &lines {
        for escaped in escapings(line) {
            let tokens = [date_line(&escaped), date_line(&unescaped(&escaped))];
            dates += usize::from(tokens.iter().any(Option::is_some));
            if rules_out_line(&escaped) {
                ruled_out += 1;
                assert_eq!(tokens, [None, None], "{escaped:?}");
            }
        }
    }
    assert!(ruled_out * 3 > lines.len() * 5, "{ruled_out} of {}", lines.len() * 5);
    assert!(dates > 10_000, "{dates}");
}

#[test]
fn second_look_reads_the_first_steps_of_each_rule() {
    // Numbered steps, a number before words, words no date starts with, long lines.
    for line in [
        "7. Click on Flash to write the image",
        "12th Generation Alder Lake CPU (i5-1235U)",
        "3) Save the settings",
        "majority of people. There are other installation flavors, such as supervised or",
        "Proxmox VE 8.1 and 2024",
        &format!("20 August 2021 {}", "x".repeat(MAX_LINE)),
        &format!("20\\. August 2021 {}", "x".repeat(MAX_LINE)),
    ] {
        assert!(rules_out_line(line), "{line}");
    }
    // Lines a rule may read (dates, or a first step that reads).
    for line in [
        "20. August 2021",
        "20\\. August 2021",
        "2021-03-12 5:27 pm",
        "3 days ago",
        "3 days of rain",
        "August 20, 2021",
        "Today 5:27 pm",
        "right now",
        "12 August 2021 is when it rained",
    ] {
        assert!(!rules_out_line(line), "{line}");
    }
}
