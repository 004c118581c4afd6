package props

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/propdeck/propdeck/internal/mdw"
)

// Limits of Mattermost's bulk import validators.
const (
	maxPost        = 16383 // runes of a post's message
	maxDisplayName = 64
	maxPurpose     = 250
	maxHeader      = 1024
	maxPosition    = 128
)

// mmLine is one line of a bulk import file: its type and the one object
// of that type.
type mmLine struct {
	Type    string     `json:"type"`
	Version int        `json:"version,omitempty"`
	Team    *mmTeam    `json:"team,omitempty"`
	Channel *mmChannel `json:"channel,omitempty"`
	User    *mmUser    `json:"user,omitempty"`
	Post    *mmPost    `json:"post,omitempty"`
}

type mmTeam struct {
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
}

type mmChannel struct {
	Team        string `json:"team"`
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	Type        string `json:"type"`
	Header      string `json:"header,omitempty"`
	Purpose     string `json:"purpose,omitempty"`
}

type mmUser struct {
	Username string       `json:"username"`
	Email    string       `json:"email"`
	Nickname string       `json:"nickname,omitempty"`
	Position string       `json:"position,omitempty"`
	Teams    []mmUserTeam `json:"teams"`
}

type mmUserTeam struct {
	Name     string          `json:"name"`
	Roles    string          `json:"roles"`
	Channels []mmUserChannel `json:"channels"`
}

type mmUserChannel struct {
	Name  string `json:"name"`
	Roles string `json:"roles"`
}

type mmPost struct {
	Team     string `json:"team"`
	Channel  string `json:"channel"`
	User     string `json:"user"`
	Message  string `json:"message"`
	CreateAt int64  `json:"create_at"`
}

// mattermost is the bulk import file: the version line, the team, the
// incident channel, one user per role and the posters, then a post per
// page and status draft at its story time. Posts are told apart by their
// create_at, so two at one instant are a millisecond apart.
func mattermost(st story) ([]byte, error) {
	s := st.s
	channel := channelName(s)
	w := wordsOf(s)
	lines := []mmLine{
		{Type: "version", Version: 1},
		{Type: "team", Team: &mmTeam{Name: teamName, DisplayName: w.Team, Type: "O", Description: w.TeamPurpose}},
		{Type: "channel", Channel: &mmChannel{Team: teamName, Name: channel, DisplayName: plain(s.Title(), maxDisplayName), Type: "O",
			Header: plain(fmt.Sprintf(w.ChannelHeader, mdw.Inline(s.Title())), maxHeader), Purpose: plain(s.Meta().Briefing, maxPurpose)}},
	}
	us := users(s)
	for _, u := range us {
		lines = append(lines, mmLine{Type: "user", User: &mmUser{
			Username: u.name, Email: email(u), Nickname: plain(u.fullName, maxDisplayName),
			Position: plain(u.fullName, maxPosition),
			Teams: []mmUserTeam{{Name: teamName, Roles: "team_user",
				Channels: []mmUserChannel{{Name: channel, Roles: "channel_user"}}}},
		}})
	}
	last := int64(0)
	for _, c := range st.of(chatKinds...) {
		msg, ok := message(s, c, "mattermost")
		if !ok {
			continue
		}
		at := max(st.at(c.Offset).UnixMilli(), last+1)
		last = at
		lines = append(lines, mmLine{Type: "post", Post: &mmPost{Team: teamName, Channel: channel, User: poster(us, c).name, Message: msg, CreateAt: at}})
	}
	return jsonLines(lines)
}

// jsonLines writes each value as one line of JSON, with no HTML escaping
// (the tools read the text as it is).
func jsonLines[T any](vs []T) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// indented is one value as indented JSON with a final newline.
func indented(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}
