package serve

import (
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
)

// allowedHosts decides which requests the preview answers, by the host
// they name in their Host header. It is the defence against DNS
// rebinding: a page on evil.example whose name is made to resolve to
// 127.0.0.1 can send requests to the preview, and read the answers, as
// if it were the preview's own page; but its requests say
// "Host: evil.example", and those are refused.
//
// The rule is webpack-dev-server's (allowedHosts "auto") with the names
// made exact; Go's net/http leaves the check to the handler
// (golang/go#23993). A request may name
//
//   - an IP address, any of them: an address cannot be rebound, and a page
//     whose origin is an address reached the preview through that address;
//   - localhost, or a name under .localhost, which browsers resolve to the
//     loopback interface themselves and which no DNS server can hand out;
//   - the name the preview was told to listen on (--bind NAME);
//   - when the preview listens on every interface (0.0.0.0 or ::), the
//     machine's host name, and that name under .local (mDNS), which are
//     the names other machines of the network reach it by.
//
// Any port is accepted. A name is compared without case and without a
// trailing dot.
type allowedHosts map[string]bool

// newAllowedHosts returns the hosts for a preview listening on bind: a
// host name, an address (an unspecified one for every interface), or ""
// when it is not known, which allows no name but localhost's.
func newAllowedHosts(bind string) allowedHosts {
	allowed := allowedHosts{}
	bind = strings.Trim(bind, "[]")
	if bind == "" {
		return allowed
	}
	if ip, err := netip.ParseAddr(bind); err == nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil && name != "" {
			name = normalHost(name)
			allowed[name] = true
			short, _, _ := strings.Cut(name, ".")
			allowed[short+".local"] = true
		}
	} else if err != nil {
		allowed[normalHost(bind)] = true
	}
	return allowed
}

// listenHost is the host the preview listens on, for newAllowedHosts:
// Bind, else the host of the listener's address or of Addr.
func listenHost(opts Options) string {
	switch {
	case opts.Bind != "":
		return opts.Bind
	case opts.Listener != nil:
		host, _, _ := net.SplitHostPort(opts.Listener.Addr().String())
		return host
	case opts.Addr != "":
		host, _, _ := net.SplitHostPort(opts.Addr)
		if host == "" {
			return "::" // ":1313" listens on every interface
		}
		return host
	}
	return ""
}

// allows reports whether a request with the Host header host is answered.
func (a allowedHosts) allows(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = normalHost(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if host == "" {
		return false
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || a[host]
}

func normalHost(name string) string {
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// checkHost wraps a handler so that it answers only requests naming an
// allowed host, and 403 Forbidden every other.
func (a allowedHosts) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.allows(r.Host) {
			http.Error(w, "relbook serve: forbidden: the preview answers requests for localhost, an IP address or the name given to --bind, not for another host name (a defence against DNS rebinding)", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// LoopbackOnly reports whether a listener at addr can be reached only
// from this machine: its address is a loopback one (127.0.0.0/8, ::1).
// An address on every interface (0.0.0.0, ::) or on a network interface
// can be reached from other machines.
func LoopbackOnly(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
