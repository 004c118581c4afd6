package convert

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/propdeck/propdeck/internal/text"
)

// sheetEpoch stamps a workbook's properties, so that the same scenario
// gives the same bytes.
var sheetEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

// sheet is a workbook of one sheet: a title in A1 when there is one, a
// header row in bold, then the rows, every cell a string (never a
// formula) but for the numbers of the numeric columns, columns wide enough to read and text wrapped.
type sheet struct {
	name    string
	title   string
	first   string // the header's first column: "A", or "B" as OpenAEV's template
	header  []string
	rows    [][]string
	widths  []float64
	numeric []int // columns of the rows whose numbers are written as numbers, not text
}

func (sh sheet) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sh.name); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Created: sheetEpoch, Modified: sheetEpoch, Creator: "propdeck", LastModifiedBy: "propdeck"}); err != nil {
		return nil, err
	}
	headRow := 1
	if sh.title != "" {
		if err := f.SetCellStr(sh.name, "A1", sh.title); err != nil {
			return nil, err
		}
		headRow = 2
	}
	col, err := excelize.ColumnNameToNumber(sh.first)
	if err != nil {
		return nil, err
	}
	if err := sh.cells(f, col, headRow); err != nil {
		return nil, err
	}
	if err := sh.style(f, col, headRow); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (sh sheet) cells(f *excelize.File, col, headRow int) error {
	for r, row := range append([][]string{sh.header}, sh.rows...) {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(col+c, headRow+r)
			if err != nil {
				return err
			}
			if n, err := strconv.ParseFloat(v, 64); err == nil && r > 0 && slices.Contains(sh.numeric, c) {
				if err := f.SetCellFloat(sh.name, cell, n, -1, 64); err != nil {
					return text.Fail("convert-cell", "cell", cell, "err", err)
				}
				continue
			}
			if err := f.SetCellStr(sh.name, cell, v); err != nil {
				return text.Fail("convert-cell", "cell", cell, "err", err)
			}
		}
	}
	return nil
}

func (sh sheet) style(f *excelize.File, col, headRow int) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(col+len(sh.header)-1, headRow)
	first, _ := excelize.CoordinatesToCellName(col, headRow)
	if err := f.SetCellStyle(sh.name, first, last, bold); err != nil {
		return err
	}
	if len(sh.rows) > 0 {
		end, _ := excelize.CoordinatesToCellName(col+len(sh.header)-1, headRow+len(sh.rows))
		below, _ := excelize.CoordinatesToCellName(col, headRow+1)
		if err := f.SetCellStyle(sh.name, below, end, wrap); err != nil {
			return err
		}
	}
	for i, w := range sh.widths {
		name, _ := excelize.ColumnNumberToName(col + i)
		if err := f.SetColWidth(sh.name, name, name, w); err != nil {
			return err
		}
	}
	if err := sh.heights(f, headRow); err != nil {
		return err
	}
	return f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + fmt.Sprint(headRow+1), ActivePane: "bottomLeft"})
}

// heights sets each row's height to the lines its wrapped cells take: a
// spreadsheet does not grow a row for wrapped text it reads from a file.
// A column's width is about the characters of a line (wide runes count
// two), 15 points a line.
func (sh sheet) heights(f *excelize.File, headRow int) error {
	for r, row := range append([][]string{sh.header}, sh.rows...) {
		lines := 1
		for c, v := range row {
			if c < len(sh.widths) {
				lines = max(lines, linesIn(v, int(sh.widths[c])))
			}
		}
		if err := f.SetRowHeight(sh.name, headRow+r, float64(min(lines, 27))*15); err != nil {
			return err
		}
	}
	return nil
}

func linesIn(s string, width int) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		w := 0
		for _, r := range line {
			w++
			if r >= 0x1100 {
				w++
			}
		}
		n += max(1, (w+width-1)/max(width-1, 1))
	}
	return n
}
