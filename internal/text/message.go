package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Message is what propdeck tells a person, before it is in a language: a
// key of every catalog's messages.toml and the values it names. Keeping
// the words out of Go is what lets a message read as one sentence in each
// language, with ids, keys and values exactly as the person wrote them.
type Message struct {
	Key  string
	Args []any // name, value, name, value …
}

// M is the message key with its named values: M("no-such-id", "kind",
// "role", "id", "ic"). A value that is itself a Message (or an error that
// carries one) is put in the same language as the message around it.
func M(key string, nameValues ...any) Message {
	return Message{Key: key, Args: nameValues}
}

// OrList is values as a choice, "a, b or c" in English: the one way a
// message lists what may be given instead of a wrong name.
func OrList(values []string) Message {
	if len(values) < 2 {
		return M("as-error", "err", strings.Join(values, ""))
	}
	return M("or-list", "some", strings.Join(values[:len(values)-1], ", "), "last", values[len(values)-1])
}

// Clone is a copy of the message whose values are its own: the list,
// and each value that is itself a Message, cloned. Other values (strings,
// numbers, errors) are not changed in place by anything that reads them.
func (m Message) Clone() Message {
	if m.Args == nil {
		return m
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(Message); ok {
			a = inner.Clone()
		}
		args[i] = a
	}
	m.Args = args
	return m
}

// String is the message in English, the language of logs and of a file
// that names none.
func (m Message) String() string { return m.In("en") }

// In renders the message in lang, English where lang has no catalog.
func (m Message) In(lang string) string {
	if m.Key == "" {
		return "" // no message: an optional hint left out
	}
	tmpl, ok := messages(lang)[m.Key]
	if !ok {
		tmpl, ok = messages("en")[m.Key]
	}
	if !ok {
		// Every key is in every catalog (a test holds them to it).
		panic("text: no message " + m.Key)
	}
	return render(tmpl, m.Args, lang)
}

// failure is an error whose words are a message, so that whoever
// reports it can say it in the reader's language.
type failure struct{ Msg Message }

// Error is the message in English.
func (e *failure) Error() string { return e.Msg.String() }

// Unwrap is the error the message names, if any, so that wrapping an
// error in a message keeps errors.Is and errors.As working.
func (e *failure) Unwrap() error {
	for i := 1; i < len(e.Msg.Args); i += 2 {
		if err, ok := e.Msg.Args[i].(error); ok {
			return err
		}
	}
	return nil
}

// Fail is an error that says M(key, nameValues…).
func Fail(key string, nameValues ...any) error {
	return &failure{Msg: M(key, nameValues...)}
}

// Of is the message an error is, and whether it is one: a Fail's, or
// that of an error of another package's type that says its words as a
// message (Message() Message). An error that wraps one says more than
// the message it wraps, so only the error itself is asked.
func Of(err error) (Message, bool) {
	switch e := err.(type) {
	case *failure:
		return e.Msg, true
	case interface{ Message() Message }:
		return e.Message(), true
	}
	return Message{}, false
}

// In is what err says in lang: its message when it carries one, else its
// words as they are.
func In(err error, lang string) string {
	if m, ok := Of(err); ok {
		return m.In(lang)
	}
	return err.Error()
}

func messages(lang string) map[string]string {
	return Load[map[string]string](lang, "messages")
}

// render fills a template: {name} is a value, {name:q} the value with a
// fmt verb (%q here), {{ and }} are braces, and {A/B} is a particle
// chosen by the sound the text before it ends in (Korean's 이/가, 을/를,
// 은/는, 과/와, 으로/로).
func render(tmpl string, args []any, lang string) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(tmpl) && tmpl[i+1] == c:
			b.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(tmpl[i:], '}')
			if end < 0 {
				b.WriteString(tmpl[i:])
				return b.String()
			}
			field := tmpl[i+1 : i+end]
			i += end
			if first, second, ok := strings.Cut(field, "/"); ok {
				b.WriteString(particle(b.String(), first, second))
				continue
			}
			b.WriteString(value(field, args, lang))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// value renders the named argument of a {name} or {name:verb} field.
func value(field string, args []any, lang string) string {
	name, verb, hasVerb := strings.Cut(field, ":")
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] != name {
			continue
		}
		v := args[i+1]
		switch x := v.(type) {
		case Message:
			return x.In(lang)
		case []Message:
			parts := make([]string, len(x))
			for j, m := range x {
				parts[j] = m.In(lang)
			}
			return strings.Join(parts, "")
		case error:
			if m, ok := Of(x); ok {
				return m.In(lang)
			}
		}
		if !hasVerb {
			verb = "v"
		}
		return fmt.Sprintf("%"+verb, v)
	}
	panic(fmt.Sprintf("text: message field {%s} has no value", name))
}

// particle picks the form that follows what was written: the first after
// a final consonant, the second after a vowel. With 으로/로, a final ㄹ
// takes the second form as a vowel does.
func particle(before, afterConsonant, afterVowel string) string {
	final, known := lastSound(before)
	switch {
	case !known || final == 0:
		return afterVowel
	case final == 8 && afterVowel == "로": // ㄹ
		return afterVowel
	}
	return afterConsonant
}

// lastSound is the final consonant of the last word's sound (0 for none,
// else a Hangul jongseong index, 8 being ㄹ), reading through the quotes
// and brackets around an id. Digits and Latin letters are read the way
// Korean reads them aloud.
func lastSound(s string) (final int, known bool) {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’)]}»`", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		return int(r-0xAC00) % 28, true
	case r >= '0' && r <= '9':
		// 영 일 이 삼 사 오 육 칠 팔 구
		return [10]int{21, 8, 0, 16, 0, 0, 1, 8, 8, 0}[r-'0'], true
	case r < utf8.RuneSelf && unicode.IsLetter(r):
		lower := strings.ToLower(s)
		switch {
		case strings.HasSuffix(lower, "ng"):
			return 21, true
		case strings.HasSuffix(lower, "l"), strings.HasSuffix(lower, "le"): // 타이틀
			return 8, true
		case strings.HasSuffix(lower, "m"):
			return 16, true
		case strings.HasSuffix(lower, "n"):
			return 4, true
		}
		// A loanword's other endings take a vowel (서버, 캐시, 네트워크).
		return 0, true
	}
	return 0, false
}
