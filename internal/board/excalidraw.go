package board

import (
	"encoding/base64"
	"hash/fnv"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
)

// The Excalidraw files: a scene (docs.excalidraw.com/docs/codebase/json-schema)
// and a library (.excalidrawlib, version 2). Every element carries every
// property Excalidraw's own restore would fill in, with the value it
// would give, so that opening the file repairs nothing; ids and seeds come
// from the board's item ids, so that a rebuild gives the same bytes.

const excalidrawSource = "https://github.com/propdeck/propdeck"

// created stamps every element and file: a fixed time, for the same bytes
// on every build (2026-01-01T00:00:00Z, in milliseconds).
const created = 1767225600000

type exElement struct {
	ID              string    `json:"id"`
	Type            string    `json:"type"`
	X               float64   `json:"x"`
	Y               float64   `json:"y"`
	Width           float64   `json:"width"`
	Height          float64   `json:"height"`
	Angle           float64   `json:"angle"`
	StrokeColor     string    `json:"strokeColor"`
	BackgroundColor string    `json:"backgroundColor"`
	FillStyle       string    `json:"fillStyle"`
	StrokeWidth     float64   `json:"strokeWidth"`
	StrokeStyle     string    `json:"strokeStyle"`
	Roughness       int       `json:"roughness"`
	Opacity         int       `json:"opacity"`
	GroupIDs        []string  `json:"groupIds"`
	FrameID         *string   `json:"frameId"`
	Index           string    `json:"index"`
	Roundness       *exRound  `json:"roundness"`
	Seed            uint32    `json:"seed"`
	Version         int       `json:"version"`
	VersionNonce    uint32    `json:"versionNonce"`
	IsDeleted       bool      `json:"isDeleted"`
	BoundElements   []exBound `json:"boundElements"`
	Updated         int64     `json:"updated"`
	Link            *string   `json:"link"`
	Locked          bool      `json:"locked"`
	*exFrame        `json:",omitempty"`
	*exText         `json:",omitempty"`
	*exImage        `json:",omitempty"`
	*exArrow        `json:",omitempty"`
	CustomData      *exCustom `json:"customData,omitempty"`
}

type exRound struct {
	Type int `json:"type"`
}

type exBound struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type exFrame struct {
	Name string `json:"name"`
}

type exText struct {
	Text          string  `json:"text"`
	FontSize      float64 `json:"fontSize"`
	FontFamily    int     `json:"fontFamily"`
	TextAlign     string  `json:"textAlign"`
	VerticalAlign string  `json:"verticalAlign"`
	ContainerID   *string `json:"containerId"`
	OriginalText  string  `json:"originalText"`
	AutoResize    bool    `json:"autoResize"`
	LineHeight    float64 `json:"lineHeight"`
}

type exImage struct {
	Status string    `json:"status"`
	FileID string    `json:"fileId"`
	Scale  []float64 `json:"scale"`
	Crop   *struct{} `json:"crop"`
}

type exArrow struct {
	Points             [][2]float64 `json:"points"`
	LastCommittedPoint *[2]float64  `json:"lastCommittedPoint"`
	StartBinding       *exBinding   `json:"startBinding"`
	EndBinding         *exBinding   `json:"endBinding"`
	StartArrowhead     *string      `json:"startArrowhead"`
	EndArrowhead       *string      `json:"endArrowhead"`
	Elbowed            bool         `json:"elbowed"`
}

type exBinding struct {
	ElementID string  `json:"elementId"`
	Focus     float64 `json:"focus"`
	Gap       float64 `json:"gap"`
}

// exCustom names the card an element shows, for a script or a test.
type exCustom struct {
	Card string `json:"propdeckCard"`
}

type exFile struct {
	MimeType string `json:"mimeType"`
	ID       string `json:"id"`
	DataURL  string `json:"dataURL"`
	Created  int64  `json:"created"`
}

// Excalidraw's font families: 2 is Helvetica, the system's sans-serif,
// which needs no download and falls back to a font with Hangul.
const exFontFamily = 2

// Stroke and fill colours from Excalidraw's own palette.
var exTones = map[tone][2]string{
	plain:  {"#1e1e1e", "transparent"},
	red:    {"#e03131", "transparent"},
	yellow: {"#1e1e1e", "#ffec99"},
	grey:   {"#868e96", "#ced4da"},
	blue:   {"#1971c2", "#a5d8ff"},
}

func seed(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%(1<<31-1) + 1
}

func base(it item, typ string, index string) exElement {
	tone := exTones[it.Tone]
	e := exElement{
		ID: it.ID, Type: typ, X: round(it.X), Y: round(it.Y), Width: round(it.W), Height: round(it.H),
		StrokeColor: tone[0], BackgroundColor: tone[1], FillStyle: "solid", StrokeWidth: 1, StrokeStyle: "solid",
		Roughness: 0, Opacity: 100, GroupIDs: []string{}, Index: index, Seed: seed(it.ID), Version: 1,
		VersionNonce: seed("nonce:" + it.ID), BoundElements: []exBound{}, Updated: created,
	}
	if it.Parent != "" {
		e.FrameID = &it.Parent
	}
	if it.Group != "" {
		e.GroupIDs = []string{it.Group}
	}
	if it.Card != "" {
		e.CustomData = &exCustom{Card: it.Card}
	}
	return e
}

func round(v float64) float64 { return math.Round(v*100) / 100 }

// exElements turns a board's items into Excalidraw elements, in order,
// each with a fractional index after the one before.
func exElements(items []item) []exElement {
	var out []exElement
	bound := map[string]int{} // item id → its element's position in out
	next := indexKeys()
	for _, it := range items {
		switch it.Kind {
		case frameItem:
			e := base(it, "frame", next())
			e.Roughness, e.StrokeWidth, e.BackgroundColor = 0, 2, "transparent"
			e.exFrame = &exFrame{Name: it.Text}
			out = append(out, e)
		case imageItem:
			e := base(it, "image", next())
			e.BackgroundColor, e.StrokeColor = "transparent", "transparent"
			e.exImage = &exImage{Status: "saved", FileID: it.File, Scale: []float64{1, 1}}
			out = append(out, e)
		case textItem:
			out = append(out, exTextOf(it, next(), nil))
		case barItem:
			e := base(it, "rectangle", next())
			out = append(out, e)
		case noteItem:
			e := base(it, "rectangle", next())
			e.Roundness = &exRound{Type: 3}
			textID := it.ID + "-text"
			e.BoundElements = []exBound{{Type: "text", ID: textID}}
			bound[it.ID] = len(out)
			out = append(out, e)
			lines := wrap(it.Text, it.Size, it.W-20)
			w, h := textBox(lines, it.Size)
			t := item{ID: textID, X: it.X + (it.W-w)/2, Y: it.Y + (it.H-h)/2, W: w, H: h, Text: strings.Join(lines, "\n"), Size: it.Size, Parent: it.Parent}
			out = append(out, exTextOf(t, next(), &it.ID))
		case arrowItem:
			out = append(out, exArrowOf(it, items, next()))
			for _, end := range []string{it.From, it.To} {
				if i, ok := bound[end]; ok {
					out[i].BoundElements = append(out[i].BoundElements, exBound{Type: "arrow", ID: it.ID})
				}
			}
		}
	}
	return out
}

func exTextOf(it item, index string, container *string) exElement {
	e := base(it, "text", index)
	e.BackgroundColor = "transparent"
	e.exText = &exText{Text: it.Text, FontSize: it.Size, FontFamily: exFontFamily, TextAlign: "left", VerticalAlign: "top",
		ContainerID: container, OriginalText: it.Text, AutoResize: true, LineHeight: lineHeight}
	if container != nil {
		e.TextAlign, e.VerticalAlign = "center", "middle"
	}
	return e
}

// exArrowOf draws an arrow between the edges of two items, bound to both
// so that it follows them when they move.
func exArrowOf(it item, items []item, index string) exElement {
	from, to := find(items, it.From), find(items, it.To)
	x0, y0, x1, y1 := edgeToEdge(from, to)
	it.X, it.Y, it.W, it.H = x0, y0, math.Abs(x1-x0), math.Abs(y1-y0)
	e := base(it, "arrow", index)
	e.BackgroundColor = "transparent"
	e.StrokeWidth = 2
	e.Roundness = &exRound{Type: 2}
	e.exArrow = &exArrow{
		Points:       [][2]float64{{0, 0}, {round(x1 - x0), round(y1 - y0)}},
		StartBinding: &exBinding{ElementID: from.ID, Gap: 4},
		EndBinding:   &exBinding{ElementID: to.ID, Gap: 4},
		EndArrowhead: &arrowhead,
	}
	e.Width, e.Height = math.Abs(e.Points[1][0]), math.Abs(e.Points[1][1])
	return e
}

var arrowhead = "arrow"

func find(items []item, id string) item {
	for _, it := range items {
		if it.ID == id {
			return it
		}
	}
	return item{ID: id}
}

// edgeToEdge is the segment between two boxes' centres, cut where it
// leaves the first and enters the second.
func edgeToEdge(a, b item) (x0, y0, x1, y1 float64) {
	ax, ay := a.X+a.W/2, a.Y+a.H/2
	bx, by := b.X+b.W/2, b.Y+b.H/2
	dx, dy := bx-ax, by-ay
	cut := func(w, h float64) float64 { // share of the segment inside a box
		t := math.Inf(1)
		if dx != 0 {
			t = min(t, w/2/math.Abs(dx))
		}
		if dy != 0 {
			t = min(t, h/2/math.Abs(dy))
		}
		return min(t, 0.5)
	}
	ta, tb := cut(a.W+8, a.H+8), cut(b.W+8, b.H+8)
	return ax + dx*ta, ay + dy*ta, bx - dx*tb, by - dy*tb
}

// exFile is an image's file entry, its bytes drawn now.
func exFileOf(f imageFile, d *deck) (exFile, error) {
	data, err := d.image(f.Face)
	if err != nil {
		return exFile{}, err
	}
	return exFile{MimeType: f.Mime, ID: f.ID, DataURL: "data:" + f.Mime + ";base64," + base64.StdEncoding.EncodeToString(data), Created: created}, nil
}

// excalidrawScene writes a board as an .excalidraw scene, its files in
// the order of their ids (as a map marshals), each drawn as it is written.
func excalidrawScene(w io.Writer, b *scene, d *deck) error {
	j := &jsonOut{w: w}
	els := exElements(b.Items)
	j.raw(`{"type":"excalidraw","version":2,"source":`)
	j.value(excalidrawSource)
	j.raw(`,"elements":`)
	j.list(len(els), func(i int) (any, error) { return els[i], nil })
	j.raw(`,"appState":`)
	j.value(map[string]any{"gridSize": 20, "viewBackgroundColor": "#ffffff", "name": b.Title})
	j.raw(`,"files":{`)
	files := slices.SortedFunc(slices.Values(b.Files), func(a, b imageFile) int { return strings.Compare(a.ID, b.ID) })
	for i, f := range files {
		if i > 0 {
			j.raw(",")
		}
		j.value(f.ID)
		j.raw(":")
		file, err := exFileOf(f, d)
		if err != nil {
			return err
		}
		j.value(file)
	}
	j.raw("}}\n")
	return j.err
}

// excalidrawLib writes the cards the facilitator hands out (clues,
// requests, complications) as an .excalidrawlib: one library item per
// card, its face drawn in Excalidraw's shapes (a library holds no image
// files) with its title below, grouped.
func excalidrawLib(w io.Writer, d *deck) error {
	type libItem struct {
		ID       string      `json:"id"`
		Status   string      `json:"status"`
		Created  int64       `json:"created"`
		Name     string      `json:"name"`
		Elements []exElement `json:"elements"`
	}
	var list []cards.Card
	for _, c := range d.list {
		if c.Kind == "clue" || c.Kind == "request" || c.Kind == "complication" {
			list = append(list, c)
		}
	}
	// Each card's elements are made as they are written: a library of a
	// thousand clues is some hundred megabytes of them.
	j := &jsonOut{w: w}
	j.raw(`{"type":"excalidrawlib","version":2,"source":`)
	j.value(excalidrawSource)
	j.raw(`,"libraryItems":`)
	j.list(len(list), func(i int) (any, error) {
		c := list[i]
		caption := d.caption(c)
		if c.Kind == "complication" {
			caption = d.complicationCaption(c)
		}
		group := "g-" + c.Name
		next := indexKeys()
		els := exCard(c, group, next)
		w := c.Size.W * perMM
		lines := wrap(caption, capSize, w)
		tw, th := textBox(lines, capSize)
		t := exTextOf(item{ID: "cap-" + c.Name, X: 0, Y: c.Size.H*perMM + 8, W: tw, H: th, Text: strings.Join(lines, "\n"), Size: capSize, Group: group, Card: c.Name}, next(), nil)
		els = append(els, t)
		return libItem{ID: "lib-" + c.Name, Status: "published", Created: created, Name: caption, Elements: els}, nil
	})
	j.raw("}\n")
	return j.err
}
