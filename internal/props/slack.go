package props

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"
)

// Slack's limits: the longest text it keeps in one message, and in a
// channel's topic or purpose.
const (
	maxSlack      = 40000
	maxSlackTopic = 250
)

type slackUser struct {
	ID       string `json:"id"`
	TeamID   string `json:"team_id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	Deleted  bool   `json:"deleted"`
	// IsBot stays false, for the posters too: mmetl imports a bot only
	// with --bot-owner and a bot_id, and the Mattermost import has them
	// as ordinary users, so both files load the same channel.
	IsBot   bool         `json:"is_bot"`
	Profile slackProfile `json:"profile"`
}

// slackProfile carries the email a real export has for every person:
// mmetl refuses a user without one unless given a made-up domain.
type slackProfile struct {
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	Title       string `json:"title"`
	Email       string `json:"email"`
}

type slackChannel struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Created    int64      `json:"created"`
	Creator    string     `json:"creator"`
	IsArchived bool       `json:"is_archived"`
	IsGeneral  bool       `json:"is_general"`
	Members    []string   `json:"members"`
	Topic      slackTopic `json:"topic"`
	Purpose    slackTopic `json:"purpose"`
}

type slackTopic struct {
	Value   string `json:"value"`
	Creator string `json:"creator"`
	LastSet int64  `json:"last_set"`
}

type slackMessage struct {
	Type string `json:"type"`
	User string `json:"user"`
	Text string `json:"text"`
	TS   string `json:"ts"`
}

// slackID is a workspace-style id: a letter for what it is, then digits.
func slackID(prefix byte, i int) string { return fmt.Sprintf("%c%08d", prefix, i+1) }

// slackExport is the incident channel as a Slack export: users.json,
// channels.json and a file of messages per day of the story, zipped as
// Slack hands an export out. Message times are unique to the microsecond,
// as Slack's ts are.
func slackExport(st story) ([]byte, error) {
	s := st.s
	us := users(s)
	ids := map[string]string{}
	var people []slackUser
	for i, u := range us {
		ids[u.name] = slackID('U', i)
		name := quiet(u.fullName) // as the posts: a name is shown to everyone
		people = append(people, slackUser{ID: ids[u.name], TeamID: slackID('T', 0), Name: u.name, RealName: name,
			Profile: slackProfile{RealName: name, DisplayName: u.name, Title: name, Email: email(u)}})
	}
	members := make([]string, len(people))
	for i, p := range people {
		members[i] = p.ID
	}
	channel := channelName(s)
	created := st.start.Unix()
	chans := []slackChannel{{ID: slackID('C', 0), Name: channel, Created: created, Creator: members[0], Members: members,
		Topic:   slackTopic{Value: slackPlain(s.Title(), maxSlackTopic), LastSet: created},
		Purpose: slackTopic{Value: slackPlain(s.Meta().Briefing, maxSlackTopic), LastSet: created}}}
	files := []zipFile{}
	if err := addJSON(&files, "users.json", people); err != nil {
		return nil, err
	}
	if err := addJSON(&files, "channels.json", chans); err != nil {
		return nil, err
	}
	days, order := slackDays(st, us, ids)
	for _, day := range order {
		if err := addJSON(&files, channel+"/"+day+".json", days[day]); err != nil {
			return nil, err
		}
	}
	return zipOf(files)
}

// slackDays are the channel's messages by day of the story's own time
// zone, and the days in order.
func slackDays(st story, us []user, ids map[string]string) (map[string][]slackMessage, []string) {
	days := map[string][]slackMessage{}
	var order []string
	last := int64(0)
	for _, c := range st.of(chatKinds...) {
		if !carried(c) {
			continue
		}
		at := mentions(us, c)
		for i, m := range at {
			at[i] = "<@" + ids[m] + ">"
		}
		when := st.at(c.Offset)
		micro := max(when.UnixMicro(), last+1)
		last = micro
		day := when.Format(time.DateOnly)
		if days[day] == nil {
			order = append(order, day)
		}
		days[day] = append(days[day], slackMessage{Type: "message", User: ids[poster(us, c).name], Text: clip(mrkdwn(c, at), maxSlack),
			TS: fmt.Sprintf("%d.%06d", micro/1e6, micro%1e6)})
	}
	return days, order
}

type zipFile struct {
	name string
	data []byte
}

func addJSON(files *[]zipFile, name string, v any) error {
	data, err := indented(v)
	if err != nil {
		return err
	}
	*files = append(*files, zipFile{name, data})
	return nil
}

// zipEpoch stamps every entry, so that the same story gives the same bytes.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func zipOf(files []zipFile) ([]byte, error) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range files {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipEpoch})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
