package serve

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// statusFor sends a GET for path naming host in the Host header ("" sends
// an HTTP/1.0 request without one) and returns the status, without
// waiting for the body: the event stream does not end.
func statusFor(t *testing.T, addr, host, path string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if host == "" {
		fmt.Fprintf(conn, "GET %s HTTP/1.0\r\n\r\n", path)
	} else {
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s for %s: %v", path, host, err)
	}
	return resp.StatusCode // the body is left unread: closing conn ends it
}

// A page of another site whose name is made to resolve to 127.0.0.1 (DNS
// rebinding) gets 403 from every route, the event stream included; the
// names and addresses the preview is reached by are answered, on any port.
func TestHostCheck(t *testing.T) {
	_, _, url, _ := start(t, smallSite)
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	_, port, _ := net.SplitHostPort(addr)
	paths := []string{"/", "/releases/v1/", "/no/such/page/", EventsPath, EventsPath + "?page=%2F"}
	for _, host := range []string{
		addr, "127.0.0.1", "localhost:" + port, "LocalHost:1", "localhost.:" + port, "docs.localhost:" + port,
		"[::1]:" + port, "[::1]", "127.0.0.2:" + port, "192.0.2.7:8080", "[2001:db8::1]:80",
	} {
		for _, p := range paths {
			if status := statusFor(t, addr, host, p); status == http.StatusForbidden {
				t.Errorf("GET %s, Host: %s: 403, want it answered", p, host)
			}
		}
	}
	for _, host := range []string{
		"evil.example", "evil.example:" + port, "EVIL.example.", "localhost.evil.example:" + port,
		"127.0.0.1.evil.example:" + port, "localhost-evil.example", "[evil.example]:" + port, "",
	} {
		for _, p := range paths {
			if status := statusFor(t, addr, host, p); status != http.StatusForbidden {
				t.Errorf("GET %s, Host: %q: %d, want 403", p, host, status)
			}
		}
	}
}

// The names allowed besides localhost and addresses: the --bind name, and
// with a wildcard address the machine's own name.
func TestAllowedHosts(t *testing.T) {
	hostname, err := os.Hostname()
	if err != nil || hostname == "" || strings.HasSuffix(hostname, ".localhost") {
		t.Skip("no host name to check")
	}
	short, _, _ := strings.Cut(hostname, ".")
	for _, c := range []struct {
		bind       string
		allowed    []string
		notAllowed []string
	}{
		{"127.0.0.1", []string{"localhost", "127.0.0.1:1313"}, []string{hostname, "preview.example"}},
		{"", []string{"localhost:1313", "[::1]:1313"}, []string{hostname, "evil.example"}},
		{"preview.example", []string{"preview.example:1313", "Preview.Example.", "localhost"}, []string{hostname, "evil.example"}},
		{"0.0.0.0", []string{hostname, strings.ToUpper(hostname) + ":1313", short + ".local:1313", "10.1.2.3:1313"}, []string{"evil.example", "preview.example"}},
		{"::", []string{hostname + ":1313"}, []string{"evil.example"}},
		{"[::]", []string{hostname + ":1313"}, []string{"evil.example"}},
	} {
		hosts := newAllowedHosts(c.bind)
		for _, h := range c.allowed {
			if !hosts.allows(h) {
				t.Errorf("bound to %q: Host %s refused", c.bind, h)
			}
		}
		for _, h := range c.notAllowed {
			if hosts.allows(h) {
				t.Errorf("bound to %q: Host %s answered", c.bind, h)
			}
		}
	}
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Bind: "preview.example", Addr: "127.0.0.1:0"}, "preview.example"},
		{Options{Addr: "127.0.0.1:1313"}, "127.0.0.1"},
		{Options{Addr: ":1313"}, "::"},
		{Options{}, ""},
	} {
		if got := listenHost(c.opts); got != c.want {
			t.Errorf("listenHost(%+v) = %q, want %q", c.opts, got, c.want)
		}
	}
}

// relbook serve warns that other machines can reach the preview only when
// they can: the address it listens on is not a loopback one. A name is
// judged by the address it resolved to.
func TestLoopbackOnly(t *testing.T) {
	for _, c := range []struct {
		listen string
		want   bool
	}{
		{"127.0.0.1:0", true},
		{"localhost:0", true},
		{"[::1]:0", true},
		{"0.0.0.0:0", false},
		{":0", false},
	} {
		ln, err := net.Listen("tcp", c.listen)
		if err != nil {
			t.Logf("cannot listen on %s here: %v", c.listen, err)
			continue
		}
		if got := LoopbackOnly(ln.Addr()); got != c.want {
			t.Errorf("listening on %s (%s): LoopbackOnly %v, want %v", c.listen, ln.Addr(), got, c.want)
		}
		ln.Close()
	}
	for _, c := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true}, {"::ffff:127.0.0.1", true},
		{"192.168.1.5", false}, {"10.0.0.1", false}, {"::", false}, {"2001:db8::1", false},
	} {
		if got := LoopbackOnly(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 1313}); got != c.want {
			t.Errorf("LoopbackOnly(%s) = %v, want %v", c.ip, got, c.want)
		}
	}
}
