package cmdline

import "github.com/urfave/cli/v2"

// NamesOnce returns flags whose names are worked out once. urfave/cli's
// Names runs a regular expression over each name at every call, and every
// run asks, for each flag, whether it was set: for each flag not given,
// that looks through the whole list, calling Names on each flag, so a
// command of n flags runs some n² expressions before its action starts.
// The flags keep their kinds' other methods, so help and parsing are
// unchanged.
func NamesOnce(flags []cli.Flag) []cli.Flag {
	out := make([]cli.Flag, len(flags))
	for i, f := range flags {
		switch f := f.(type) {
		case *cli.BoolFlag:
			out[i] = &boolFlag{f, f.Names()}
		case *cli.StringFlag:
			out[i] = &stringFlag{f, f.Names()}
		case *cli.StringSliceFlag:
			out[i] = &stringSliceFlag{f, f.Names()}
		case *cli.GenericFlag:
			out[i] = &genericFlag{f, f.Names()}
		default:
			out[i] = f
		}
	}
	return out
}

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

func (f *boolFlag) Names() []string { return f.names }

type stringFlag struct {
	*cli.StringFlag
	names []string
}

func (f *stringFlag) Names() []string { return f.names }

type stringSliceFlag struct {
	*cli.StringSliceFlag
	names []string
}

func (f *stringSliceFlag) Names() []string { return f.names }

type genericFlag struct {
	*cli.GenericFlag
	names []string
}

func (f *genericFlag) Names() []string { return f.names }
