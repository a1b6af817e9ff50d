//! The 台账 as CSV: UTF-8 with a byte-order mark (WPS and Excel need it to read
//! Chinese), RFC 4180 quoting by the csv crate (notes hold commas, quotes, new lines).

use super::ledger::Row;
use super::words::Words;

/// The bytes of the CSV file: BOM, header row, one row per task.
pub fn render(rows: &[Row], w: &Words) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + rows.len() * 512);
    out.extend_from_slice("\u{feff}".as_bytes());
    {
        let mut wr = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail.
        wr.write_record(w.ledger).expect("in memory");
        for r in rows {
            wr.write_record(r.cells()).expect("in memory");
        }
        wr.flush().expect("in memory");
    }
    out
}
