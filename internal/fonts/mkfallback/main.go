// Command mkfallback makes the fallback fonts embedded in package fonts:
// the Latin part of Debian's DejaVu faces (fonts-dejavu-core), for the
// accented letters the Nanum faces lack. Run it from the repository root:
//
//	apt-get download fonts-dejavu-core && dpkg -x fonts-dejavu-core_*.deb dv
//	go run ./fonts/mkfallback dv/usr/share/fonts/truetype/dejavu
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/propdeck/propdeck/internal/fonts"
)

// files maps Debian's DejaVu files to the subsets embedded in fonts/.
var files = map[string]string{
	"DejaVuSans.ttf":      "DejaVuSans-Latin.ttf",
	"DejaVuSans-Bold.ttf": "DejaVuSans-Bold-Latin.ttf",
	"DejaVuSansMono.ttf":  "DejaVuSansMono-Latin.ttf",
}

// latin is what a fallback must print: Basic Latin, Latin-1 Supplement,
// Latin Extended-A and -B, and general punctuation and the euro sign.
func latin() []rune {
	var out []rune
	for _, span := range [][2]rune{{0x20, 0x7E}, {0xA0, 0x24F}, {0x2000, 0x206F}, {0x20AC, 0x20AC}} {
		for r := span[0]; r <= span[1]; r++ {
			out = append(out, r)
		}
	}
	return out
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./fonts/mkfallback DEJAVU_FOLDER")
		os.Exit(2)
	}
	for src, dst := range files {
		data, err := os.ReadFile(filepath.Join(os.Args[1], src))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sub, err := fonts.SubsetFile(data, latin())
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", src, err)
			os.Exit(1)
		}
		if err := os.WriteFile(filepath.Join("fonts", dst), sub, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("fonts/%s: %d bytes (from %d)\n", dst, len(sub), len(data))
	}
}
