package site

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/agenda"
	"github.com/relbook/relbook/generator/handbook"
)

// TestOneReleaseShape: schedule.json and `relbook now --json` say the
// same of a release, field for field, where they share a field, and both
// link each milestone to its row on the release's page.
func TestOneReleaseShape(t *testing.T) {
	today := handbook.MustDate(2026, 11, 21)
	res, diags, err := Generate(content.FS, Options{Today: today})
	if err != nil || diags.HasErrors() {
		t.Fatalf("%v %v", err, diags.Errors())
	}
	var schedule struct {
		Releases []map[string]any `json:"releases"`
	}
	if err := json.Unmarshal(res.Files["schedule.json"], &schedule); err != nil {
		t.Fatal(err)
	}
	a, err := agenda.Build(res.Handbook, agenda.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var now struct {
		Release   map[string]any   `json:"release"`
		Deadlines []map[string]any `json:"deadlines"`
	}
	if err := json.Unmarshal(b.Bytes(), &now); err != nil {
		t.Fatal(err)
	}
	var rel map[string]any
	for _, r := range schedule.Releases {
		if r["id"] == now.Release["id"] {
			rel = r
		}
	}
	if rel == nil {
		t.Fatalf("schedule.json lacks release %v", now.Release["id"])
	}
	shared := 0
	for k, v := range now.Release {
		w, ok := rel[k]
		if !ok {
			continue
		}
		shared++
		if !jsonEqual(v, w) {
			t.Errorf("release.%s: now --json says %v, schedule.json %v", k, v, w)
		}
	}
	if shared < 9 || rel["release_date"] == nil {
		t.Errorf("only %d shared release fields: %v", shared, now.Release)
	}
	// A milestone in both: the fields they share mean the same.
	milestones := map[string]map[string]any{}
	for _, m := range rel["milestones"].([]any) {
		m := m.(map[string]any)
		milestones[m["id"].(string)] = m
	}
	if len(now.Deadlines) == 0 {
		t.Fatal("no deadline to compare")
	}
	for _, m := range now.Deadlines {
		s := milestones[m["id"].(string)]
		if s == nil {
			t.Errorf("schedule.json lacks milestone %v", m["id"])
			continue
		}
		for k, v := range m {
			if w, ok := s[k]; ok && !jsonEqual(v, w) {
				t.Errorf("milestone %v.%s: now --json says %v, schedule.json %v", m["id"], k, v, w)
			}
		}
		if m["page"] == nil || m["page"] != s["page"] {
			t.Errorf("milestone %v: page %v and %v", m["id"], m["page"], s["page"])
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
