// Package board lays out a scenario as digital boards for a remote table:
// the players' board (roles, systems, empty frames to deal cards into, a
// timeline, the scribe's notes), the facilitator's board (everything,
// sealed), and the cards to hand out as a library. A board is a list of
// items in one neutral model; excalidraw.go and tldraw.go write it in each
// app's own file format. Cards are the same frames the decks print, drawn
// as SVG with outlined text, each glyph defined once an image.
package board

// kind is what an item is.
type kind int

const (
	// frameItem is a named area that holds other items.
	frameItem kind = iota
	// imageItem is a card's face.
	imageItem
	// textItem is a line or paragraph of native text.
	textItem
	// noteItem is a sticky note: a coloured square with text.
	noteItem
	// arrowItem joins two items: From depends on To.
	arrowItem
	// barItem is a filled rectangle without text (the timeline's lane).
	barItem
)

// tone is an item's colour, named as both apps name theirs.
type tone int

const (
	plain tone = iota
	red
	yellow
	grey
	blue
)

// item is one thing on a board, in board units (a pixel at 100% zoom).
type item struct {
	ID         string
	Kind       kind
	X, Y, W, H float64
	Text       string
	Size       float64 // text size, in board units
	Tone       tone
	Parent     string // the frame that holds it, or ""
	Group      string // items that move together (a card and its title), or ""
	File       string // an image's file id
	From, To   string // an arrow's ends
	Card       string // the card id an image or its title shows
}

// imageFile is an image a board shows: its id (the hash of its bytes, so
// that a rebuild gives the same ids and two identical backs are stored
// once) and the card face it is drawn from. Its bytes are drawn again as
// the file is written, one image at a time, so that a board of any size
// never holds its images.
type imageFile struct {
	ID   string
	Mime string
	Face string  // the deck's key of the face: card name, or name + "/back"
	W, H float64 // its size on the board
}

// scene is one board: its title and items in drawing order (a frame
// before what it holds), and the files its images show.
type scene struct {
	Title  string
	Items  []item
	Files  []imageFile
	seen   map[string]bool
	copies map[string]int
}

// addFile keeps an image once and returns its id.
func (b *scene) addFile(mime, id, face string, w, h float64) string {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if !b.seen[id] {
		b.seen[id] = true
		b.Files = append(b.Files, imageFile{ID: id, Mime: mime, Face: face, W: w, H: h})
	}
	return id
}

func (b *scene) add(it item) { b.Items = append(b.Items, it) }
