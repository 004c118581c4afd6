package cli

import (
	"context"
	"crypto/tls"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/input"
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
		return nil, usagef("--tls-cert and --tls-key go together: the certificate and its key")
	}
	cert, err := input.Read(ctx, certFile, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("--tls-cert: %w", err)
	}
	key, err := input.Read(ctx, keyFile, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("--tls-key: %w", err)
	}
	pair, err := tls.X509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("%s and %s are not a certificate and its key: %w", certFile, keyFile, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}
