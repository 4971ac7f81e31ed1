module github.com/relbook/relbook

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/alecthomas/chroma/v2 v2.27.0
	github.com/rogpeppe/go-internal v1.16.0
	github.com/yuin/goldmark v1.8.0
	github.com/yuin/goldmark-highlighting/v2 v2.0.0-20230729083705-37449abec8cc
	golang.org/x/net v0.62.0
)

require (
	github.com/arran4/golang-ical v0.3.6 // indirect
	github.com/dlclark/regexp2/v2 v2.2.1 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
