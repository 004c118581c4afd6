package importer

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// A postmortem is read with goldmark (CommonMark, and GitHub's tables and
// task lists), never by hand: headings, lists and tables written in any of
// the ways Markdown allows come out as the same tree.

// section is the part of a postmortem a place in the draft reads.
type section int

const (
	secNone section = iota
	secSummary
	secImpact
	secTimeline
	secCause
	secFactor
	secActions
	secOther // a known section a scenario has no place for
)

// sectionNames are the headings (and bold labels, as Google's template
// writes "**Summary:**") of the common templates, lower-cased: Google's
// SRE book, Atlassian's handbook, PagerDuty's, GitHub issue forms, and
// the Korean a team writes them in.
var sectionNames = map[section][]string{
	secSummary:  {"summary", "incident summary", "executive summary", "overview", "description", "what happened", "tl;dr", "tldr", "요약", "개요", "장애 요약", "사고 요약", "장애 개요", "사고 개요"},
	secImpact:   {"impact", "customer impact", "user impact", "business impact", "영향", "영향 범위", "고객 영향", "장애 영향", "피해 범위"},
	secTimeline: {"timeline", "timeline of events", "detailed timeline", "incident timeline", "chronology", "타임라인", "경과", "장애 경과", "대응 경과", "시간대별 경과", "시간순 경과"},
	secCause:    {"root cause", "root causes", "root cause analysis", "trigger", "fault", "leadup", "five whys", "cause", "causes", "근본 원인", "원인", "발생 원인", "원인 분석", "직접 원인", "트리거"},
	secFactor:   {"contributing factors", "contributing factor", "contributing factor(s)", "contributors", "contributing causes", "기여 요인", "복합 요인", "악화 요인"},
	secActions:  {"action items", "corrective actions", "follow-up actions", "follow-up", "follow-ups", "follow up actions", "remediation", "remediation items", "next steps", "조치 사항", "후속 조치", "재발 방지 대책", "재발 방지", "액션 아이템", "개선 사항"},
	secOther:    {"detection", "resolution", "recovery", "response", "mitigation", "lessons learned", "what went well", "what went wrong", "where we got lucky", "supporting information", "responders", "messaging", "internal", "external", "how'd we do", "how did we do", "backlog check", "recurrence", "related records", "participants", "attendees", "references", "탐지", "감지", "해결", "복구", "대응", "교훈", "잘된 점", "아쉬운 점", "운이 좋았던 점", "참고 자료", "참여자"},
}

// sectionOf is the section a heading or label names.
func sectionOf(label string) section {
	l := normLabel(label)
	for s, names := range sectionNames {
		if slices.Contains(names, l) {
			return s
		}
	}
	return secNone
}

// knownLabels are every section name, for a did-you-mean.
func knownLabels() []string {
	var out []string
	for _, s := range []section{secSummary, secImpact, secTimeline, secCause, secFactor, secActions} {
		out = append(out, sectionNames[s]...)
	}
	return out
}

// labelNoise is what templates put around a heading's words: numbering
// ("1. Timeline"), a trailing colon, a parenthesis ("Timeline (UTC)",
// "Timestamp (all times UTC)"), emoji-free decoration.
var (
	labelNumber = regexp.MustCompile(`^\s*(\d+[.)]|[ivx]+\.)\s*`)
	labelParen  = regexp.MustCompile(`\s*[(（][^)）]*[)）]\s*$`)
)

func normLabel(s string) string {
	// "⏱️ Timeline", "📋 Summary": what comes before the first letter or
	// digit is decoration.
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	s = strings.ToLower(strings.TrimSpace(s))
	s = labelNumber.ReplaceAllString(s, "")
	s = strings.TrimRight(s, ":：?？ ")
	if t := labelParen.ReplaceAllString(s, ""); t != "" && t != s && t != "contributing factor" {
		s = t
	}
	return strings.Join(strings.Fields(s), " ")
}

// block is a piece of a section: a paragraph, a list item, a table, a
// heading inside it, with where it starts.
type block struct {
	text  string // plain text, lines joined by "\n"
	pos   pos
	lines []pos // where each line of text starts, where known
	table *mdTable
	date  bool // a line that only dates what follows ("2015-10-21 (all times UTC)")
}

type pos struct{ line, col int }

type mdTable struct {
	header []string
	rows   []record
	line   int
}

// part is one section as the document has it: its heading, where it is,
// and its blocks.
type part struct {
	kind    section
	heading string
	pos     pos
	level   int
	blocks  []block
}

type doc struct {
	title    string
	titlePos pos
	parts    []part
	lang     string // ko when the text is in Hangul
}

// readPostmortem splits a postmortem into its sections.
func readPostmortem(src []byte) doc {
	fmTitle, src := frontMatter(src)
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList))
	root := md.Parser().Parse(text.NewReader(src))
	r := &mdReader{src: src, lines: lineStarts(src)}
	// The first heading of level 1 is the title, else the front matter's.
	d := doc{title: fmTitle.text, titlePos: pos{fmTitle.line, 8}}
	h1 := false
	cur := &part{kind: secNone, level: 0}
	flush := func() {
		if cur.kind != secNone || len(cur.blocks) > 0 || cur.heading != "" {
			d.parts = append(d.parts, *cur)
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			label := r.plain(h)
			if h.Level == 1 && !h1 && sectionOf(label) == secNone {
				d.title, d.titlePos, h1 = label, r.posOf(h), true
				continue
			}
			kind := sectionOf(label)
			if (kind == secNone || kind == secOther && cur.kind == secOther) && cur.heading != "" && h.Level > cur.level {
				// A heading inside a section ("### 2015-10-21" in a
				// timeline, "#### Why 2" in five whys) is its content.
				cur.blocks = append(cur.blocks, block{text: label, pos: r.posOf(h), date: isDateLine(label)})
				continue
			}
			flush()
			cur = &part{kind: kind, heading: label, pos: r.posOf(h), level: h.Level}
			continue
		}
		for _, b := range r.blocks(n) {
			if kind, rest := labelled(b.text); kind != secNone {
				flush()
				// Deeper than any heading: the next heading ends a
				// label's section.
				cur = &part{kind: kind, heading: strings.TrimSpace(strings.SplitN(b.text, ":", 2)[0]), pos: b.pos, level: 7}
				if rest != "" {
					cur.blocks = append(cur.blocks, block{text: rest, pos: b.pos})
				}
				continue
			}
			cur.blocks = append(cur.blocks, b)
		}
	}
	flush()
	d.lang = mostlyIn(string(src))
	return d
}

// mostlyIn is ko for a postmortem in Korean: Hangul at least a quarter of
// its letters, so that an English one quoting a Korean customer stays en
// (Korean prose keeps English names, p99, API, and is short in letters).
func mostlyIn(s string) string {
	hangul, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hangul, r):
			hangul++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters > 0 && hangul*4 >= letters {
		return "ko"
	}
	return "en"
}

// frontMatter is a postmortem's YAML front matter as a static site keeps
// it ("---", "title: …", "---"): its title, and the source with the front
// matter blanked (new lines kept, so that every line and column stays
// where it is) for Markdown would read it as a rule and a heading.
func frontMatter(src []byte) (pmText, []byte) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return pmText{}, src
	}
	end := bytes.Index(src[3:], []byte("\n---"))
	if end < 0 {
		return pmText{}, src
	}
	end += 3 + len("\n---")
	var title pmText
	for i, line := range strings.Split(string(src[:end]), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "title:"); ok && title.text == "" {
			title = pmText{strings.Trim(strings.TrimSpace(v), `"'`), i + 1}
		}
	}
	out := bytes.Clone(src)
	for i := range end {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return title, out
}

// labelled reads a paragraph that opens with a known label and a colon,
// as Google's template writes its fields ("**Impact:** Estimated 1.21B
// queries lost"): the section and the text after the colon.
func labelled(s string) (section, string) {
	first, rest, _ := strings.Cut(s, "\n")
	label, after, ok := strings.Cut(first, ":")
	if !ok || utf8.RuneCountInString(label) > 40 {
		return secNone, ""
	}
	kind := sectionOf(label)
	if kind == secNone {
		return secNone, ""
	}
	return kind, strings.TrimSpace(strings.TrimSpace(after) + "\n" + rest)
}

type mdReader struct {
	src   []byte
	lines []int // offset of each line's start
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// at is the line and column (in characters, as editors count them) of a
// byte offset.
func (r *mdReader) at(off int) pos {
	i, _ := slices.BinarySearch(r.lines, off+1)
	line := max(i, 1)
	start := r.lines[line-1]
	return pos{line, utf8.RuneCount(r.src[start:min(off, len(r.src))]) + 1}
}

// posOf is where a node's text starts: its first line, else its first
// text's.
func (r *mdReader) posOf(n ast.Node) pos {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return r.at(n.Lines().At(0).Start)
	}
	found := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		if entering && c != n && c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			found = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found < 0 {
		return pos{}
	}
	return r.at(found)
}

// linesOf are where the source lines of a node's paragraphs start, in
// the order plain writes them.
func (r *mdReader) linesOf(n ast.Node) []pos {
	var out []pos
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch c.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if _, leaf := c.(*ast.Paragraph); leaf || c.Kind() == ast.KindTextBlock {
			for i := 0; i < c.Lines().Len(); i++ {
				out = append(out, r.at(c.Lines().At(i).Start))
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// blocks are a top-level node's pieces: a paragraph, each item of a list,
// a table; code and HTML are not a postmortem's prose.
func (r *mdReader) blocks(n ast.Node) []block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		t := r.plain(n)
		return []block{{text: t, pos: r.posOf(n), lines: r.linesOf(n), date: isDateLine(t)}}
	case *ast.List:
		var out []block
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			t := r.plain(it)
			out = append(out, block{text: t, pos: r.posOf(it), lines: r.linesOf(it), date: isDateLine(t)})
		}
		return out
	case *ast.Blockquote:
		var out []block
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			out = append(out, r.blocks(c)...)
		}
		return out
	case *east.Table:
		t := r.table(n)
		return []block{{pos: r.posOf(n), table: &t}}
	}
	return nil
}

func (r *mdReader) table(n *east.Table) mdTable {
	var t mdTable
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var rec record
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			p := r.posOf(c)
			if p.line == 0 {
				p = pos{rec.line, 1}
			}
			if rec.line == 0 {
				rec.line = p.line
			}
			rec.cells = append(rec.cells, r.plain(c))
			rec.cols = append(rec.cols, p.col)
		}
		if _, ok := row.(*east.TableHeader); ok {
			t.header, t.line = rec.cells, rec.line
			continue
		}
		t.rows = append(t.rows, rec)
	}
	return t
}

// plain is a node's text without its Markdown: a link's words, a code
// span's code, soft breaks as new lines, no HTML, no task box.
func (r *mdReader) plain(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && c != n && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(r.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.URL(r.src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// dateLine is a line that dates the timeline entries under it:
// "2015-10-21 (all times UTC)", "**2024-01-15**", "2024년 3월 10일".
var dateLine = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})\b|^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일`)

func isDateLine(s string) bool {
	return dateLine.MatchString(s) && clockIn.FindStringIndex(s) == nil
}

// PostmortemLanguage is the language a postmortem is written in, for what
// propdeck says about it: ko when its text is mostly Hangul, its title
// (the first heading) is in Hangul, or a heading says 타임라인 or 경과;
// else en. It reads bytes that are not UTF-8 too, to say so in Korean.
func PostmortemLanguage(data []byte) string {
	if mostlyIn(string(data)) == "ko" {
		return "ko"
	}
	title := true
	for _, line := range strings.Split(string(data), "\n") {
		h, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok {
			continue
		}
		h = strings.TrimSpace(strings.TrimLeft(h, "#"))
		if title && strings.ContainsFunc(h, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) || h == "타임라인" || h == "경과" {
			return "ko"
		}
		title = false
	}
	return "en"
}
