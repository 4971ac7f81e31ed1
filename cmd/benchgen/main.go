// Command benchgen writes a synthetic release handbook the size of a large
// community's, and measures how fast relbook builds it: against Hugo, against
// the time it takes only to write the same files, and as the handbook grows.
//
//	benchgen [-releases 40 -roles 25 -tasks 80 -terms 400] OUT
//	benchgen [sizes] -hugo OUT
//	benchgen [sizes] -vs-hugo [-runs 7]
//	benchgen [sizes] -growth 10,40,160 [-runs 5]
//	benchgen [sizes] -theme-copy [-runs 7]
//
// The first form writes the handbook (package synth describes it) into the
// folder OUT, ready for `relbook build --source OUT --now 2026-11-21`; with
// -hugo it writes instead a Hugo site of the same markdown: one page per
// release and role with that role's guide as its body, plus the guides,
// with a minimal layout.
//
// -vs-hugo generates both into a temporary folder, builds relbook once
// (go build), and then runs `relbook build` and `hugo` one after the other,
// alternating which goes first, -runs times each after one warm-up run of
// each, every run into a new output folder and after a sync, so that no
// run pays for the disk writes of the one before. No output is removed
// until every run has ended: on a file system without a journal (ext4
// in that mode), creating files soon after as many were deleted is
// slower, by a margin that changes from run to run, and removing each
// output before the next run measured mostly that. Between them it times the
// floor: writing the bytes of relbook's output to an empty folder from
// memory, without rendering anything, with the code relbook writes with. It prints the medians
// of the time taken and of the processor time used (user and system, on
// every core), the ratios and the peak memory (maximum resident set size)
// of each program.
//
// -theme-copy times the handbook with the default theme against the same
// handbook with a theme of its own that overrides every template with a
// changed copy, alternating as -vs-hugo does, and prints the medians and
// their ratio: relbook makes every page one way, so a theme costs what its
// templates do, not whether they are the default ones.
//
// -growth runs relbook alone on handbooks of each given number of releases
// and prints the median time and the time per release.
//
// benchgen installs nothing. It needs the go command (to build relbook,
// from this module) and, for -vs-hugo, hugo on PATH: Debian's package
// (apt-get install hugo) is what the README's numbers were measured with.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/site"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("benchgen", flag.ContinueOnError)
	c := synth.Default
	fset.IntVar(&c.Releases, "releases", c.Releases, "releases in the handbook")
	fset.IntVar(&c.Roles, "roles", c.Roles, "role guides")
	fset.IntVar(&c.Tasks, "tasks", c.Tasks, "top-level tasks in each guide")
	fset.IntVar(&c.Terms, "terms", c.Terms, "glossary terms")
	hugoSite := fset.Bool("hugo", false, "write the Hugo site of the same markdown instead of the handbook")
	vsHugo := fset.Bool("vs-hugo", false, "compare relbook with Hugo and with the time to write the output")
	themeCopy := fset.Bool("theme-copy", false, "compare the default theme with a theme that overrides every template with a changed copy")
	growth := fset.String("growth", "", "run relbook alone on handbooks of these numbers of releases, e.g. 10,40,160")
	runs := fset.Int("runs", 7, "timed runs of each program (medians are reported)")
	relbook := fset.String("relbook", "", "relbook binary to measure (default: go build ./cmd/relbook)")
	work := fset.String("work", "", "folder for the generated sites and outputs (default: a temporary folder, removed at the end)")
	fset.Usage = func() {
		fmt.Fprint(fset.Output(), `usage: benchgen [sizes] OUT           write the handbook into OUT
       benchgen [sizes] -hugo OUT     write the Hugo site of the same markdown into OUT
       benchgen [sizes] -vs-hugo      time relbook against Hugo and the write floor
       benchgen [sizes] -growth 10,40,160
       benchgen [sizes] -theme-copy    time a copy of every template against the default theme

`)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if c.Releases < 2 || c.Roles < 1 || c.Tasks < 1 || c.Terms < 1 || *runs < 1 {
		return errors.New("need at least 2 releases, 1 role, 1 task, 1 term and 1 run")
	}
	if !*vsHugo && !*themeCopy && *growth == "" {
		if fset.NArg() != 1 {
			fset.Usage()
			return errors.New("give one output folder")
		}
		files := synth.Files(c)
		if *hugoSite {
			files = synth.Hugo(c)
		}
		return writeFiles(fset.Arg(0), files)
	}
	if fset.NArg() != 0 {
		return fmt.Errorf("unexpected argument %q", fset.Arg(0))
	}
	var sizes []int
	if *growth != "" {
		for _, s := range strings.Split(*growth, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 2 {
				return fmt.Errorf("-growth %s: give numbers of releases of 2 or more, separated by commas", *growth)
			}
			sizes = append(sizes, n)
		}
	}

	b := &bench{out: stdout, runs: *runs, relbook: *relbook}
	if err := b.needs(*vsHugo); err != nil {
		return err
	}
	dir := *work
	if dir == "" {
		tmp, err := os.MkdirTemp("", "benchgen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	b.dir = dir
	if err := b.build(); err != nil {
		return err
	}
	b.machine()
	if *vsHugo {
		if err := b.versus(c); err != nil {
			return err
		}
	}
	if *themeCopy {
		if err := b.versusCopy(c); err != nil {
			return err
		}
	}
	if len(sizes) > 0 {
		if err := b.growth(c, sizes); err != nil {
			return err
		}
	}
	return nil
}

// writeFiles writes files (slash paths) under dir.
func writeFiles(dir string, files map[string][]byte) error {
	made := map[string]bool{}
	for _, name := range synth.Names(files) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(path); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// bench is one benchmark session.
type bench struct {
	out     io.Writer
	runs    int
	dir     string
	relbook string // the binary
	hugo    string
	outputs int // output folders made so far (see output)
}

// output returns a new output folder's path, under the work folder's
// outputs/, which removeOutputs removes.
func (b *bench) output(name string) string {
	b.outputs++
	return filepath.Join(b.dir, "outputs", fmt.Sprintf("%s-%d", name, b.outputs))
}

// removeOutputs removes every output folder, once the runs are over.
func (b *bench) removeOutputs() error { return os.RemoveAll(filepath.Join(b.dir, "outputs")) }

func (b *bench) printf(format string, args ...any) { fmt.Fprintf(b.out, format, args...) }

// needs checks for the programs a session runs, and says what is missing.
func (b *bench) needs(hugo bool) error {
	var missing []string
	if b.relbook == "" {
		if _, err := exec.LookPath("go"); err != nil {
			missing = append(missing, "the go command is not on PATH: benchgen builds relbook with it (or give -relbook BINARY)")
		}
	}
	if hugo {
		path, err := exec.LookPath("hugo")
		if err != nil {
			missing = append(missing, "hugo is not on PATH: install it with apt-get install hugo (Debian's package is what the README measured)")
		}
		b.hugo = path
	}
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "; "))
	}
	return nil
}

// build builds relbook into the work folder, unless a binary was given.
func (b *bench) build() error {
	if b.relbook != "" {
		abs, err := filepath.Abs(b.relbook)
		b.relbook = abs
		return err
	}
	bin := filepath.Join(b.dir, "bin", "relbook")
	b.printf("building relbook: go build -o %s github.com/relbook/relbook/cmd/relbook\n", bin)
	cmd := exec.Command("go", "build", "-o", bin, "github.com/relbook/relbook/cmd/relbook")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build (run benchgen from the relbook module, or give -relbook BINARY): %w", err)
	}
	b.relbook = bin
	return nil
}

// machine prints what the numbers were measured on.
func (b *bench) machine() {
	cpu := "unknown CPU"
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	b.printf("machine: %s, %d cores (GOMAXPROCS %d), %s/%s, %s\n", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if b.hugo != "" {
		if v, err := exec.Command(b.hugo, "version").Output(); err == nil {
			b.printf("hugo: %s\n", strings.TrimSpace(string(v)))
		}
	}
}

// handbook writes the handbook of c under the work folder and returns its
// folder.
func (b *bench) handbook(c synth.Config) (string, error) {
	dir := filepath.Join(b.dir, fmt.Sprintf("handbook-%d", c.Releases))
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, writeFiles(dir, synth.Files(c))
}

// run is one timed run of a program.
type result struct {
	wall time.Duration
	cpu  time.Duration // user and system time, on every core
	rss  int64         // peak resident set size, bytes
}

// relbookBuild builds the handbook at src into a new folder.
func (b *bench) relbookBuild(src string) (result, string, error) {
	out := b.output("relbook")
	r, err := timed(exec.Command(b.relbook, "build", "--source", src, "--out", out, "--now", synth.Today.Format("2006-01-02")))
	return r, out, err
}

// hugoBuild builds the Hugo site at src into a new folder.
func (b *bench) hugoBuild(src string) (result, string, error) {
	out := b.output("hugo")
	cmd := exec.Command(b.hugo, "--quiet", "--minify=false", "-d", out)
	cmd.Dir = src
	r, err := timed(cmd)
	return r, out, err
}

// timed runs cmd and measures it. The disks are synced first, so that no
// run pays for the writes of the one before.
func timed(cmd *exec.Cmd) (result, error) {
	syncDisks()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	return result{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rss: maxRSS(ps)}, nil
}

// versus compares relbook with Hugo and with the floor.
func (b *bench) versus(c synth.Config) error {
	src, err := b.handbook(c)
	if err != nil {
		return err
	}
	hugoSrc := filepath.Join(b.dir, "hugo-site")
	if err := os.RemoveAll(hugoSrc); err != nil {
		return err
	}
	if err := writeFiles(hugoSrc, synth.Hugo(c)); err != nil {
		return err
	}
	b.printf("\nhandbook: %d releases × %d role guides of %d tasks, %d glossary terms: %d dated checklists\n",
		c.Releases, c.Roles, c.Tasks, c.Terms, c.Releases*c.Roles)
	// Warm up: file caches, and relbook's output for the floor.
	_, relOut, err := b.relbookBuild(src)
	if err != nil {
		return err
	}
	_, hugoOut, err := b.hugoBuild(hugoSrc)
	if err != nil {
		return err
	}
	output, err := readTree(relOut)
	if err != nil {
		return err
	}
	relFiles, relBytes := output.size()
	hugoFiles, hugoBytes, err := outputSize(hugoOut)
	if err != nil {
		return err
	}
	b.printf("relbook writes %d files, %s; hugo writes %d files, %s\n", relFiles, mb(relBytes), hugoFiles, mb(hugoBytes))
	b.printf("%d timed runs of each, alternating, each into a new folder after a sync, after one warm-up run\n", b.runs)

	var rel, hugo, floor []result
	for i := range b.runs {
		steps := []func() error{
			func() error { r, _, err := b.relbookBuild(src); rel = append(rel, r); return err },
			func() error { r, _, err := b.hugoBuild(hugoSrc); hugo = append(hugo, r); return err },
			func() error { r, err := output.write(b.output("floor")); floor = append(floor, r); return err },
		}
		// Rotate who goes first, so that no one always runs after the
		// same other.
		for k := range steps {
			if err := steps[(i+k)%len(steps)](); err != nil {
				return err
			}
		}
	}
	if err := b.removeOutputs(); err != nil {
		return err
	}
	r, h, f := median(rel, wallOf), median(hugo, wallOf), median(floor, wallOf)
	rc, hc, fc := median(rel, cpuOf), median(hugo, cpuOf), median(floor, cpuOf)
	b.printf("\n%-28s %10s %10s %10s %12s %12s\n", "", "median", "min", "max", "median CPU", "peak RSS")
	b.printf("%-28s %10s %10s %10s %12s %12s\n", "relbook build", secs(r), secs(minWall(rel)), secs(maxWall(rel)), secs(rc), mb(maxRSSOf(rel)))
	b.printf("%-28s %10s %10s %10s %12s %12s\n", "hugo", secs(h), secs(minWall(hugo)), secs(maxWall(hugo)), secs(hc), mb(maxRSSOf(hugo)))
	b.printf("%-28s %10s %10s %10s %12s %12s\n", "floor: write relbook's files", secs(f), secs(minWall(floor)), secs(maxWall(floor)), secs(fc), "")
	b.printf("\nrelbook is %.1f× faster than hugo (hugo %s / relbook %s), using %.1f× less processor time\n", h.Seconds()/r.Seconds(), secs(h), secs(r), hc.Seconds()/rc.Seconds())
	b.printf("relbook takes %.2f× the floor (relbook %s / floor %s), and %.2f× its processor time\n", r.Seconds()/f.Seconds(), secs(r), secs(f), rc.Seconds()/fc.Seconds())
	b.printf("peak RSS: relbook %s, hugo %s (%.2f×)\n", mb(maxRSSOf(rel)), mb(maxRSSOf(hugo)), float64(maxRSSOf(rel))/float64(maxRSSOf(hugo)))
	return nil
}

// growth runs relbook alone on handbooks of each number of releases.
func (b *bench) growth(c synth.Config, sizes []int) error {
	b.printf("\ngrowth: relbook alone, %d role guides of %d tasks, %d terms; %d timed runs each after a warm-up, each after a sync\n", c.Roles, c.Tasks, c.Terms, b.runs)
	b.printf("%10s %12s %10s %12s %10s %14s %12s\n", "releases", "checklists", "files", "output", "median", "per release", "peak RSS")
	for _, n := range sizes {
		c.Releases = n
		src, err := b.handbook(c)
		if err != nil {
			return err
		}
		_, out, err := b.relbookBuild(src)
		if err != nil {
			return err
		}
		files, bytes, err := outputSize(out)
		if err != nil {
			return err
		}
		var rs []result
		for range b.runs {
			r, _, err := b.relbookBuild(src)
			if err != nil {
				return err
			}
			rs = append(rs, r)
		}
		if err := b.removeOutputs(); err != nil {
			return err
		}
		m := median(rs, wallOf)
		b.printf("%10d %12d %10d %12s %10s %11.1f ms %12s\n", n, n*c.Roles, files, mb(bytes), secs(m), float64(m.Microseconds())/1000/float64(n), mb(maxRSSOf(rs)))
		if err := os.RemoveAll(src); err != nil {
			return err
		}
	}
	return nil
}

// tree is a folder's files in memory.
type tree struct {
	data map[string][]byte // by slash path
}

// readTree reads every file of an output folder into memory.
func readTree(dir string) (*tree, error) {
	t := &tree{data: map[string][]byte{}}
	err := eachOutputFile(dir, func(rel, path string, _ os.DirEntry) error {
		b, err := os.ReadFile(path)
		t.data[rel] = b
		return err
	})
	return t, err
}

func (t *tree) size() (files int, bytes int64) {
	for _, b := range t.data {
		bytes += int64(len(b))
	}
	return len(t.data), bytes
}

// outputSize counts the files of an output folder and their bytes,
// reading none of them.
func outputSize(dir string) (files int, bytes int64, err error) {
	err = eachOutputFile(dir, func(_, _ string, d os.DirEntry) error {
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

// eachOutputFile calls f for every file of an output folder but relbook's
// marker, with its slash path relative to dir and its path.
func eachOutputFile(dir string, f func(rel, path string, d os.DirEntry) error) error {
	return filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() || rel == site.Marker {
			return nil
		}
		return f(rel, path, d)
	})
}

// write is the floor: the files written into an empty folder from
// memory, with no work but writing them, by the code relbook writes its
// output with (site.Write: every folder made once, the files written on
// every core, into a new folder renamed into place).
func (t *tree) write(dir string) (result, error) {
	syncDisks()
	start, cpu := time.Now(), cpuTime()
	if err := site.Write(t.data, dir, site.WriteOptions{}); err != nil {
		return result{}, err
	}
	return result{wall: time.Since(start), cpu: cpuTime() - cpu}, nil
}

func wallOf(r result) time.Duration { return r.wall }
func cpuOf(r result) time.Duration  { return r.cpu }

// median is the median of one measure of the runs.
func median(rs []result, of func(result) time.Duration) time.Duration {
	ws := make([]time.Duration, len(rs))
	for i, r := range rs {
		ws[i] = of(r)
	}
	slices.Sort(ws)
	n := len(ws)
	if n%2 == 1 {
		return ws[n/2]
	}
	return (ws[n/2-1] + ws[n/2]) / 2
}

func minWall(rs []result) time.Duration {
	return slices.MinFunc(rs, func(a, b result) int { return int(a.wall - b.wall) }).wall
}

func maxWall(rs []result) time.Duration {
	return slices.MaxFunc(rs, func(a, b result) int { return int(a.wall - b.wall) }).wall
}

func maxRSSOf(rs []result) int64 {
	var m int64
	for _, r := range rs {
		m = max(m, r.rss)
	}
	return m
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
