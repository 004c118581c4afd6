package records

// The record's part of what the room said in a live session: a player's
// asks, answers, the polls and the hot wash. A hidden text is left out,
// and nothing here names who wrote an anonymous one.

// Asked is an ask a player posted, and how it was answered.
type Asked struct {
	At     string `toml:"at" required:"true" format:"offset" doc:"When it was asked, e.g. T+12m."`
	Role   string `toml:"role" required:"true" doc:"The role id that asked."`
	Text   string `toml:"text" required:"true" doc:"What it asked for."`
	Answer string `toml:"answer" vocab:"ask-answer" doc:"unanswered, card, no-card or declined."`
	Card   string `toml:"card" doc:"For answer = card: the on-request clue that answered it."`
}

// Answered is a role's answer.
type Answered struct {
	At    string `toml:"at" required:"true" format:"offset" doc:"When it was posted, e.g. T+12m."`
	Role  string `toml:"role" required:"true" doc:"The role id that answered."`
	Round int64  `toml:"round" doc:"The round it answers, from 1; 0 for none."`
	Text  string `toml:"text" required:"true" doc:"The answer, or the decision proposed and why."`
}

// UnifiedAt is the agreement, in percent, from which a poll's room is
// Unified rather than Split: the room's live view and the printed result
// say the same.
const UnifiedAt = 60

// Polled is a poll with its result.
type Polled struct {
	ID        string   `toml:"id" required:"true" doc:"The poll's id."`
	Question  string   `toml:"question" required:"true" doc:"The question asked."`
	Options   []string `toml:"options" required:"true" doc:"The options, in order."`
	Votes     []int64  `toml:"votes" doc:"Each option's votes, in the options' order."`
	Agreement int64    `toml:"agreement" doc:"The largest option's share of the votes, in percent: Unified at 60 or more, Split below."`
	Expected  string   `toml:"expected" doc:"The answer the scenario expected, when it prepared the poll with one."`
	Anonymous bool     `toml:"anonymous" doc:"Open to every device, one ballot a device, no role kept."`
}

// HotWash is the feedback at the session's end: how many, what they said.
type HotWash struct {
	Count   int64    `toml:"count" doc:"How many answered."`
	Worked  []string `toml:"worked" doc:"What worked, one entry a feedback that said it."`
	Broke   []string `toml:"broke" doc:"What broke, or was missing."`
	Actions []string `toml:"actions" doc:"What to do."`
	Scores  []int64  `toml:"scores" doc:"The scores given, 1 to 5."`
}
