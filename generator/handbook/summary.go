package handbook

// Summary is what relbook's JSON outputs say of a release wherever they
// name one: schedule.json, releases/<id>/schedule.json and
// `relbook now --json`. It is one type so that each field has one name and
// one meaning in all of them.
type Summary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Codename string `json:"codename,omitempty"`
	// Status is the release's status on the day the output is for.
	Status Status `json:"status"`
	Start  Date   `json:"start"`
	// ReleaseDate is the date of the release milestone.
	ReleaseDate Date `json:"release_date"`
	// EOL is the last day of the release's life, when it has one.
	EOL *Date `json:"eol,omitempty"`
	// Timezone is the release's zone, as an IANA name.
	Timezone string `json:"timezone"`
	// DueWeekday is the day a "week N" is due on.
	DueWeekday string `json:"due_weekday"`
	// URL is the release's schedule page on the published site.
	URL string `json:"url"`
}

// PagePath is the release's schedule page in the site: "releases/<id>/".
func (r *Release) PagePath() string { return "releases/" + r.ID + "/" }

// Summarize returns the summary of r for a site published at baseURL
// (with its trailing slash).
func Summarize(r *Release, baseURL string) Summary {
	s := Summary{
		ID: r.ID, Name: r.Name, Codename: r.Codename, Status: r.Status,
		Start: r.Start, ReleaseDate: r.ReleaseDate(), Timezone: r.Zone.String(),
		DueWeekday: r.DueWeekday.String(), URL: baseURL + r.PagePath(),
	}
	if r.HasEOL {
		eol := r.EOL
		s.EOL = &eol
	}
	return s
}

// Page is the address of the milestone's row on its release's schedule
// page, for a site published at baseURL.
func (m *Milestone) Page(r *Release, baseURL string) string {
	return baseURL + r.PagePath() + "#" + m.ID
}
