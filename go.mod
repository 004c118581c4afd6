module propdeck

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/skip2/go-qrcode v0.0.0-20200617195104-da1b6568686e
)

require (
	codeberg.org/go-pdf/fpdf v0.12.0 // indirect
	github.com/urfave/cli/v3 v3.14.0 // indirect
)
