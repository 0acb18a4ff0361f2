//! A file's lines from the last to the first, read backwards in fixed blocks, so reading the newest lines
//! of a log of any size holds one block and one line in memory. Written here instead of taken from a crate
//! (`rev_lines`, `easy_reader`): the whole job is this one loop, and a line longer than [`MAX_LINE`] must
//! be skipped rather than grow the buffer, which neither offers.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

/// Bytes read from the file at a time.
pub const BLOCK: usize = 64 * 1024;
/// Longest line kept; a longer one (no audit line is) is skipped whole.
pub const MAX_LINE: usize = 1024 * 1024;

/// Lines of a file, newest (last) first. Blank lines are skipped; bytes that are not UTF-8 become U+FFFD.
pub struct Backwards<R> {
    file: R,
    /// Where the part of the file not read yet ends.
    pos: u64,
    /// The bytes read but not yet handed out: the start of the line being assembled, then whole lines.
    carry: Vec<u8>,
    /// The line being assembled outgrew [`MAX_LINE`]: drop what is left of it at its start.
    overlong: bool,
}

impl Backwards<File> {
    /// The lines of `file`, from its end as it is now.
    pub fn open(path: &std::path::Path) -> std::io::Result<Self> {
        Self::new(File::open(path)?)
    }
}

impl<R: Read + Seek> Backwards<R> {
    /// The lines of `file`, from its end as it is now.
    pub fn new(mut file: R) -> std::io::Result<Self> {
        let pos = file.seek(SeekFrom::End(0))?;
        Ok(Backwards {
            file,
            pos,
            carry: Vec::new(),
            overlong: false,
        })
    }

    /// How many bytes before the lines handed out so far are still to be read.
    pub fn unread(&self) -> u64 {
        self.pos + self.carry.len() as u64
    }

    /// The next line towards the start of the file, or `None` at the start.
    pub fn next_line(&mut self) -> std::io::Result<Option<String>> {
        loop {
            if let Some(nl) = self.carry.iter().rposition(|b| *b == b'\n') {
                let line = self.carry.split_off(nl + 1);
                self.carry.truncate(nl);
                if let Some(line) = self.kept(line) {
                    return Ok(Some(line));
                }
                continue;
            }
            if self.pos == 0 {
                let rest = std::mem::take(&mut self.carry);
                return Ok(if rest.is_empty() {
                    None
                } else {
                    self.kept(rest)
                });
            }
            self.read_block()?;
        }
    }

    /// A finished line, unless it is blank or the tail of an overlong one.
    fn kept(&mut self, line: Vec<u8>) -> Option<String> {
        if std::mem::take(&mut self.overlong) {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        (!text.trim().is_empty()).then(|| text.to_string())
    }

    /// Puts the block before `pos` in front of the carried bytes.
    fn read_block(&mut self) -> std::io::Result<()> {
        let len = BLOCK.min(self.pos as usize);
        self.pos -= len as u64;
        self.file.seek(SeekFrom::Start(self.pos))?;
        let mut block = vec![0; len];
        self.file.read_exact(&mut block)?;
        if self.carry.len() > MAX_LINE {
            // no line end within MAX_LINE: forget this line and skip what is left of it
            self.carry.clear();
            self.overlong = true;
        }
        block.extend_from_slice(&self.carry);
        self.carry = block;
        Ok(())
    }
}

impl<R: Read + Seek> Iterator for Backwards<R> {
    type Item = std::io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_line().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn lines(text: &[u8]) -> Vec<String> {
        Backwards::new(Cursor::new(text.to_vec()))
            .unwrap()
            .map(|l| l.unwrap())
            .collect()
    }

    #[test]
    fn lines_come_last_first_across_blocks() {
        assert_eq!(lines(b"a\nbb\n\nccc\n"), ["ccc", "bb", "a"]);
        assert_eq!(lines(b"a\r\nno end"), ["no end", "a"]);
        assert!(lines(b"").is_empty());
        let many: Vec<String> = (0..50_000).map(|i| format!("line {i}")).collect();
        let text = many.join("\n") + "\n";
        assert!(text.len() > 4 * BLOCK, "spans several blocks");
        let back = lines(text.as_bytes());
        assert_eq!(back.len(), many.len());
        assert_eq!(back[0], "line 49999");
        assert_eq!(back[49_999], "line 0");
        assert!(back.iter().rev().eq(many.iter()), "every line, whole");
    }

    #[test]
    fn an_overlong_line_is_skipped_and_memory_stays_bounded() {
        let long = "x".repeat(MAX_LINE + 3 * BLOCK);
        let text = format!("first\n{long}\nlast\n");
        let mut reader = Backwards::new(Cursor::new(text.into_bytes())).unwrap();
        assert_eq!(reader.next_line().unwrap().as_deref(), Some("last"));
        assert_eq!(reader.next_line().unwrap().as_deref(), Some("first"));
        assert!(reader.carry.capacity() <= MAX_LINE + 2 * BLOCK);
        assert_eq!(reader.next_line().unwrap(), None);
    }
}
