//go:build !linux

package site

// exchange is Linux's; elsewhere swap renames twice.
func exchange(tmp, out string) error { return errNoExchange }

// hold does nothing here: without the lock, a build only removes the
// leftovers of another build into the same folder that runs at the same
// time, which then fails without touching the published site.
func hold(dir string) (release func()) { return func() {} }

func busy(dir string) bool { return false }
