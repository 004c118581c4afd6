package premortem_test

// The decks' fonts and QR codes answer the validator in these tests, as
// they do in the binary: package cards gives them when it is linked in.
import _ "github.com/propdeck/propdeck/internal/cards"
