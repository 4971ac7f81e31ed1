package handbook

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a day on the calendar with no time and no zone: what a handbook
// author means by "2026-10-05". It counts days since 1970-01-01, so adding
// days, comparing and finding weekdays are plain integer arithmetic, and no
// machine's time zone can shift it.
type Date int32

// MinYear and MaxYear bound the dates relbook accepts, so that arithmetic on
// user input can never run away.
const (
	MinYear = 1900
	MaxYear = 9999
)

// DateOf returns the date of year, month and day; ok is false when that day
// does not exist (2026-02-30) or lies outside MinYear..MaxYear.
func DateOf(year int, month time.Month, day int) (d Date, ok bool) {
	if year < MinYear || year > MaxYear || month < 1 || month > 12 || day < 1 || day > DaysIn(year, month) {
		return 0, false
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400), true
}

// MustDate is DateOf for constants in code and tests; it panics on a day
// that does not exist.
func MustDate(year int, month time.Month, day int) Date {
	d, ok := DateOf(year, month, day)
	if !ok {
		panic(fmt.Sprintf("handbook.MustDate: no such date %04d-%02d-%02d", year, int(month), day))
	}
	return d
}

// DateFromTime returns the calendar date of t in t's own location.
func DateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DaysIn returns the number of days of a month.
func DaysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDate reads a date written as YYYY-MM-DD. Its errors say what is wrong
// in words a handbook author understands ("February 2026 has 28 days").
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
	}
	return checkedDate(s, year, month, day)
}

func checkedDate(s string, year, month, day int) (Date, error) {
	switch {
	case year < MinYear || year > MaxYear:
		return 0, fmt.Errorf("%s is outside the years %d–%d", s, MinYear, MaxYear)
	case month < 1 || month > 12:
		return 0, fmt.Errorf("%s is not a date: there is no month %d", s, month)
	case day < 1 || day > DaysIn(year, time.Month(month)):
		return 0, fmt.Errorf("%s is not a date: %s %d has %d days", s, time.Month(month), year, DaysIn(year, time.Month(month)))
	}
	return MustDate(year, time.Month(month), day), nil
}

func digits(s string) (int, bool) {
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Time returns midnight at the start of the date in loc.
func (d Date) Time(loc *time.Location) time.Time {
	y, m, day := d.YMD()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// YMD returns the year, month and day.
func (d Date) YMD() (year int, month time.Month, day int) {
	return time.Unix(int64(d)*86400, 0).UTC().Date()
}

// Year returns the year.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Weekday returns the day of the week. 1970-01-01 was a Thursday.
func (d Date) Weekday() time.Weekday {
	return time.Weekday((int(d)%7 + 7 + int(time.Thursday)) % 7)
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Monday returns the Monday of the Monday–Sunday week that contains d.
func (d Date) Monday() Date {
	return d - Date((int(d.Weekday())+6)%7)
}

// InRange reports whether the date lies within MinYear..MaxYear.
func (d Date) InRange() bool {
	y := d.Year()
	return y >= MinYear && y <= MaxYear
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string {
	y, m, day := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
	}
	b := make([]byte, 10)
	put2 := func(at, v int) { b[at], b[at+1] = byte('0'+v/10), byte('0'+v%10) }
	put2(0, y/100)
	put2(2, y%100)
	b[4] = '-'
	put2(5, int(m))
	b[7] = '-'
	put2(8, day)
	return string(b)
}

// Long writes the date as people read it: "Thursday 16 October 2025".
func (d Date) Long() string {
	y, m, day := d.YMD()
	return d.Weekday().String() + " " + strconv.Itoa(day) + " " + m.String() + " " + strconv.Itoa(y)
}

// Short writes the date compactly for tables: "Thu 16 Oct".
func (d Date) Short() string {
	_, m, day := d.YMD()
	return d.Weekday().String()[:3] + " " + strconv.Itoa(day) + " " + m.String()[:3]
}

// Medium writes the date with its year but without weekday: "16 Oct 2025".
func (d Date) Medium() string {
	y, m, day := d.YMD()
	return strconv.Itoa(day) + " " + m.String()[:3] + " " + strconv.Itoa(y)
}

// MarshalText writes YYYY-MM-DD, so dates read naturally in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// ParseWeekday reads an English weekday name, in any case, in full or as its
// first three letters.
func ParseWeekday(s string) (time.Weekday, bool) {
	for w := time.Sunday; w <= time.Saturday; w++ {
		name := w.String()
		if strings.EqualFold(s, name) || strings.EqualFold(s, name[:3]) {
			return w, true
		}
	}
	return 0, false
}
