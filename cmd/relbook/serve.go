package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/serve"
)

// defaultPort is Hugo's, which many static-site authors already know.
const defaultPort = 1313

func serveCommand(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("serve", stdout, stderr)
	c.register(fset)
	port := fset.Int("port", defaultPort, "port to listen on (default 1313, or a free port when 1313 is taken)")
	bind := fset.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 makes the preview reachable from other machines")
	fsys, dir, opts, err := c.parseSite(fset, args)
	if err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return fmt.Errorf("--port %d: not a port number", *port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil && !isSet(fset, "port") {
		// The default port is taken (another preview?): take any free one.
		ln, err = net.Listen("tcp", net.JoinHostPort(*bind, "0"))
	}
	if err != nil {
		return fmt.Errorf("cannot listen: %v", err)
	}
	var today func() handbook.Date
	if c.now == "" {
		today = func() handbook.Date { return handbook.DateFromTime(time.Now().UTC()) }
	}
	srvOpts := serve.Options{Dir: dir, Site: opts, Today: today, Listener: ln, Bind: *bind, Log: stdout,
		Ready: func(url string) {
			fmt.Fprintf(stdout, "relbook: serving %s at %s (Ctrl-C to stop)\n", sourceLabel(dir), url)
			// The address listened on, names resolved: --bind localhost
			// is 127.0.0.1, which no other machine reaches.
			if !serve.LoopbackOnly(ln.Addr()) {
				fmt.Fprintf(stdout, "relbook: listening on %s: other machines can reach this preview\n", *bind)
			}
			if dir == "" {
				fmt.Fprintln(stdout, "relbook: the built-in example does not change; run relbook init to start your own handbook, or use --source DIR")
			}
		}}
	if dir == "" {
		srvOpts.FS = fsys
	} else {
		srvOpts.ShowPath = func(p string) string { return userPath(dir, p) }
	}
	s, err := serve.New(srvOpts)
	if err != nil {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Run(ctx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "relbook: stopped")
	return nil
}

// isSet reports whether a flag was given on the command line.
func isSet(fset *flagSet, name string) bool {
	found := false
	fset.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}
