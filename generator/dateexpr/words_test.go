package dateexpr

import "testing"

func TestWords(t *testing.T) {
	names := map[string]string{"code-freeze": "Code freeze", "release": "v3.4.0 released"}
	name := func(id string) string { return names[id] }
	for _, c := range []struct{ in, want string }{
		{"code-freeze", "Code freeze"},
		{"code-freeze - 1w", "1 week before Code freeze"},
		{"code-freeze - 2w", "2 weeks before Code freeze"},
		{"start + 10bd", "10 business days after the start"},
		{"release + 1d", "1 day after v3.4.0 released"},
		{"release - 1w - 2bd", "1 week and 2 business days before v3.4.0 released"},
		{"release - 1w + 2d", "release - 1w + 2d"},
		{"week 3", "week 3"},
		{"R-2", "R-2"},
		{"R+1", "R+1"},
		{"R-0", "R+0"},
		{"week 3 .. R-2", "from week 3 to R-2"},
		{"2026-11-02 + 1w", "1 week after Monday 2 November 2026"},
		{"kubecon", "kubecon"},
	} {
		e, err := Parse(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if got := e.Words(name); got != c.want {
			t.Errorf("%q reads %q, want %q", c.in, got, c.want)
		}
	}
}
