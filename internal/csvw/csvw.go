// Package csvw writes the CSV files people open in a spreadsheet or import
// into a tracker (the MSEL, action items): RFC 4180 with CRLF line ends,
// and no cell a spreadsheet would run as a formula.
package csvw

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer is a csv.Writer whose every cell passes through Cell.
type Writer struct{ w *csv.Writer }

// New writes to w.
func New(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{w: cw}
}

// Write writes one row.
func (w *Writer) Write(fields ...string) error {
	row := make([]string, len(fields))
	for i, f := range fields {
		row[i] = cell(f)
	}
	return w.w.Write(row)
}

// Flush writes what is buffered and reports any error of the writes.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

// cell neutralises a cell that a spreadsheet (Excel, LibreOffice, Google
// Sheets) would read as a formula, as OWASP's "CSV Injection" advises: a
// cell that begins with = + - @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not print.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
