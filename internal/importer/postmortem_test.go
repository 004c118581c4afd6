package importer

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestPostmortemDrafts: a postmortem in each common shape (Google's SRE
// book, Atlassian's, PagerDuty's, a GitHub issue, one in Korean) becomes
// a draft that validates and builds as written, the same bytes twice,
// with each part of the postmortem where the format says it goes.
func TestPostmortemDrafts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file, lang                  string
		clues, asks, comps, expects int
		notes                       int
		start                       string
	}{
		{"google-sre", "en", 7, 2, 0, 5, 4, "2026-11-26T19:02:00Z"},
		{"atlassian", "en", 5, 6, 0, 5, 4, "2026-05-12T08:38:00Z"},
		{"pagerduty", "en", 6, 1, 2, 5, 5, "2026-08-14T09:12:00Z"},
		{"github-issue", "en", 4, 2, 1, 5, 1, "2026-03-10T14:02:00Z"},
		{"korean", "ko", 5, 2, 1, 4, 1, "2026-04-02T14:05:00Z"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			name := "testdata/postmortem/" + tc.file + ".md"
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got, notes, err := Postmortem(name, data, tc.file, PostmortemOptions{})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "testdata/postmortem/"+tc.file+".toml", got)
			golden(t, "testdata/postmortem/"+tc.file+".notes", []byte(strings.Join(said(notes), "\n")+"\n"))
			if again, _, _ := Postmortem(name, data, tc.file, PostmortemOptions{}); !bytes.Equal(got, again) {
				t.Error("two imports differ")
			}
			s, err := scenarios.Parse(tc.file+".toml", got, nil, nil)
			if err != nil {
				t.Fatalf("the draft does not validate: %v", err)
			}
			if _, err := documents.Build(s, documents.DefaultOptions()); err != nil {
				t.Fatalf("the draft does not build: %v", err)
			}
			var timed, asks, expects int
			for _, c := range s.Clues() {
				if c.Ask != "" {
					asks++
				} else {
					timed++
				}
			}
			for _, r := range s.Rounds() {
				expects += len(r.Expect)
			}
			if s.Meta().Language != tc.lang || s.Meta().Summary == "" || s.Rounds()[0].Setup == "" || s.Meta().Start != tc.start {
				t.Errorf("language %q, summary %q, setup %q, start %q", s.Meta().Language, s.Meta().Summary, s.Rounds()[0].Setup, s.Meta().Start)
			}
			if timed != tc.clues || asks != tc.asks || len(s.Complications().Cards) != tc.comps || expects != tc.expects || len(notes) != tc.notes {
				t.Errorf("%d timed clues, %d on request, %d complications, %d expected actions, %d notes", timed, asks, len(s.Complications().Cards), expects, len(notes))
			}
			if !strings.Contains(string(got), "# fill in") {
				t.Error("no # fill in mark")
			}
		})
	}
}

// TestPostmortemT0AndLang: --t0 places the timeline, --lang the words.
func TestPostmortemT0AndLang(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/postmortem/github-issue.md")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 10, 13, 55, 0, 0, time.UTC)
	got, _, err := Postmortem("gh.md", data, "gh", PostmortemOptions{T0: t0, Lang: "ko"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`start = "2026-03-10T13:55:00Z"` + "\n", `at = "T+7m"` + "\n", `language = "ko"`, `"누가 장애 지휘자인가?"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// TestPostmortemErrors: every bad entry at once, each at its line and
// column; a postmortem without a timeline says what it looked for.
func TestPostmortemErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"bad.md", []string{
			"bad.md:5:17: the text has a character the fonts cannot print: U+1F525",
			"bad.md:12:3: time \"yesterday\" is neither",
		}},
		{"no-timeline.md", []string{"no-timeline.md: no timeline: a section headed Timeline", `the section "Timline" at line 7 (did you mean "timeline"?)`}},
	} {
		data, err := os.ReadFile("testdata/postmortem/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Postmortem(tc.file, data, "x", PostmortemOptions{})
		if err == nil {
			t.Errorf("%s: no error", tc.file)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: no %q in\n%v", tc.file, w, err)
			}
		}
	}
	_, _, err := Postmortem("notime.md", []byte("# T\n\n## Timeline\n\n| When | What |\n| --- | --- |\n| later | Alert fired |\n"), "x", PostmortemOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "notime.md:5:1: the timeline table has no time column") {
		t.Errorf("%v", err)
	}
	_, _, err = Postmortem("latin1.md", []byte("# T\n\n## Summary\n\ncaf\xe9\n"), "x", PostmortemOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "latin1.md:5:4: not UTF-8") {
		t.Errorf("%v", err)
	}
}

// TestPostmortemTimelineShapes: the ways a timeline is written, each
// with what the draft must say.
func TestPostmortemTimelineShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, md string
		want     []string
		note     string
	}{
		{"past midnight", "## Timeline\n\n2026-03-10 (all times UTC)\n\n- 23:50 Alert fired\n- 00:10 Customers complain\n",
			[]string{`start = "2026-03-10T23:50:00Z"` + "\n", `at = "T+20m"`}, ""},
		{"Korean date line", "## 경과\n\n2026년 3월 9일\n\n- 9:05 결제 경보 발생\n- 09:20 김하늘이 호출을 수락함\n",
			[]string{`start = "2026-03-09T09:05:00Z"` + "\n", `name = "당직 엔지니어"`, "# 그때 팀이 한 일: 해야 할 일이 맞는지 확인한다; 그날 김하늘 님이 한 일\nrole = \"oncall\"\naction = \"김하늘이 호출을 수락함\"", `language = "ko"`, `kind = "alert"`}, ""},
		{"lines of a paragraph, no date", "## Timeline\n\n14:51 News reports a new sonnet\n14:53 Traffic climbs\nby 88 times\n",
			[]string{`title = "Traffic climbs by 88 times"`, `start = "2026-01-01T14:51:00Z"   # fill in: the day`}, ""},
		{"English quoting Korean", "## Timeline\n\n- 14:02 Alert fired\n- 14:05 A customer writes \"결제가 안 돼요\"\n",
			[]string{`language = "en"`, `"Who is incident commander?"`}, ""},
		{"front matter and decorated headings", "---\nlayout: post\ntitle: \"Checkout outage\"\n---\n\n## ⏱️ Timeline\n\n- 14:02 Alert fired\n\n## 📋 Summary\n\nCheckout failed.\n",
			[]string{`title = "Checkout outage"` + "\n", `summary = "Checkout failed."` + "\n", `title = "Alert fired"`}, ""},
		{"a line without a time", "## Timeline\n\nAll times are UTC.\n\n- 14:02 Alert fired\n",
			[]string{`title = "Alert fired"`}, `x.md:3:1: not placed: a timeline line without a time of day: "All times are UTC."`},
		{"a table with an owner column", "## Timeline\n\n| Time | Event | Owner |\n| --- | --- | --- |\n| 2026-03-10 14:02 | Alert fired | |\n| 2026-03-10 14:05 | Acknowledged | Dana |\n",
			[]string{`name = "Dana"`, "role = \"dana\"\naction = \"Acknowledged\""}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, notes, err := Postmortem("x.md", []byte(tc.md), "x", PostmortemOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			if tc.note != "" && !slices.Contains(said(notes), tc.note) {
				t.Errorf("notes %q", notes)
			}
		})
	}
}

// FuzzPostmortem: any Markdown either drafts a scenario that parses, or
// is refused; it never panics.
func FuzzPostmortem(f *testing.F) {
	for _, name := range []string{"google-sre", "atlassian", "pagerduty", "github-issue", "korean", "bad"} {
		data, err := os.ReadFile("testdata/postmortem/" + name + ".md")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("## Timeline\n\n| Time | a | b |\n|---|---|---|\n| 1:00 |\n| 23:59 | x | y |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _, err := Postmortem("f.md", data, "f", PostmortemOptions{})
		if err != nil {
			return
		}
		if _, err := scenarios.Parse("f.toml", out, nil, nil); err != nil {
			t.Fatalf("a draft that does not parse: %v\n%s", err, out)
		}
	})
}

// TestPostmortemPeopleAreNotRoles: a handle or a person's name in the
// timeline is the who of an expected action, under the role its words
// say; a team stays a role; the draft still validates.
func TestPostmortemPeopleAreNotRoles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, md string
		want     []string // in the draft
		people   []string // never a role's name
	}{
		{"English handles", "## Timeline\n\n- 14:02 Alert fired\n- 14:05 jdoe acknowledged the page\n- 14:12 @sam rolled back the deploy\n\n## Action Items\n\n| Action Item | Owner |\n| --- | --- |\n| Alert on pool use | jdoe |\n",
			[]string{"that day\nrole = \"oncall\"\naction = \"jdoe acknowledged the page\"", "; done by jdoe that day", "; done by sam that day\nrole = \"responder\"", "name = \"Responder\"   # fill in", "; the item's owner: jdoe\nrole = \"oncall\""},
			[]string{"jdoe", "sam", "@sam"}},
		{"English names and a team", "## Timeline\n\n- 09:12 Alert fired\n- 09:20 Priya Raman declared a SEV-2 and took command\n- 09:25 Support escalated to billing\n- 09:31 Tom Ellis posted a status update\n",
			[]string{"; done by Priya Raman that day\nrole = \"ic\"", "; done by Tom Ellis that day\nrole = \"comms\"", "name = \"Communications lead\"", "role = \"support\"\naction = \"Support escalated to billing\""},
			[]string{"Priya Raman", "Tom Ellis"}},
		{"Korean names", "## 경과\n\n2026년 3월 9일\n\n- 09:05 결제 경보 발생\n- 09:08 김하늘이 호출을 수락함\n- 09:20 박준호가 장애를 선언함\n\n## 후속 조치\n\n| 조치 | 담당 |\n| --- | --- |\n| 설정 차이를 검사한다 | 박준호 |\n",
			[]string{"; 그날 김하늘 님이 한 일\nrole = \"oncall\"", "; 그날 박준호 님이 한 일\nrole = \"ic\"", "name = \"장애 지휘자\"", "name = \"당직 엔지니어\"", "; 항목 담당: 박준호\nrole = \"ic\""},
			[]string{"김하늘", "박준호"}},
		{"Korean table with handles", "## 타임라인\n\n| 시각 | 내용 | 담당 |\n| --- | --- | --- |\n| 2026-03-10 14:02 | 경보 발생 | |\n| 2026-03-10 14:05 | 호출을 수락함 | hkim |\n| 2026-03-10 14:09 | 고객센터 팀이 에스컬레이션함 | 고객센터 팀 |\n",
			[]string{"; 그날 hkim 님이 한 일\nrole = \"oncall\"", "name = \"고객센터 팀\""},
			[]string{"hkim"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, _, err := Postmortem("x.md", []byte(tc.md), "x", PostmortemOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			s, err := scenarios.Parse("x.toml", got, nil, nil)
			if err != nil {
				t.Fatalf("the draft does not validate: %v\n%s", err, got)
			}
			for _, r := range s.Roles() {
				if slices.Contains(tc.people, r.Name) {
					t.Errorf("a person is a role: %q", r.Name)
				}
			}
		})
	}
}
