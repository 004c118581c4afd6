package board

import (
	"encoding/base64"
	"io"
	"math"
	"strings"
)

// The tldraw file: a .tldr is {tldrawFileFormatVersion, schema, records}
// (tldraw's src/lib/utils/tldr/file.ts). Records are written at the
// versions of one release, tldrawRelease: the schema below is what that
// release's createTLSchema().serialize() gives, so that opening the file
// migrates nothing.

const tldrawRelease = "5.4.2"

var tldrawSchema = map[string]any{
	"schemaVersion": 2,
	"sequences": map[string]int{
		"com.tldraw.store": 5, "com.tldraw.asset": 1, "com.tldraw.camera": 1, "com.tldraw.document": 2,
		"com.tldraw.instance": 26, "com.tldraw.instance_page_state": 5, "com.tldraw.page": 1,
		"com.tldraw.instance_presence": 6, "com.tldraw.pointer": 1, "com.tldraw.shape": 4, "com.tldraw.user": 1,
		"com.tldraw.asset.image": 6, "com.tldraw.asset.video": 5, "com.tldraw.asset.bookmark": 2,
		"com.tldraw.shape.arrow": 8, "com.tldraw.shape.bookmark": 2, "com.tldraw.shape.draw": 5,
		"com.tldraw.shape.embed": 4, "com.tldraw.shape.frame": 1, "com.tldraw.shape.geo": 12,
		"com.tldraw.shape.group": 0, "com.tldraw.shape.highlight": 4, "com.tldraw.shape.image": 5,
		"com.tldraw.shape.line": 5, "com.tldraw.shape.note": 13, "com.tldraw.shape.text": 4,
		"com.tldraw.shape.video": 4, "com.tldraw.binding.arrow": 1,
	},
}

// tldraw's colour names for the board's tones.
var tlTones = map[tone]string{plain: "black", red: "red", yellow: "yellow", grey: "grey", blue: "blue"}

// tlRichText is tldraw's rich text (a TipTap document), a paragraph a line.
func tlRichText(s string) map[string]any {
	var paras []any
	for _, line := range strings.Split(s, "\n") {
		p := map[string]any{"type": "paragraph"}
		if line != "" {
			p["content"] = []any{map[string]any{"type": "text", "text": line}}
		}
		paras = append(paras, p)
	}
	return map[string]any{"type": "doc", "content": paras}
}

type tlRecord map[string]any

const tlPage = "page:board"

// tlShape is a shape record: position relative to its parent frame.
func tlShape(it item, typ, index string, at map[string]item, props map[string]any) tlRecord {
	parent, x, y := tlPage, it.X, it.Y
	if p, ok := at[it.Parent]; ok && it.Parent != "" {
		parent, x, y = "shape:"+p.ID, it.X-p.X, it.Y-p.Y
	}
	meta := map[string]any{}
	if it.Card != "" {
		meta["propdeckCard"] = it.Card
	}
	return tlRecord{"id": "shape:" + it.ID, "typeName": "shape", "type": typ, "x": round(x), "y": round(y), "rotation": 0,
		"index": index, "parentId": parent, "isLocked": false, "opacity": 1, "props": props, "meta": meta}
}

// tlSize is tldraw's nearest text size (s 18, m 24, l 36, xl 44 at scale 1).
func tlSize(size float64) string {
	switch {
	case size >= 40:
		return "xl"
	case size >= 30:
		return "l"
	case size >= 21:
		return "m"
	}
	return "s"
}

func tlShapes(b *scene) []tlRecord {
	var out []tlRecord
	at := map[string]item{}
	next := indexKeys()
	for _, it := range b.Items {
		at[it.ID] = it
		switch it.Kind {
		case frameItem:
			out = append(out, tlShape(it, "frame", next(), at, map[string]any{"w": round(it.W), "h": round(it.H), "name": it.Text, "color": "black"}))
		case imageItem:
			out = append(out, tlShape(it, "image", next(), at, map[string]any{"w": round(it.W), "h": round(it.H), "playing": true, "url": "",
				"assetId": "asset:" + it.File, "crop": nil, "flipX": false, "flipY": false, "altText": it.Card}))
		case textItem:
			out = append(out, tlShape(it, "text", next(), at, map[string]any{"color": tlTones[it.Tone], "size": tlSize(it.Size), "font": "sans",
				"textAlign": "start", "w": round(max(it.W, 8)), "richText": tlRichText(it.Text), "scale": round(it.Size / tlPx(tlSize(it.Size))), "autoSize": true}))
		case noteItem:
			out = append(out, tlShape(it, "note", next(), at, map[string]any{"color": tlTones[it.Tone], "labelColor": "black", "size": "m", "font": "sans",
				"fontSizeAdjustment": nil, "align": "middle", "verticalAlign": "middle", "growY": 0, "url": "", "richText": tlRichText(it.Text),
				"scale": 1, "textLastEditedBy": nil}))
		case barItem:
			out = append(out, tlShape(it, "geo", next(), at, map[string]any{"geo": "rectangle", "dash": "solid", "url": "", "w": round(it.W), "h": round(it.H),
				"growY": 0, "scale": 1, "flipX": false, "flipY": false, "labelColor": "black", "color": tlTones[it.Tone], "fill": "solid", "size": "s",
				"font": "sans", "align": "middle", "verticalAlign": "middle", "richText": tlRichText("")}))
		case arrowItem:
			out = append(out, tlArrow(it, b.Items, next(), at)...)
		}
	}
	return out
}

// tlPx is the size in board units of a tldraw text size at scale 1.
func tlPx(size string) float64 {
	return map[string]float64{"s": 18, "m": 24, "l": 36, "xl": 44}[size]
}

// tlArrow is an arrow shape and its two bindings, which keep it on the
// notes it joins when they move.
func tlArrow(it item, items []item, index string, at map[string]item) []tlRecord {
	from, to := find(items, it.From), find(items, it.To)
	x0, y0, x1, y1 := edgeToEdge(from, to)
	it.X, it.Y = x0, y0
	shape := tlShape(it, "arrow", index, at, map[string]any{"kind": "arc", "labelColor": "black", "color": "black", "fill": "none", "dash": "draw",
		"size": "m", "arrowheadStart": "none", "arrowheadEnd": "arrow", "font": "draw", "start": map[string]any{"x": 0, "y": 0},
		"end": map[string]any{"x": round(x1 - x0), "y": round(y1 - y0)}, "bend": 0, "richText": tlRichText(""), "labelPosition": 0.5,
		"scale": 1, "elbowMidPoint": 0.5})
	binding := func(terminal string, target item, x, y float64) tlRecord {
		nx, ny := (x-target.X)/target.W, (y-target.Y)/target.H
		return tlRecord{"id": "binding:" + it.ID + "-" + terminal, "typeName": "binding", "type": "arrow", "fromId": "shape:" + it.ID,
			"toId": "shape:" + target.ID, "props": map[string]any{"terminal": terminal, "normalizedAnchor": map[string]any{"x": round3(clamp01(nx)), "y": round3(clamp01(ny))},
				"isExact": false, "isPrecise": false, "snap": "none"}, "meta": map[string]any{}}
	}
	cx0, cy0 := from.X+from.W/2, from.Y+from.H/2
	cx1, cy1 := to.X+to.W/2, to.Y+to.H/2
	return []tlRecord{shape, binding("start", from, cx0, cy0), binding("end", to, cx1, cy1)}
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

// tlAsset is an image's asset record, its bytes drawn now.
func tlAsset(f imageFile, d *deck) (tlRecord, error) {
	data, err := d.image(f.Face)
	if err != nil {
		return nil, err
	}
	return tlRecord{"id": "asset:" + f.ID, "typeName": "asset", "type": "image", "props": map[string]any{
		"w": round(f.W), "h": round(f.H), "name": f.ID + ".svg", "isAnimated": false, "mimeType": f.Mime,
		"src": "data:" + f.Mime + ";base64," + base64.StdEncoding.EncodeToString(data)}, "meta": map[string]any{}}, nil
}

// tldrawFile writes a board as a .tldr file: the document, one page, the
// image assets, each drawn as it is written, and the shapes.
func tldrawFile(w io.Writer, b *scene, d *deck) error {
	head := []tlRecord{
		{"id": "document:document", "typeName": "document", "gridSize": 10, "name": b.Title, "meta": map[string]any{"propdeckWrittenFor": "tldraw " + tldrawRelease}},
		{"id": tlPage, "typeName": "page", "name": b.Title, "index": "a1", "meta": map[string]any{}},
	}
	shapes := tlShapes(b)
	j := &jsonOut{w: w}
	j.raw(`{"tldrawFileFormatVersion":1,"schema":`)
	j.value(tldrawSchema)
	j.raw(`,"records":`)
	j.list(len(head)+len(b.Files)+len(shapes), func(i int) (any, error) {
		switch {
		case i < len(head):
			return head[i], nil
		case i < len(head)+len(b.Files):
			return tlAsset(b.Files[i-len(head)], d)
		}
		return shapes[i-len(head)-len(b.Files)], nil
	})
	j.raw("}\n")
	return j.err
}
