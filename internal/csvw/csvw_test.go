package csvw

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+44 20": "'+44 20", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "T-5m": "T-5m", "": "", "a=b": "a=b", "'quoted": "'quoted",
	} {
		if got := cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriterNeutralisesEveryCell(t *testing.T) {
	var b bytes.Buffer
	w := New(&b)
	w.Write("=cmd|' /C calc'!A0", "ok", "-1")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 1 || rows[0][0] != "'=cmd|' /C calc'!A0" || rows[0][2] != "'-1" {
		t.Errorf("rows %q, %v", rows, err)
	}
}
