package cli

import (
	"context"
	"crypto/tls"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/text"
)

// tlsFlags serve the console over HTTPS itself, for a team without a
// reverse proxy: the certificate and key files, PEM.
func tlsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "tls-cert", Usage: "serve HTTPS with this certificate (PEM, the chain after the leaf); needs --tls-key"},
		&cli.StringFlag{Name: "tls-key", Usage: "the private key of --tls-cert (PEM)"},
	}
}

// tlsConfig reads --tls-cert and --tls-key: nil when neither is given.
// Both are read through the guarded reader, as every file is.
func tlsConfig(ctx context.Context, cmd *cli.Command) (*tls.Config, error) {
	certFile, keyFile := cmd.String("tls-cert"), cmd.String("tls-key")
	switch {
	case certFile == "" && keyFile == "":
		return nil, nil
	case certFile == "" || keyFile == "":
		return nil, usage(text.M("cli-tls-together"))
	}
	cert, err := input.Read(ctx, certFile, 1<<20)
	if err != nil {
		return nil, text.Fail("print-flag", "flag", "tls-cert", "err", err)
	}
	key, err := input.Read(ctx, keyFile, 1<<20)
	if err != nil {
		return nil, text.Fail("print-flag", "flag", "tls-key", "err", err)
	}
	pair, err := tls.X509KeyPair(cert, key)
	if err != nil {
		return nil, text.Fail("cli-tls-not-pair", "cert", certFile, "key", keyFile, "err", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}
