//! How an address is written in a link: each path segment percent-encoded where needed, so
//! a page file named `a#b.md`, `what?.md`, `100%.md` or `my notes.md` still links to its own
//! page (whose file on disk keeps the plain name).

/// An address (`a#b/index.html`) as a relative link (`a%23b/index.html`): every byte but
/// ASCII letters, digits, `-`, `.`, `_`, `~` and the `/` between segments is percent-encoded.
pub fn link(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for byte in address.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_are_their_own_links() {
        for address in [
            "index.html",
            "journeys/a-b/index.html",
            "course/lesson_1.2~/",
        ] {
            assert_eq!(link(address), address);
        }
    }

    #[test]
    fn other_characters_are_percent_encoded_per_segment() {
        assert_eq!(link("a#b/index.html"), "a%23b/index.html");
        assert_eq!(link("what?/index.html"), "what%3F/index.html");
        assert_eq!(link("100%/index.html"), "100%25/index.html");
        assert_eq!(link("my notes/index.html"), "my%20notes/index.html");
        assert_eq!(link("a:b/x&y.png"), "a%3Ab/x%26y.png");
        assert_eq!(link("café/index.html"), "caf%C3%A9/index.html");
    }
}
